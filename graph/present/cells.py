"""Spreadsheet-safe cells: text that a spreadsheet would run as a formula stays text.

Ledger and plan text reaches CSV and Excel outputs (query, ask, analyze). A cell such as
`=HYPERLINK("http://…")` or `=cmd|' /C calc'!A0` would be evaluated when the file is opened.
Following OWASP's CSV-injection advice, a text cell that starts with `=`, `+`, `-`, `@`, a tab or a
carriage return gets a leading `'` in CSV (spreadsheets show the rest as text), and is stored as a
string cell marked "quote prefix" in xlsx (Excel keeps it text, even when the cell is edited).
A text cell that is just a number (`-76`, `+3.5`) cannot be a formula and is left as it is;
numbers themselves are never touched.

The neo4j-admin import files of `export --format csv` are machine input, not a spreadsheet, and are
written exactly as the data holds it.
"""
from __future__ import annotations

import re

__all__ = ["FORMULA_STARTS", "is_formula_like", "csv_cell", "protect_sheet"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def is_formula_like(value) -> bool:
    """True for text a spreadsheet could take as a formula.

    >>> is_formula_like("=1+1"), is_formula_like("@SUM(A1)"), is_formula_like("-76"), is_formula_like(-76)
    (True, True, False, False)
    """
    return (isinstance(value, str) and value.startswith(FORMULA_STARTS)
            and not _NUMBER.fullmatch(value))


def csv_cell(value):
    """The value as a CSV cell may safely hold it: formula-like text gets a leading `'`.

    >>> csv_cell("=HYPERLINK(\\"http://x\\")"), csv_cell("市发改委"), csv_cell(3)
    ('\\'=HYPERLINK("http://x")', '市发改委', 3)
    """
    return "'" + value if is_formula_like(value) else value


def protect_sheet(ws) -> int:
    """Make every formula-like text cell of an openpyxl worksheet a plain string with Excel's quote
    prefix (openpyxl would otherwise write text starting with `=` as a formula). Returns how many."""
    n = 0
    for row in ws.iter_rows():
        for cell in row:
            if is_formula_like(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True
                n += 1
    return n
