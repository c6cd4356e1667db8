"""networkx twins of the named queries in `queries/`: same name, same parameters, same rows.

Each twin is `fn(g, **params) -> list[dict]` with dict keys equal to the query's `returns`
columns and rows in the Cypher's ORDER BY order. Parity tests run both against a real Neo4j.
"""
from __future__ import annotations

from collections.abc import Callable

import networkx as nx

__all__ = ["TWINS", "twin", "plan_of"]

Twin = Callable[..., list[dict]]
TWINS: dict[str, Twin] = {}


def twin(name: str) -> Callable[[Twin], Twin]:
    """Register `fn` as the networkx twin of `queries/<name>.cypher`."""
    def register(fn: Twin) -> Twin:
        if name in TWINS:
            raise ValueError(f"twin {name} registered twice")
        TWINS[name] = fn
        return fn
    return register


def nodes_of(g: nx.MultiDiGraph, label: str):
    """(id, attrs) of every node with `label`."""
    return ((n, d) for n, d in g.nodes(data=True) if d["label"] == label)


def out_edges(g: nx.MultiDiGraph, node: str, rel_type: str):
    """(target, attrs) of `node`'s outgoing edges of one type."""
    return ((v, d) for _, v, d in g.out_edges(node, data=True) if d["type"] == rel_type)


def in_edges(g: nx.MultiDiGraph, node: str, rel_type: str):
    """(source, attrs) of `node`'s incoming edges of one type."""
    return ((u, d) for u, _, d in g.in_edges(node, data=True) if d["type"] == rel_type)


def plan_of(g: nx.MultiDiGraph, measure: str, plan: str | None = None) -> str | None:
    """The id of the Plan node a measure belongs to (its `plan` property), or None when that node is
    missing or is not `plan` (the Cypher: `MATCH (pl:Plan {id: m.plan}) WHERE $plan IS NULL OR pl.id = $plan`)."""
    pid = g.nodes[measure].get("plan")
    if pid is None or f"Plan:{pid}" not in g or (plan is not None and pid != plan):
        return None
    return pid


# Registration happens on import of the topic modules.
from graph.named.twins import analysis, chains, plan  # noqa: E402,F401
