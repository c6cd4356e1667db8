"""Plan-scoped named queries on a graph holding two plans (tests/fixtures/two_plans.py): rows carry
their plan, `plan` takes an id, a year or title words, and a reference that fits none or several plans
fails with the list of loaded plans. Expected rows are derived by hand from the fixture."""
from __future__ import annotations

import networkx as nx
import pytest

from graph.named import run_named
from graph.named.catalogue import load_catalogue
from graph.named.run import resolve_plan
from tests.fixtures.two_plans import PLAN2, two_plan_graph
from tests.test_queries import SAMPLE_PARAMS

CATALOGUE = load_catalogue()
PLANNED = sorted(n for n, q in CATALOGUE.items() if "plan" in {p.name for p in q.params})


@pytest.fixture(scope="module")
def two():
    return nx.freeze(two_plan_graph())


def test_every_measure_pillar_or_milestone_query_takes_a_plan():
    touches_plan = {n for n, q in CATALOGUE.items() if ":Measure" in q.cypher or ":Pillar" in q.cypher
                    or ":Milestone" in q.cypher}
    assert touches_plan - {"plans"} == set(PLANNED)  # `plans` lists the plans themselves
    assert all(CATALOGUE[n].returns[-1] == "plan" for n in PLANNED)


def test_same_measure_number_in_two_plans_is_told_apart(two):
    rows = run_named("departments_for_measure", {"measure": 1}, graph=two)
    assert [(r["plan"], r["rank"], r["department"]) for r in rows] == [
        ("toy", 1, "市经信局"), ("toy", 2, "市发改委"), ("toy", 3, "市营商办"), ("toy", 4, "市级各有关部门"),
        (PLAN2, 1, "市经信局"), (PLAN2, 2, "市营商办")]


@pytest.mark.parametrize("ref", ["toy2025", "2025", "2025年版", "示例方案 2025"])
def test_plan_reference_by_id_year_or_title_words(two, ref):
    rows = run_named("departments_for_measure", {"measure": 1, "plan": ref}, graph=two)
    assert [(r["plan"], r["department"], r["role"]) for r in rows] == [(PLAN2, "市经信局", "lead"),
                                                                        (PLAN2, "市营商办", "co")]


def test_unknown_plan_lists_the_loaded_ones(two):
    with pytest.raises(ValueError, match=r"'2030' matches no loaded plan; loaded: toy \(2024, 示例方案\); "
                                         r"toy2025 \(2025, 示例方案2025年版\)"):
        run_named("departments_for_measure", {"measure": 1, "plan": "2030"}, graph=two)


def test_ambiguous_plan_names_the_candidates(two):
    with pytest.raises(ValueError, match="'示例方案' matches 2 loaded plans: toy .*; toy2025 .*name one by its id"):
        run_named("milestones_due", {"plan": "示例方案"}, graph=two)


def test_busiest_in_month_one_row_per_unit_and_plan(two):
    rows = run_named("busiest_in_month", {"month": 6}, graph=two)
    assert [(r["department"], r["milestones"], r["measures"], r["plan"]) for r in rows] == [
        ("市发改委", 3, [1, 2, 9], "toy"), ("市经信局", 2, [1, 2], "toy"), ("市营商办", 2, [1, 9], "toy"),
        ("市营商办", 2, [1, 2], PLAN2), ("市资源规划局", 2, [2, 9], "toy"), ("市住建局", 1, [9], "toy"),
        ("市经信局", 1, [1], PLAN2)]


def test_workload_of_one_plan(two):
    rows = run_named("department_workload", {"plan": "2025"}, graph=two)
    assert [tuple(r.values()) for r in rows] == [
        ("市营商办", "government", 2, 0, 1, 1, 3, 0, PLAN2),   # M2 alone (no target), co on M1
        ("市经信局", "government", 1, 1, 0, 0, 1, 1, PLAN2)]   # leads M1 and owns its target


def test_plans_query(two):
    assert run_named("plans", {}, graph=two) == [
        {"plan": "toy", "title": "示例方案", "city": "衢州", "year": 2024, "issued": "2023-12-20", "measures": 5},
        {"plan": PLAN2, "title": "示例方案2025年版", "city": "衢州", "year": 2025, "issued": "2024-12-18",
         "measures": 2}]


@pytest.mark.parametrize("name", PLANNED)
def test_scoping_to_a_plan_gives_that_plan_alone(name, two, toy):
    """Rows of the two-plan graph with plan="toy" are the rows of the toy graph alone."""
    params = SAMPLE_PARAMS.get(name, {})
    assert run_named(name, {**params, "plan": "toy"}, graph=two) == run_named(name, params, graph=toy)


def test_resolve_plan_blank_means_every_plan():
    assert resolve_plan(None, []) is None and resolve_plan("  ", []) is None
    with pytest.raises(ValueError, match="no plan is loaded"):
        resolve_plan("2024", [])
