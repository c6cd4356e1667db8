"""Co-responsibility network, brokers, bridges, coordination cost and concentration.

Analysis graph network (see tests/fixtures/analysis_graph.py): triangle 市营商办(A)-市发改委(B)-市经信局(C)
with A-B weight 2, triangle C-市国资委(F)-衢控集团(G), path A-市市场监管局(D)-市司法局(H)-市法院(I).
Every shortest path is unique, so betweenness counts separated pairs (8 units: 21 unordered pairs
without the unit itself):
    A separates {D,H,I} from {B,C,F,G}: 3*4 = 12 -> 12/21;  C separates {F,G} from 5 others: 10/21;
    D separates {H,I} from 5 others: 10/21;  H separates {I} from 6 others: 6/21;  B, F, G, I: 0.
"""
from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis import (EXACT_MAX_NODES, bridges, brokers, co_network, concentration, coordination_cost, gini,
                            measure_coordination_rows, unit_betweenness)
from graph.model.build import build_graph
from loaders.records import Node, Rel
from tests.fixtures.analysis_graph import UNITS, analysis_graph

A, B, C, D, F, G, H, I = (UNITS[k] for k in "ABCDFGHI")  # noqa: E741  (letters as in the fixture's docstring)


@pytest.fixture(scope="module")
def g():
    return nx.freeze(analysis_graph())


def _graph_of(measures: dict[str, str]):
    """Units named by letters; each measure lists its units, the first leading."""
    units = sorted({u for us in measures.values() for u in us})
    nodes = [Node("Department", u) for u in units] + [Node("Measure", f"t#{m}", {"number": i})
                                                      for i, m in enumerate(measures, 1)]
    rels = [Rel("RESPONSIBLE_FOR", ("Department", u), ("Measure", f"t#{m}"),
                {"rank": r, "role": "lead" if r == 1 else "co"})
            for m, us in measures.items() for r, u in enumerate(us, 1)]
    return build_graph(nodes, rels)


def test_network_links_units_by_shared_measures_without_collective_units(g):
    net = co_network(g)
    assert sorted(net) == sorted([A, B, C, D, F, G, H, I])  # no collective unit, no unit without a measure
    weights = {frozenset((u, v)): d["weight"] for u, v, d in net.edges(data=True)}
    assert weights == {frozenset((A, B)): 2, frozenset((A, C)): 1, frozenset((B, C)): 1, frozenset((C, F)): 1,
                       frozenset((C, G)): 1, frozenset((F, G)): 1, frozenset((A, D)): 1, frozenset((D, H)): 1,
                       frozenset((H, I)): 1}
    assert net[A][B]["distance"] == 0.5 and net[A][B]["measures"] == ["Measure:fx#M1", "Measure:fx#M2"]
    assert "市级各有关部门" in co_network(g, include_collective=True)


def test_betweenness_by_hand(g):
    bc = unit_betweenness(co_network(g))
    assert bc.exact and bc.k is None
    assert bc.values == pytest.approx({A: 12 / 21, C: 10 / 21, D: 10 / 21, H: 6 / 21, B: 0, F: 0, G: 0, I: 0})


def test_weights_decide_between_equal_hop_routes():
    # Square P-Q-R-S-P; P-Q and Q-R share two measures (distance 0.5), R-S and S-P one (distance 1).
    # P->R: via Q costs 1.0, via S 2.0, so only Q lies on it; Q->S ties (1.5 via P or via R): P and R half each.
    net = co_network(_graph_of({"m1": "PQ", "m2": "PQ", "m3": "QR", "m4": "QR", "m5": "RS", "m6": "SP"}))
    assert unit_betweenness(net).values == pytest.approx({"Q": 1 / 3, "P": 1 / 6, "R": 1 / 6, "S": 0})
    # Without weights all four would be equal (1/6 each).
    assert nx.betweenness_centrality(net) == pytest.approx(dict.fromkeys("PQRS", 1 / 6))


def test_exact_up_to_the_threshold_then_sampled():
    path = nx.path_graph(12)
    nx.set_edge_attributes(path, 1.0, "distance")
    at = unit_betweenness(path, exact_max_nodes=12, k=5)
    above = unit_betweenness(path, exact_max_nodes=11, k=5, seed=7)
    assert at.exact and at.k is None
    assert not above.exact and (above.k, above.seed) == (5, 7)
    assert above.values != at.values
    assert unit_betweenness(path, exact_max_nodes=11, k=5, seed=7).values == above.values  # seeded: repeatable
    assert unit_betweenness(path, exact_max_nodes=11, k=12).exact  # k covering all nodes is exact
    assert EXACT_MAX_NODES >= 20_000  # exact on the 100k-node province (~4k units); sampling is a last resort


