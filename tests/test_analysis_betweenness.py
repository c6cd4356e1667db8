"""Weighted betweenness (graph.analysis.brandes, python-igraph) against an exact-rational referee.

The referee (benchmarks/betweenness_referee.py) is Brandes' algorithm written out with
`fractions.Fraction` path lengths and counts, so ties are decided exactly. The graphs are tie-heavy on
purpose: distances 1/w with w in {1, 2, 3, 6} (as the co-responsibility network's 1/shared-measures),
where 1/3 + 1/3 + 1/3 = 1/2 + 1/2 = 1 and 1/3 + 1/6 = 1/2 in exact arithmetic but not always in floats.
"""
from __future__ import annotations

import random
from fractions import Fraction

import networkx as nx
import pytest

from graph.analysis import co_network, unit_betweenness
from graph.analysis.brandes import weighted_betweenness
from graph.analysis.igraph_view import bridge_pairs, split_sizes
from graph.model.build import build_graph
from benchmarks.betweenness_referee import exact_lengths, referee
from benchmarks.synth import synthetic_records

TOL = 1e-9


def tie_heavy(seed: int, n: int = 36, m: int = 80) -> nx.Graph:
    rng = random.Random(seed)
    G = nx.gnm_random_graph(n, m, seed=seed)
    if seed % 2:  # a grid piece: many equal-hop routes
        G = nx.union(G, nx.convert_node_labels_to_integers(nx.grid_2d_graph(4, 5), first_label=n))
        G.add_edge(0, n)
    G.add_nodes_from(range(-3, 0))  # isolated nodes
    for _u, _v, d in G.edges(data=True):
        d["exact"] = Fraction(1, rng.choice((1, 2, 3, 3, 6)))
        d["distance"] = float(d["exact"])
    return G


def max_err(got: dict, want: dict) -> float:
    assert got.keys() == want.keys()
    return max((abs(got[u] - float(want[u])) for u in want), default=0.0)


@pytest.mark.parametrize("seed", range(8))
def test_igraph_betweenness_equals_the_exact_referee(seed):
    G = tie_heavy(seed)
    assert max_err(weighted_betweenness(G), referee(G)) <= TOL


def test_the_referee_catches_ties_that_float_equality_misses():
    # The test above could not fail if floats never disagreed with exact arithmetic on these graphs:
    # networkx's Dijkstra (equality on float sums) is measurably off on some of them.
    errors = [max_err(nx.betweenness_centrality(G, weight="distance"), referee(G)) for G in map(tie_heavy, range(8))]
    assert max(errors) > 1e-3


def test_ties_by_hand():
    # Cycle a-b-c-e-d-a with lengths a-b 1/2, b-c 1/2, c-e 1/3, e-d 1/3, d-a 1/3 (n = 5, 10 pairs).
    # a->c: via b costs 1, via d, e costs 1: a tie, so b, d and e get 1/2 each. b->e runs via c (5/6 < 7/6),
    # b->d via a (5/6), a->e via d (2/3), c->d via e (2/3); adjacent pairs route through nobody.
    # Normalised as networkx: 2 * pair share / ((n-1)(n-2)) = share / 6.
    G = nx.Graph()
    for u, v, w in [("a", "b", 2), ("b", "c", 2), ("c", "e", 3), ("e", "d", 3), ("d", "a", 3)]:
        G.add_edge(u, v, exact=Fraction(1, w), distance=1 / w)
    want = {"a": Fraction(1, 6), "b": Fraction(1, 12), "c": Fraction(1, 6), "d": Fraction(1, 4), "e": Fraction(1, 4)}
    assert referee(G) == want
    assert max_err(weighted_betweenness(G), want) <= TOL


@pytest.mark.parametrize("n", [0, 1, 2])
def test_tiny_graphs(n):
    G = nx.path_graph(n)
    assert weighted_betweenness(G) == dict.fromkeys(G, 0.0)


def test_non_positive_lengths_are_refused():
    G = nx.path_graph(3)
    nx.set_edge_attributes(G, 0.0, "distance")
    with pytest.raises(ValueError, match="must be positive"):
        weighted_betweenness(G)


def test_province_network_is_exact():
    # A synthetic province's co-responsibility network (~200 units): exact, not sampled, equal to the referee.
    G = co_network(build_graph(*synthetic_records(scale=0.3, seed=3)))
    bc = unit_betweenness(G)
    assert bc.exact and G.number_of_nodes() > 150
    assert max_err(bc.values, referee(exact_lengths(G))) <= TOL


def test_articulation_points_and_bridges_match_networkx():
    for seed in range(4):
        G = nx.gnm_random_graph(40, 45, seed=seed)
        blocks = {}
        for comp in nx.biconnected_components(G):
            for v in comp:
                blocks[v] = blocks.get(v, 0) + 1
        assert split_sizes(G) == {v: blocks[v] for v in nx.articulation_points(G)}
        assert {frozenset(e) for e in bridge_pairs(G)} == {frozenset(e) for e in nx.bridges(G)}
