"""Analyses over a set of plans: scoping the graph and the per-plan breakdown, on the two-plan toy graph
(tests/fixtures/two_plans.py) and a same-year pair; expected numbers derived by hand from the fixtures."""
from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from graph.analysis.plans import plan_breakdown, plan_ids, scope
from graph.analysis.workload import unit_loads
from graph.model.build import build_graph
from loaders.records import Node, Rel
from tests.fixtures.toy_graph import toy_records
from tests.fixtures.two_plans import PLAN2, two_plan_graph, two_plan_records


@pytest.fixture(scope="module")
def two():
    return nx.freeze(two_plan_graph())


def test_scope_to_one_plan_is_that_plan_alone(two, toy):
    assert plan_ids(two) == ["toy", PLAN2]
    assert set(scope(two, ["toy"]).nodes) == set(toy.nodes)
    assert set(scope(two, ["toy"]).edges(keys=True)) == set(toy.edges(keys=True))
    only2 = scope(two, [PLAN2])
    assert sorted(n for n, d in only2.nodes(data=True) if d["label"] == "Measure") == [
        f"Measure:{PLAN2}#M1", f"Measure:{PLAN2}#M2"]
    assert "Chain:new-energy" in only2 and "Department:市住建局" in only2  # shared nodes stay
    assert scope(two, None) is two and scope(two, ["toy", PLAN2]) is two
    with pytest.raises(ValueError, match="no loaded plan nope; loaded: toy, toy2025"):
        scope(two, ["nope"])


def test_scoped_loads(two):
    # 市营商办 in toy2025: sole on M2 (3), co on M1 (1), 3 milestones (1.5), no target on M2
    assert unit_loads(scope(two, [PLAN2]))["市营商办"].score == 5.5


def test_workload_by_plan(two):
    df = plan_breakdown(two)["workload_by_plan"]
    head = [tuple(r) for r in df.head(4)[["department", "plan", "measures", "score", "total_score", "share"]]
            .itertuples(index=False)]
    # 市营商办: toy sole M7 (3) + co M1 M3 M9 (3) + 6 milestones (3) + M7's target (0.5) = 9.5; toy2025 5.5
    # 市经信局: toy lead M1 (3) + co M2 M3 (2) + 4 milestones (2) = 7 (its project is no plan's);
    #           toy2025 lead M1 (3) + 1 milestone (0.5) + M1's target (0.5) = 4
    assert head == [("市营商办", "toy", 4, 9.5, 15.0, 0.6333), ("市营商办", PLAN2, 2, 5.5, 15.0, 0.3667),
                    ("市经信局", "toy", 3, 7.0, 11.0, 0.6364), ("市经信局", PLAN2, 1, 4.0, 11.0, 0.3636)]
    assert set(df[df["plans"] == 2]["department"]) == {"市营商办", "市经信局"}


def test_months_by_plan(two):
    df = plan_breakdown(two)["months_by_plan"]
    # toy: 03 (1), 06 (3), 09 (1), 12 (1) in 2024; toy2025: 2025-06 (2), 2025-11 (1)
    assert [tuple(r) for r in df.itertuples(index=False)] == [
        ("2024-06", 3, 3, 0), ("2025-06", 2, 0, 2), ("2024-03", 1, 1, 0), ("2024-09", 1, 1, 0),
        ("2024-12", 1, 1, 0), ("2025-11", 1, 0, 1)]


def _same_year_pair():
    """toy plus plan "toyB" of the same year: one measure of 市营商办 with two June deadlines."""
    nodes, rels = toy_records()
    m = "toyB#M1"
    nodes += [Node("Plan", "toyB", {"title": "示例专项方案", "year": 2024}),
              Node("Measure", m, {"number": 1, "title": "专项任务", "plan": "toyB"}),
              Node("Milestone", f"{m}-D1", {"due": "2024-06-30"}), Node("Milestone", f"{m}-D2", {"due": "2024-06-15"})]
    rels += [Rel("RESPONSIBLE_FOR", ("Department", "市营商办"), ("Measure", m), {"rank": 1, "role": "sole"}),
             Rel("HAS_MILESTONE", ("Measure", m), ("Milestone", f"{m}-D1")),
             Rel("HAS_MILESTONE", ("Measure", m), ("Milestone", f"{m}-D2"))]
    return build_graph(nodes, rels)


