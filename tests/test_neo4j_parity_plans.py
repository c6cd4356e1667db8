"""Parity with several plans loaded: the bundled plan and a fixture made by editing it
(tests/fixtures/plans/quzhou-2025-edited.txt: a measure removed, one added, leads, deadlines and targets
changed, the year moved to 2025). Every plan-scoped query is compared on Neo4j and networkx for all
plans, for each plan by id, and by year, with the parameter spread of test_neo4j_parity."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.named import run_embedded, run_named
from graph.named.catalogue import load_catalogue
from tests.neo4j_support import plans_dataset, typed
from tests.test_neo4j_parity import PARAMS

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[1]
PLANS = [ROOT / "data" / "quzhou-2024-business-environment-plan.txt",
         ROOT / "tests" / "fixtures" / "plans" / "quzhou-2025-edited.txt"]
PLANNED = sorted(n for n, q in load_catalogue().items() if "plan" in {p.name for p in q.params})


@pytest.fixture(scope="module")
def two_plans():
    return plans_dataset(PLANS)


@pytest.fixture(scope="module")
def loaded_two(store, two_plans):
    ds, _ = two_plans
    store.load(ds.nodes, ds.rels, wipe=True)
    return store


def test_both_plans_are_loaded(loaded_two, two_plans):
    got = run_named("plans", {}, store=loaded_two)
    assert [(r["plan"], r["year"], r["measures"]) for r in got] == [
        ("quzhou-2024-business-environment-plan", 2024, 26), ("quzhou-2025-edited", 2025, 26)]
    assert [typed(r) for r in got] == [typed(r) for r in run_embedded(two_plans[1], "plans", {})]


@pytest.mark.parametrize("name", PLANNED)
def test_same_rows_with_two_plans(name, loaded_two, two_plans):
    g = two_plans[1]
    refs = [None, "quzhou-2024-business-environment-plan", "quzhou-2025-edited", "2025"]
    both = 0
    for params in PARAMS[name](g):
        for ref in refs:
            p = {**params, "plan": ref}
            want = run_embedded(g, name, p)
            got = run_named(name, p, store=loaded_two)
            assert [typed(r) for r in got] == [typed(r) for r in want], f"{name}({p}) differs"
            both += ref is None and len({r["plan"] for r in want} - {None}) == 2
    # some parameters return rows of both plans, so the comparison really covers several plans
    assert both, name


def test_an_unknown_plan_fails_before_neo4j_runs(loaded_two):
    with pytest.raises(ValueError, match="matches no loaded plan; loaded: quzhou-2024-business-environment-plan"):
        run_named("departments_for_measure", {"measure": 9, "plan": "2031"}, store=loaded_two)


def test_plan_qualified_done_tokens(loaded_two, two_plans):
    g = two_plans[1]
    done = ["quzhou-2025-edited#M9-D1", "quzhou-2024-business-environment-plan#M1", "M2"]
    for ref in (None, "2025"):
        p = {"as_of": "2026-01-01", "done": done, "plan": ref}
        want = run_embedded(g, "overdue_milestones", p)
        assert [typed(r) for r in run_named("overdue_milestones", p, store=loaded_two)] == [typed(r) for r in want]
        assert "quzhou-2025-edited#M9-D1" not in {r["milestone"] for r in want}
        assert "quzhou-2025-edited#M9-D2" in {r["milestone"] for r in want}
