"""CSV text to rows of cells, as officers' spreadsheets save it, with damage named by its row.

- Delimiter: a comma, or a tab or semicolon when the file uses that instead (Excel's "Unicode
  text" saves tabs, European settings save semicolons). It is read from the lines themselves: the
  one of ',', tab, ';' that splits the first lines into the most cells (a comma on a tie), never
  chosen per row.
- Quotes: a quoted cell may hold line breaks (one spreadsheet row). A quote that is never closed,
  or one that swallows whole rows (a line inside a cell holding as many delimiters as a row), is
  refused with the line where the cell opened: otherwise the rows after it would silently vanish
  into one cell.
- Cells lose control and format characters (zero-width spaces, BOMs, soft hyphens pasted from
  Word or the web): they carry no meaning and would otherwise make a name differ from itself.

>>> csv_records("id;name\\n1;巨化\\u200b集团\\n", "t.csv")
[['id', 'name'], ['1', '巨化集团']]
>>> csv_records('id,name\\n1,"巨化\\n2,衢州\\n', "t.csv")
Traceback (most recent call last):
...
loaders.records.LoadError: t.csv: row 2 (line 2): a quoted cell opens here and is never closed: a '"' is stray or lost
"""
from __future__ import annotations

import csv
import io
import unicodedata

from loaders.records import LoadError

__all__ = ["csv_records", "clean_cell", "delimiter_of"]

_DELIMITERS = (",", "\t", ";")


def clean_cell(value: str) -> str:
    """A cell without control or format characters; line breaks inside it (CR LF, CR) become LF,
    tabs stay."""
    if value.isascii() and value.isprintable():
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in value if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cf"))


def delimiter_of(text: str) -> str:
    """The delimiter that splits the first lines into the most cells (',' on a tie)."""
    lines = [ln for ln in text.splitlines()[:10] if ln.strip()]
    best, most = ",", 0
    for d in _DELIMITERS:
        try:
            cells = max((len(r) for r in csv.reader(lines, delimiter=d)), default=0)
        except csv.Error:
            continue
        if cells > most:
            best, most = d, cells
    return best


def csv_records(text: str, file: str) -> list[list[str]]:
    """Every record of the CSV text (a spreadsheet row each), cells cleaned; LoadError naming the row
    and line where a quote is never closed or swallows rows."""
    delimiter = delimiter_of(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    width = 0
    line = 1  # the physical line the next record starts on
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            what = ("a quoted cell opens here and is never closed: a '\"' is stray or lost"
                    if "end of data" in str(e) or "EOF" in str(e) else f"cannot read the row: {e}")
            raise LoadError(file, what, where=f"row {len(records) + 1} (line {line})") from None
        for cell in row:
            if "\n" in cell or "\r" in cell:
                inner = cell.splitlines()[1:]
                if width >= 3 and any(ln.count(delimiter) >= width - 1 for ln in inner):
                    raise LoadError(file, "a quoted cell opens here and runs over whole rows below it: "
                                          "a '\"' is stray or lost", where=f"row {len(records) + 1} (line {line})")
        last_line = line
        width = max(width, len(row))
        records.append([clean_cell(c) for c in row])
        line = reader.line_num + 1
    if len(records) >= 2 and not text.endswith(("\n", "\r")) and any(c.strip() for c in records[-1]):
        widest = max(len(r) for r in records[:-1])
        if len(records[-1]) < widest:  # a save or copy that stopped in the middle of the last row
            raise LoadError(file, f"the last row has {len(records[-1])} of {widest} cells and the file does "
                                  f"not end with a line break: it looks cut off",
                            where=f"row {len(records)} (line {last_line})")
    return records


def header_index(records: list[list], names: set[str], limit: int = 10) -> int:
    """Index of the header row: 0, unless the first rows are a title above the header (each holds at
    most one distinct value, as a merged title does) and the first row of several values after them
    names one of `names` (what it lacks is then reported as missing columns of that row)."""
    def text(v) -> str:
        return "" if v is None else str(v).strip()
    for k, row in enumerate(records[:limit]):
        cells = {text(v) for v in row} - {""}
        if cells & names:
            return k
        if len(cells) > 1:  # a row of several values that names no column: the header is row 1 as always
            return 0
    return 0


def dict_rows(header: list[str], records: list[list[str]]) -> list[dict]:
    """Records as dicts keyed by header, as csv.DictReader makes them (cells beyond the header, or
    under a blank header name, go under None as a list) but keeping blank rows, so a row's place in
    the list is its place in the sheet."""
    out = []
    for cells in records:
        row: dict = {h: "" for h in header if h}
        extra = []
        for i, v in enumerate(cells):
            h = header[i] if i < len(header) else ""
            if h:
                row[h] = v
            elif str(v).strip():
                extra.append(v)
        if extra:
            row[None] = extra
        out.append(row)
    return out


def check_header(header: list[str], file: str, row: int = 1) -> None:
    """A header naming a column twice: which of the two holds the values would be a guess."""
    names = [h for h in header if h]
    twice = sorted({h for h in names if names.count(h) > 1})
    if twice:
        raise LoadError(file, f"column {twice[0]!r} appears more than once in the header", where=f"row {row}")
