"""Every named query returns exactly the same rows on Neo4j and on the networkx twin.

The real graph is loaded once for the module. Each test covers one query and loops over a spread
of parameters drawn from the graph itself (every measure, unit and alias, pillar, month, chain,
enterprise ...), plus values that match nothing. Rows are compared with their order and with the
Python type of every value (1, 1.0 and True are different here).
"""
from __future__ import annotations

import pytest

from graph.errors import QueryError
from graph.named.catalogue import load_catalogue
from graph.named import run_embedded, run_named
from tests.neo4j_support import typed


pytestmark = pytest.mark.neo4j


def _values(g, label: str, prop: str) -> list:
    return sorted({d[prop] for _, d in g.nodes(data=True) if d["label"] == label and d.get(prop) is not None})


def _departments(g) -> list[str]:
    names = set(_values(g, "Department", "name"))
    aliases = {a for _, d in g.nodes(data=True) if d["label"] == "Department" for a in d.get("aliases") or []}
    return sorted(names | aliases) + ["没有这个单位"]


def _chains(g) -> list[str]:
    return _values(g, "Chain", "id") + _values(g, "Chain", "name") + ["no-such-chain"]


def _enterprises(g) -> list[str]:
    return _values(g, "Enterprise", "id") + _values(g, "Enterprise", "name") + ["no-such-firm"]


def _plans(g) -> list[str | None]:
    return [None, *_values(g, "Plan", "id")]  # an unknown plan fails before either backend runs


def _measures(g) -> list[int]:
    return _values(g, "Measure", "number")  # 0 and a number no plan has (99) are refused: see OUT_OF_RANGE


def _done_tokens(g) -> list[list[str] | None]:
    measures = [i.split("#")[-1] for i in _values(g, "Measure", "id")]
    milestones = [i.split("#")[-1] for i in _values(g, "Milestone", "id")]
    return [None, [], measures[:1], milestones[:1], measures[::3], milestones[::2], measures, ["M99", "M1-D99"]]


_AS_OF = ["2023-12-31", "2024-01-31", "2024-03-31", "2024-06-30", "2024-07-01", "2024-09-15", "2024-12-31",
          "2025-06-30"]
_RANGES = [("2024-01-01", "2024-03-31"), ("2024-04-01", "2024-06-30"), ("2024-06-30", "2024-06-30"),
           ("2024-07-01", "2024-12-31"), ("2023-01-01", "2025-12-31")]


def _milestone_params(g) -> list[dict]:
    params = [{}] + [{"month": m} for m in range(1, 13)]
    params += [{"start": s, "end": e} for s, e in _RANGES]
    params += [{"start": "2024-06-01"}, {"end": "2024-06-30"}, {"month": 6, "start": "2024-06-15"},
               {"month": 12, "end": "2024-12-31"}]
    return params


# query name -> graph -> the parameter dicts to compare. A query missing here fails the meta-test.
PARAMS = {
    "chains": lambda g: [{}],
    "chain_gaps": lambda g: [{}] + [{"chain": c} for c in _chains(g)],
    "chain_leaders": lambda g: [{"chain": c} for c in _chains(g)],
    "chain_overview": lambda g: [{"chain": c} for c in _chains(g)],
    "co_responsible_units": lambda g: [{"department": d} for d in _departments(g)],
    "department_workload": lambda g: [{}],
    "departments_for_measure": lambda g: [{"measure": m} for m in _measures(g)],
    "enterprise_profile": lambda g: [{"enterprise": e} for e in _enterprises(g)],
    "known_names": lambda g: [{}],
    "measure_coordination": lambda g: [{}],
    "measures_for_department": lambda g: [{"department": d} for d in _departments(g)],
    "measures_in_pillar": lambda g: [{"pillar": p} for p in range(1, 8)],
    "milestones_due": _milestone_params,
    "open_problems": lambda g: [{}] + [{"chain": c} for c in _chains(g)],
    "overdue_milestones": lambda g: [{"as_of": a, "done": d} for a in _AS_OF for d in _done_tokens(g)]
                                    + [{"as_of": "2024-06-30"}],
    "pipeline_load": lambda g: [{}],
    "plans": lambda g: [{}],
    "measure_numbers": lambda g: [{}, {"plan": "quzhou-2024-business-environment-plan"}],
    "problem_closure": lambda g: [{}],
    "projects_in_chain": lambda g: [{"chain": c} for c in _chains(g)],
    "targets_for_measure": lambda g: [{"measure": m} for m in _measures(g)],
    "unit_month_matrix": lambda g: [{}],
    "busiest_in_month": lambda g: [{"month": m} for m in range(1, 13)] + [{"month": 6, "limit": 0},
                                                                          {"month": 6, "limit": 3}],
    "unit_pairs": lambda g: [{}, {"limit": 0}, {"limit": 1}, {"limit": 5}, {"limit": 20}, {"limit": 1000}],
    "units_serving_chain": lambda g: [{"chain": c} for c in _chains(g)],
    "name_index": lambda g: [{}],
    "milestones_for_measure": lambda g: [{"measure": m, "plan": p} for m in _measures(g) for p in _plans(g)],
    "leads_for_measure": lambda g: [{"measure": m, "plan": p} for m in _measures(g) for p in _plans(g)],
    "measures_led_by": lambda g: [{"department": d, "plan": p} for d in _departments(g) for p in _plans(g)],
    "deadlines_by_month": lambda g: [{"plan": p} for p in _plans(g)],
    "problems_for_department": lambda g: [{"department": d} for d in _departments(g)],
    "measures_for_chain": lambda g: [{"chain": c, "plan": p} for c in _chains(g) for p in _plans(g)],
    "deadlines_for_department": lambda g: [{"department": d} for d in _departments(g)] + [
        {"department": d, **extra} for d in _departments(g)[::5]
        for extra in ({"month": 6}, {"month": 12}, {"plan": _plans(g)[1]},
                      {"start": "2024-06-01", "end": "2024-09-30"}, {"start": "2024-07-01"}, {"end": "2024-05-31"})],
}

