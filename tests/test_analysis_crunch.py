"""Deadline crunch on the analysis graph. Milestones per unit (every milestone of every measure it is on):
    市营商办 03:1 06:2 07:1 | 市发改委 03:1 06:2 | 市经信局 03:1 06:1 (+ M3's undated one)
    市市场监管局 06:2 07:1 09:1 | 市司法局 06:1 12:1 | 市法院 12:1 | 市级各有关部门 03:1 06:1
    市国资委, 衢控集团: only M3's undated milestone, so no month.
City-wide: 2024-06 has four deadlines (M1-D2, M2-D1, M4-D1, M5-D1) over five units; the other months one each.
"""
from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis import crunch_hotspots, crunch_matrix, peak_months, unit_month_rows
from tests.fixtures.analysis_graph import analysis_graph


@pytest.fixture(scope="module")
def g():
    return nx.freeze(analysis_graph())


def test_unit_month_rows_match_the_named_query_shape(g):
    # Ordered by department (code point order: 发 < 司 < 市 < 法 < 级 < 经 < 营), then month; collective included.
    assert [tuple(r.values())[:3] for r in unit_month_rows(g)] == [
        ("市发改委", 3, 1), ("市发改委", 6, 2),
        ("市司法局", 6, 1), ("市司法局", 12, 1),
        ("市市场监管局", 6, 2), ("市市场监管局", 7, 1), ("市市场监管局", 9, 1),
        ("市法院", 12, 1),
        ("市级各有关部门", 3, 1), ("市级各有关部门", 6, 1),
        ("市经信局", 3, 1), ("市经信局", 6, 1),
        ("市营商办", 3, 1), ("市营商办", 6, 2), ("市营商办", 7, 1)]


def test_crunch_matrix(g):
    df = crunch_matrix(g)
    months = ["2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09", "2024-10", "2024-11",
              "2024-12"]
    assert list(df.columns) == ["department", *months, "total"]  # quiet months shown too
    assert df["department"].tolist() == ["市市场监管局", "市营商办", "市发改委", "市司法局", "市经信局", "市法院"]
    row = df.set_index("department").loc["市市场监管局"]
    assert [row[m] for m in months] == [0, 0, 0, 2, 1, 0, 1, 0, 0, 0] and row["total"] == 4
    assert "市级各有关部门" not in df["department"].tolist()
    assert "市级各有关部门" in crunch_matrix(g, include_collective=True)["department"].tolist()


def test_peak_months(g):
    df = peak_months(g, min_milestones=2)
    assert df[["month", "milestones", "measures", "units"]].values.tolist() == [
        ["2024-06", 4, 4, 5], ["2024-03", 1, 1, 3], ["2024-07", 1, 1, 2], ["2024-12", 1, 1, 2], ["2024-09", 1, 1, 1]]
    assert df.loc[0, "hot_units"] == "市发改委(2)、市市场监管局(2)、市营商办(2)"
    assert (df.loc[1:, "hot_units"] == "").all()


@pytest.mark.parametrize("n, expected", [
    (2, [("市发改委", "2024-06", 2), ("市市场监管局", "2024-06", 2), ("市营商办", "2024-06", 2)]),
    (3, []),
])
def test_units_over_a_threshold(g, n, expected):
    df = crunch_hotspots(g, n)
    assert [tuple(r) for r in df[["department", "month", "milestones"]].values.tolist()] == expected


def test_hotspots_name_the_measures(g):
    df = crunch_hotspots(g, 2).set_index("department")
    assert df.loc["市市场监管局", "measures"] == ["M4 优化商事登记", "M5 优化工业产品管理"]


def test_threshold_one_lists_every_unit_month(g):
    assert len(crunch_hotspots(g, 1)) == 13  # 15 query rows minus the collective unit's two
