"""The unit table (`data/units.csv`): every responsible unit the plan names, with aliases.

The plan parser resolves each name in a responsibility list through `UnitTable.resolve`, so one
unit is one Department node however the text spells it ("水利部门" -> "市水利局").

The table lists the units of one home city (the city most of its full names name: 衢州市) and, in
rows whose optional `city` column is filled, units of other places (city=丽水市). A name resolves
only among the rows of the plan's own place: 丽水's 市发改委 is never 衢州's.
Pure: rows in, records out; no networkx, no Neo4j.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from loaders.vocabulary import DEPARTMENT_KINDS
from loaders.plan_place import as_place, city_named, qualify, same_place, stem
from loaders.records import LoadError, Node, Rel
from loaders.csv_text import check_header, csv_records, dict_rows, header_index
from loaders.sheets import read_csv_text, xlsx_table

__all__ = ["UnitTableError", "Unit", "UnitTable", "COLUMNS", "OPTIONAL", "home_city", "normalise",
           "parse_units", "read_units"]

COLUMNS = ("name", "full_name", "kind", "aliases", "affiliate_of", "english", "note")
OPTIONAL = ("city",)  # empty or left out: the home city
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
    city: str = ""  # the place whose unit it is; empty: the table's home city
    key: str = ""  # the Department key: `name` for the home city, else qualified (丽水市发改委)


@dataclass
class UnitTable:
    units: dict[str, Unit]  # key -> unit
    home: str | None = None  # the home city (衢州市); None when no full name names a city

    def __post_init__(self) -> None:
        # parse_units has already rejected clashes within a place, so each index is one-to-one.
        self._index: dict[str, dict[str, str]] = {}
        for u in self.units.values():
            place = self._place(u.city)
            for n in (u.name, *u.aliases):
                self._index.setdefault(place, {})[normalise(n)] = u.key or u.name

    def _place(self, city: str | None) -> str:
        """Index key of a place: "" for the home city (and for no place at all)."""
        return "" if not city or same_place(city, self.home) else stem(normalise(city))

    def is_home(self, city: str | None) -> bool:
        return self._place(city) == ""

    def home_names(self) -> set[str]:
        """The home city's unit names: the ones ledgers may refer to."""
        return {k for k, u in self.units.items() if self.is_home(u.city)}

    def places(self) -> list[str]:
        """The other places the table has rows for, as written."""
        return sorted({u.city for u in self.units.values() if not self.is_home(u.city)})

    def resolve(self, name: str, city: str | None = None) -> str | None:
        """The key of the unit of `city` (default: the home city) that `name` or one of its aliases
        names; None if the table has no such row for that place."""
        return self._index.get(self._place(city), {}).get(normalise(name))

    def records(self, source: str) -> tuple[list[Node], list[Rel]]:
        """Department nodes and AFFILIATE_OF (affiliate -> parent) relationships."""
        nodes, rels = [], []
        for u in self.units.values():
            where = f"{source}:{u.row}"
            key = u.key or u.name
            place = {} if self.is_home(u.city) else {"written": u.name, "city": u.city}
            nodes.append(Node("Department", key, {
                "name": key, "full_name": u.full_name, "kind": u.kind,
                "aliases": list(u.aliases), "english": u.english, "note": u.note, **place, "source": where}))
            if u.affiliate_of:
                parent = self.resolve(u.affiliate_of, u.city)
                rels.append(Rel("AFFILIATE_OF", ("Department", key),
                                ("Department", parent), {"source": where}))
        return nodes, rels


def home_city(rows: Iterable[dict]) -> str | None:
    """The city the table is about: the one most full names of rows without a `city` name
    (衢州市发展和改革委员会, 中共衢州市委组织部 -> 衢州市), else the one most full names name; None when
    none names a city."""
    rows = list(rows)
    def named(keep):
        return city_named("\n".join((r.get("full_name") or "").strip() for r in rows if keep(r)))
    return named(lambda r: not (r.get("city") or "").strip()) or named(lambda r: True)


