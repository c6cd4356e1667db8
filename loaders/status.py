"""Progress status files: which measures or milestones are done or in progress.

CSV (or .xlsx) with columns `item,status` and optional `plan,date,note`. `item` names a measure ("9",
"M9") or one of its milestones ("9-1", "M9-D1": the first deadline of measure 9). `status` is
done / in_progress / not_started (中文 已完成 / 推进中 / 未开始 also accepted). `plan` (a plan id) says
whose measure a row means; it may be left empty when only one loaded plan has that item.

`StatusFile.check` compares the rows with the loaded plans: a row naming an item no plan has, a plan
that is not loaded, or an item several loaded plans have without saying which, is an error with its row
(a progress mark must never silently land nowhere, or on two plans' measures at once).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from loaders.csv_text import check_header, csv_records, dict_rows, header_index
from loaders.records import LoadError
from loaders.sheets import read_csv_text, xlsx_table

__all__ = ["StatusError", "StatusFile", "read_status", "parse_status"]

_ITEM = re.compile(r"^M?(\d{1,3})(?:[-.]D?(\d{1,2}))?$", re.IGNORECASE)
_STATUS = {"done": "done", "已完成": "done", "完成": "done",
           "in_progress": "in_progress", "推进中": "in_progress", "进行中": "in_progress",
           "not_started": "not_started", "未开始": "not_started"}


class StatusError(LoadError):
    pass


@dataclass(frozen=True)
class StatusFile:
    items: dict[str, str]  # "M9", "M9-D1" (the one plan that has it) or "<plan>#M9-D1" -> done | in_progress | not_started
    rows: dict[str, int] = field(default_factory=dict)  # token -> its row in the file
    file: str = "<status>"

    def check(self, plans: dict[str, set[str]]) -> "StatusFile":
        """Self, once every row names an item of exactly one loaded plan; `plans` maps each loaded plan's
        id to its measure and milestone tokens ("M9", "M9-D1"). Raises StatusError listing every row that
        does not."""
        problems = []
        for token, row in self.rows.items():
            plan, _, item = token.rpartition("#")
            if plan:
                if plan not in plans:
                    problems.append((f"row {row}", f"plan {plan!r} is not loaded (loaded: {', '.join(plans)})"))
                elif item not in plans[plan]:
                    problems.append((f"row {row}", f"plan {plan!r} has no {_what(item)}"))
                continue
            having = [p for p, tokens in plans.items() if item in tokens]
            if not having:
                problems.append((f"row {row}", f"no loaded plan has {_what(item)}"))
            elif len(having) > 1:
                problems.append((f"row {row}", f"{_what(item)} is in {len(having)} loaded plans "
                                               f"({', '.join(having)}): say which in a plan column"))
        if problems:
            raise StatusError(self.file, problems)
        return self

    def done_ids(self) -> set[str]:
        """Tokens the overdue queries compare with measure and milestone ids (bare tokens with the part
        after '#', plan-qualified ones with the whole id)."""
        return {item for item, status in self.items.items() if status == "done"}


def _what(token: str) -> str:
    m = re.fullmatch(r"M(\d+)(?:-D(\d+))?", token)
    return f"milestone {m.group(2)} of measure {m.group(1)}" if m.group(2) else f"measure {m.group(1)}"


def parse_status(rows, *, file: str, first_row: int = 2) -> StatusFile:
    items, where, problems = {}, {}, []
    for row_no, row in enumerate(rows, start=first_row):
        if not any(str(v).strip() for v in row.values() if v is not None):
            continue  # a blank row (Excel keeps formatted empty rows): nothing to mark
        if row.get(None):
            problems.append((f"row {row_no}", "more cells than header columns"))
            continue
        raw_item, raw_status = (row.get("item") or "").strip(), (row.get("status") or "").strip().lower()
        m = _ITEM.match(raw_item)
        if not m:
            problems.append((f"row {row_no}", f"item {raw_item!r} is not a measure (9, M9) or milestone (9-1, M9-D1)"))
            continue
        if raw_status not in _STATUS:
            problems.append((f"row {row_no}", f"status {raw_status!r}; expected one of done, in_progress, not_started"))
            continue
        token = f"M{int(m.group(1))}" + (f"-D{int(m.group(2))}" if m.group(2) else "")
        plan = (row.get("plan") or "").strip()
        token = f"{plan}#{token}" if plan else token
        if token in items:
            problems.append((f"row {row_no}", f"{token} listed twice"))
        items[token] = _STATUS[raw_status]
        where[token] = row_no
    if problems:
        raise StatusError(file, problems)
    return StatusFile(items, where, file)


def read_status(path) -> StatusFile:
    path = Path(path)
    try:
        if path.suffix.lower() == ".xlsx":
            names, rows, first = xlsx_table(path, names={"item", "status"}, with_row=True)
            check_header(names, str(path), first - 1)
            header = set(names)
        else:
            records = csv_records(read_csv_text(path), str(path))
            first = header_index(records, {"item", "status"}) + 2
            header_row = [h.strip() for h in records[first - 2]] if records else []
            check_header(header_row, str(path), first - 1)
            header = set(header_row)
            rows = dict_rows(header_row, records[first - 1:])
    except LoadError as e:
        raise StatusError(e.file, e.problems) from None
    if not {"item", "status"} <= header:
        raise StatusError(str(path), f"row {first - 1}: header must have columns item,status")
    return parse_status(rows, file=str(path), first_row=first)
