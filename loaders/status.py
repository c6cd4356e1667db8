"""Progress status files: which measures or milestones are done or in progress.

CSV (or .xlsx) with columns `item,status` and optional `plan,date,note`. `item` names a measure ("9",
"M9") or one of its milestones ("9-1", "M9-D1": the first deadline of measure 9). `status` is
done / in_progress / not_started (中文 已完成 / 推进中 / 未开始 also accepted). With several plans
loaded, `plan` (a plan id) limits a row to that plan's measure; an empty plan means every plan's.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from loaders.records import LoadError

__all__ = ["StatusError", "StatusFile", "read_status", "parse_status"]

_ITEM = re.compile(r"^M?(\d{1,3})(?:[-.]D?(\d{1,2}))?$", re.IGNORECASE)
_STATUS = {"done": "done", "已完成": "done", "完成": "done",
           "in_progress": "in_progress", "推进中": "in_progress", "进行中": "in_progress",
           "not_started": "not_started", "未开始": "not_started"}


class StatusError(LoadError):
    pass


@dataclass(frozen=True)
class StatusFile:
    items: dict[str, str]  # "M9", "M9-D1" (every plan) or "<plan>#M9-D1" -> done | in_progress | not_started

    def done_ids(self) -> set[str]:
        """Tokens the overdue queries compare with measure and milestone ids (bare tokens with the part
        after '#', plan-qualified ones with the whole id)."""
        return {item for item, status in self.items.items() if status == "done"}


def parse_status(rows, *, file: str) -> StatusFile:
    items, problems = {}, []
    for row_no, row in enumerate(rows, start=2):
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
    if problems:
        raise StatusError(file, problems)
    return StatusFile(items)


def read_status(path) -> StatusFile:
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        import pandas as pd
        rows = pd.read_excel(path, dtype=str).fillna("").to_dict("records")
    else:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            if not reader.fieldnames or not {"item", "status"} <= set(reader.fieldnames):
                raise StatusError(str(path), "row 1: header must have columns item,status")
            rows = list(reader)
    return parse_status(rows, file=str(path))
