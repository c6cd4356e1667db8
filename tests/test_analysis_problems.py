"""Problem ledger (问题清单) on the analysis graph.

    unit          problems            open  closed  closure rate  days to close     median
    市营商办      Q1, Q2, Q6          1     2       2/3 = 0.6667  10 (Q1), 30 (Q2)  20
    市发改委      Q2, Q3, Q4          2     1       1/3 = 0.3333  30                30
    市市场监管局  Q5                  0     1       1.0           5                 5
    市资源规划局  Q7                  0     1       1.0           7                 7
    chain 新能源: Q1, Q2, Q6, Q7 (open Q6);  新材料: Q3, Q4, Q5, Q7 (open Q3, Q4). Q7 is filed under both.
"""
from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from graph.analysis import open_problem_rows, problem_closure_rows, problems_by_chain, problems_by_unit
from graph.analysis.problems import round_half_up
from tests.fixtures.analysis_graph import analysis_graph

NEW_MATERIALS = [("新材料", "市发改委", 2, 0, 2), ("新材料", "市市场监管局", 0, 1, 1),
                 ("新材料", "市资源规划局", 0, 1, 1)]
NEW_ENERGY = [("新能源", "市发改委", 0, 1, 1), ("新能源", "市营商办", 1, 2, 3), ("新能源", "市资源规划局", 0, 1, 1)]


@pytest.fixture(scope="module")
def g():
    return nx.freeze(analysis_graph())


@pytest.mark.parametrize("chain, expected", [
    (None, NEW_MATERIALS + NEW_ENERGY),  # 新材料 sorts before 新能源 (材 < 能)
    ("new-energy", NEW_ENERGY),          # by id
    ("新材料", NEW_MATERIALS),            # by name
    ("特种纸", []),
])
def test_open_problems(g, chain, expected):
    assert [tuple(r.values()) for r in open_problem_rows(g, chain)] == expected


def test_problem_closure(g):
    assert [tuple(r.values()) for r in problem_closure_rows(g)] == [
        ("市发改委", 3, 1, 0.3333), ("市市场监管局", 1, 1, 1.0), ("市营商办", 3, 2, 0.6667),
        ("市资源规划局", 1, 1, 1.0)]


def test_problems_by_unit(g):
    df = problems_by_unit(g, as_of=dt.date(2024, 7, 1))
    assert df["department"].tolist() == ["市发改委", "市营商办", "市市场监管局", "市资源规划局"]
    by = df.set_index("department")
    assert by.loc["市营商办", ["problems", "open", "closed", "closure_rate", "median_days_to_close"]].tolist() == [
        3, 1, 2, 0.6667, 20.0]
    assert by.loc["市发改委", "median_days_to_close"] == 30.0
    assert by.loc["市发改委", "oldest_open_days"] == 122  # Q3, raised 03-01
    assert "oldest_open_days" not in problems_by_unit(g).columns


def test_problems_by_chain(g):
    df = problems_by_chain(g, as_of=dt.date(2024, 7, 1))
    assert df.values.tolist() == [["新材料", 4, 2, 2, 0.5, 6.0, 122],   # days to close: Q5 5, Q7 7
                                  ["新能源", 4, 1, 3, 0.75, 10.0, 47]]  # Q1 10, Q2 30, Q7 7; Q6 raised 05-15


@pytest.mark.parametrize("x, expected", [(1 / 32, 0.0313), (2 / 3, 0.6667), (1 / 3, 0.3333), (0.5, 0.5),
                                         (1.0, 1.0), (0.00005, 0.0001), (7 / 160, 0.0438)])
def test_rounding_matches_cypher_half_up(x, expected):
    assert round_half_up(x, 4) == expected