def test_brokers(g):
    df = brokers(g, top=None)
    # C and D tie on betweenness: C has the higher weighted degree (4 against 2); zeros by weighted degree, name
    assert df["department"].tolist() == [A, C, D, H, B, F, G, I]
    assert df["rank"].tolist() == list(range(1, 9))
    by = df.set_index("department")
    assert by.loc[A, "betweenness"] == round(12 / 21, 6)
    assert (by.loc[A, "degree"], by.loc[A, "weighted_degree"], by.loc[A, "measures"]) == (3, 4, 3)
    assert by["articulation"].to_dict() == {A: True, C: True, D: True, H: True, B: False, F: False, G: False,
                                            I: False}
    assert by.loc[A, "parts_without"] == 2 and by.loc[B, "parts_without"] == 1
    assert len(brokers(g, top=3)) == 3


def test_bridges(g):
    df = bridges(g)
    assert df[["unit_a", "unit_b", "shared", "cut_off"]].values.tolist() == [
        [D, A, 1, 3], [H, D, 1, 2], [I, H, 1, 1]]  # unit_a is on the smaller side
    assert df.loc[0, "measures"] == ["M7 畅通政企沟通"]


def test_measure_coordination_rows(g):
    # Distinct units incl. the affiliate pair and the collective unit; 市营商办 twice on M7 counts once.
    assert [(r["measure"], r["units"]) for r in measure_coordination_rows(g)] == [
        (1, 4), (3, 3), (2, 2), (5, 2), (6, 2), (7, 2), (4, 1)]
    assert measure_coordination_rows(g)[0]["title"] == "完善项目招引服务"


def test_coordination_cost(g):
    df = coordination_cost(g, top=3)
    assert df[["measure", "units", "leads", "co", "pairs", "milestones"]].values.tolist() == [
        [1, 4, A, 3, 6, 2], [3, 3, "市国资委、衢控集团", 1, 3, 1], [2, 2, B, 1, 1, 1]]


@pytest.mark.parametrize("values, expected", [
    ([5, 5, 5], 0.0), ([0, 0, 0, 8], 0.75), ([1, 2, 3, 4], 0.25), ([], 0.0), ([0, 0], 0.0),
    # the fixture's load scores: sum 48, sum((2i-n-1)*x) = 152 -> 152 / (9*48)
    ([1, 1.5, 3.5, 4, 4, 5, 7.5, 10.5, 11], 152 / 432),
])
def test_gini(values, expected):
    assert gini(values) == pytest.approx(expected)


def test_concentration(g):
    # Ranked: 市营商办 11 {M1,M2,M7}, 市市场监管局 10.5 {M4,M5,M7}, 市发改委 7.5 {M1,M2}, 市司法局 5 {M5,M6},
    # 市国资委 4 {M3}, ...; total ranked score 48, seven measures.
    df = concentration(g)
    got = {(r.metric, r.k): r.value for r in df.itertuples()}
    assert got == {("measure_share", 1): 0.4286, ("score_share", 1): 0.2292,
                   ("measure_share", 3): 0.7143, ("score_share", 3): 0.6042,
                   ("measure_share", 5): 1.0, ("score_share", 5): 0.7917,
                   ("gini_load", 9): 0.3519, ("gini_measures", 9): 0.3111}  # k=10 > 9 units: left out


@pytest.mark.parametrize("seed", range(6))
def test_exact_betweenness_equals_networkx(seed):
    # Random graphs with small integer weights (so equal-length paths occur: 1/2 + 1/2 = 1), isolated nodes
    # and several components.
    import random

    from graph.analysis.brandes import weighted_betweenness
    rng = random.Random(seed)
    net = nx.gnm_random_graph(40, 70 + 10 * seed, seed=seed)
    net.add_nodes_from(range(40, 43))
    for _u, _v, d in net.edges(data=True):
        d["distance"] = 1 / rng.choice((1, 1, 2, 2, 4))
    assert weighted_betweenness(net) == pytest.approx(nx.betweenness_centrality(net, weight="distance"), abs=1e-12)


@pytest.mark.parametrize("n", [0, 1, 2])
def test_exact_betweenness_on_tiny_graphs(n):
    from graph.analysis.brandes import weighted_betweenness
    net = nx.path_graph(n)
    assert weighted_betweenness(net) == nx.betweenness_centrality(net, weight="distance")
