"""Analyses on the real plan, against figures counted by hand from the text."""
from __future__ import annotations

import datetime as dt

import pytest

from graph.analysis.whatif import whatif_remove_unit
from graph.analysis.workload import ranked_units, unit_loads
from graph.model.dataset import load_graph
from graph.named import run_embedded


@pytest.fixture(scope="module")
def plan():
    return load_graph()[0]


def test_business_environment_office_touches_15_measures(plan):
    # 市营商办 appears in the lists of measures 1 4 5 7 8 9 10 13 14 15 16 20 23 24 25;
    # 市市场监管局 in 5 8 11 12 16 17 18 19 20 21 22.
    rows = {r["department"]: r for r in run_embedded(plan, "department_workload", {})}
    assert (rows["市营商办"]["measures"], rows["市市场监管局"]["measures"]) == (15, 11)


def test_market_regulation_leads_four_measures(plan):
    # 市市场监管局 is first in measures 8, 17, 22 and the only unit of measure 12.
    led = [r["measure"] for r in run_embedded(plan, "measures_for_department", {"department": "市市场监管局"})
           if r["role"] in ("lead", "sole")]
    assert led == [8, 12, 17, 22]
    assert len(whatif_remove_unit(plan, "市市场监管局")["measures_without_lead"]) == 4


def test_workload_ranking_puts_the_two_busiest_first(plan):
    # 市营商办: 1 lead ×3 + 14 co + 19 deadlines ×0.5 + 1 target ×0.5 = 27;
    # 市市场监管局: 3 leads ×3 + 1 sole ×3 + 7 co + 8 deadlines ×0.5 + 8 targets ×0.5 = 27.
    top = ranked_units(unit_loads(plan))[:2]
    assert {(u.unit, u.score) for u in top} == {("市营商办", 27.0), ("市市场监管局", 27.0)}


def test_problem_ledger_is_read_as_it_stood_on_the_as_of_date(plan):
    from graph.analysis.problems import problems_by_chain
    full = problems_by_chain(plan)
    early = problems_by_chain(plan, as_of=dt.date(2024, 1, 1))
    later = problems_by_chain(plan, as_of=dt.date(2024, 7, 15))
    assert early.empty  # the sample ledger's first problem is raised after New Year
    assert later["problems"].sum() < full["problems"].sum()
    assert (later["oldest_open_days"].dropna() >= 0).all()