CATALOGUE = sorted(load_catalogue())


def test_every_catalogue_query_has_parity_parameters():
    assert set(PARAMS) == set(CATALOGUE), (
        f"add parity parameters for {sorted(set(CATALOGUE) - set(PARAMS))}; "
        f"drop {sorted(set(PARAMS) - set(CATALOGUE))}")


@pytest.mark.parametrize("name", CATALOGUE)
def test_same_rows_on_neo4j_and_networkx(name, loaded_real, real_graph):
    if name not in PARAMS:
        pytest.fail(f"query {name} has no entry in the parity parameter table PARAMS")
    combos = PARAMS[name](real_graph)
    assert combos, f"{name}: no parameters to compare"
    non_empty = 0
    for params in combos:
        want = run_embedded(real_graph, name, params)
        got = run_named(name, params, store=loaded_real)
        assert [typed(r) for r in got] == [typed(r) for r in want], f"{name}({params}) differs"
        non_empty += bool(want)
    assert non_empty, f"{name}: every parameter gave no rows, so nothing was really compared"


# values outside a parameter's range (graph/named/catalogue.py RANGES, start after end, done tokens): both
# backends refuse them with the same one-line message before anything runs
OUT_OF_RANGE = [("departments_for_measure", {"measure": 0}), ("measures_in_pillar", {"pillar": 0}),
                ("milestones_due", {"month": 13}), ("deadlines_for_department", {"department": "市发改委", "month": 0}),
                ("milestones_due", {"start": "2024-12-01", "end": "2024-01-01"}),
                ("overdue_milestones", {"as_of": "2024-06-30", "done": ["M9", "bogus"]}),
                ("busiest_in_month", {"month": 6, "limit": -1}),
                # in range, but no loaded plan has it (each backend asks its own graph which measures exist)
                ("departments_for_measure", {"measure": 99}), ("targets_for_measure", {"measure": 27, "plan": "2024"})]


@pytest.mark.parametrize("name, params", OUT_OF_RANGE, ids=[f"{n}-{sorted(p)}" for n, p in OUT_OF_RANGE])
def test_both_backends_refuse_values_out_of_range_alike(name, params, loaded_real, real_graph):
    with pytest.raises(QueryError) as embedded:
        run_named(name, params, graph=real_graph)
    with pytest.raises(QueryError) as neo4j:
        run_named(name, params, store=loaded_real)
    assert str(embedded.value) == str(neo4j.value)
    assert "parameter" in str(neo4j.value) or "has no measure" in str(neo4j.value) or "has a measure" in str(neo4j.value)


def test_both_backends_refuse_a_negative_limit(loaded_real, real_graph):
    with pytest.raises(ValueError):
        run_embedded(real_graph, "unit_pairs", {"limit": -1})
    with pytest.raises(ValueError, match="parameter limit"):
        run_named("unit_pairs", {"limit": -1}, store=loaded_real)
    from graph.named import get_query  # the store itself, given a value nothing checked, refuses it too
    with pytest.raises(ValueError, match="unit_pairs"):
        loaded_real.run_named(get_query("unit_pairs"), {"limit": -1, "plan": None})
