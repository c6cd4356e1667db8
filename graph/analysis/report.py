"""The full analysis as one dict of DataFrames, and writing it as text tables, JSON, CSV or Excel.

`full_report` builds the graph index, the unit loads and the co-responsibility network once and
passes them to every analysis, so the report costs little more than its slowest part (betweenness).
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
import time
from pathlib import Path

import pandas as pd

from graph.analysis.coordination import bridges, brokers, co_network, concentration, coordination_cost, unit_betweenness
from graph.analysis.crunch import crunch_matrix, peak_months
from graph.analysis.index import GraphIndex
from graph.memory import gc_paused
from graph.analysis.pipeline import pipeline_chokepoints
from graph.analysis.problems import problems_by_chain, problems_by_unit
from graph.analysis.status import overdue_by_unit, status_lights
from graph.analysis.whatif import single_points_of_failure
from graph.analysis.workload import DEFAULT_WEIGHTS, Weights, unit_loads, workload
from graph.errors import UsageError
from graph.present.cells import csv_cell, protect_sheet
from loaders.status import StatusFile

__all__ = ["SECTIONS", "FORMATS", "full_report", "write_report", "report_rows"]

SECTIONS = ("workload", "crunch_matrix", "peak_months", "brokers", "bridges", "coordination_cost",
            "concentration", "status_lights", "overdue_by_unit", "problems_by_chain", "problems_by_unit",
            "pipeline_chokepoints", "single_points_of_failure")
FORMATS = ("table", "json", "csv", "xlsx")


def full_report(g, *, as_of: dt.date | None = None, status: StatusFile | None = None, top: int | None = 10,
                min_milestones: int = 3, weights: Weights = DEFAULT_WEIGHTS,
                timings: dict[str, float] | None = None) -> dict[str, pd.DataFrame]:
    """Every analysis, one DataFrame each, in the order of `SECTIONS`.

    Parameters
    ----------
    as_of : the date status lights and problem ages are computed for (default: today).
    status : progress from `loaders.status.read_status`; without it nothing counts as done.
    top : rows kept in the ranked lists (brokers, coordination_cost, pipeline_chokepoints); None keeps all.
        The workload table always lists every unit.
    min_milestones : a unit with at least this many deadlines in one month is named in `peak_months`.
    timings : if given, receives seconds spent per section (and "index", "network").
    """
    # The analyses allocate many small containers and create no reference cycles; with the collector on,
    # each full collection rescans the whole graph (a large share of the time at 100k nodes).
    with gc_paused():
        return _full_report(g, as_of=as_of, status=status, top=top, min_milestones=min_milestones,
                            weights=weights, timings=timings)


def _full_report(g, *, as_of, status, top, min_milestones, weights, timings) -> dict[str, pd.DataFrame]:
    as_of = as_of or dt.date.today()
    spent = timings if timings is not None else {}
    t = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        spent[name] = spent.get(name, 0.0) + now - t
        t = now

    # Shared by several sections: the index, unit loads, the network and its betweenness.
    ix = GraphIndex.of(g)
    loads = unit_loads(ix, weights)
    lap("index")
    G = co_network(ix)
    bc = unit_betweenness(G)
    lap("network")
    out: dict[str, pd.DataFrame] = {}
    sections = {
        "workload": lambda: workload(ix, weights, loads=loads),
        "crunch_matrix": lambda: crunch_matrix(ix),
        "peak_months": lambda: peak_months(ix, min_milestones=min_milestones),
        "brokers": lambda: brokers(ix, top=top, G=G, betweenness=bc),
        "bridges": lambda: bridges(ix, G=G),
        "coordination_cost": lambda: coordination_cost(ix, top=top),
        "concentration": lambda: concentration(ix, loads=loads),
        "status_lights": lambda: status_lights(ix, as_of, status),
        "overdue_by_unit": lambda: overdue_by_unit(ix, as_of, status, lights=out["status_lights"]),
        "problems_by_chain": lambda: problems_by_chain(ix, as_of=as_of),
        "problems_by_unit": lambda: problems_by_unit(ix, as_of=as_of),
        "pipeline_chokepoints": lambda: pipeline_chokepoints(ix, top=top, loads=loads),
        "single_points_of_failure": lambda: single_points_of_failure(ix, G=G),
    }
    assert tuple(sections) == SECTIONS
    for name, make in sections.items():
        out[name] = make()
        lap(name)
    return out


def _plain(v):
    """A JSON/CSV-friendly scalar: NA and NaN become None, numpy numbers Python numbers."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        v = v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def report_rows(df: pd.DataFrame) -> list[dict]:
    """A DataFrame as a list of plain dicts (lists kept)."""
    cols = [str(c) for c in df.columns]
    return [{c: _plain(v) for c, v in zip(cols, row)} for row in df.itertuples(index=False, name=None)]


def _flat(df: pd.DataFrame) -> pd.DataFrame:
    """Lists joined with 、 for formats whose cells hold one value."""
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object and out[c].map(lambda v: isinstance(v, (list, tuple))).any():
            out[c] = out[c].map(lambda v: "、".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    return out


def _csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """`_flat` with formula-like text cells escaped for spreadsheets (see `graph.present.cells`)."""
    out = _flat(df)
    for c in out.columns:
        if not pd.api.types.is_numeric_dtype(out[c]):  # text may be object or a pandas string dtype
            out[c] = out[c].map(csv_cell)
    return out


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _sheet_names(names) -> dict[str, str]:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique."""
    out, used = {}, set()
    for name in names:
        base = _SHEET_BAD.sub("_", str(name))[:31] or "sheet"
        cand, i = base, 1
        while cand.lower() in used:
            i += 1
            cand = f"{base[:31 - len(str(i)) - 1]}~{i}"
        used.add(cand.lower())
        out[name] = cand
    return out


def write_report(report: dict[str, pd.DataFrame], fmt: str = "table", out: Path | str | None = None) -> str | None:
    """Write `report` as `fmt` to `out`, or return the text when `out` is None.

    table / json: one file (or the returned text). csv: a folder with `<section>.csv` per section; with
    `out` None the report must hold a single section, returned as CSV text. xlsx: one sheet per section;
    needs `out`.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")
    out = Path(out) if out is not None else None
    if fmt == "xlsx":
        if out is None:
            raise UsageError("xlsx is a binary file: give --out FILE.xlsx")
        out.parent.mkdir(parents=True, exist_ok=True)
        names = _sheet_names(report)
        with pd.ExcelWriter(out, engine="openpyxl") as w:
            for name, df in report.items():
                _flat(df).to_excel(w, sheet_name=names[name], index=False)
                protect_sheet(w.sheets[names[name]])  # ledger text such as "=cmd|..." stays text
        return None
    if fmt == "csv":
        if out is None:
            if len(report) != 1:
                raise UsageError(f"csv writes one file per analysis ({len(report)} here): give --out FOLDER")
            (df,) = report.values()
            return _csv_safe(df).to_csv(index=False, lineterminator="\n")
        out.mkdir(parents=True, exist_ok=True)
        for name, df in report.items():
            _csv_safe(df).to_csv(out / f"{name}.csv", index=False, lineterminator="\n")
        return None
    if fmt == "json":
        text = json.dumps({name: report_rows(df) for name, df in report.items()}, ensure_ascii=False, indent=1,
                          default=str)
    else:
        from graph.present.table import render
        blocks = [f"== {name}\n{render(report_rows(df), [str(c) for c in df.columns], 'table')}"
                  for name, df in report.items()]
        text = "\n\n".join(blocks)
    if out is None:
        return text + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    return None


