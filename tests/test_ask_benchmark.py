"""The hand-written question benchmark (tests/ask_benchmark.txt): every question gets the expected query
and parameters, or is declined for the expected reason. benchmarks/bench_ask.py prints the same
figures for reading; this test fails on the first question that is not right."""
from __future__ import annotations

import pytest

from benchmarks.bench_ask import BENCHMARK, TODAY, load_cases, lookup_for, shown, verdict
from graph.interface.ask import REFUSALS, route
from graph.named import get_query

CASES = load_cases()


@pytest.fixture(scope="module")
def lookups():
    return {g: lookup_for(g) for g in sorted({c.graph for c in CASES})}


def test_the_benchmark_is_large_and_mixed():
    assert len(CASES) >= 200
    assert sum(c.chinese for c in CASES) >= 100 and sum(not c.chinese for c in CASES) >= 50
    assert len({(c.graph, c.question) for c in CASES}) == len(CASES), "a question is listed twice"
    assert {c.refusal for c in CASES if c.query is None} <= set(REFUSALS)
    for c in CASES:  # the expectations name real queries and their declared parameters
        if c.query is not None:
            assert set(c.params) <= {p.name for p in get_query(c.query).params}, f"line {c.line}"


def test_every_named_query_is_asked_for():
    from graph.named.catalogue import load_catalogue
    assert set(load_catalogue()) <= {c.query for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=[f"{c.line}:{c.question}" for c in CASES])
def test_question(case, lookups):
    got = route(case.question, lookups[case.graph], today=TODAY)
    assert verdict(case, got) == "right", f"{BENCHMARK.name} line {case.line}: want {case.expected()}, " \
                                          f"got {shown(got)}"


def test_a_malformed_line_is_named(tmp_path):
    bad = tmp_path / "bench.txt"
    bad.write_text("[graph: bundled]\n第9条由哪些部门负责 departments_for_measure\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        load_cases(bad)


def test_a_named_plan_goes_to_queries_that_take_one(lookups):
    """With two plans, "2025年方案第3条由哪些部门负责": a query that takes `plan` gets it; one that does not
    cannot keep one plan's rows, so the question is declined rather than answered for both plans."""
    got = route("2025年方案第3条由哪些部门负责", lookups["two plans"], today=TODAY)
    if "plan" in {p.name for p in get_query("departments_for_measure").params}:
        assert got.call == ("departments_for_measure", {"measure": 3, "plan": "second_plan_2025"})
    else:
        assert (got.query, got.refusal) == (None, "ambiguous") and "cannot keep one plan" in got.message
