"""Plan files as they are circulated: UTF-8 text, task tables (.csv / .xlsx / text tables) and
Word documents (.docx, paragraphs and tables). Each becomes text for `parse_plan` plus a `place`
function that names positions the way the file does (line:col, row and column, paragraph).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from loaders.csv_text import csv_records
from loaders.decoding import DecodeError, check_office_file, decode_bytes, what_file
from loaders.plan_checks import HOLDS_LIST_RX
from loaders.plan_tables import (bare_cell_header, find_text_table, is_task_header, misaligned_pipe_row, render,
                                 split_text_table)
from loaders.plan_text import Locator
from loaders.records import LoadError

__all__ = ["PlanSource", "read_source"]

Place = Callable[[int], tuple[int, int, str]]


@dataclass
class PlanSource:
    text: str
    place: Place | None  # None: positions are line:col of `text` itself
    preamble: str = ""   # text before a task table in a text file (a covering notice)


_OLD_FORMATS = {".xls": ".xlsx", ".doc": ".docx", ".wps": ".docx", ".et": ".xlsx", ".pdf": ".docx"}


def read_source(path: Path, decode_text: Callable[[bytes], str]) -> PlanSource:
    suffix = path.suffix.lower()
    if suffix in _OLD_FORMATS:
        raise LoadError(str(path), f"{suffix} files cannot be read: save the plan as "
                                   f"{_OLD_FORMATS[suffix]} (or as UTF-8 text)")
    if suffix == ".csv":
        return _table(_csv_rows(path), path.stem, "")
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(path)
    if suffix == ".docx":
        return _docx(path)
    text = decode_text(path.read_bytes())
    found = find_text_table(text)
    if found is None:
        if (at := bare_cell_header(text)) is not None and not HOLDS_LIST_RX.search(text, 0, at):
            line = text.count("\n", 0, at) + 1
            raise LoadError(str(path), "a task table laid out one cell per line without '|' cannot be read "
                                       "reliably (an empty cell leaves no line and later cells shift): save it "
                                       "as .csv/.xlsx, or keep the '|' between cells",
                            where=f"line {line}:1 (offset {at})")
        return PlanSource(text, None)
    offset, table = found
    if HOLDS_LIST_RX.search(text, 0, offset):  # prose with its own lists: the table is an annex
        return PlanSource(text, None)
    if (bad := misaligned_pipe_row(table)) is not None:
        at, row, found = bad
        at += offset
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        raise LoadError(str(path), f"table row {row} has more or fewer cells than the header (the next row "
                                   f"number is expected where '{found[:12]}' stands): with one cell per line an "
                                   f"empty cell leaves no piece and later cells shift columns; save the table "
                                   f"as .csv/.xlsx or fill the empty cells", where=f"line {line}:{col} (offset {at})")
    rows = split_text_table(table)
    if len(rows) < 2:
        return PlanSource(text, None)
    title = next((ln.strip() for ln in text[:offset].split("\n") if ln.strip()), path.stem)
    source = _table([(i + 1, r) for i, r in enumerate(rows)], title, "table ")
    source.preamble = text[:offset]  # the covering notice: its date or title names the year
    return source


def _csv_rows(path: Path) -> list[tuple[int, list[str]]]:
    data = path.read_bytes()
    try:
        text = decode_bytes(data, str(path))
    except DecodeError as e:
        try:  # task tables saved by Excel in China are often GBK: a whole file that reads so is read so
            if what_file(data) is not None:
                raise UnicodeDecodeError("gb18030", data, 0, 1, "not text")
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise e from None  # where the bytes stop being UTF-8 and what they look like
    return [(i + 1, row) for i, row in enumerate(csv_records(text, str(path)))]


def _header_index(rows: list[tuple[int, list[str]]], file: str) -> int:
    for k, (_, row) in enumerate(rows[:15]):
        if is_task_header([str(c or "") for c in row]):
            return k
    raise LoadError(file, "expected a task table: a header row with a task column (重点工作 / 工作任务 …) "
                          "and a unit column (责任单位 / 牵头单位 …) in its first 15 rows")


def _table(rows: list[tuple[int, list[str]]], title: str, what: str, file: str = "") -> PlanSource:
    k = _header_index(rows, file or title)
    above = [str(c).strip() for _, r in rows[:k] for c in r if c and str(c).strip()]
    body = rows[k:]
    rendered = render([[str(c or "") for c in r] for _, r in body], above[0] if above else title,
                      [n for n, _ in body])

    def place(offset: int) -> tuple[int, int, str]:
        row, col, name = rendered.where(offset)
        return row, col, f"{what}row {row}, column {col}" + (f" ({name})" if name else "")
    return PlanSource(rendered.text, place)


def _xlsx(path: Path) -> PlanSource:
    from openpyxl import load_workbook
    check_office_file(path, "xl/workbook.xml", "Excel .xlsx", "cannot open as .xlsx: ")
    try:
        wb = load_workbook(path, read_only=False, data_only=True)
    except Exception as e:  # a damaged or mislabelled workbook: say so in one line
        raise LoadError(str(path), f"cannot open as .xlsx: {type(e).__name__}: {e}") from None
    for ws in wb.worksheets:
        grid = [[c for c in row] for row in ws.iter_rows(values_only=True)]
        for rng in ws.merged_cells.ranges:  # merged cells: every cell shows the anchor's value
            value = ws.cell(rng.min_row, rng.min_col).value
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if r - 1 < len(grid) and c - 1 < len(grid[r - 1]):
                        grid[r - 1][c - 1] = value
        rows = [(i + 1, ["" if v is None else str(v) for v in row]) for i, row in enumerate(grid)]
        if any(is_task_header(r) for _, r in rows[:15]):
            return _table(rows, path.stem, f"sheet {ws.title} ", str(path))
    raise LoadError(str(path), "expected a task table: a header row with a task column (重点工作 / "
                               "工作任务 …) and a unit column (责任单位 / 牵头单位 …) on some sheet")


def _docx(path: Path) -> PlanSource:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    check_office_file(path, "word/document.xml", "Word .docx", "cannot open as .docx: ")
    try:
        doc = docx.Document(str(path))
    except Exception as e:
        raise LoadError(str(path), f"cannot open as .docx: {type(e).__name__}: {e}") from None
    from loaders.docx_numbering import Numbering
    numbering = Numbering(doc)
    paragraphs: list[str] = []
    tables: list[list[list[str]]] = []
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, doc)
            paragraphs.append(numbering.label(para) + para.text)  # Word's automatic numbers
        elif tag == "tbl":
            rows = [[cell.text for cell in row.cells] for row in Table(child, doc).rows]
            if any(is_task_header(r) for r in rows[:3]):
                tables.append(rows)
            else:  # a table that is not a task table: its rows read as lines of text
                paragraphs += ["|".join(r) for r in rows]
    if tables:
        rows = [(i + 1, r) for i, r in enumerate(tables[0])]
        for t in tables[1:]:
            rows += [(len(rows) + i + 1, r) for i, r in enumerate(t[1:] if is_task_header(t[0]) else t)]
        title = next((p.strip() for p in paragraphs if p.strip()), path.stem)
        return _table(rows, title, "table ", str(path))
    text = "\n".join(paragraphs)
    locate = Locator(text)

    def place(offset: int) -> tuple[int, int, str]:
        line, col = locate(offset)
        return line, col, f"paragraph {line}, character {col}"
    return PlanSource(text, place)
