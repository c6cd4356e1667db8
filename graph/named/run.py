"""Run a named query by name on either backend: the networkx twin or Neo4j."""
from __future__ import annotations

import networkx as nx

from graph.errors import NotFound
from graph.named.catalogue import Query, load_catalogue
from graph.named.twins import TWINS

__all__ = ["get_query", "run_embedded", "run_named"]


def get_query(name: str) -> Query:
    catalogue = load_catalogue()
    if name not in catalogue:
        raise NotFound("query", name, catalogue,
                       message=None if name else "no query name given; see `python -m graph queries`")
    return catalogue[name]


def run_embedded(g: nx.MultiDiGraph, name: str, params: dict) -> list[dict]:
    query = get_query(name)
    bound = query.bind(params)
    rows = TWINS[name](g, **bound)
    return [{c: r.get(c) for c in query.returns} for r in rows]


def run_named(name: str, params: dict, *, graph: nx.MultiDiGraph | None = None, store=None) -> list[dict]:
    """Rows of `name` with `params` (strings are coerced to the declared types).

    `store` (a `graph.stores.neo4j.Neo4jStore`) takes precedence; otherwise the embedded `graph`.
    """
    if store is not None:
        query = get_query(name)
        return store.run_named(query, query.bind(params))
    if graph is None:
        raise ValueError("run_named needs a graph or a store")
    return run_embedded(graph, name, params)
