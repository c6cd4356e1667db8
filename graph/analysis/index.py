"""One pass over the graph, grouped the ways the analyses need it.

A report calls a dozen analyses; each would otherwise scan every edge and filter by type.
`GraphIndex.of(g)` scans once and caches the index for the graph object (weakly, checked against the
node count and the number of adjacent pairs), so passing either a graph or an index to any analysis
costs one scan. The graph is treated as read-only, as everywhere in `graph/`.

Units are named by their Department key (`市营商办`), measures, milestones, projects and the rest by
their node id (`Measure:<plan>#M9`), which is unique across plans.
"""
from __future__ import annotations

import datetime as dt
import weakref
from collections import defaultdict
from typing import Any

import networkx as nx

from graph.errors import QueryError
from graph.memory import gc_paused

__all__ = ["GraphIndex", "ROLE_STRENGTH", "local_id", "parse_date"]

# A unit listed twice for one measure is counted once, at its strongest role.
ROLE_STRENGTH = {"sole": 0, "lead": 1, "co": 2}

_CACHE: "weakref.WeakKeyDictionary[nx.MultiDiGraph, GraphIndex]" = weakref.WeakKeyDictionary()


def _stamp(g: nx.MultiDiGraph) -> tuple[int, int]:
    """Cheap change detector: node count and adjacent pairs (counting multi-edges would walk every edge)."""
    return len(g), sum(map(len, g._adj.values()))


def local_id(node_id: str) -> str:
    """The part of a plan-qualified id after '#': `Measure:P#M9-D1` -> `M9-D1` (what status files name).

    >>> local_id("Milestone:qz2024#M9-D1"), local_id("Chain:c1")
    ('M9-D1', 'c1')
    """
    key = node_id.split(":", 1)[-1]
    return key.rsplit("#", 1)[-1]


