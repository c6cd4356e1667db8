"""Task tables (分工表): "序号 | 重点工作 | 责任领导 | 责任单位 | 完成时限" as text, CSV, .xlsx or .docx.

A table becomes plan text the parser already reads (one measure per row: "N.重点工作" then
"牵头单位:…", "责任单位:…", "配合单位:…", "责任领导:…", "完成时限:…" lines), so tables and prose
give the same records. Every character of that text remembers its row and column, and errors and
findings name them ("row 4, column 责任单位").

>>> rows = split_text_table("序号|重点工作|责任单位|完成时限\\n1|建设平台|市发改委、市财政局|6月底前")
>>> rows[1]
['1', '建设平台', '市发改委、市财政局', '6月底前']
>>> print(render([["序号", "重点工作", "责任单位"], ["1", "建设平台", "市发改委"]], "t").text)
t
一、重点任务
1.建设平台
责任单位:市发改委
<BLANKLINE>
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

__all__ = ["Rendered", "is_task_header", "split_text_table", "find_text_table", "bare_cell_header",
           "misaligned_pipe_row", "render"]

# Column names as tables write them, mapped to what the parser reads.
_TASK = ("重点工作", "工作任务", "任务内容", "主要任务", "工作内容", "重点任务", "具体任务", "任务", "工作事项", "目标任务",
         "任务名称", "项目名称", "工作名称", "事项名称", "重点项目")
# Columns that go on describing the task ("指标要求", "主要内容", "工作措施"): their words join the
# measure's text, so the figures and deadlines in them are read.
_CONTENT = ("指标要求", "目标要求", "工作目标", "目标", "主要内容", "具体内容", "建设内容", "工作措施", "具体措施",
            "主要措施", "工作要求", "任务要求", "工作举措", "具体举措")
_ROLE_COLUMNS = {  # column name -> label the rendered text uses
    "牵头单位": "牵头单位", "牵头部门": "牵头单位", "牵头责任单位": "牵头单位", "主责单位": "牵头单位",
    "责任单位": "责任单位", "责任部门": "责任单位", "承办单位": "责任单位",
    "配合单位": "配合单位", "配合部门": "配合单位", "协同责任单位": "配合单位", "协办单位": "配合单位",
    "参与单位": "配合单位",
    "责任领导": "责任领导", "分管领导": "责任领导", "牵头领导": "责任领导", "牵头负责领导": "责任领导",
    "市政府分管领导": "责任领导",
    "完成时限": "完成时限", "完成时间": "完成时限", "时间节点": "完成时限", "时限要求": "完成时限",
    "时限": "完成时限",
}
# Task columns in other words: "主要工作任务", "重点工作任务", "年度重点任务", "工作任务内容".
_TASK_RX = re.compile(r"(?:主要|重点|具体|年度|主要目标|目标)*(?:工作)?(?:任务|事项)(?:内容|名称|清单)?"
                      r"|(?:主要|重点|年度)?工作(?:内容|名称)?")
_NUMBER = ("序号", "编号")


def _is_task(k: str) -> bool:
    return k in _TASK or bool(_TASK_RX.fullmatch(k))
# Column names the table above does not list, read by their words: "牵头县领导", "县政府分管领导",
# "牵头责任部门", "配合责任单位", "完成期限".
_COLUMN_RXS = (
    (re.compile(r"(?:[省市县区州旗](?:政府)?)?(?:牵头|分管|责任|包联|包保|联系|主管)[省市县区州旗]?(?:政府)?领导(?:同志)?"
                r"|[省市县区州旗](?:政府)?(?:分管|牵头|责任)?领导"), "责任领导"),
    (re.compile(r"(?:牵头|主责|主办)(?:责任)?(?:单位|部门)"), "牵头单位"),
    (re.compile(r"(?:配合|协办|协同|参与)(?:责任)?(?:单位|部门)"), "配合单位"),
    (re.compile(r"(?:主要)?(?:责任|承办|实施)(?:单位|部门|主体)"), "责任单位"),
    (re.compile(r"(?:完成|办结)?(?:时限|时间|期限)(?:要求|节点)?|进度安排"), "完成时限"),
)


def column_label(name: str) -> str | None:
    """The label the rendered text uses for a column, None for a column the parser does not read."""
    k = _key(name)
    if k in _ROLE_COLUMNS:
        return _ROLE_COLUMNS[k]
    return next((label for rx, label in _COLUMN_RXS if rx.fullmatch(k)), None)


def _key(cell: str) -> str:
    return re.sub(r"\s+", "", cell or "")


def is_task_header(cells: list[str]) -> bool:
    """A header row: a task column and at least one unit column."""
    keys = [_key(c) for c in cells]
    return any(_is_task(k) for k in keys) and any((column_label(k) or "").endswith("单位") for k in keys)


# Separators of text tables: "|" (also written as cells on their own lines), tabs, aligned
# columns (two or more spaces).
_ALIGNED_RX = re.compile(r"[ \u3000]{2,}")
# What starts a row of its own: a number, a group number "(一)" / "一、".
_ROW_START_RX = re.compile(r"\d{1,3}$|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、")


def split_text_table(text: str) -> list[list[str]]:
    """Rows of a text table, header first."""
    if "|" in text.split("\n", 1)[0] or "|" in text[:200]:
        return _pipe_rows(text)
    sep = "\t" if "\t" in text else None
    rows: list[list[str]] = []
    task = 1
    for line in text.split("\n"):
        if not line.strip():
            continue
        cells = [c.strip() for c in (line.split("\t") if sep else _ALIGNED_RX.split(line.strip()))]
        if not rows:
            task = next((i for i, c in enumerate(cells) if _is_task(_key(c))), 1)
        elif len(cells) < len(rows[0]) and not _ROW_START_RX.match(cells[0] or "-") and task < len(rows[-1]):
            # a wrapped line: the task text goes on (other columns of a wrapped row are blank)
            rows[-1][task] += "".join(c for c in cells if c)
            continue
        rows.append(cells)
    return rows


def _pipe_rows(text: str) -> list[list[str]]:
    """'|' tables, with one row per line ("| a | b |") or one cell per line ("a |\\nb |"): the
    header fixes the number of columns; an empty piece holding a line break ends a row."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if lines and lines[0].count("|") >= 2:  # one row per line: "|序号|重点工作|…|" or "序号|重点工作|…"
        rows = []
        for ln in lines:
            cells = [c.strip() for c in ln.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):  # markdown rule under the header
                continue
            rows.append(cells)
        return rows if rows and is_task_header(rows[0]) else []
    cells = [c for _, c in _pipe_cells(text)]
    header_len = _header_len(cells)
    if not header_len:
        return []
    return [cells[i:i + header_len] for i in range(0, len(cells), header_len)]


