"""Word's automatic numbering, written out: a paragraph numbered by a list style ("List Number",
or a numbering defined in numbering.xml) shows "1." or "（一）" on screen but its text has no
number; plans depend on those numbers, so each numbered paragraph gets its label as Word draws it.

Only the common formats are drawn: decimal, Chinese counting (一、二 …), letters, Roman numerals;
any other format falls back to decimal.
"""
from __future__ import annotations

from typing import Any

__all__ = ["Numbering"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN = "一二三四五六七八九"


def _cn(n: int) -> str:
    if n < 10:
        return _CN[n - 1] if n > 0 else "〇"
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _cn(tens)) + "十" + (_CN[ones - 1] if ones else "")


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _draw(n: int, fmt: str) -> str:
    if fmt.startswith(("chinese", "ideograph", "taiwanese", "japaneseCounting")):
        return _cn(n)
    if fmt in ("upperLetter", "lowerLetter"):
        s = chr(ord("A") + (n - 1) % 26)
        return s if fmt == "upperLetter" else s.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    return str(n)


class Numbering:
    """Labels for numbered paragraphs of one document, drawn in document order."""

    def __init__(self, doc: Any):
        self._levels: dict[tuple[str, int], tuple[int, str, str]] = {}  # (numId, ilvl) -> start, fmt, text
        self._counters: dict[str, list[int]] = {}
        try:
            root = doc.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for a in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in a.iter(f"{_W}lvl"):
                def val(tag: str, default: str) -> str:
                    el = lvl.find(f"{_W}{tag}")
                    return el.get(f"{_W}val", default) if el is not None else default
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (int(val("start", "1")), val("numFmt", "decimal"),
                                                          val("lvlText", "%1."))
            abstract[a.get(f"{_W}abstractNumId")] = levels
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(f"{_W}val"), {}).items():
                self._levels[(num.get(f"{_W}numId"), ilvl)] = spec

    @staticmethod
    def _num_pr(paragraph: Any) -> tuple[str, int] | None:
        for holder in (paragraph._p.pPr, getattr(paragraph.style, "element", None)):
            ppr = holder if holder is None or holder.tag.endswith("pPr") else holder.find(f"{_W}pPr")
            if ppr is None:
                continue
            num_pr = ppr.find(f"{_W}numPr")
            if num_pr is None:
                continue
            num_id, ilvl = num_pr.find(f"{_W}numId"), num_pr.find(f"{_W}ilvl")
            if num_id is None:
                continue
            return num_id.get(f"{_W}val"), int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else 0
        return None

    def label(self, paragraph: Any) -> str:
        """The number Word shows before this paragraph ("" if none); advances the counters."""
        found = self._num_pr(paragraph)
        if found is None or found[0] == "0" or found not in self._levels:
            return ""
        num_id, ilvl = found
        counters = self._counters.setdefault(num_id, [0] * 9)
        start, fmt, text = self._levels[(num_id, ilvl)]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        for k in range(ilvl + 1):
            spec = self._levels.get((num_id, k), (1, "decimal", ""))
            text = text.replace(f"%{k + 1}", _draw(counters[k] or spec[0], spec[1]))
        return text
