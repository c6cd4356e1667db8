"""`python -m graph lint`: problems a planner should fix in the plan text or the unit table.

Reads every plan leniently (nothing stops at the first problem) and reports, with positions:
units the table does not know, measures without a unit, without a lead or with several leads,
owners that are only collective wording, and deadlines that could not be dated.
"""
from __future__ import annotations

from dataclasses import dataclass

from graph.model.dataset import Sources, plan_place, read_plans, unit_key, units_for
from loaders.units import read_units

__all__ = ["LintFinding", "lint"]


@dataclass(frozen=True, order=True)
class LintFinding:
    file: str
    offset: int
    line: int
    col: int
    kind: str
    message: str
    where: str = ""  # a table's "row 4, column 3 (牵头单位)" or a .docx "paragraph 7, character 2"

    def __str__(self) -> str:
        if self.where:
            return f"{self.file}: {self.where} [{self.kind}] {self.message}"
        return f"{self.file}:{self.line}:{self.col} (offset {self.offset}) [{self.kind}] {self.message}"


def _where(parsed, offset: int) -> str:
    """Text plans keep file:line:col; tables and .docx name row and column, or paragraph."""
    text = parsed.place(offset)[2] if parsed.place else ""
    return "" if text.startswith("line ") else text


def lint(sources: Sources) -> list[LintFinding]:
    found, read = [], read_plans(sources, strict=False)
    units = units_for(read_units(sources.units_file), [p for _, p in read], sources.units_file)
    table = sources.units_file.name
    for path, parsed in read:
        for f in parsed.findings:
            found.append(LintFinding(str(path), f.offset, f.line, f.col, f.kind, f.message,
                                     _where(parsed, f.offset)))
        place = plan_place(parsed)
        for r in parsed.rels:
            if r.type != "RESPONSIBLE_FOR":
                continue
            written = r.start[1]
            key, scope = unit_key(units, place, written)
            if units.resolve(written, scope):
                continue
            measure = r.end[1].rsplit('M', 1)[-1]
            if scope is None:
                message = f"measure {measure}: unit {written!r} is not in {table} (add it, or an alias)"
                if place is None and units.home:  # read as the home city's: say so, it may be wrong
                    message += (f"; the plan names no place, so its units are read as {units.home}'s: "
                                f"if it is another place's plan, say whose with --place (e.g. --place 广州市)")
            else:  # another place's unit: not a row for the home city to add
                message = (f"measure {measure}: unit {written!r} of {scope} is not in {table} for {scope}: "
                           f"it is kept apart as {key!r}, not as a unit of {units.home or 'the table'}; "
                           f"to give it a full name and kind add a row with city={scope}")
            start = r.props["span"][0]
            found.append(LintFinding(str(path), start, *parsed.locate(start), "unknown_unit", message,
                                     _where(parsed, start)))
    return sorted(found)
