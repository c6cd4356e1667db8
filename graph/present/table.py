"""Render rows (list of dicts) as an aligned text table, JSON or CSV for the CLI."""
from __future__ import annotations

import csv
import io
import json
import unicodedata

__all__ = ["render"]


def _width(s: str) -> int:
    # Chinese characters take two terminal columns; without this the columns drift.
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return "、".join(map(str, v))
    if isinstance(v, float):
        return "" if v != v else f"{v:g}"  # NaN (a missing number in a DataFrame) shows as blank
    return str(v)


def render(rows: list[dict], columns: list[str] | tuple[str, ...], fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1, default=str)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        w.writerows([[_text(r.get(c)) for c in columns] for r in rows])
        return buf.getvalue().rstrip("\n")
    cells = [[_text(r.get(c)) for c in columns] for r in rows]
    widths = [max([_width(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(columns)]
    def line(vals):
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(vals, widths)).rstrip()
    out = [line(columns), line(["-" * w for w in widths]), *map(line, cells)]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
