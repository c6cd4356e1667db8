"""Single points of failure and what-if removals of a unit or a firm.

A measure has no lead once none of its lead (or sole) units remains; an affiliate pair such as
市国资委〔衢控集团〕 shares the lead, so removing one of the two leaves the measure led. A unit splits
the co-responsibility network when it is an articulation point of it. A firm's loss matters when it
was a chain's only leader, a segment's only firm, or a project's only investor.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from graph.analysis.coordination import co_network
from graph.analysis.igraph_view import split_sizes
from graph.analysis.index import GraphIndex
from graph.errors import NotFound, QueryError
from graph.model.lookup import Lookup

__all__ = ["Effect", "WhatIf", "whatif_remove_unit", "whatif_remove_enterprise", "single_points_of_failure"]


@dataclass(frozen=True)
class Effect:
    key: str                 # stable name, e.g. "measures_without_lead"
    title: str               # what a planner reads
    items: tuple[str, ...]
    breaks: bool             # True: something is left without an owner; False: weakened or for information


@dataclass(frozen=True)
class WhatIf:
    """What removing one unit or firm breaks. `w["measures_without_lead"]` gives that effect's items."""
    kind: str                # "unit" | "enterprise"
    subject: str
    effects: tuple[Effect, ...]

    def __getitem__(self, key: str) -> tuple[str, ...]:
        for e in self.effects:
            if e.key == key:
                return e.items
        return ()

    @property
    def breaks(self) -> bool:
        return any(e.breaks and e.items for e in self.effects)

    def lines(self, limit: int = 12) -> list[str]:
        """A readable summary: what breaks first, then what is weakened."""
        out = [f"Without {self.subject} ({self.kind}):"]
        shown = [e for e in self.effects if e.items]
        if not any(e.breaks for e in shown):
            out.append("  nothing is left without an owner.")
        for e in sorted(shown, key=lambda e: not e.breaks):
            more = f"; … {len(e.items) - limit} more" if len(e.items) > limit else ""
            tag = "BREAKS" if e.breaks else "weakens"
            out.append(f"  {tag}: {e.title} ({len(e.items)}): {'; '.join(e.items[:limit])}{more}")
        return out


def _project(ix: GraphIndex, p: str) -> str:
    return f"{ix.projects[p].get('key')} {ix.projects[p].get('name') or ''}".strip()


def _chain(ix: GraphIndex, c: str) -> str:
    return str(ix.chains[c].get("name") or ix.chains[c].get("key"))


def _segment(ix: GraphIndex, s: str) -> str:
    chain = _chain(ix, ix.segment_chain[s]) if s in ix.segment_chain else "?"
    return f"{ix.segments[s].get('name') or s} ({chain})"


def _firm(ix: GraphIndex, e: str) -> str:
    """`name (id)`, or the id alone when the firm has no other name."""
    label, key = ix.name(e), str(ix.enterprises[e].get("key"))
    return f"{label} ({key})" if label != key else key


def _resolve_unit(g, ix: GraphIndex, name: str) -> str:
    """A unit by any name people use for it (市发改委, 发改委, its full or English name), as ask finds it."""
    if name in ix.units:
        return name
    if name.startswith("Department:") and name[11:] in ix.units:
        return name[11:]
    return Lookup.cached(g).find("department", name).key


