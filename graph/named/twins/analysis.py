"""Twins of the analysis queries: deadline matrix, problem ledger, pipeline load, coordination cost.

The row logic lives in `graph.analysis` (shared with the report); these wrappers register it under
the query names. Registration happens on import (the lead imports this module in graph.named.twins).
"""
from __future__ import annotations

from graph.analysis.coordination import measure_coordination_rows
from graph.analysis.crunch import unit_month_rows
from graph.analysis.pipeline import pipeline_load_rows
from graph.analysis.problems import open_problem_rows, problem_closure_rows
from graph.named.twins import twin

__all__ = ["unit_month_matrix", "open_problems", "problem_closure", "pipeline_load", "measure_coordination"]


@twin("unit_month_matrix")
def unit_month_matrix(g, plan: str | None = None) -> list[dict]:
    return unit_month_rows(g, plan)


@twin("open_problems")
def open_problems(g, chain: str | None = None) -> list[dict]:
    return open_problem_rows(g, chain)


@twin("problem_closure")
def problem_closure(g) -> list[dict]:
    return problem_closure_rows(g)


@twin("pipeline_load")
def pipeline_load(g) -> list[dict]:
    return pipeline_load_rows(g)


@twin("measure_coordination")
def measure_coordination(g, plan: str | None = None) -> list[dict]:
    return measure_coordination_rows(g, plan)
