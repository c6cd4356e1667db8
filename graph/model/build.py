"""Build the networkx MultiDiGraph from loader records.

Node ids are "Label:key" (see `loaders.records.node_id`); every node carries `label` and `key`,
every edge `type` (also used as the MultiDiGraph edge key, so one edge per (u, v, type, rank)).
Records are checked against `graph.model.schema` here, so a loader bug surfaces as a clear error,
not as a node the queries never find.
"""
from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.model import schema
from loaders.records import Node, Rel

__all__ = ["build_graph", "SchemaError"]


class SchemaError(ValueError):
    """A record does not fit the schema (unknown label, dangling relationship, wrong end labels)."""


def _check_node(n: Node) -> None:
    schema.check_label(n.label)
    key_prop = schema.NODE_KEYS[n.label]
    if n.key is None or n.key == "":
        raise SchemaError(f"{n.label} node without a key ({n.props.get('source', '?')})")
    if n.props.get(key_prop, n.key) != n.key:
        raise SchemaError(f"{n.id}: property {key_prop}={n.props[key_prop]!r} differs from its key")


def build_graph(nodes: Iterable[Node], rels: Iterable[Rel]) -> nx.MultiDiGraph:
    """Return a MultiDiGraph; duplicate nodes merge (first value of each property wins).

    Parameters
    ----------
    nodes, rels : records from `loaders`.

    Examples
    --------
    >>> from loaders.records import Node, Rel
    >>> g = build_graph([Node("Chain", "c1", {"name": "新能源"}), Node("Segment", "s1", {"name": "正极"})],
    ...                 [Rel("PART_OF", ("Segment", "s1"), ("Chain", "c1"))])
    >>> sorted(g.nodes), [d["type"] for *_, d in g.edges(data=True)]
    (['Chain:c1', 'Segment:s1'], ['PART_OF'])
    """
    g = nx.MultiDiGraph()
    for n in nodes:
        _check_node(n)
        if n.id in g:
            attrs = g.nodes[n.id]
            for k, v in n.props.items():
                if attrs.get(k) in (None, "", []) and v not in (None, ""):
                    attrs[k] = v
        else:
            g.add_node(n.id, label=n.label, key=n.key, **{schema.NODE_KEYS[n.label]: n.key, **n.props})
    for r in rels:
        start_label, end_label = schema.RELATIONSHIPS.get(r.type, (None, None))
        if start_label is None:
            raise SchemaError(f"unknown relationship type {r.type!r} ({r.props.get('source', '?')})")
        if (r.start[0], r.end[0]) != (start_label, end_label):
            raise SchemaError(f"{r.type} must go {start_label}->{end_label}, got {r.start[0]}->{r.end[0]}")
        for end in (r.start_id, r.end_id):
            if end not in g:
                raise SchemaError(f"{r.type} {r.start_id}->{r.end_id}: node {end} does not exist "
                                  f"({r.props.get('source', '?')})")
        g.add_edge(r.start_id, r.end_id, key=schema.edge_key(r.type, r.props), type=r.type, **r.props)
    return g
