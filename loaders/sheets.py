"""Reading the tables officers edit (CSV or Excel) into text or rows, with errors that name the file.

A CSV must be UTF-8 (Excel's "CSV UTF-8", BOM or not), or UTF-16 with a byte-order mark (Excel's
"Unicode text"). One saved as GBK, or as UTF-16 without a BOM, is refused with the byte offset of the
first byte that is not UTF-8 and what the file looks like instead, rather than decoded by guess. A workbook that is not a readable .xlsx (a renamed file, a truncated
download) is refused with the reader's reason. An empty (0-byte) file is refused: a table without
even a header row is far more likely a failed save than a table meant to be empty.
"""
from __future__ import annotations

from pathlib import Path

from loaders.decoding import check_office_file, decode_bytes, what_file
from loaders.records import LoadError

__all__ = ["read_csv_text", "read_xlsx_records", "xlsx_dicts", "xlsx_table"]


def read_csv_text(path: str | Path, *, file: str | None = None) -> str:
    """The text of a UTF-8 CSV (or UTF-16 with a BOM, as Excel's "Unicode text"); LoadError naming `file`
    and the byte where it stops being text otherwise."""
    path = Path(path)
    file = file or str(path)
    data = path.read_bytes()
    if not data:
        raise LoadError(file, "the file is empty (0 bytes): expected a header row")
    if (what := what_file(data)) is not None:  # a workbook or archive renamed .csv
        raise LoadError(file, f"not a CSV text file: it is {what}")
    return decode_bytes(data, file, save_as="'CSV UTF-8'")  # a BOM dropped; damage named with its byte


def read_xlsx_records(path: str | Path, *, file: str | None = None) -> list[tuple]:
    """The first sheet's rows as tuples of cell values (formula results, not formulas)."""
    from openpyxl import load_workbook  # only Excel tables need it

    path = Path(path)
    file = file or str(path)
    if path.stat().st_size == 0:
        raise LoadError(file, "the file is empty (0 bytes): expected a workbook with a header row")
    try:
        check_office_file(path, "xl/workbook.xml", "Excel .xlsx", "not a readable Excel workbook (.xlsx): ")
    except LoadError as e:
        raise LoadError(file, e.problems[0][1]) from None
    try:  # not read-only: merged cells are only known to a full load
        wb = load_workbook(path, read_only=False, data_only=True)
    except Exception as e:  # noqa: BLE001 — BadZipFile, InvalidFileException, KeyError: all "unreadable"
        reason = " ".join(str(e).split()) or type(e).__name__
        raise LoadError(file, f"not a readable Excel workbook (.xlsx): {reason}") from None
    try:
        if not wb.worksheets:
            raise LoadError(file, "the workbook has no sheet")
        ws = wb.worksheets[0]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        for rng in ws.merged_cells.ranges:  # a merged cell shows its value over the whole range
            value = ws.cell(rng.min_row, rng.min_col).value
            for r in range(rng.min_row - 1, min(rng.max_row, len(rows))):
                for c in range(rng.min_col - 1, min(rng.max_col, len(rows[r]))):
                    rows[r][c] = value
        return [tuple(r) for r in rows]
    except LoadError:
        raise
    except Exception as e:  # noqa: BLE001 — a damaged sheet inside a valid zip
        raise LoadError(file, f"cannot read the first sheet: {' '.join(str(e).split())}") from None
    finally:
        wb.close()


def xlsx_dicts(path: str | Path, *, file: str | None = None) -> list[dict]:
    """The first sheet as dicts keyed by its header row; cells as text ("" for empty)."""
    return xlsx_table(path, file=file)[1]


def xlsx_table(path: str | Path, *, file: str | None = None, names: set[str] = frozenset(),
               with_row: bool = False):
    """The first sheet's header (non-empty names) and its rows as dicts of text. With `names`, a title
    row above the header is skipped (see csv_text.header_index); with `with_row`, the sheet row of the
    first dict is returned too. Cells under no header name are kept under None (a row problem)."""
    from loaders.csv_text import clean_cell, header_index
    records = read_xlsx_records(path, file=file)
    if not records:
        raise LoadError(file or str(path), "row 1: the sheet is empty; expected a header row")
    k = header_index(records, set(names)) if names else 0
    header = ["" if h is None else str(h).strip() for h in records[k]]

    def text(v):
        if v is None:
            return ""
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return clean_cell(str(v))
    rows = list(records[k + 1:])
    while rows and all(v in (None, "") for v in rows[-1]):  # Excel often keeps blank rows at the end
        rows.pop()
    # Blank rows in between stay, so list positions match the sheet's row numbers.
    dicts = []
    for row in rows:
        d = {h: text(v) for h, v in zip(header, row) if h}
        extra = [text(v) for i, v in enumerate(row) if (i >= len(header) or not header[i]) and text(v).strip()]
        if extra:
            d[None] = extra
        dicts.append(d)
    out = ([h for h in header if h], dicts)  # a name twice in `out[0]`: the caller's check_header refuses it
    return (*out, k + 2) if with_row else out