def test_crunch_that_only_stacking_plans_creates():
    df = plan_breakdown(_same_year_pair())["stacked_crunch"]
    # 市营商办 in June 2024: toy M1-D2 and M9-D1 (2) + toyB's two = 4; neither plan alone reaches 3.
    # 市发改委 has 3 June deadlines in toy alone (M1-D2, M2-D1, M9-D1): a crunch without stacking.
    assert [tuple(r) for r in df.itertuples(index=False)] == [
        ("市营商办", "2024-06", 4, "toy(2)、toyB(2)", True), ("市发改委", "2024-06", 3, "toy(3)", False)]


def test_brokers_and_single_points_by_plan(two):
    out = plan_breakdown(two, top=None)
    brokers = out["brokers_by_plan"].set_index("department")
    assert list(out["brokers_by_plan"].columns) == ["rank", "department", "betweenness", "toy", PLAN2]
    # toy2025's network is one pair (市经信局 - 市营商办): nobody lies between others there
    assert brokers.loc["市营商办", PLAN2] == 0.0 and pd.isna(brokers.loc["市住建局", PLAN2])  # not in toy2025
    spof = out["single_points_by_plan"]
    # toy2025: 市经信局 leads M1 and 市营商办 owns M2, each alone
    assert [tuple(r) for r in spof[spof["plan"] == PLAN2][["name", "measures_without_lead"]]
            .itertuples(index=False)] == [("市经信局", 1), ("市营商办", 1)]


def test_records_of_two_plans_are_disjoint():
    nodes, _ = two_plan_records()
    keys = [(n.label, n.key) for n in nodes]
    assert len(keys) == len(set(keys))


def test_a_status_row_can_name_its_plan(two):
    import datetime as dt
    from graph.analysis.status import status_lights
    from graph.named import run_named
    from loaders.status import parse_status
    status = parse_status([{"item": "M1-D1", "status": "done", "plan": PLAN2}, {"item": "9", "status": "done"}],
                          file="progress.csv")
    assert status.done_ids() == {f"{PLAN2}#M1-D1", "M9"}
    lights = status_lights(two, dt.date(2025, 7, 15), status).set_index("milestone")
    by_plan = {(r.plan, m): r.light for m, r in lights.iterrows()}
    assert by_plan[PLAN2, "M1-D1"] == "done" and by_plan["toy", "M1-D1"] == "overdue"
    assert by_plan["toy", "M9-D1"] == "done" and by_plan["toy", "M9-D2"] == "done"  # the bare M9: the plan that has it
    rows = run_named("overdue_milestones", {"as_of": "2025-07-15", "done": sorted(status.done_ids())}, graph=two)
    assert [r["milestone"] for r in rows] == ["toy#M1-D1", "toy#M1-D2", "toy#M2-D1", "toy#M7-D1", f"{PLAN2}#M2-D1"]


def test_chosen_plans_by_reference(two):
    from graph.analysis.plans import chosen_plans
    assert chosen_plans(two) == ["toy", PLAN2] and chosen_plans(two, ["2025"]) == [PLAN2]
    assert chosen_plans(two, ["toy", "2025年版"]) == ["toy", PLAN2]
    with pytest.raises(ValueError, match="matches no loaded plan"):
        chosen_plans(two, ["2031"])


def test_cli_analyze_with_two_plans_adds_the_breakdowns(capsys):
    from pathlib import Path
    from graph.interface.cli import main
    root = Path(__file__).resolve().parents[1]
    plans = ["--plan", str(root / "data" / "quzhou-2024-business-environment-plan.txt"),
             "--plan", str(root / "tests" / "fixtures" / "plans" / "quzhou-2025-edited.txt")]
    assert main(["analyze", *plans, "--as-of", "2024-07-15", "--format", "json"]) == 0
    import json
    report = json.loads(capsys.readouterr().out)
    assert {"workload_by_plan", "stacked_crunch", "brokers_by_plan"} <= set(report)
    assert main(["analyze", *plans, "--plan-id", "2025", "--as-of", "2024-07-15", "--format", "json"]) == 0
    one = json.loads(capsys.readouterr().out)
    assert "workload_by_plan" not in one
    assert {r["plan"] for r in one["coordination_cost"]} == {"quzhou-2025-edited"}


def test_whatif_names_milestones_with_their_plan_when_several_are_loaded(two):
    from graph.analysis.whatif import whatif_remove_unit
    text = "\n".join(whatif_remove_unit(two, "市经信局").lines())
    # 市经信局 alone leads toy's M1 and toy2025's M1: both plans' M1-D1 lose their lead
    assert "toy#M1-D1" in text and f"{PLAN2}#M1-D1" in text
