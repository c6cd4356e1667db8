"""The tables under a chain map: the chain's firms and the measures supporting it."""
from __future__ import annotations

import networkx as nx

from graph.present.chainmap.selection import chain_subgraph, find_chain, is_leader, out_of

__all__ = ["chain_firms", "supporting_measures"]


def chain_firms(g: nx.MultiDiGraph, chain: str) -> list[dict]:
    """Firms of the chain, leaders first, then by name: name, leader, county, listed, segments."""
    sub = chain_subgraph(g, chain)
    rows = []
    for n, d in sub.nodes(data=True):
        if d.get("label") != "Enterprise":
            continue
        segs = sorted(sub.nodes[s].get("name", s) for s in out_of(sub, n, "OPERATES_IN"))
        rows.append({"enterprise": d.get("name", d.get("key")), "chain_leader": is_leader(sub, n),
                     "county": d.get("county") or None, "listed": d.get("listed"),
                     "segments": "、".join(segs), "illustrative": d.get("illustrative"), "id": n})
    return sorted(rows, key=lambda r: (not r["chain_leader"], r["enterprise"]))


def supporting_measures(g: nx.MultiDiGraph, chain: str) -> list[dict]:
    """Plan measures that SUPPORT the chain, by plan and number, with the words that justify the link."""
    c = find_chain(g, chain)
    rows = []
    for m, _, d in g.in_edges(c, data=True):
        if d.get("type") != "SUPPORTS":
            continue
        md = g.nodes[m]
        rows.append({"measure": md.get("number"), "title": md.get("title"), "basis": d.get("basis"),
                     "rule": d.get("rule"), "plan": md.get("plan"), "id": m})
    return sorted(rows, key=lambda r: (str(r["plan"]), r["measure"] is None, r["measure"] or 0, r["id"]))
