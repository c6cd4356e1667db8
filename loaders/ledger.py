"""Chain ledgers: the officers' tables of chains, segments, firms, projects and problems.

A ledger folder holds one file per table, `<table>.csv` (UTF-8, header row) or `<table>.xlsx`
(first sheet, header row); the columns are the same either way. `TABLES` says, per table, which
columns it has, their types, allowed values, key and foreign keys.

Validation is all-or-nothing: every row of every table is checked (columns, types, allowed
values, duplicate keys, references to other tables, to the plan's units and to its measures)
before any record is built. All problems are raised together as one `LedgerError`, each naming
the file and the row (the header is row 1, as a spreadsheet shows it), so an officer can fix a
whole ledger in one pass and a broken ledger never yields a half-loaded graph.

Every record carries `source` ("<file>:<row>"; `read_ledgers` names files "<folder>/<file>",
e.g. "chains/projects.csv:7"), `illustrative` (bool) and `reference` (str, may be empty).

Examples
--------
>>> tables = {
...     "chains": [{"id": "c", "name": "特种纸", "name_en": "", "flagship": "是", "description": ""}],
...     "segments": [{"id": "s1", "chain": "c", "name": "原纸", "name_en": "", "stage": "midstream"}],
...     "segment_links": [], "enterprises": [], "enterprise_segments": [], "projects": []}
>>> nodes, rels = parse_ledgers(tables, files={}, known_units=set(), known_measures=None, plan_id="p")
>>> [(n.label, n.key, n.props["source"]) for n in nodes], [(r.type, r.start, r.end) for r in rels]
([('Chain', 'c', 'chains.csv:2'), ('Segment', 's1', 'segments.csv:2')], [('PART_OF', ('Segment', 's1'), ('Chain', 'c'))])
>>> parse_ledgers({**tables, "chains": [{"id": "c", "name": "特种纸", "flagship": "maybe"}]},
...               files={}, known_units=set(), known_measures=None, plan_id="p")
Traceback (most recent call last):
...
loaders.ledger.LedgerError: chains.csv row 2: flagship: 'maybe' is not a yes/no value (true/false, 1/0, 是/否)
"""
from __future__ import annotations

import difflib
import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from loaders.csv_text import check_header, clean_cell, csv_records, header_index
from loaders.records import LoadError, Node, Rel
from loaders.sheets import read_csv_text, read_xlsx_records
from loaders.vocabulary import STAGES

__all__ = ["LedgerError", "Issue", "Column", "TableSpec", "TABLES", "STAGES", "STATUSES",
           "PROBLEM_STATUSES", "SERVICE_STEPS", "COUNTIES",
           "read_ledgers", "parse_ledgers"]


STATUSES = ("signed", "approved", "under_construction", "trial_production", "completed")
PROBLEM_STATUSES = ("open", "closed")
SERVICE_STEPS = ("立项备案", "用地", "规划许可", "环评", "能评", "施工许可", "水电气接入", "竣工验收", "融资对接")
COUNTIES = ("柯城区", "衢江区", "龙游县", "江山市", "常山县", "开化县", "智造新城", "智慧新城")

_TRUE = {"true", "1", "是", "yes", "y"}
_FALSE = {"false", "0", "否", "no", "n"}
UNITS, MEASURES = "@units", "@measures"  # foreign keys into the plan rather than another table


# --------------------------------------------------------------------------- specs

@dataclass(frozen=True)
class Column:
    """One column: `type` is str/int/float/bool/date/list (list = `|`-separated ids).

    `required`: a value must be given; `present`: the header must have the column (the provenance
    columns may be left out of an officer's own ledger); `ref`: "table.column", UNITS or MEASURES.
    """
    name: str
    type: str = "str"
    required: bool = True
    choices: tuple[str, ...] | None = None
    ref: str | None = None
    present: bool = True


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    optional: bool = False  # the whole table may be missing from the folder

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


_PROVENANCE = (Column("illustrative", "bool", required=False, present=False),
               Column("reference", required=False, present=False))


