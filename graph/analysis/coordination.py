"""Coordination bottlenecks: the co-responsibility network of units and who brokers it.

Two units are linked when they share at least one measure; the link's `weight` is the number of
measures they share and its `distance` is 1/weight, so shortest paths run along strong ties. Collective
units ("市级各有关部门") are left out: they would tie every unit to every other through one name that no
single office answers for.
"""
from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from graph.analysis.brandes import weighted_betweenness
from graph.analysis.igraph_view import bridge_pairs, split_sizes
from graph.analysis.index import GraphIndex
from graph.memory import gc_paused
from graph.analysis.workload import UnitLoad, ranked_units, unit_loads

__all__ = ["EXACT_MAX_NODES", "SAMPLE_K", "Betweenness", "co_network", "unit_betweenness", "brokers",
           "bridges", "measure_coordination_rows", "coordination_cost", "gini", "concentration"]

# Exact betweenness costs one Dijkstra per unit; past this many units, sample SAMPLE_K sources.
EXACT_MAX_NODES = 50_000
SAMPLE_K = 200


def co_network(g, *, include_collective: bool = False) -> nx.Graph:
    """Undirected graph of units that touch at least one measure. Node attribute `measures` (count);
    edge attributes `weight` (shared measures), `distance` (1/weight), `measures` (shared measure ids).

    Examples
    --------
    >>> from loaders.records import Node, Rel
    >>> from graph.model.build import build_graph
    >>> lists = {"P#M1": "AB", "P#M2": "AB", "P#M3": "BC"}
    >>> recs = [Rel("RESPONSIBLE_FOR", ("Department", u), ("Measure", m), {"rank": r, "role": "co"})
    ...         for m, us in lists.items() for r, u in enumerate(us, 1)]
    >>> g = build_graph([Node("Department", u) for u in "ABC"] + [Node("Measure", m) for m in lists], recs)
    >>> G = co_network(g)
    >>> G["A"]["B"]["weight"], G["A"]["B"]["distance"], G.has_edge("A", "C")
    (2, 0.5, False)
    """
    ix = GraphIndex.of(g)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    G = nx.Graph()
    for unit, touched in ix.unit_measures.items():
        if include_collective or unit not in ix.collective:
            G.add_node(unit, measures=len(touched))
    for m, units in ix.measure_units.items():
        members = sorted(u for u in units if u in G)
        for a, b in itertools.combinations(members, 2):
            shared[a, b].append(m)
    G.add_edges_from((a, b, {"weight": len(ms), "distance": 1 / len(ms), "measures": ms})
                     for (a, b), ms in shared.items())
    return G


@dataclass(frozen=True)
class Betweenness:
    """Normalised weighted betweenness per unit; `exact` False means `k` sampled sources (seeded)."""
    values: dict[str, float]
    exact: bool
    k: int | None = None
    seed: int | None = None


def unit_betweenness(G: nx.Graph, *, exact_max_nodes: int = EXACT_MAX_NODES, k: int = SAMPLE_K,
                     seed: int = 0) -> Betweenness:
    """Betweenness on `distance`: exact up to `exact_max_nodes` nodes (or when `k` covers every node;
    `graph.analysis.brandes`, equal to networkx's), else from `k` sampled sources (networkx's estimator,
    fixed `seed`, so runs repeat).

    Examples
    --------
    >>> P = nx.path_graph(["a", "b", "c"])
    >>> nx.set_edge_attributes(P, 1.0, "distance")
    >>> b = unit_betweenness(P)
    >>> b.exact, b.values["b"]
    (True, 1.0)
    >>> unit_betweenness(P, exact_max_nodes=2, k=2).exact
    False
    """
    n = G.number_of_nodes()
    with gc_paused():  # one Dijkstra per source allocates heaps of tuples; see gc_paused
        if n <= exact_max_nodes or k >= n:
            return Betweenness(weighted_betweenness(G, "distance"), True)
        return Betweenness(nx.betweenness_centrality(G, k=k, weight="distance", normalized=True, seed=seed),
                           False, k, seed)


def _split_sizes(G: nx.Graph) -> dict[str, int]:
    """For each articulation point: how many parts its component falls into without it.

    Removing a cut vertex leaves as many parts as there are biconnected blocks through it."""
    return split_sizes(G)


def brokers(g, *, top: int | None = 10, G: nx.Graph | None = None,
            betweenness: Betweenness | None = None) -> pd.DataFrame:
    """Units ranked as brokers: betweenness, then weighted degree, then name.

    Columns: rank, department, betweenness, degree (units it shares a measure with), weighted_degree
    (sum of shared measures over those links), measures, articulation (removing it splits the network),
    parts_without (parts its component falls into without it; 1 if none), exact (betweenness exact or
    sampled).
    """
    ix = GraphIndex.of(g)
    G = co_network(ix) if G is None else G
    bc = unit_betweenness(G) if betweenness is None else betweenness
    cut = _split_sizes(G)
    rows = [{"department": u, "betweenness": round(bc.values.get(u, 0.0), 6), "degree": G.degree(u),
             "weighted_degree": G.degree(u, weight="weight"), "measures": G.nodes[u].get("measures", 0),
             "articulation": u in cut, "parts_without": cut.get(u, 1), "exact": bc.exact} for u in G]
    rows.sort(key=lambda r: (-r["betweenness"], -r["weighted_degree"], r["department"]))
    rows = rows[:top] if top is not None else rows
    for i, r in enumerate(rows, start=1):
        r["rank"] = i
    return pd.DataFrame(rows, columns=["rank", "department", "betweenness", "degree", "weighted_degree",
                                       "measures", "articulation", "parts_without", "exact"])