def parse_date(value: Any, what: str) -> dt.date | None:
    """An ISO date string (or date) as a date; None or "" as None. `what` names the value in errors."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise QueryError(f"{what}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


class GraphIndex:
    """Node attributes by label and relationships grouped by type, built in one scan.

    Examples
    --------
    >>> from loaders.records import Node, Rel
    >>> from graph.model.build import build_graph
    >>> g = build_graph([Node("Department", "A"), Node("Department", "B"), Node("Measure", "P#M1", {"number": 1})],
    ...                 [Rel("RESPONSIBLE_FOR", ("Department", "A"), ("Measure", "P#M1"), {"rank": 1, "role": "lead"}),
    ...                  Rel("RESPONSIBLE_FOR", ("Department", "B"), ("Measure", "P#M1"), {"rank": 2, "role": "co"})])
    >>> ix = GraphIndex.of(g)
    >>> ix.measure_units["Measure:P#M1"], sorted(ix.leads["Measure:P#M1"])
    ({'A': 'lead', 'B': 'co'}, ['A'])
    """

    def __init__(self, g: nx.MultiDiGraph):
        with gc_paused():
            self._build(g)

    def _build(self, g: nx.MultiDiGraph) -> None:
        # No reference to `g` is kept: the cache maps graphs to indexes weakly, and a strong reference
        # from the value would keep every graph alive.
        self._stamp = _stamp(g)
        nodes: dict[str, dict[str, dict]] = defaultdict(dict)
        for n, d in g.nodes(data=True):
            nodes[d.get("label")][n] = d
        self.nodes = nodes
        # Units by name; node id -> name for the edges below.
        self.units: dict[str, dict] = {d["key"]: d for d in nodes["Department"].values()}
        uname = {n: d["key"] for n, d in nodes["Department"].items()}
        self.collective: set[str] = {u for u, d in self.units.items() if d.get("kind") == "collective"}
        self.measures = nodes["Measure"]
        self.multi_plan = len({d.get("plan") for d in self.measures.values()}) > 1
        self.milestones = nodes["Milestone"]
        self.targets = nodes["Target"]
        self.chains = nodes["Chain"]
        self.segments = nodes["Segment"]
        self.enterprises = nodes["Enterprise"]
        self.projects = nodes["Project"]
        self.problems = nodes["Problem"]

        by_type: dict[str, list[tuple[str, str, dict]]] = defaultdict(list)
        # The adjacency dicts directly: the same edges in the same order as g.edges(data=True), without
        # the view's generator layers (a third of the build at 100k nodes).
        for u, nbrs in g._adj.items():
            for v, keyed in nbrs.items():
                for d in keyed.values():
                    by_type[d["type"]].append((u, v, d))
        self.edges = by_type

        # Responsibility: strongest role per (unit, measure); leads are lead or sole.
        self.measure_units: dict[str, dict[str, str]] = {m: {} for m in self.measures}
        self.unit_measures: dict[str, dict[str, str]] = defaultdict(dict)
        for u, m, d in by_type["RESPONSIBLE_FOR"]:
            unit, role = uname[u], d.get("role") or "co"
            old = self.measure_units[m].get(unit)
            if old is None or ROLE_STRENGTH.get(role, 9) < ROLE_STRENGTH.get(old, 9):
                self.measure_units[m][unit] = role
                self.unit_measures[unit][m] = role
        self.leads: dict[str, set[str]] = {
            m: {u for u, r in us.items() if r in ("lead", "sole")} for m, us in self.measure_units.items()}

        self.measure_milestones: dict[str, list[str]] = defaultdict(list)
        for m, ms, _ in by_type["HAS_MILESTONE"]:
            self.measure_milestones[m].append(ms)
        self.due: dict[str, dt.date | None] = {
            ms: parse_date(d.get("due"), ms) for ms, d in self.milestones.items()}
        self.milestone_measure: dict[str, str] = {
            ms: m for m, mss in self.measure_milestones.items() for ms in mss}
        self.measure_targets: dict[str, list[str]] = defaultdict(list)
        for m, t, _ in by_type["HAS_TARGET"]:
            self.measure_targets[m].append(t)
        self.affiliate_of: dict[str, str] = {uname[a]: uname[b] for a, b, _ in by_type["AFFILIATE_OF"]}

        # Chains and firms.
        self.segment_chain: dict[str, str] = {s: c for s, c, _ in by_type["PART_OF"]}
        self.feeds: dict[str, set[str]] = defaultdict(set)
        self.fed_by: dict[str, set[str]] = defaultdict(set)
        for a, b, _ in by_type["FEEDS"]:
            self.feeds[a].add(b)
            self.fed_by[b].add(a)
        self.leaders: dict[str, set[str]] = defaultdict(set)      # chain -> firms
        self.led_chains: dict[str, set[str]] = defaultdict(set)   # firm -> chains
        for e, c, _ in by_type["LEADS"]:
            self.leaders[c].add(e)
            self.led_chains[e].add(c)
        self.operators: dict[str, set[str]] = defaultdict(set)    # segment -> firms
        self.firm_segments: dict[str, set[str]] = defaultdict(set)
        for e, s, _ in by_type["OPERATES_IN"]:
            self.operators[s].add(e)
            self.firm_segments[e].add(s)
        self.investors: dict[str, set[str]] = defaultdict(set)    # project -> firms
        self.firm_projects: dict[str, set[str]] = defaultdict(set)
        for e, p, _ in by_type["INVESTS_IN"]:
            self.investors[p].add(e)
            self.firm_projects[e].add(p)
        self.project_segments: dict[str, set[str]] = defaultdict(set)
        for p, s, _ in by_type["IN_SEGMENT"]:
            self.project_segments[p].add(s)
        self.project_chains: dict[str, set[str]] = {
            p: {self.segment_chain[s] for s in segs if s in self.segment_chain}
            for p, segs in self.project_segments.items()}

        # Service: unit -> project -> steps, and the reverse.
        self.unit_projects: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
        self.project_units: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
        for u, p, d in by_type["SERVES"]:
            unit, stage = uname[u], d.get("stage")
            self.unit_projects[unit][p].add(stage)
            self.project_units[p][unit].add(stage)

        # Problem ledger.
        self.problem_chains: dict[str, set[str]] = defaultdict(set)
        for p, c, _ in by_type["IN_CHAIN"]:
            self.problem_chains[p].add(c)
        self.problem_units: dict[str, set[str]] = defaultdict(set)
        for p, u, _ in by_type["ASSIGNED_TO"]:
            self.problem_units[p].add(uname[u])
        self.raised_by: dict[str, set[str]] = defaultdict(set)
        self.firm_problems: dict[str, set[str]] = defaultdict(set)
        for e, p, _ in by_type["RAISED"]:
            self.raised_by[p].add(e)
            self.firm_problems[e].add(p)

    @classmethod
    def of(cls, g: "nx.MultiDiGraph | GraphIndex") -> "GraphIndex":
        """The index of `g` (built once per graph and cached); an index is returned as is."""
        if isinstance(g, GraphIndex):
            return g
        ix = _CACHE.get(g)
        if ix is None or ix._stamp != _stamp(g):
            ix = _CACHE[g] = cls(g)
        return ix

    @staticmethod
    def _cache_clear() -> None:
        """Forget every cached index (benchmarks use it to time cold runs)."""
        _CACHE.clear()

    # Small conveniences used by several analyses.
    def measure_key(self, m: str) -> tuple:
        """Sort key: plan, then measure number, then id."""
        d = self.measures[m]
        return str(d.get("plan")), d.get("number") or 0, m

    def plan_of(self, m: str) -> str | None:
        """The id of the loaded Plan a measure belongs to (None when its Plan node is missing)."""
        pid = self.measures[m].get("plan")
        return pid if pid is not None and f"Plan:{pid}" in self.nodes["Plan"] else None

    def measure_label(self, m: str) -> str:
        """`M9 持续优化投资项目审批`, prefixed by the plan when the graph holds several plans."""
        d = self.measures[m]
        text = f"{local_id(m)} {d.get('title') or ''}".strip()
        return f"{d.get('plan')}#{text}" if self.multi_plan and d.get("plan") else text

    def milestone_label(self, ms: str) -> str:
        """`M9-D1`, or `<plan>#M9-D1` when the graph holds several plans (the local ids repeat)."""
        return ms.split(":", 1)[-1] if self.multi_plan else local_id(ms)

    def name(self, node_id: str) -> str:
        """A node's `name` property, else its key."""
        d = self.nodes[node_id.split(":", 1)[0]][node_id]
        return str(d.get("name") or d.get("key"))