def _spec(name: str, key: tuple[str, ...], *columns: Column, optional: bool = False) -> TableSpec:
    return TableSpec(name, tuple(columns) + _PROVENANCE, key, optional)


TABLES: dict[str, TableSpec] = {s.name: s for s in (
    _spec("chains", ("id",),
          Column("id"), Column("name"), Column("name_en", required=False, present=False),
          Column("flagship", "bool"), Column("description", required=False, present=False)),
    _spec("segments", ("id",),
          Column("id"), Column("chain", ref="chains.id"), Column("name"),
          Column("name_en", required=False, present=False), Column("stage", choices=STAGES)),
    _spec("segment_links", ("from", "to"),
          Column("from", ref="segments.id"), Column("to", ref="segments.id")),
    _spec("enterprises", ("id",),
          Column("id"), Column("name"), Column("county", required=False, choices=COUNTIES),
          Column("listed", "bool"), Column("chain_leader", "bool"),
          Column("chains", "list", required=False, ref="chains.id")),
    _spec("enterprise_segments", ("enterprise", "segment"),
          Column("enterprise", ref="enterprises.id"), Column("segment", ref="segments.id")),
    _spec("projects", ("id",),
          Column("id"), Column("name"), Column("enterprise", ref="enterprises.id"),
          Column("segment", ref="segments.id"), Column("investment", "float"),
          Column("status", choices=STATUSES), Column("start", "date", required=False),
          Column("expected", "date", required=False), Column("fills_gap", "bool")),
    _spec("project_services", ("project", "unit", "step"),
          Column("project", ref="projects.id"), Column("unit", ref=UNITS),
          Column("step", choices=SERVICE_STEPS), optional=True),
    # plan: the id of the plan the measure number belongs to; may be left empty (or the column left
    # out) when one plan is loaded. Rows naming a plan that is not loaded are left out.
    _spec("measure_chains", ("plan", "measure", "chain"),
          Column("plan", required=False, present=False),
          Column("measure", "int", ref=MEASURES), Column("chain", ref="chains.id"),
          Column("basis"), optional=True),
    _spec("problems", ("id",),
          Column("id"), Column("chain", ref="chains.id"),
          Column("enterprise", required=False, ref="enterprises.id"), Column("description"),
          Column("raised", "date"), Column("unit", ref=UNITS),
          Column("status", choices=PROBLEM_STATUSES), Column("closed", "date", required=False),
          optional=True),
)}


# --------------------------------------------------------------------------- errors

@dataclass(frozen=True, order=True)
class Issue:
    """One problem: `row` is the spreadsheet row (header = 1), None for a file-level problem."""
    file: str
    row: int | None
    message: str

    @property
    def where(self) -> str:
        return self.file if self.row is None else f"{self.file} row {self.row}"


class LedgerError(LoadError):
    """Every problem found in a ledger folder; `issues` keeps them as `Issue` values."""

    def __init__(self, folder: str, issues: list[Issue]):
        self.issues = issues
        super().__init__(folder, [(i.where, i.message) for i in issues])
        # Issue files already start with the folder's name ("chains/projects.csv"): name each line
        # by its full path once instead of repeating the folder in front.
        base = Path(folder).parent
        self.args = ("\n".join(f"{base / i.where}: {i.message}" for i in issues),)

    def __str__(self) -> str:
        return self.args[0]


# --------------------------------------------------------------------------- cell parsing

