"""Named-query parameters are checked in one place (graph/named/catalogue.py), before either backend
runs: types, ranges (RANGES: month 1-12, measure and pillar 1 or more, limit 0 or more), start not after
end, done tokens shaped like M9 / M9-D1, a plan that is loaded; the CLI prints one line and exits 2."""
from __future__ import annotations

import pytest

from graph.errors import QueryError
from graph.interface.cli import main
from graph.named import run_named
from graph.named.catalogue import RANGES, load_catalogue

CATALOGUE = load_catalogue()
# every (query, parameter) the catalogue has whose range RANGES gives, with a value just outside each end
OUTSIDE = [(q.name, p.name, value) for q in CATALOGUE.values() for p in q.params if p.name in RANGES
           for value in (RANGES[p.name][0] - 1, *(() if RANGES[p.name][1] is None else (RANGES[p.name][1] + 1,)))]


def base_params(query) -> dict:
    """Valid values for a query's required parameters (for the toy graph)."""
    valid = {"measure": 1, "pillar": 1, "month": 6, "department": "市发改委", "chain": "新能源",
             "enterprise": "巨化集团", "as_of": "2024-07-01"}
    return {p.name: valid[p.name] for p in query.params if not p.optional}


def test_the_ranged_parameters_are_those_the_catalogue_uses():
    used = {p.name for q in CATALOGUE.values() for p in q.params}
    assert set(RANGES) <= used
    assert {"month", "measure", "limit"} <= {name for _, name, _ in OUTSIDE}


@pytest.mark.parametrize("name, param, value", OUTSIDE, ids=[f"{q}-{p}={v}" for q, p, v in OUTSIDE])
def test_a_value_out_of_range_is_refused_naming_the_parameter(toy, name, param, value):
    params = {**base_params(CATALOGUE[name]), param: str(value)}
    with pytest.raises(QueryError, match=rf"parameter {param} must be"):
        run_named(name, params, graph=toy)


@pytest.mark.parametrize("name, params", [
    ("milestones_due", {"month": "1"}), ("milestones_due", {"month": "12"}),
    ("departments_for_measure", {"measure": "1"}), ("unit_pairs", {"limit": "0"}),
    ("milestones_due", {"start": "2024-06-01", "end": "2024-06-01"}),
    ("overdue_milestones", {"as_of": "2024-12-31", "done": "M9,M9-D1,quzhou-2024#M3-D2"}),
])
def test_values_at_the_ends_of_a_range_are_accepted(toy, name, params):
    assert isinstance(run_named(name, params, graph=toy), list)


@pytest.mark.parametrize("name, params, words", [
    ("milestones_due", {"start": "2024-09-01", "end": "2024-06-30"}, "start (2024-09-01) is after end"),
    ("overdue_milestones", {"as_of": "2024-12-31", "done": "M9,9-1"}, "'9-1' is not a measure"),
    ("overdue_milestones", {"as_of": "2024-12-31", "done": "M9D1"}, "'M9D1'"),
    ("departments_for_measure", {"measure": ""}, "needs --param measure"),  # empty is no value
    ("departments_for_measure", {"measure": "9.5"}, "expects int"),
    ("departments_for_measure", {"measure": 9.5}, "expects int"),  # a float from code is not truncated
    ("departments_for_measure", {"measure": True}, "expects int"),
    ("departments_for_measure", {"measure": "9", "plan": "2030"}, "matches no loaded plan"),
])
def test_other_bad_values_are_refused(toy, name, params, words):
    with pytest.raises(QueryError, match=words.replace("(", r"\(").replace(")", r"\)")):
        run_named(name, params, graph=toy)


def test_a_bool_parameter_takes_only_yes_or_no_words():
    from graph.named.catalogue import Param
    p = Param("flag", "bool", True)
    assert [p.coerce(v) for v in ("true", "是", "0", "NO", False)] == [True, True, False, False, False]
    with pytest.raises(QueryError, match="parameter flag expects bool"):
        p.coerce("maybe")


@pytest.mark.parametrize("argv, words", [
    (["milestones_due", "--param", "month=13"], ("parameter month", "1 to 12", "13")),
    (["busiest_in_month", "--param", "month=0"], ("parameter month", "0")),
    (["departments_for_measure", "--param", "measure=0"], ("parameter measure", "1 or more")),
    (["measures_in_pillar", "--param", "pillar=-2"], ("parameter pillar",)),
    (["deadlines_for_department", "--param", "department=市发改委", "--param", "start=2024-12-01",
      "--param", "end=2024-01-01"], ("start", "after end")),
    (["departments_for_measure", "--param", "measure=9", "--param", "plan=2030"], ("plan", "2030")),
    # a measure no loaded plan has: refused with the numbers there are, never an empty answer
    (["departments_for_measure", "--param", "measure=30"], ("no loaded plan has a measure 30", "measures 1-26")),
    (["targets_for_measure", "--param", "measure=27", "--param", "plan=2024"],
     ("plan 'quzhou-2024-business-environment-plan' has no measure 27", "1-26")),
])
def test_the_cli_prints_one_line_and_exits_2(capsys, argv, words):
    assert main(["query", *argv, "--backend", "embedded"]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and not captured.out, captured
    for word in words:
        assert word in lines[0]


def test_measure_numbers_are_checked_against_the_measures_there_are(toy):
    from graph.errors import NotFound
    from graph.named import run_named
    from graph.named.twins import TWINS
    numbers = sorted({r["measure"] for r in TWINS["measure_numbers"](toy)})
    assert run_named("departments_for_measure", {"measure": numbers[-1]}, graph=toy)
    missing = next(n for n in range(1, numbers[-1] + 2) if n not in numbers)  # a gap, or one past the end
    with pytest.raises(NotFound) as e:
        run_named("departments_for_measure", {"measure": missing}, graph=toy)
    assert f"measure {missing}" in str(e.value) and "toy: measures " in str(e.value)