def _pipe_cells(text: str) -> list[tuple[int, str]]:
    """(offset, cell) of a '|' table written one cell per line."""
    out: list[tuple[int, str]] = []
    pieces = text.split("|")
    at = 0
    for k, p in enumerate(pieces):
        start, at = at, at + len(p) + 1
        if not p.strip() and ("\n" in p or k in (0, len(pieces) - 1)):
            continue
        if re.fullmatch(r"\s*:?-{3,}:?\s*", p):
            continue
        out.append((start + len(p) - len(p.lstrip()), p.strip()))
    return out


def _header_len(cells: list[str]) -> int:
    # a header opening with 序号 runs up to the first row number, whatever its other column names
    if cells and _key(cells[0]) in _NUMBER:
        first = next((i for i, c in enumerate(cells) if re.fullmatch(r"\d{1,4}", c)), 0)
        if first >= 2 and is_task_header(cells[:first]) and all(len(_key(c)) <= 12 for c in cells[:first]):
            return first
    return next((i + 1 for i in range(len(cells)) if is_task_header(cells[:i + 1])
                 and i + 1 < len(cells) and not _is_column(cells[i + 1])), 0)


def misaligned_pipe_row(text: str) -> tuple[int, int, str] | None:
    """(offset of the row, row number, cell found) of the first row of a one-cell-per-line '|'
    table whose cell count differs from the header's, seen where the next row's 序号 cell holds
    no row number: an empty cell that left no piece shifts every later cell into the wrong column."""
    if text.lstrip().split("\n", 1)[0].count("|") >= 2:
        return None  # one row per line: each line is a row
    cells = _pipe_cells(text)
    width = _header_len([c for _, c in cells])
    if not width or _key(cells[0][1]) not in _NUMBER:
        return None
    for row in range(1, (len(cells) + width - 1) // width):
        at, cell = cells[row * width]
        if not re.fullmatch(r"\d{1,4}", cell):
            prev = cells[(row - 1) * width][0]
            return (prev if row > 1 else at), row - 1 if row > 1 else row, cell
    return None


def _is_column(cell: str) -> bool:
    k = _key(cell)
    return _is_task(k) or k in _CONTENT or column_label(k) is not None or k in _NUMBER or k == "备注"


def find_text_table(text: str) -> tuple[int, str] | None:
    """(offset, table text) of a task table in plain text: from its header to the end."""
    for m in re.finditer(r"[^\n]*\n?", text):
        line = m.group(0)
        cells = [c for c in re.split(r"\||\t|[ \u3000]{2,}", line.strip()) if c.strip()]
        if len(cells) >= 3 and is_task_header(cells):
            return m.start(), text[m.start():]
        if _key(line.strip().strip(" |")) in _NUMBER:  # one cell per line: "序号 |"
            rest = text[m.start():]
            if _pipe_rows(rest):
                return m.start(), rest
    return None


def bare_cell_header(text: str) -> int | None:
    """Offset of a table header written one cell per line with no "|" ("序号", "任务名称",
    "牵头部门" … each on a line of its own), as a web page pasted as text gives it. Such a table
    cannot be read reliably: an empty cell leaves no line, so later cells shift columns."""
    lines = [(m.start(), m.group(0).strip()) for m in re.finditer(r"[^\n]*", text) if m.group(0).strip()]
    for k, (at, line) in enumerate(lines):
        if _key(line) in _NUMBER:
            run = [c for _, c in lines[k + 1:k + 8]]
            width = next((i for i, c in enumerate(run) if not _is_column(c)), len(run))
            if width >= 2 and is_task_header([line] + run[:width]):
                return at
    return None


@dataclass
class Rendered:
    text: str
    cells: list[tuple[int, int, int, str]]  # (start in text, row, column, column name), sorted

    def where(self, offset: int) -> tuple[int, int, str]:
        """Row, column number and column name of a character of the rendered text."""
        k = bisect.bisect_right([c[0] for c in self.cells], offset) - 1
        if k < 0:
            return 1, 1, ""
        _, row, col, name = self.cells[k]
        return row, col, name


def render(rows: list[list[str]], title: str, row_numbers: list[int] | None = None) -> Rendered:
    """Plan text for a task table (header row first). `row_numbers` gives each row's number as
    the source counts it (default: 1, 2, …)."""
    header = [_key(c) for c in rows[0]]
    numbers = row_numbers or list(range(1, len(rows) + 1))
    task = next(i for i, k in enumerate(header) if _is_task(k))
    number = next((i for i, k in enumerate(header) if k in _NUMBER), None)
    out: list[str] = []
    cells: list[tuple[int, int, int, str]] = []
    pos = 0

    def put(piece: str, row: int = 0, col: int = 0, name: str = "") -> None:
        nonlocal pos
        if row:
            cells.append((pos, row, col, name))
        out.append(piece)
        pos += len(piece)

    put(f"{title}\n一、重点任务\n", numbers[0], 1, "")
    n, sections = 0, 1
    for r, row in zip(numbers[1:], rows[1:], strict=True):
        row = row + [""] * (len(header) - len(row))
        words = _flat(row[task])
        if not any(_flat(c) for c in row):
            continue
        written = _flat(row[number]) if number is not None else ""
        if number is not None and not re.fullmatch(r"\d{1,3}", written):
            # a group row: "(一)…" is a pillar; "一、…" or a row without a number a section
            if re.fullmatch(r"[(（][一二三四五六七八九十]+[)）]", written):
                put(f"{written}{words}\n", r, number + 1, rows[0][number])
            else:
                sections += 1
                put(f"{_CN[sections]}、{words.lstrip('一二三四五六七八九十、')}\n", r, task + 1,
                    rows[0][task])
            continue
        n += 1
        put(f"{written or n}.", r, (number or 0) + 1, rows[0][number] if number is not None else "")
        put(words, r, task + 1, rows[0][task])
        for i, k in enumerate(header):
            value = _flat(row[i])
            if k in _CONTENT and value and i != task:
                put("" if words.endswith(("。", ";", ":")) or not words else "。", r, task + 1, rows[0][task])
                put(value, r, i + 1, rows[0][i])
                words = value
        put("\n", r, task + 1, rows[0][task])
        for i, k in enumerate(header):
            label = column_label(k)
            value = _flat(row[i])
            if label and value:
                put(f"{label}:", r, i + 1, rows[0][i])
                put(value + "\n", r, i + 1, rows[0][i])
        for i, k in enumerate(header):  # other columns ("备注", "工作措施") are kept as notes
            value = _flat(row[i])
            if value and i not in (task, number) and column_label(k) is None and k not in _CONTENT:
                put(f"备注:{k}:" if k != "备注" else "备注:", r, i + 1, rows[0][i])
                put(value + "\n", r, i + 1, rows[0][i])
    return Rendered("".join(out), cells)


_CN = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"] + [
    "十" + d for d in "一二三四五六七八九"] + ["二十" + d for d in ["", *"一二三四五六七八九"]]


def _flat(cell: str | None) -> str:
    """A cell's words on one line (line breaks inside cells only wrap)."""
    return re.sub(r"\s*\n\s*", "", str(cell or "")).strip()