def _text(value: Any) -> str:
    """A cell as text; Excel hands over numbers, booleans and datetimes, CSV only strings."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id or measure number typed into Excel comes back as 3.0
    return clean_cell(str(value)).strip()


def _to_bool(s: str) -> bool:
    low = s.lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ValueError(f"{s!r} is not a yes/no value (true/false, 1/0, 是/否)")


def _to_int(s: str) -> int:
    try:
        return int(s)
    except ValueError:
        raise ValueError(f"{s!r} is not a whole number") from None


def _to_float(s: str) -> float:
    try:
        x = float(s)
    except ValueError:
        raise ValueError(f"{s!r} is not a number") from None
    if not math.isfinite(x) or x < 0:
        raise ValueError(f"{s!r} is not a non-negative number")
    return x


# Dates as spreadsheets write them, year first so they read one way only: 2024-06-30, 2024/6/30,
# 2024.6.30, 2024年6月30日, with Excel's "00:00:00" (or ISO "T00:00") when a date cell was saved with a time.
_DATE_FORMS = re.compile(r"(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)"
                         r"(?:[ T]0{1,2}:00(?::00(?:\.0+)?)?)?")
_EXCEL_SERIAL = re.compile(r"\d{5}(?:\.0+)?")


def _to_date(s: str) -> str:
    # ISO strings, not date objects: they go unchanged into JSON, GraphML and Neo4j.
    m = _DATE_FORMS.fullmatch(s)
    if not m:
        if _EXCEL_SERIAL.fullmatch(s):
            raise ValueError(f"{s!r} is a number, not a date (an Excel date serial?): format the column "
                             f"as a date or write YYYY-MM-DD")
        raise ValueError(f"{s!r} is not a date in YYYY-MM-DD form")
    y, mo, d = m.group(1), m.group(2) or m.group(4), m.group(3) or m.group(5)
    try:
        return date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        raise ValueError(f"{s!r} is not a real calendar date") from None


def _to_list(s: str) -> list[str]:
    return [part.strip() for part in s.split("|") if part.strip()]


_CONVERT: dict[str, Callable[[str], Any]] = {
    "str": str, "int": _to_int, "float": _to_float, "bool": _to_bool, "date": _to_date, "list": _to_list,
}
_EMPTY: dict[str, Any] = {"list": [], "bool": False, "str": ""}  # value of an empty optional cell


# --------------------------------------------------------------------------- validation

@dataclass
class _Row:
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    broken: bool = False  # its cells do not line up with the header: reported once, checked no further


@dataclass
class _Table:
    spec: TableSpec
    file: str
    rows: list[_Row]
    usable: bool  # False when a key column is missing: references into it are then not checked


def _check_header(spec: TableSpec, file: str, header: Iterable[Any], issues: list[Issue], row: int = 1) -> bool:
    names = [h for h in header if h is not None]
    missing = [c.name for c in spec.columns if c.present and c.name not in names]
    for name in missing:
        issues.append(Issue(file, row, f"missing column {name!r} (header row)"))
    for name in sorted({n for n in names if names.count(n) > 1}):
        issues.append(Issue(file, row, f"column {name!r} appears more than once"))
    return not missing


def _parse_cell(col: Column, raw: Any, file: str, row: int, issues: list[Issue]) -> Any:
    s = _text(raw)
    if not s:
        if col.required:
            issues.append(Issue(file, row, f"{col.name}: a value is required"))
        return _EMPTY.get(col.type)
    try:  # full-width digits and signs (２０２４－０６－３０, ３０．５) read as their ASCII forms
        value = _CONVERT[col.type](s if col.type in ("str", "list") else unicodedata.normalize("NFKC", s))
    except ValueError as exc:
        issues.append(Issue(file, row, f"{col.name}: {exc}"))
        return None
    if col.choices and value not in col.choices:
        issues.append(Issue(file, row, f"{col.name}: {value!r} is not one of {', '.join(col.choices)}"))
        return None
    return value


def _parse_table(spec: TableSpec, file: str, rows: list[dict], issues: list[Issue]) -> _Table:
    """Typed rows; a bad cell becomes None (reported) so the rest of the row can still be checked."""
    header = list(rows[0]) if rows else []  # readers key every row by the full header
    header_row = 1 + sum(1 for _ in itertools.takewhile(
        lambda r: r and all(isinstance(v, _Above) for v in r.values()), rows))
    if header and not _check_header(spec, file, header, issues, header_row):
        return _Table(spec, file, [], usable=False)
    parsed = []
    for i, raw in enumerate(rows):
        number = i + 2  # header is row 1
        if not any(_text(v) for v in raw.values()):
            continue  # blank lines between blocks are common in hand-kept sheets
        if _text(raw.get(None)):  # the readers file cells beyond the header under None
            # every cell after the extra one is shifted: one issue for the row, not one per cell
            issues.append(Issue(file, number, "more cells than header columns (a ',' inside a cell that "
                                              "is not quoted, or a cell too many)"))
            values = {c.name: _parse_cell(c, raw.get(c.name), file, number, []) for c in spec.columns}
            parsed.append(_Row(number, values, broken=True))
            continue
        lost = [h for h, v in raw.items() if isinstance(v, _Lost)]
        if lost:  # a short row: fine when only optional cells are left off, else one issue for the row
            found: list[Issue] = []
            values = {c.name: _parse_cell(c, raw.get(c.name), file, number, found) for c in spec.columns}
            if found:
                issues.append(Issue(file, number, f"the row has {len(raw) - len(lost) - (None in raw)} cells, "
                                                  f"the header {len(raw) - (None in raw)}: a cell or a delimiter "
                                                  f"is lost ({found[0].message})"))
            parsed.append(_Row(number, values, broken=bool(found)))
            continue
        values = {c.name: _parse_cell(c, raw.get(c.name), file, number, issues) for c in spec.columns}
        parsed.append(_Row(number, values))
    return _Table(spec, file, parsed, usable=True)


def _check_keys(table: _Table, issues: list[Issue]) -> None:
    seen: dict[tuple, int] = {}
    for row in table.rows:
        if row.broken:
            continue
        key = tuple(row.values[k] for k in table.spec.key)
        if any(v in (None, "") for v in key):
            continue  # already reported as a missing or bad value
        if key in seen:
            shown = key[0] if len(key) == 1 else key
            issues.append(Issue(table.file, row.number,
                                f"duplicate key {', '.join(table.spec.key)} = {shown!r} (first at row {seen[key]})"))
        else:
            seen[key] = row.number


def _near(value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=3, cutoff=0.5)
    return f" (did you mean {', '.join(close)}?)" if close else ""


def _check_measures(tables: dict[str, _Table], known_measures: dict[str, set[int]] | None,
                    plan_id: str | None, issues: list[Issue]) -> None:
    """Give every measure_chains row its plan and check its measure number against that plan.

    An empty plan cell means `plan_id`, else the only loaded plan; rows naming a plan that is not
    loaded are marked to be left out (a ledger may serve several plans)."""
    table = tables.get("measure_chains")
    if table is None or not table.usable:
        return
    loaded = sorted(known_measures) if known_measures is not None else None
    default = plan_id or (loaded[0] if loaded and len(loaded) == 1 else None)
    for row in table.rows:
        if row.broken:
            continue
        plan = row.values.get("plan") or default
        if plan is None:
            listed = f"{len(loaded)} plans are loaded ({', '.join(loaded)})" if loaded else "no plan is loaded"
            issues.append(Issue(table.file, row.number,
                                f"plan: empty, but {listed}; name the plan measure {row.values['measure']} "
                                f"belongs to"))
            continue
        row.values["plan"] = plan
        if known_measures is None:
            continue
        if plan not in known_measures:
            row.values["_unloaded"] = True
            continue
        number = row.values["measure"]
        if number is not None and number not in known_measures[plan]:
            issues.append(Issue(table.file, row.number,
                                f"measure: {number!r} is not a measure number of plan {plan}"))


def _check_refs(tables: dict[str, _Table], known_units: set[str], known_measures, issues: list[Issue]) -> None:
    for table in tables.values():
        for col in table.spec.columns:
            if not col.ref:
                continue
            if col.ref == UNITS:
                known, what = known_units, "a unit in the unit table (units.csv)"
            elif col.ref == MEASURES:
                continue  # per plan, in _check_measures
            else:
                target_name, target_col = col.ref.split(".")
                target = tables.get(target_name)
                if target is None or not target.usable:
                    continue  # the missing table or column is reported on its own
                known = {r.values[target_col] for r in target.rows}
                what = f"an {target_col} in {target.file}"
            for row in table.rows:
                if row.broken:
                    continue
                value = row.values.get(col.name)
                for item in (value if isinstance(value, list) else [value]):
                    if item not in (None, "") and item not in known:
                        hint = _near(item, known) if isinstance(item, str) else ""
                        issues.append(Issue(table.file, row.number,
                                            f"{col.name}: {item!r} is not {what}{hint}"))


def _check_rows(tables: dict[str, _Table], issues: list[Issue]) -> None:
    """Rules that tie cells of one row together."""
    def rows(name: str) -> list[_Row]:
        return [r for r in tables[name].rows if not r.broken] if name in tables else []

    for r in rows("enterprises"):
        leader, led = r.values["chain_leader"], r.values["chains"]
        if leader is True and not led:
            issues.append(Issue(tables["enterprises"].file, r.number,
                                "chain_leader is true but chains names no chain it leads"))
        if leader is False and led:
            issues.append(Issue(tables["enterprises"].file, r.number,
                                "chains lists chains it leads but chain_leader is false"))
    for r in rows("segment_links"):
        if r.values["from"] and r.values["from"] == r.values["to"]:
            issues.append(Issue(tables["segment_links"].file, r.number, "a segment cannot feed itself"))
    for r in rows("projects"):
        start, expected = r.values["start"], r.values["expected"]
        if start and expected and expected < start:
            issues.append(Issue(tables["projects"].file, r.number,
                                f"expected {expected} is before start {start}"))
    for r in rows("problems"):
        status, raised, closed = r.values["status"], r.values["raised"], r.values["closed"]
        file = tables["problems"].file
        if status == "closed" and not closed:
            issues.append(Issue(file, r.number, "closed: a closed problem needs its closing date"))
        if status == "open" and closed:
            issues.append(Issue(file, r.number, "closed: an open problem has no closing date"))
        if raised and closed and closed < raised:
            issues.append(Issue(file, r.number, f"closed {closed} is before raised {raised}"))


# --------------------------------------------------------------------------- records

def _meta(table: _Table, row: _Row) -> dict[str, Any]:
    return {"source": f"{table.file}:{row.number}",
            "illustrative": bool(row.values["illustrative"]),
            "reference": row.values["reference"] or ""}


def _pick(row: _Row, *names: str) -> dict[str, Any]:
    return {n: row.values[n] for n in names}


def _records(tables: dict[str, _Table]) -> tuple[list[Node], list[Rel]]:
    nodes: list[Node] = []
    rels: list[Rel] = []

    def each(name: str) -> Iterable[tuple[_Row, dict[str, Any]]]:
        table = tables.get(name)
        for row in table.rows if table else []:
            yield row, _meta(table, row)

    for r, meta in each("chains"):
        nodes.append(Node("Chain", r.values["id"],
                          {**_pick(r, "name", "name_en", "flagship", "description"), **meta}))
    for r, meta in each("segments"):
        nodes.append(Node("Segment", r.values["id"], {**_pick(r, "name", "name_en", "stage", "chain"), **meta}))
        rels.append(Rel("PART_OF", ("Segment", r.values["id"]), ("Chain", r.values["chain"]), meta))
    for r, meta in each("segment_links"):
        rels.append(Rel("FEEDS", ("Segment", r.values["from"]), ("Segment", r.values["to"]), meta))
    for r, meta in each("enterprises"):
        nodes.append(Node("Enterprise", r.values["id"],
                          {**_pick(r, "name", "county", "listed", "chain_leader"), **meta}))
        rels.extend(Rel("LEADS", ("Enterprise", r.values["id"]), ("Chain", c), meta) for c in r.values["chains"])
    for r, meta in each("enterprise_segments"):
        rels.append(Rel("OPERATES_IN", ("Enterprise", r.values["enterprise"]), ("Segment", r.values["segment"]), meta))
    for r, meta in each("projects"):
        pid = r.values["id"]
        nodes.append(Node("Project", pid, {**_pick(r, "name", "investment", "status", "start", "expected",
                                                   "fills_gap"), **meta}))
        rels.append(Rel("INVESTS_IN", ("Enterprise", r.values["enterprise"]), ("Project", pid), meta))
        rels.append(Rel("IN_SEGMENT", ("Project", pid), ("Segment", r.values["segment"]), meta))
    for r, meta in each("project_services"):
        rels.append(Rel("SERVES", ("Department", r.values["unit"]), ("Project", r.values["project"]),
                        {"stage": r.values["step"], **meta}))
    for r, meta in each("measure_chains"):
        if r.values.get("_unloaded"):
            continue
        rels.append(Rel("SUPPORTS", ("Measure", f"{r.values['plan']}#M{r.values['measure']}"),
                        ("Chain", r.values["chain"]),
                        {"basis": r.values["basis"], "derived": False, **meta}))
    for r, meta in each("problems"):
        pid = r.values["id"]
        nodes.append(Node("Problem", pid, {**_pick(r, "description", "raised", "status", "closed"), **meta}))
        if r.values["enterprise"]:
            rels.append(Rel("RAISED", ("Enterprise", r.values["enterprise"]), ("Problem", pid), meta))
        rels.append(Rel("IN_CHAIN", ("Problem", pid), ("Chain", r.values["chain"]), meta))
        rels.append(Rel("ASSIGNED_TO", ("Problem", pid), ("Department", r.values["unit"]), meta))
    return nodes, rels


def parse_ledgers(tables: dict[str, list[dict] | None], *, files: dict[str, str], known_units: set[str],
                  known_measures: dict[str, set[int]] | set[int] | None, plan_id: str | None = None,
                  folder: str = "ledgers") -> tuple[list[Node], list[Rel]]:
    """Validate ledger rows and turn them into records; raise one `LedgerError` listing every problem.

    Parameters
    ----------
    tables : table name -> rows (dicts keyed by header). Row i of a list is spreadsheet row i + 2;
        rows whose cells are all empty are skipped but still counted. A table left out is missing;
        None marks a table the caller could not read (and has reported).
    files : table name -> file name used in `source` and messages (default "<table>.csv").
    known_units : the unit table's short names (SERVES and ASSIGNED_TO point at them).
    known_measures : plan id -> its measure numbers, for every loaded plan (a bare set means the numbers
        of plan `plan_id`); None skips the check.
    plan_id : the plan meant by an empty `plan` cell in measure_chains (default: the only loaded plan);
        a measure's node key is "<plan>#M<number>".
    folder : how the error names the ledger folder.

    Returns
    -------
    (nodes, rels) in table order.
    """
    issues: list[Issue] = []
    parsed: dict[str, _Table] = {}
    for name, spec in TABLES.items():
        file = files.get(name, f"{name}.csv")
        if name not in tables:
            if not spec.optional:
                issues.append(Issue(file, None, f"table {name!r} is missing ({name}.csv or {name}.xlsx)"))
            continue
        if tables[name] is None:  # unreadable, already reported by the caller
            parsed[name] = _Table(spec, file, [], usable=False)
            continue
        parsed[name] = _parse_table(spec, file, tables[name], issues)
    if isinstance(known_measures, (set, frozenset)):
        if plan_id is None:
            raise ValueError("parse_ledgers: a set of measure numbers needs the plan_id they belong to")
        known_measures = {plan_id: set(known_measures)}
    _check_measures(parsed, known_measures, plan_id, issues)  # first: keys include the plan it fills in
    for table in parsed.values():
        _check_keys(table, issues)
    _check_refs(parsed, known_units, known_measures, issues)
    _check_rows(parsed, issues)
    if issues:
        order = {files.get(n, f"{n}.csv"): i for i, n in enumerate(TABLES)}
        issues.sort(key=lambda i: (order.get(i.file, len(order)), i.row or 0))
        raise LedgerError(folder, issues)
    return _records(parsed)


# --------------------------------------------------------------------------- files

class _Lost(str):
    """The value of a cell a short CSV row does not have (reads as empty; the row check tells it apart)."""


_LOST = _Lost("")


class _Above(str):
    """The cells of a title row above the header: the table's rows keep the sheet's numbers."""


_ABOVE = _Above("")


def _rows_from(header: list[str | None], records: Iterable[Iterable[Any]], above: int = 0) -> list[dict]:
    """Dicts keyed by header; cells beyond the header (or under a blank header) go under None.
    `above`: title rows above the header, kept as blank rows so row numbers stay the sheet's."""
    rows = [dict.fromkeys((h for h in header if h), _ABOVE) for _ in range(above)]
    for cells in records:
        cells = list(cells)
        row: dict = {h: v for h, v in zip(header, cells) if h is not None}
        row.update({h: _LOST for h in header[len(cells):] if h is not None and any(c != "" for c in cells)})
        surplus = [_text(v) for h, v in zip(header + [None] * len(cells), cells) if h is None]
        if any(surplus):
            row[None] = " | ".join(s for s in surplus if s)
        rows.append(row)
    # a header-only file still shows its columns to the header check
    return rows or [dict.fromkeys((h for h in header if h), "")]


