"""The full report and its writers (table, json, csv, xlsx), and the named-query twins of the analyses."""
from __future__ import annotations

import datetime as dt
import inspect
import json

import networkx as nx
import pandas as pd
import pytest

from graph.analysis import SECTIONS, full_report, write_report
from graph.analysis.report import _sheet_names
from graph.named.catalogue import load_catalogue
from graph.named import run_embedded
from graph.named.twins import TWINS
from loaders.status import StatusFile
from tests.fixtures.analysis_graph import analysis_graph

ANALYSIS_QUERIES = ("unit_month_matrix", "open_problems", "problem_closure", "pipeline_load", "measure_coordination")


@pytest.fixture(scope="module")
def report():
    g = nx.freeze(analysis_graph())
    return full_report(g, as_of=dt.date(2024, 7, 1), status=StatusFile({"M2": "done"}), top=5)


def test_report_has_every_section_in_order(report):
    assert tuple(report) == SECTIONS == (
        "workload", "crunch_matrix", "peak_months", "brokers", "bridges", "coordination_cost", "concentration",
        "status_lights", "overdue_by_unit", "problems_by_chain", "problems_by_unit", "pipeline_chokepoints",
        "single_points_of_failure")
    assert all(isinstance(df, pd.DataFrame) and len(df) for df in report.values())


def test_top_limits_ranked_lists_only(report):
    assert len(report["brokers"]) == 5 and len(report["coordination_cost"]) == 5
    assert len(report["workload"]) == 10  # every unit, collective included


def test_timings_are_reported():
    timings = {}
    full_report(analysis_graph(), as_of=dt.date(2024, 7, 1), timings=timings)
    assert {"index", "network", *SECTIONS} <= set(timings)


def test_table(report):
    text = write_report(report, "table")
    assert text.startswith("== workload\nrank  department")
    assert all(f"== {name}\n" in text for name in SECTIONS)
    assert "(10 rows)" in text and "环评、立项" in text  # lists joined for reading


def test_json(report, tmp_path):
    data = json.loads(write_report(report, "json"))
    assert list(data) == list(SECTIONS)
    assert data["workload"][-1]["rank"] is None and data["workload"][-1]["department"] == "市级各有关部门"
    assert data["workload"][2]["steps"] == ["环评", "立项"]
    assert data["status_lights"][-1]["due"] is None and data["status_lights"][-1]["days"] is None
    assert write_report(report, "json", tmp_path / "r.json") is None
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8")) == data


def test_csv_folder(report, tmp_path):
    assert write_report(report, "csv", tmp_path / "out") is None
    assert sorted(p.stem for p in (tmp_path / "out").glob("*.csv")) == sorted(SECTIONS)
    back = pd.read_csv(tmp_path / "out" / "workload.csv")
    assert back.shape == report["workload"].shape
    assert back.loc[2, "steps"] == "环评、立项"


def test_csv_to_stdout_needs_a_single_section(report):
    text = write_report({"brokers": report["brokers"]}, "csv")
    assert text.splitlines()[0] == "rank,department,betweenness,degree,weighted_degree,measures,articulation," \
                                   "parts_without,exact"
    with pytest.raises(ValueError, match="give --out FOLDER"):
        write_report(report, "csv")


def test_xlsx_has_one_sheet_per_section(report, tmp_path):
    out = tmp_path / "report.xlsx"
    assert write_report(report, "xlsx", out) is None
    sheets = pd.read_excel(out, sheet_name=None)
    assert list(sheets) == list(SECTIONS)
    for name, df in report.items():
        assert sheets[name].shape == df.shape, name
    assert sheets["workload"].loc[0, "department"] == "市营商办"
    with pytest.raises(ValueError, match="--out"):
        write_report(report, "xlsx")


def test_sheet_names_are_short_legal_and_unique():
    names = _sheet_names(["a" * 40, "a" * 40 + "b", "x/y:z"])
    assert all(len(n) <= 31 for n in names.values())
    assert len(set(names.values())) == 3 and names["x/y:z"] == "x_y_z"


def test_unknown_format(report):
    with pytest.raises(ValueError, match="unknown report format"):
        write_report(report, "html")


# --- named-query twins -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ANALYSIS_QUERIES)
def test_twin_is_registered_with_the_declared_parameters(name):
    query = load_catalogue()[name]
    assert name in TWINS
    assert list(inspect.signature(TWINS[name]).parameters)[1:] == [p.name for p in query.params]


@pytest.mark.parametrize("name, params", [(n, {}) for n in ANALYSIS_QUERIES] + [("open_problems", {"chain": "新能源"})])
def test_twin_rows_have_exactly_the_declared_columns(name, params):
    query = load_catalogue()[name]
    rows = TWINS[name](analysis_graph(), **query.bind(params))
    assert rows and all(list(r) == list(query.returns) for r in rows)
    assert run_embedded(analysis_graph(), name, params) == rows