def parse_units(rows: Iterable[dict], *, file: str, first_row: int = FIRST_DATA_ROW) -> UnitTable:
    """Validate rows (dicts keyed by column; `first_row` is the sheet row of the first) and build the
    table; raise one UnitTableError listing every problem, so a curator fixes the file in one pass.
    Rows with no cell filled are skipped (they still count); cells beyond the header (under the key
    None, as csv.DictReader files them) are a problem of their row."""
    numbered = [(n, r) for n, r in enumerate(rows, start=first_row)
                if any(str(v).strip() for v in r.values() if v is not None)]
    rows = [r for _, r in numbered]
    problems: list[tuple[str, str]] = []
    present = {k for r in rows for k in r if k is not None}
    missing = [c for c in COLUMNS if c not in present]
    if missing:
        problems.append((f"row {first_row - 1}", f"missing column(s): {', '.join(missing)}; "
                                                       f"expected {','.join(COLUMNS)}"))
    if not rows:
        problems.append((f"row {first_row}", "no units: the table has no data rows"))
    home = home_city(rows)

    def place(city: str) -> str:  # names and aliases are unique within a place
        return "" if not city or same_place(city, home) else stem(normalise(city))

    units: dict[str, Unit] = {}
    names: dict[tuple[str, str], tuple[str, int]] = {}    # (place, normalised name) -> (name, row)
    aliases: dict[tuple[str, str], tuple[str, int, str]] = {}  # (place, normalised alias) -> (owner, row, as written)
    by_place: dict[tuple[str, str], Unit] = {}
    for row_no, raw in numbered:
        cell = {c: (raw.get(c) or "").strip() for c in (*COLUMNS, *OPTIONAL)}
        where = f"row {row_no}"
        extra = raw.get(None)
        if extra and any(str(v).strip() for v in (extra if isinstance(extra, list) else [extra])):
            problems.append((where, "more cells than header columns (a ',' inside a name, or a cell too many)"))
            continue
        name, kind, city = cell["name"], cell["kind"], as_place(cell["city"])
        if not name:
            problems.append((where, "empty name"))
            continue
        if "kind" in present and kind not in DEPARTMENT_KINDS:
            problems.append((where, f"{name}: kind {kind!r} is not one of {', '.join(DEPARTMENT_KINDS)}"))
        at = place(city)
        key = (at, normalise(name))
        if key in names:
            problems.append((where, f"duplicate name {name!r}{f' for {city}' if at else ''} "
                                    f"(first at row {names[key][1]})"))
            continue
        names[key] = (name, row_no)
        alias_list = tuple(dict.fromkeys(a.strip() for a in cell["aliases"].split("|") if a.strip()))
        for alias in alias_list:
            owner = aliases.setdefault((at, normalise(alias)), (name, row_no, alias))
            if owner[0] != name:
                problems.append((where, f"{name}: alias {alias!r} is also claimed by "
                                        f"{owner[0]} (row {owner[1]})"))
        unit_key = qualify(city, name) if at else name
        if unit_key in units:  # 丽水市发改委 written out in a home row and qualified in a 丽水市 row
            problems.append((where, f"{name} of {city} is keyed {unit_key!r}, the name of row "
                                    f"{units[unit_key].row}"))
            continue
        units[unit_key] = by_place[key] = Unit(name, cell["full_name"], kind, alias_list, cell["affiliate_of"],
                                               cell["english"], cell["note"], row_no, city if at else "", unit_key)

    # Checks that need the whole table: an alias must not be another unit's name (or it would
    # resolve two ways), and affiliate_of must name a unit of the table of the same place.
    for key, (owner, row_no, alias) in aliases.items():
        if key in names and names[key][0] != owner:
            problems.append((f"row {row_no}", f"{owner}: alias {alias!r} is the name of another "
                                              f"unit (row {names[key][1]})"))
    for u in units.values():
        parent = by_place.get((place(u.city), normalise(u.affiliate_of)))
        if u.affiliate_of and (parent is None or parent.key == u.key):
            problems.append((f"row {u.row}", f"{u.name}: affiliate_of {u.affiliate_of!r} is not "
                                             f"another unit of this table{f' for {u.city}' if u.city else ''}"))

    if problems:
        problems.sort(key=lambda p: int(p[0].split()[1]))  # report in file order
        raise UnitTableError(file, problems)
    return UnitTable(units, home)


def read_units(path: str | Path) -> UnitTable:
    """Read the table from CSV (UTF-8, with or without BOM; comma, tab or semicolon) or, if the suffix
    is .xlsx, Excel. A title row above the header is allowed."""
    path = Path(path)
    try:
        if path.suffix.lower() == ".xlsx":
            names, rows, first = xlsx_table(path, names=set(COLUMNS), with_row=True)
            check_header(names, str(path), first - 1)
            return parse_units(rows, file=str(path), first_row=first)
        records = csv_records(read_csv_text(path), str(path))
        k = header_index(records, set(COLUMNS))
        header = [h.strip() for h in records[k]] if records else []
        check_header(header, str(path), k + 1)
    except LoadError as e:
        raise UnitTableError(e.file, e.problems) from None
    return parse_units(dict_rows(header, records[k + 1:]), file=str(path), first_row=k + 2)