def _header_names(name: str) -> set[str]:
    return {c.name for c in TABLES[name].columns if c.present}


def _read_csv(path: Path, name: str | None = None) -> list[dict]:
    # Rows as records, not DictReader: DictReader drops blank lines, which would shift the row numbers.
    text = read_csv_text(path)  # UTF-8 with or without BOM; empty or other encodings: LoadError
    records = csv_records(text, str(path))  # comma, tab or semicolon; a quote never closed: LoadError
    if not records:
        return []
    k = header_index(records, _header_names(name or path.stem))
    check_header([h.strip() for h in records[k]], str(path), k + 1)
    return _rows_from([h.strip() or None for h in records[k]], records[k + 1:], above=k)


def _read_xlsx(path: Path, name: str | None = None) -> list[dict]:
    records = read_xlsx_records(path)  # formula results, not formulas; unreadable: LoadError
    if not records:
        return []
    k = header_index(records, _header_names(name or path.stem))
    check_header([_text(h) for h in records[k]], str(path), k + 1)
    return _rows_from([_text(h) or None for h in records[k]], records[k + 1:], above=k)


def read_ledgers(folder: Path, *, known_units: set[str], known_measures: dict[str, set[int]] | set[int] | None = None,
                 plan_id: str | None = None) -> tuple[list[Node], list[Rel]]:
    """Read `<table>.csv` or `<table>.xlsx` for every table in `folder` and validate them together.

    `source` values read "<folder name>/<file>:<row>", e.g. "chains/projects.csv:7".
    Raises `LedgerError` (every problem at once) and returns nothing when any row is wrong.
    """
    folder = Path(folder)
    issues: list[Issue] = []
    tables: dict[str, list[dict] | None] = {}
    files: dict[str, str] = {}
    for name in TABLES:
        found = [p for p in (folder / f"{name}.csv", folder / f"{name}.xlsx") if p.is_file()]
        if not found:
            continue  # parse_ledgers says whether the table may be missing
        path = found[0]
        files[name] = f"{folder.name}/{path.name}"
        if len(found) > 1:
            issues.append(Issue(files[name], None, f"both {name}.csv and {name}.xlsx exist; keep one"))
            tables[name] = None
            continue
        try:
            tables[name] = _read_xlsx(path, name) if path.suffix == ".xlsx" else _read_csv(path, name)
            if not tables[name]:  # a sheet without even a header row: a failed save, not an empty table
                raise LoadError(files[name], "row 1: no header row; expected the columns "
                                             + ",".join(c.name for c in TABLES[name].columns if c.present))
        except LoadError as exc:
            issues.extend(Issue(files[name], None, f"{loc}: {msg}" if loc else msg) for loc, msg in exc.problems)
            tables[name] = None
        except Exception as exc:  # noqa: BLE001 — a corrupt workbook must still become a LedgerError
            issues.append(Issue(files[name], None, f"cannot read: {exc}"))
            tables[name] = None
    try:
        nodes_rels = parse_ledgers(tables, files=files, known_units=known_units,
                                   known_measures=known_measures, plan_id=plan_id, folder=str(folder))
    except LedgerError as exc:
        raise LedgerError(str(folder), issues + exc.issues) from None
    if issues:
        raise LedgerError(str(folder), issues)
    return nodes_rels
