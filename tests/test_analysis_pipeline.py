"""Pipeline load and chokepoints on the analysis graph.

Serving: P1 and P2 (新能源): 市发改委 立项, 市资源规划局 用地, 市营商办 代办; P3 (新材料): 市发改委 立项 + 环评,
市营商办 代办; P4 (新能源): 市市场监管局 登记. Load scores: 市营商办 11, 市市场监管局 10.5, 市发改委 7.5,
市资源规划局 1.
"""
from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis import pipeline_chokepoints, pipeline_load_rows
from tests.fixtures.analysis_graph import analysis_graph


@pytest.fixture(scope="module")
def g():
    return nx.freeze(analysis_graph())


def test_pipeline_load_rows(g):
    assert [tuple(r.values()) for r in pipeline_load_rows(g)] == [
        ("市发改委", 3, 2, ["环评", "立项"]), ("市营商办", 3, 2, ["代办"]),
        ("市资源规划局", 2, 1, ["用地"]), ("市市场监管局", 1, 1, ["登记"])]


def test_chokepoints(g):
    df = pipeline_chokepoints(g)
    assert df[["project", "units", "max_load", "sum_load", "busiest"]].values.tolist() == [
        ["P1", 3, 11.0, 19.5, "市营商办"], ["P2", 3, 11.0, 19.5, "市营商办"],
        ["P3", 2, 11.0, 18.5, "市营商办"], ["P4", 1, 10.5, 10.5, "市市场监管局"]]
    assert df.loc[2, "serving"] == ["市发改委: 环评, 立项", "市营商办: 代办"]
    assert df.loc[0, "chains"] == ["新能源"]
    assert len(pipeline_chokepoints(g, top=2)) == 2