def _resolve_enterprise(g, ix: GraphIndex, name_or_id: str) -> str:
    nid = name_or_id if name_or_id.startswith("Enterprise:") else f"Enterprise:{name_or_id}"
    if nid in ix.enterprises:
        return nid
    hits = [n for n, d in ix.enterprises.items() if d.get("name") == name_or_id]
    if not hits:  # a short name (巨化), as ask finds it
        hits = [f"Enterprise:{e.key}" for e in Lookup.cached(g).matches("enterprise", name_or_id)]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise QueryError(f"{name_or_id!r} names {len(hits)} firms; use an id: "
                         f"{', '.join(sorted(ix.enterprises[h]['key'] for h in hits))}")
    close = Lookup.cached(g).suggest("enterprise", name_or_id, limit=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise NotFound("firm", name_or_id, suggestions=close, message=f"no firm with id or name {name_or_id!r}{hint}")


def whatif_remove_unit(g, name: str, *, G: nx.Graph | None = None) -> WhatIf:
    """What breaks if unit `name` stopped working on the plan and the pipeline.

    Effects (keys): measures_without_lead, milestones_without_lead, lead_shared (measures it co-leads
    with another unit, which keep a lead), network_split (units cut off from the rest of the
    co-responsibility network, one item per part), projects_unserved, steps_unserved (project steps
    only it performs, on projects others still serve), problems_unassigned (open problems only it holds),
    co_measures (measures that lose it as a co-unit).
    """
    ix = GraphIndex.of(g)
    unit = _resolve_unit(g, ix, name)
    touched = ix.unit_measures.get(unit, {})
    led = [m for m, r in touched.items() if r in ("lead", "sole")]
    orphaned = sorted((m for m in led if not ix.leads[m] - {unit}), key=ix.measure_key)
    shared = sorted((m for m in led if ix.leads[m] - {unit}), key=ix.measure_key)

    def left(m):
        others = len(ix.measure_units[m]) - 1
        if not others:
            return f"{ix.measure_label(m)} (no unit remains)"
        return f"{ix.measure_label(m)} ({others} co-unit{'s remain' if others != 1 else ' remains'}, none leads)"

    effects = [
        Effect("measures_without_lead", "measures left without a lead unit", tuple(map(left, orphaned)), True),
        Effect("milestones_without_lead", "deadlines left without a lead unit",
               tuple(ix.milestone_label(ms) for m in orphaned for ms in sorted(ix.measure_milestones.get(m, ()))),
               True),
        Effect("lead_shared", "measures it co-leads, still led by",
               tuple(f"{ix.measure_label(m)} ({'、'.join(sorted(ix.leads[m] - {unit}))})" for m in shared), False),
    ]
    # Network split: parts of its component other than the largest are cut off.
    G = co_network(ix) if G is None else G
    parts: list[list[str]] = []
    if unit in G and G.degree(unit) > 1:
        comp = nx.node_connected_component(G, unit) - {unit}
        pieces = sorted((sorted(c) for c in nx.connected_components(G.subgraph(comp))), key=lambda c: (-len(c), c))
        parts = pieces[1:]
    effects.append(Effect("network_split", "co-responsibility network splits; cut off",
                          tuple(f"{len(p)} unit{'s' if len(p) != 1 else ''}: {'、'.join(p)}" for p in parts), True))
    served = ix.unit_projects.get(unit, {})
    unserved = sorted(p for p in served if set(ix.project_units[p]) == {unit})
    steps = sorted((p, s) for p in served if p not in unserved for s in served[p]
                   if s is not None and not any(s in st for u, st in ix.project_units[p].items() if u != unit))
    effects += [
        Effect("projects_unserved", "projects left with no serving unit",
               tuple(_project(ix, p) for p in unserved), True),
        Effect("steps_unserved", "project steps nobody else performs",
               tuple(f"{ix.projects[p].get('key')}: {s}" for p, s in steps), True),
        Effect("problems_unassigned", "open problems left unassigned",
               tuple(sorted(ix.problems[p].get("key") for p, us in ix.problem_units.items()
                            if us == {unit} and ix.problems[p].get("status") == "open")), True),
        Effect("co_measures", "measures that lose a co-unit",
               tuple(map(ix.measure_label, sorted((m for m, r in touched.items() if r == "co"), key=ix.measure_key))),
               False),
    ]
    return WhatIf("unit", unit, tuple(effects))


def whatif_remove_enterprise(g, name_or_id: str) -> WhatIf:
    """What breaks if a firm (id or exact name) left.

    Effects (keys): chains_without_leader, leader_shared (chains it co-leads), segments_emptied
    (segments where it was the only firm), segments_starved (downstream segments all of whose feeding
    segments are now empty), projects_without_investor, open_problems (open problems it raised).
    """
    ix = GraphIndex.of(g)
    e = _resolve_enterprise(g, ix, name_or_id)
    led = ix.led_chains.get(e, set())
    emptied = {s for s in ix.firm_segments.get(e, ()) if ix.operators[s] == {e}}

    def empty_after(s: str) -> bool:
        return s in emptied or not ix.operators.get(s)

    starved = {t for s in emptied for t in ix.feeds.get(s, ())
               if all(empty_after(f) for f in ix.fed_by[t]) and not empty_after(t)}
    projects = sorted(p for p in ix.firm_projects.get(e, ()) if ix.investors[p] == {e})
    effects = (
        Effect("chains_without_leader", "chains left without a leader firm",
               tuple(sorted(_chain(ix, c) for c in led if ix.leaders[c] == {e})), True),
        Effect("leader_shared", "chains it co-leads, still led by",
               tuple(sorted(f"{_chain(ix, c)} ({'、'.join(sorted(ix.name(x) for x in ix.leaders[c] - {e}))})"
                            for c in led if ix.leaders[c] - {e})), False),
        Effect("segments_emptied", "segments left without any firm",
               tuple(sorted(_segment(ix, x) for x in emptied)), True),
        Effect("segments_starved", "downstream segments whose every supplier segment is now empty",
               tuple(sorted(_segment(ix, x) for x in starved)), False),
        Effect("projects_without_investor", "projects left without an investor",
               tuple(_project(ix, p) for p in projects), True),
        Effect("open_problems", "open problems it raised",
               tuple(sorted(ix.problems[p].get("key") for p in ix.firm_problems.get(e, ())
                            if ix.problems[p].get("status") == "open")), False),
    )
    return WhatIf("enterprise", _firm(ix, e), effects)


def single_points_of_failure(g, *, G: nx.Graph | None = None) -> pd.DataFrame:
    """Every unit and firm whose removal breaks something, computed in one pass (no removal per candidate).

    Columns: kind (unit / enterprise), name, measures_without_lead, network_parts (parts its network
    component falls into without it; 0 when it splits nothing), chains_without_leader, segments_emptied,
    summary. Units first, then by what breaks (most first), then name.
    """
    ix = GraphIndex.of(g)
    G = co_network(ix) if G is None else G
    sole_lead = Counter(next(iter(ls)) for ls in ix.leads.values() if len(ls) == 1)
    parts = split_sizes(G)
    rows = []
    for u in sorted(set(sole_lead) | set(parts)):
        n, p = sole_lead.get(u, 0), parts.get(u, 0)
        said = [f"sole lead of {n} measure{'s' if n != 1 else ''}"] if n else []
        said += [f"splits the co-responsibility network into {p} parts"] if p else []
        rows.append({"kind": "unit", "name": u, "measures_without_lead": n, "network_parts": p,
                     "chains_without_leader": 0, "segments_emptied": 0, "summary": "; ".join(said), "_w": n + p})
    sole_leader = Counter(next(iter(fs)) for c, fs in ix.leaders.items() if len(fs) == 1)
    sole_firm = Counter(next(iter(fs)) for s, fs in ix.operators.items() if len(fs) == 1)
    for e in sorted(set(sole_leader) | set(sole_firm)):
        c, s = sole_leader.get(e, 0), sole_firm.get(e, 0)
        said = [f"only leader of {c} chain{'s' if c != 1 else ''}"] if c else []
        said += [f"only firm in {s} segment{'s' if s != 1 else ''}"] if s else []
        rows.append({"kind": "enterprise", "name": _firm(ix, e), "measures_without_lead": 0, "network_parts": 0,
                     "chains_without_leader": c, "segments_emptied": s, "summary": "; ".join(said), "_w": c + s})
    rows.sort(key=lambda r: (r["kind"] != "unit", -r["_w"], r["name"]))
    cols = ["kind", "name", "measures_without_lead", "network_parts", "chains_without_leader", "segments_emptied",
            "summary"]
    return pd.DataFrame([{c: r[c] for c in cols} for r in rows], columns=cols)
