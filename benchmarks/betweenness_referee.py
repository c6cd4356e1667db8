"""Exact-rational betweenness: the referee that the igraph-based betweenness is checked against.

Brandes' algorithm written out with `fractions.Fraction` path lengths and integer path counts, so equal
routes tie exactly; slow (pure Python, rational arithmetic), meant for graphs of a few hundred nodes.
Used by tests/test_analysis_betweenness.py and benchmarks/bench_analysis.py.
"""
from __future__ import annotations

import heapq
from fractions import Fraction

import networkx as nx

__all__ = ["referee", "exact_lengths"]


def exact_lengths(G: nx.Graph, *, weight: str = "weight", into: str = "exact") -> nx.Graph:
    """Set `into` = Fraction(1, weight) on every edge (the co-responsibility network's distance, exactly)."""
    for _u, _v, d in G.edges(data=True):
        d[into] = Fraction(1, d[weight])
    return G


def referee(G: nx.Graph, weight: str = "exact") -> dict:
    """Normalised betweenness (as networkx normalises it for undirected graphs) with exact arithmetic:
    Dijkstra on Fraction lengths `weight`, then Brandes' accumulation.

    >>> G = nx.path_graph(3)
    >>> nx.set_edge_attributes(G, Fraction(1, 2), "exact")
    >>> referee(G)[1]
    Fraction(1, 1)
    """
    nodes = list(G)
    n = len(nodes)
    bc = dict.fromkeys(nodes, Fraction(0))
    for s in nodes:
        dist, sigma, preds, order = {s: Fraction(0)}, {s: 1}, {s: []}, []
        heap, done, tie = [(Fraction(0), 0, s)], set(), 1
        while heap:
            d, _, v = heapq.heappop(heap)
            if v in done:
                continue
            done.add(v)
            order.append(v)
            for w, attrs in G[v].items():
                if w == v or w in done:
                    continue
                vw = d + attrs[weight]
                if w not in dist or vw < dist[w]:
                    dist[w], sigma[w], preds[w] = vw, sigma[v], [v]
                    heapq.heappush(heap, (vw, tie, w))
                    tie += 1
                elif vw == dist[w]:
                    sigma[w] += sigma[v]
                    preds[w].append(v)
        delta = dict.fromkeys(order, Fraction(0))
        for w in reversed(order):
            for v in preds[w]:
                delta[v] += Fraction(sigma[v], sigma[w]) * (1 + delta[w])
            if w != s:
                bc[w] += delta[w]
    scale = Fraction(1, (n - 1) * (n - 2)) if n > 2 else Fraction(1)
    return {u: b * scale for u, b in bc.items()}
