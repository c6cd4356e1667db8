"""Workload and load score on the hand-made analysis graph (tests/fixtures/analysis_graph.py).

Scores with the default weights (lead 3, sole 3, co 1, milestone 0.5, target 0.5, project 0.5):
    市营商办     led M1, M7 (listed twice on M7: counts once, as lead), co M2; milestones M1x2, M2, M7 = 4;
                 target of M1 = 1; projects P1-P3 = 3          -> 6 + 1 + 2 + 0.5 + 1.5 = 11.0
    市市场监管局 sole M4, led M5, co M7; milestones 2 + 1 + 1 = 4; targets of M4 = 2; project P4
                                                                -> 3 + 3 + 1 + 2 + 1 + 0.5 = 10.5
    市发改委     led M2, co M1; milestones 3; target of M2; projects 3 -> 3 + 1 + 1.5 + 0.5 + 1.5 = 7.5
    市司法局     led M6, co M5; milestones 2                       -> 3 + 1 + 1 = 5.0
    市国资委 / 衢控集团  each leads M3 (shared rank 1); 1 undated milestone; 1 target -> 3 + 0.5 + 0.5 = 4.0
    市经信局     co M1, M3; milestones 3                           -> 2 + 1.5 = 3.5
    市法院       co M6; milestone 1                                -> 1.5
    市资源规划局 no measure; projects P1, P2                        -> 1.0
    市级各有关部门 (collective) co M1; 2 milestones                 -> 2.0, listed without a rank
"""
from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from graph.analysis import GraphIndex, Weights, ranked_units, unit_loads, workload
from tests.fixtures.analysis_graph import analysis_graph


@pytest.fixture(scope="module")
def g():
    return nx.freeze(analysis_graph())


def test_role_counts_and_milestones(g):
    loads = unit_loads(g)
    a = loads["市营商办"]
    assert (a.measures, a.led, a.co, a.sole) == (3, 2, 1, 0)  # M7 twice counts once, as lead
    assert (a.milestones, a.targets, a.projects, a.chains, a.steps) == (4, 1, 3, 2, ("代办",))
    assert a.by_month == {"2024-03": 1, "2024-06": 2, "2024-07": 1}
    d = loads["市市场监管局"]
    assert (d.measures, d.led, d.co, d.sole, d.milestones, d.targets) == (3, 1, 1, 1, 4, 2)
    f = loads["市国资委"]
    assert (f.led, f.milestones, f.undated, f.by_month, f.targets) == (1, 1, 1, {}, 1)
    assert loads["市发改委"].steps == ("环评", "立项")
    assert loads["市资源规划局"].measures == 0 and loads["市资源规划局"].projects == 2


def test_scores(g):
    scores = {u: x.score for u, x in unit_loads(g).items()}
    assert scores == {"市营商办": 11.0, "市市场监管局": 10.5, "市发改委": 7.5, "市司法局": 5.0, "市国资委": 4.0,
                      "衢控集团": 4.0, "市经信局": 3.5, "市法院": 1.5, "市资源规划局": 1.0, "市级各有关部门": 2.0}


def test_custom_weights(g):
    only_leads = Weights(lead=1, sole=1, co=0, milestone=0, target=0, project=0)
    assert unit_loads(g, only_leads)["市市场监管局"].score == 2.0


def test_ranking_excludes_collective_units(g):
    ranked = [x.unit for x in ranked_units(unit_loads(g))]
    # 市国资委 and 衢控集团 tie on score and measures: by name
    assert ranked == ["市营商办", "市市场监管局", "市发改委", "市司法局", "市国资委", "衢控集团", "市经信局", "市法院",
                      "市资源规划局"]


def test_workload_table_lists_collective_units_last_without_rank(g):
    df = workload(g)
    assert list(df.columns) == ["rank", "department", "kind", "measures", "led", "co", "sole", "milestones",
                                "by_month", "targets", "projects", "chains", "steps", "score"]
    assert df["rank"].tolist()[:9] == list(range(1, 10))
    last = df.iloc[-1]
    assert last["department"] == "市级各有关部门" and last["rank"] is pd.NA
    assert df.loc[0, "by_month"] == "2024-03:1, 2024-06:2, 2024-07:1"


def test_index_is_built_once_per_graph(g):
    assert GraphIndex.of(g) is GraphIndex.of(g)
    ix = GraphIndex.of(g)
    assert GraphIndex.of(ix) is ix
    assert ix.leads["Measure:fx#M3"] == {"市国资委", "衢控集团"}


def test_index_is_rebuilt_when_the_graph_grows():
    h = analysis_graph()
    before = GraphIndex.of(h)
    h.add_node("Department:新单位", label="Department", key="新单位", name="新单位")
    assert GraphIndex.of(h) is not before and "新单位" in GraphIndex.of(h).units
