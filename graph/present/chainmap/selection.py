"""Which part of the graph a chain map shows: the chain, its segments, firms, projects, and on request
the units serving those projects and the measures supporting the chain."""
from __future__ import annotations

import networkx as nx

from graph.errors import NotFound
from graph.model.lookup import Lookup
from loaders.records import node_id

__all__ = ["MAP_EDGES", "find_chain", "chain_subgraph", "is_leader", "in_of", "out_of"]

# Edges drawn on the map (other edges between the map's nodes, such as RESPONSIBLE_FOR between a
# serving unit and a supporting measure, belong to other views).
MAP_EDGES = ("PART_OF", "FEEDS", "LEADS", "OPERATES_IN", "INVESTS_IN", "IN_SEGMENT", "SERVES", "SUPPORTS")


def in_of(g, node, rel_type) -> list:
    return [u for u, _, d in g.in_edges(node, data=True) if d.get("type") == rel_type]


def out_of(g, node, rel_type) -> list:
    return [v for _, v, d in g.out_edges(node, data=True) if d.get("type") == rel_type]


def find_chain(g: nx.MultiDiGraph, chain: str) -> str:
    """The node id of `chain`, given as node id, key, Chinese or English name (any case).

    The one place the chain map resolves a chain; callers pass whatever the user typed or the URL held.
    """
    if chain in g and g.nodes[chain].get("label") == "Chain":
        return chain
    try:
        return node_id("Chain", Lookup.cached(g).find("chain", str(chain)).key)
    except NotFound as e:
        if e.suggestions:
            raise
        known = sorted(str(d.get("name")) for _, d in g.nodes(data=True) if d.get("label") == "Chain")
        raise NotFound("chain", chain, suggestions=[],
                       message=f"no chain {chain!r}; known chains: {', '.join(known) or 'none'}") from None


def is_leader(sub, n) -> bool:
    d = sub.nodes[n]
    return bool(d.get("chain_leader")) or sub.graph.get("chain") in out_of(sub, n, "LEADS")


def chain_subgraph(g: nx.MultiDiGraph, chain: str, *, show_units: bool = False,
                   show_measures: bool = False) -> nx.MultiDiGraph:
    """The chain, its segments, firms (leaders and those operating in a segment), projects in its
    segments, and optionally units serving those projects and measures supporting the chain.

    Only map edges (`MAP_EDGES`) are kept; node attributes are copied, so the result is a new,
    editable graph and the shared graph stays untouched.
    """
    c = find_chain(g, chain)
    segments = set(in_of(g, c, "PART_OF"))
    firms = set(in_of(g, c, "LEADS")) | {e for s in segments for e in in_of(g, s, "OPERATES_IN")}
    projects = {p for s in segments for p in in_of(g, s, "IN_SEGMENT")}
    keep = {c} | segments | firms | projects
    if show_units:
        keep |= {u for p in projects for u in in_of(g, p, "SERVES")}
    if show_measures:
        keep |= set(in_of(g, c, "SUPPORTS"))
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, dict(g.nodes[n])) for n in keep)
    _tag_plans(g, sub)
    for u, v, k, d in g.edges(keep, keys=True, data=True):
        if v in keep and d.get("type") in MAP_EDGES:
            sub.add_edge(u, v, key=k, **d)
    sub.graph["chain"] = c
    return sub


def _tag_plans(g: nx.MultiDiGraph, sub: nx.MultiDiGraph) -> None:
    """Measures of several plans on one map: each gets `plan_tag` (its plan's year, or its plan id where
    two plans share a year), so "举措9" of one plan is not taken for another's."""
    measures = [n for n, d in sub.nodes(data=True) if d.get("label") == "Measure"]
    plans = sorted({sub.nodes[n].get("plan") for n in measures} - {None})
    if len(plans) < 2:
        return
    years = {p: (g.nodes.get(f"Plan:{p}") or {}).get("year") for p in plans}
    distinct = None not in years.values() and len(set(years.values())) == len(plans)
    for n in measures:
        p = sub.nodes[n].get("plan")
        if p is not None:
            sub.nodes[n]["plan_tag"] = str(years[p]) if distinct else p