def _side(G: nx.Graph, start: str, cut: tuple[str, str]) -> set[str]:
    """Nodes reachable from `start` without crossing the edge `cut`."""
    seen, stack = {start}, [start]
    a, b = cut
    while stack:
        v = stack.pop()
        for w in G[v]:
            if w not in seen and {v, w} != {a, b}:
                seen.add(w)
                stack.append(w)
    return seen


def bridges(g, *, G: nx.Graph | None = None) -> pd.DataFrame:
    """Links whose loss disconnects the network: the only tie between two groups of units.

    Columns: unit_a, unit_b (unit_a on the smaller side), shared (measures), measures, cut_off (units
    on the smaller side, unit_a included), sorted by cut_off descending.
    """
    ix = GraphIndex.of(g)
    G = co_network(ix) if G is None else G
    rows = []
    for a, b in bridge_pairs(G):
        side_a, side_b = _side(G, a, (a, b)), _side(G, b, (a, b))
        if (len(side_a), a) > (len(side_b), b):
            a, b, side_a = b, a, side_b
        d = G[a][b]
        rows.append({"unit_a": a, "unit_b": b, "shared": d["weight"],
                     "measures": [ix.measure_label(m) for m in d["measures"]], "cut_off": len(side_a)})
    rows.sort(key=lambda r: (-r["cut_off"], r["unit_a"], r["unit_b"]))
    return pd.DataFrame(rows, columns=["unit_a", "unit_b", "shared", "measures", "cut_off"])


def measure_coordination_rows(g, plan: str | None = None) -> list[dict]:
    """Rows of the named query `measure_coordination`: measure (number), title, units (distinct units on
    its list, affiliates and collective units included), plan; ordered by units desc, measure, id; only
    `plan` when given."""
    ix = GraphIndex.of(g)
    rows = []
    for m, d in ix.measures.items():
        pid = ix.plan_of(m)
        if ix.measure_units[m] and pid is not None and (plan is None or pid == plan):
            rows.append((m, {"measure": d.get("number"), "title": d.get("title"),
                             "units": len(ix.measure_units[m]), "plan": pid}))
    rows.sort(key=lambda x: (-x[1]["units"], x[1]["measure"] if x[1]["measure"] is not None else 1 << 62,
                             ix.measures[x[0]].get("id") or x[0]))
    return [r for _, r in rows]


def coordination_cost(g, *, top: int | None = 10) -> pd.DataFrame:
    """Measures with the most units to coordinate.

    Columns: plan, measure, title, units, leads, co, pairs (unit pairs that must agree: units*(units-1)/2),
    milestones. Ordered by units desc, plan, measure.
    """
    ix = GraphIndex.of(g)
    rows = []
    for m, d in ix.measures.items():
        units = ix.measure_units[m]
        n = len(units)
        rows.append({"plan": d.get("plan"), "measure": d.get("number"), "title": d.get("title"), "units": n,
                     "leads": "、".join(sorted(ix.leads[m])), "co": sum(1 for r in units.values() if r == "co"),
                     "pairs": n * (n - 1) // 2, "milestones": len(ix.measure_milestones.get(m, ()))})
    rows.sort(key=lambda r: (-r["units"], str(r["plan"]), r["measure"] or 0))
    rows = rows[:top] if top is not None else rows
    return pd.DataFrame(rows, columns=["plan", "measure", "title", "units", "leads", "co", "pairs", "milestones"])


def gini(values) -> float:
    """Gini coefficient of non-negative values: 0 when all equal, (n-1)/n when one holds everything.

    >>> gini([2, 2, 2]), gini([0, 0, 0, 4]), round(gini([1, 2, 3, 4]), 4)
    (0.0, 0.75, 0.25)
    """
    xs = sorted(float(v) for v in values)
    n, total = len(xs), sum(xs)
    if n == 0 or total == 0:
        return 0.0
    return sum((2 * i - n - 1) * x for i, x in enumerate(xs, start=1)) / (n * total)


def concentration(g, *, ks=(1, 3, 5, 10), loads: dict[str, UnitLoad] | None = None) -> pd.DataFrame:
    """How concentrated the plan is on a few units (non-collective units, ranked by load score).

    Rows (columns metric, k, value, units):
    - measure_share: share of all measures touched by at least one of the top-k units;
    - score_share: share of the total load score held by the top-k units;
    - gini_load, gini_measures: Gini of load scores and of measures touched, over all ranked units.
    """
    ix = GraphIndex.of(g)
    loads = unit_loads(ix) if loads is None else loads
    ranked = ranked_units(loads)
    total_measures = len(ix.measures)
    total_score = sum(x.score for x in ranked)
    rows = []
    for k in ks:
        if k > len(ranked):
            continue
        top = ranked[:k]
        covered = {m for x in top for m in ix.unit_measures.get(x.unit, ())}
        names = "、".join(x.unit for x in top)
        rows.append({"metric": "measure_share", "k": k,
                     "value": round(len(covered) / total_measures, 4) if total_measures else 0.0, "units": names})
        rows.append({"metric": "score_share", "k": k,
                     "value": round(sum(x.score for x in top) / total_score, 4) if total_score else 0.0,
                     "units": names})
    rows.append({"metric": "gini_load", "k": len(ranked), "value": round(gini(x.score for x in ranked), 4),
                 "units": ""})
    rows.append({"metric": "gini_measures", "k": len(ranked),
                 "value": round(gini(x.measures for x in ranked), 4), "units": ""})
    df = pd.DataFrame(rows, columns=["metric", "k", "value", "units"])
    return df
