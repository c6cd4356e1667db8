"""Exact weighted betweenness of an undirected networkx graph, computed by python-igraph.

Same definition and normalisation as `networkx.betweenness_centrality(G, weight=..., normalized=True)`
for undirected graphs. igraph runs Brandes' algorithm in C and compares path lengths with a relative
tolerance (1e-10), so routes whose lengths are equal in exact arithmetic tie even when their float sums
differ in the last bit (1/3 + 1/3 + 1/3 against 1/1); comparing float sums for equality, as a plain
Python or networkx Dijkstra does, splits such ties arbitrarily. The tests check it against exact
rational arithmetic (`fractions.Fraction`) on tie-heavy graphs.
"""
from __future__ import annotations

import networkx as nx

from graph.analysis.igraph_view import igraph_view

__all__ = ["weighted_betweenness"]


def weighted_betweenness(G: nx.Graph, weight: str = "distance") -> dict:
    """Normalised betweenness of every node of the undirected graph `G`, shortest paths on `weight`
    (positive; a missing weight counts as 1). Self-loops lie on no shortest path and are ignored.

    Examples
    --------
    >>> P = nx.path_graph(4)
    >>> nx.set_edge_attributes(P, 1.0, "distance")
    >>> weighted_betweenness(P) == nx.betweenness_centrality(P, weight="distance")
    True
    """
    view = igraph_view(G, weight)
    n = len(view.nodes)
    if n <= 2:  # no node can lie between two others
        return dict.fromkeys(view.nodes, 0.0)
    raw = view.graph.betweenness(directed=False, weights=view.lengths if view.edges else None)
    # igraph counts each unordered pair once; networkx's normalised value is 2 * that / ((n-1)(n-2)).
    scale = 2.0 / ((n - 1) * (n - 2))
    return {u: raw[i] * scale for i, u in enumerate(view.nodes)}
