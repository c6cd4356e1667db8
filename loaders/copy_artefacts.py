"""What copying a plan out of a PDF or a Word file leaves in its text, taken out again.

Works on normalised text (`plan_text.Text`, NFKC and spaces already folded) and keeps every offset
into the original, so spans still point at the words as written. Nothing here reads wording:

- page numbers alone on a line, in the forms page footers use: "— 3 —" / "-3-" (GB/T 9704's
  公文 style), "第3页", "第3页共12页", "共12页第3页", "3/12", "Page 3 of 12"; and bare numbers
  alone on a line when they run on page by page (2, 3, 4 …), never a single one;
- a running header: a short line that is not a heading, sentence or list and comes back whole at
  page breaks (next to a page number), repeats the document's title line, or names a document or an
  office in eight characters or more ("…实施方案", "衢州市人民政府办公室") three times or more (a unit
  alone on a line, "县人民政府", is shorter); every copy but the title itself is dropped;
- straight double quotes where Word would have written “ ”: paired within a line, they become
  “…” (so a copy typed without smart quotes reads as the original).

Inside a measure a line break means nothing, so once a page line is gone the words either side
join as they were before the page broke.

>>> from loaders.plan_text import normalise
>>> t = clean_copy(normalise('方案\\n1.建设"一件事"平台,推进\\n— 2 —\\n改革。(市发改委负责)\\n'))
>>> t.s
'方案\\n1.建设“一件事”平台,推进\\n改革。(市发改委负责)\\n'
>>> t.pos[t.s.index("改革")] == len('方案\\n1.建设"一件事"平台,推进\\n— 2 —\\n')
True
"""
from __future__ import annotations

import re

from loaders.plan_text import Text

__all__ = ["clean_copy", "page_lines"]

_DASH = r"[-—–―‒─~]{1,3}"
_PAGE_RX = re.compile(rf"{_DASH}\d{{1,3}}{_DASH}|第\d{{1,3}}页(?:[,/]?共\d{{1,3}}页)?|共\d{{1,3}}页[,/]?第\d{{1,3}}页"
                      r"|\d{1,3}/\d{1,3}|(?i:page) ?\d{1,3}(?: ?(?:of|/) ?\d{1,3})?")
_BARE_RX = re.compile(r"\d{1,3}")
# Lines that are never page furniture: headings, sentences, lists, labels, table rows.
_HEADING_RX = re.compile(r"(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d{1,2}[.、)]|附件)")
_NOT_HEADER_RX = re.compile(r"[。;:|()〔〕【】\[\]]|负责|牵头|配合")
_LINE_RX = re.compile(r"[^\n]*")
# How a document's or an issuing office's name ends: a running header repeats one of these.
_TITLE_END_RX = re.compile(r".*(?:方案|意见|计划|办法|通知|文件|要点|清单|细则|规划|报告|纲要|人民政府|办公室|委员会)")


def _lines(s: str) -> list[tuple[int, int]]:
    """(start, end) of every line of s, end excluding its line break."""
    return [m.span() for m in _LINE_RX.finditer(s) if m.start() < len(s) and (m.start() == 0 or s[m.start() - 1] == "\n")]


def page_lines(s: str) -> set[int]:
    """Indexes (into `_lines(s)`) of the lines that are page furniture."""
    lines = _lines(s)
    texts = [s[a:b].strip() for a, b in lines]
    pages = {i for i, t in enumerate(texts) if _PAGE_RX.fullmatch(t)}
    bare = [i for i, t in enumerate(texts) if _BARE_RX.fullmatch(t)]
    numbers = [int(texts[i]) for i in bare]
    if len(bare) >= 2 and all(b == a + 1 for a, b in zip(numbers, numbers[1:])):
        pages |= set(bare)
    first = next((i for i, t in enumerate(texts) if t), None)

    def near_page(i: int) -> bool:
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(texts) and not texts[j]:
                j += step
            if j in pages:
                return True
        return False
    seen: dict[str, list[int]] = {}
    for i, t in enumerate(texts):
        if 4 <= len(t) <= 60 and not _HEADING_RX.match(t) and not _NOT_HEADER_RX.search(t) and i not in pages:
            seen.setdefault(t, []).append(i)
    headers = set()
    for t, where in seen.items():
        if len(where) < 2:
            continue
        if ((first is not None and texts[first] == t) or any(near_page(i) for i in where)
                or (len(where) >= 3 and len(t) >= 8 and _TITLE_END_RX.fullmatch(t))):  # not a unit's name
            headers |= {i for i in where if i != first}
    return pages | headers


def _curl_quotes(s: str) -> str:
    """Straight double quotes paired within a line become “ ”; a line with an odd number keeps its own."""
    if '"' not in s:
        return s
    out = []
    for line in s.split("\n"):
        if line.count('"') % 2 == 0:
            parts = line.split('"')
            line = "".join(p + ("“" if k % 2 == 0 else "”") for k, p in enumerate(parts[:-1])) + parts[-1]
        out.append(line)
    return "\n".join(out)


def clean_copy(t: Text) -> Text:
    """`t` without page furniture lines (each with its line break) and with straight quotes curled."""
    s = t.s
    drop = page_lines(s) if ("\n" in s) else set()
    if drop:
        keep_s, keep_p = [], []
        last = 0
        for i, (a, b) in enumerate(_lines(s)):
            if i in drop:
                keep_s.append(s[last:a])
                keep_p.extend(t.pos[last:a])
                last = min(b + 1, len(s))  # the line and its line break
        keep_s.append(s[last:])
        keep_p.extend(t.pos[last:])
        t = Text("".join(keep_s), keep_p, t.end)
    curled = _curl_quotes(t.s)
    return t if curled is t.s else Text(curled, t.pos, t.end)
