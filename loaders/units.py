"""The unit table (`data/units.csv`): every responsible unit the plan names, with aliases.

The plan parser resolves each name in a responsibility list through `UnitTable.resolve`, so one
unit is one Department node however the text spells it ("水利部门" -> "市水利局").
Pure: rows in, records out; no networkx, no Neo4j.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from loaders.vocabulary import DEPARTMENT_KINDS
from loaders.records import LoadError, Node, Rel

__all__ = ["UnitTableError", "Unit", "UnitTable", "COLUMNS", "normalise", "parse_units",
           "read_units"]

COLUMNS = ("name", "full_name", "kind", "aliases", "affiliate_of", "english", "note")
FIRST_DATA_ROW = 2  # the header is row 1, as a spreadsheet shows it


class UnitTableError(LoadError):
    """The unit table is malformed; `problems` lists every one found, each with its row."""


def normalise(name: str) -> str:
    """Comparison form of a name: NFKC folds full-width brackets and commas, spaces are dropped."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


@dataclass(frozen=True)
class Unit:
    name: str
    full_name: str
    kind: str
    aliases: tuple[str, ...]
    affiliate_of: str
    english: str
    note: str
    row: int = 0  # row in the source table, for provenance


@dataclass
class UnitTable:
    units: dict[str, Unit]

    def __post_init__(self) -> None:
        # parse_units has already rejected clashes, so this index is one-to-one.
        self._index = {normalise(n): u.name for u in self.units.values() for n in (u.name, *u.aliases)}

    def resolve(self, name: str) -> str | None:
        """The unit's short name for `name` or one of its aliases; None if unknown."""
        return self._index.get(normalise(name))

    def records(self, source: str) -> tuple[list[Node], list[Rel]]:
        """Department nodes and AFFILIATE_OF (affiliate -> parent) relationships."""
        nodes, rels = [], []
        for u in self.units.values():
            where = f"{source}:{u.row}"
            nodes.append(Node("Department", u.name, {
                "name": u.name, "full_name": u.full_name, "kind": u.kind,
                "aliases": list(u.aliases), "english": u.english, "note": u.note, "source": where}))
            if u.affiliate_of:
                rels.append(Rel("AFFILIATE_OF", ("Department", u.name),
                                ("Department", u.affiliate_of), {"source": where}))
        return nodes, rels


def parse_units(rows: Iterable[dict], *, file: str) -> UnitTable:
    """Validate rows (dicts keyed by column) and build the table; raise one UnitTableError listing
    every problem, so a curator fixes the file in one pass."""
    rows = list(rows)
    problems: list[tuple[str, str]] = []
    present = {k for r in rows for k in r if k is not None}
    missing = [c for c in COLUMNS if c not in present]
    if missing:
        problems.append((f"row {FIRST_DATA_ROW - 1}", f"missing column(s): {', '.join(missing)}; "
                                                       f"expected {','.join(COLUMNS)}"))
    if not rows:
        problems.append((f"row {FIRST_DATA_ROW}", "no units: the table has no data rows"))

    units: dict[str, Unit] = {}
    names: dict[str, tuple[str, int]] = {}    # normalised name -> (name, row)
    aliases: dict[str, tuple[str, int, str]] = {}  # normalised alias -> (owner, row, as written)
    for row_no, raw in enumerate(rows, start=FIRST_DATA_ROW):
        cell = {c: (raw.get(c) or "").strip() for c in COLUMNS}
        where = f"row {row_no}"
        name, kind = cell["name"], cell["kind"]
        if not name:
            problems.append((where, "empty name"))
            continue
        if "kind" in present and kind not in DEPARTMENT_KINDS:
            problems.append((where, f"{name}: kind {kind!r} is not one of {', '.join(DEPARTMENT_KINDS)}"))
        key = normalise(name)
        if key in names:
            problems.append((where, f"duplicate name {name!r} (first at row {names[key][1]})"))
            continue
        names[key] = (name, row_no)
        alias_list = tuple(dict.fromkeys(a.strip() for a in cell["aliases"].split("|") if a.strip()))
        for alias in alias_list:
            owner = aliases.setdefault(normalise(alias), (name, row_no, alias))
            if owner[0] != name:
                problems.append((where, f"{name}: alias {alias!r} is also claimed by "
                                        f"{owner[0]} (row {owner[1]})"))
        units[name] = Unit(name, cell["full_name"], kind, alias_list, cell["affiliate_of"],
                           cell["english"], cell["note"], row_no)

    # Checks that need the whole table: an alias must not be another unit's name (or it would
    # resolve two ways), and affiliate_of must name a unit of the table.
    for key, (owner, row_no, alias) in aliases.items():
        if key in names and names[key][0] != owner:
            problems.append((f"row {row_no}", f"{owner}: alias {alias!r} is the name of another "
                                              f"unit (row {names[key][1]})"))
    for u in units.values():
        if u.affiliate_of and (u.affiliate_of not in units or u.affiliate_of == u.name):
            problems.append((f"row {u.row}", f"{u.name}: affiliate_of {u.affiliate_of!r} is not "
                                             "another unit of this table"))

    if problems:
        problems.sort(key=lambda p: int(p[0].split()[1]))  # report in file order
        raise UnitTableError(file, problems)
    return UnitTable(units)


def read_units(path: str | Path) -> UnitTable:
    """Read the table from CSV (UTF-8, with or without BOM) or, if the suffix is .xlsx, Excel."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        import pandas as pd  # only curators editing in Excel need it; CSV stays dependency-free

        rows = pd.read_excel(path, dtype=str).fillna("").to_dict("records")
        return parse_units(rows, file=str(path))
    with path.open(encoding="utf-8-sig", newline="") as f:
        return parse_units(csv.DictReader(f), file=str(path))
