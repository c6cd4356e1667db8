"""The co-responsibility network as a python-igraph graph, converted once per networkx graph.

Betweenness, bridges and articulation points run in igraph's C code; the networkx graph stays the
public object the analyses take and return. The conversion is cached weakly per graph and checked
against its node and edge counts (the graphs are treated as read-only, as everywhere in `graph/`).
"""
from __future__ import annotations

import weakref
from collections import Counter
from dataclasses import dataclass

import igraph as ig
import networkx as nx

__all__ = ["IgraphView", "igraph_view", "split_sizes", "bridge_pairs"]


@dataclass(frozen=True)
class IgraphView:
    """`graph` has vertex i for `nodes[i]`; edge j joins `edges[j]` (self-loops left out) with
    `lengths[j]` taken from the edge attribute `weight` (missing means 1)."""
    graph: ig.Graph
    nodes: list
    edges: list[tuple[int, int]]
    lengths: list[float]
    weight: str
    stamp: tuple[int, int]


_CACHE: "weakref.WeakKeyDictionary[nx.Graph, dict[str, IgraphView]]" = weakref.WeakKeyDictionary()


def igraph_view(G: nx.Graph, weight: str = "distance") -> IgraphView:
    """The cached igraph twin of the undirected graph `G`; lengths must be positive."""
    stamp = (G.number_of_nodes(), G.number_of_edges())
    views = _CACHE.setdefault(G, {})
    view = views.get(weight)
    if view is not None and view.stamp == stamp:
        return view
    nodes = list(G)
    index = {u: i for i, u in enumerate(nodes)}
    edges, lengths = [], []
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        length = d.get(weight, 1)
        if not length > 0:
            raise ValueError(f"edge {u}-{v}: {weight} must be positive, got {length!r}")
        edges.append((index[u], index[v]))
        lengths.append(float(length))
    view = views[weight] = IgraphView(ig.Graph(n=len(nodes), edges=edges, directed=False), nodes, edges, lengths,
                                      weight, stamp)
    return view


def split_sizes(G: nx.Graph) -> dict:
    """For each articulation point of `G`: how many parts its component falls into without it (the number
    of biconnected blocks through it).

    >>> split_sizes(nx.star_graph(3)), split_sizes(nx.cycle_graph(4))
    ({0: 3}, {})
    """
    view = igraph_view(G)
    blocks, cut = view.graph.biconnected_components(return_articulation_points=True)
    through = Counter(v for block in blocks for v in block)
    return {view.nodes[v]: through[v] for v in cut}


def bridge_pairs(G: nx.Graph) -> list[tuple]:
    """The edges of `G` whose removal disconnects their component, as (u, v) node pairs.

    >>> sorted(map(sorted, bridge_pairs(nx.path_graph(3))))
    [[0, 1], [1, 2]]
    """
    view = igraph_view(G)
    return [(view.nodes[view.edges[j][0]], view.nodes[view.edges[j][1]]) for j in view.graph.bridges()]
