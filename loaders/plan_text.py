"""Normalised plan text that remembers where each character came from.

Matching runs on the normalised text (NFKC, so full- and half-width punctuation agree; spaces
dropped unless they sit between two ASCII letters or digits); every span maps back to offsets in
the original text, so records point at the words as written.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Text", "normalise", "Locator", "CLAUSE_MARKS"]

# Marks that end a clause in normalised text (after NFKC "，" is ",").
CLAUSE_MARKS = ",;。:"

@dataclass(frozen=True)
class Text:
    """A normalised string; pos[i] is the offset of s[i] in the original text."""
    s: str
    pos: list[int]
    end: int  # original offset just past this piece (for empty pieces and end-of-text spans)

    def cut(self, i: int, j: int | None = None) -> Text:
        j = len(self.s) if j is None else j
        if i >= j:
            at = self.pos[i] if i < len(self.s) else self.end
            return Text("", [], at)
        return Text(self.s[i:j], self.pos[i:j], self.pos[j - 1] + 1)

    def span(self, i: int = 0, j: int | None = None) -> list[int]:
        j = len(self.s) if j is None else j
        if i >= j:
            at = self.pos[i] if i < len(self.s) else self.end
            return [at, at]
        return [self.pos[i], self.pos[j - 1] + 1]

    def start(self) -> int:
        return self.pos[0] if self.pos else self.end

    def joined(self) -> Text:
        """Drop newlines: inside a measure they only wrap lines, often in mid-word ("专\\n项基金")."""
        if "\n" not in self.s:
            return self
        pos = [p for c, p in zip(self.s, self.pos, strict=True) if c != "\n"]
        return Text(self.s.replace("\n", ""), pos, self.end)

    def without(self, i: int, j: int) -> Text:
        """This text with s[i:j] taken out (offsets of what remains are kept)."""
        if i >= j:
            return self
        return Text(self.s[:i] + self.s[j:], list(self.pos[:i]) + list(self.pos[j:]), self.end)

    def strip(self, chars: str = " \n") -> Text:
        i, j = 0, len(self.s)
        while i < j and self.s[i] in chars:
            i += 1
        while j > i and self.s[j - 1] in chars:
            j -= 1
        return self.cut(i, j)


_NFKC_CACHE: dict[str, str] = {}


def _invisible(ch: str) -> bool:
    """Control and format characters (U+0000-U+001F, U+007F-U+009F, zero-width marks, bidi
    overrides such as U+202E, the BOM): they carry no words, so no name may keep them."""
    return ch not in "\n\t\r" and unicodedata.category(ch) in ("Cc", "Cf")


def _norm_char(ch: str) -> str:
    """NFKC of one character; any whitespace but LF becomes a space; control and format
    characters vanish."""
    out = _NFKC_CACHE.get(ch)
    if out is None:
        if _invisible(ch):
            out = ""
        elif "\u2460" <= ch <= "\u2473":  # "①" numbers a point; NFKC would make it a bare "1"
            out = ch
        else:
            out = unicodedata.normalize("NFKC", ch)
            out = "".join(" " if c.isspace() and c != "\n" else c for c in out)
        _NFKC_CACHE[ch] = out
    return out


def _is_word(c: str) -> bool:
    return c.isascii() and c.isalnum()


# How unit names end and start ("…局", "…委", "…政府"; "市…", "各…"): a space between the two parts names.
_UNIT_END = frozenset("局委办厅府会心司团部处室站所队")
_UNIT_START = frozenset("省市州县区各")
# A label alone at a line start, as tables flattened to text write it: "责任单位  市发改委、市财政局".
_SPACED_LABEL_RX = re.compile(r"(?:第一|主要)?(?:牵头|责任|配合|协办|主办|承办|协同|参与)(?:责任)?(?:单位|部门)"
                              r"|(?:完成|办结)(?:时限|时间|期限)|时限要求")
# A run of spaces (after NFKC, tabs and ideographic spaces are spaces too).
_SPACE_RUN_RX = re.compile(r" +")


_NAME_BREAK = frozenset("、,;:()〔〕[]【】\n。 ")


def _name_before(s: str, a: int) -> bool:
    """Two characters or more since the last separator: a unit name ends before the space ("团 市委"
    is one name a stray space split, not "团" and "市委")."""
    k = a
    while k > 0 and s[k - 1] not in _NAME_BREAK and a - k < 2:
        k -= 1
    return a - k >= 2


def normalise(text: str) -> Text:
    """NFKC per character (offsets stay exact), CR/LF -> LF, then drop spaces that carry no
    meaning in Chinese text (all but those between two ASCII letters/digits, as in "TPCPP and");
    spaces between two unit names ("市财政局 市商务局") part them as a 、 would."""
    s, pos = _map_chars(text)
    out_s: list[str] = []
    out_p: list[int] = []
    last = 0
    for m in _SPACE_RUN_RX.finditer(s):
        a, b = m.span()
        out_s.append(s[last:a])
        out_p.extend(pos[last:a])
        if a > 0 and b < len(s) and _is_word(s[a - 1]) and _is_word(s[b]):
            out_s.append(" ")
            out_p.append(pos[a])
        elif a > 0 and b < len(s) and s[b] != "\n" and _SPACED_LABEL_RX.fullmatch(
                s, s.rfind("\n", 0, a) + 1, a):
            out_s.append(":")  # "责任单位  市发改委": a label at a line start, parted by spaces only
            out_p.append(pos[a])
        elif a > 0 and b < len(s) and s[a - 1] in _UNIT_END and s[b] in _UNIT_START and _name_before(s, a):
            out_s.append("、")  # "市财政局 市商务局": names parted by spaces only, as lists in tables are
            out_p.append(pos[a])
        last = b
    out_s.append(s[last:])
    out_p.extend(pos[last:])
    return Text("".join(out_s), out_p, len(text))


def _map_chars(text: str) -> tuple[str, list[int] | range]:
    """Each character mapped by `_norm_char`, with the original offset of every output character.
    Usually every character maps to exactly one, so str.translate does it and offsets are 0..n-1."""
    table = {ord(c): _norm_char(c) for c in set(text) if c >= "\x7f" or c < " " and c not in "\n\r"}
    if "\r" not in text and all(len(v) == 1 for v in table.values()):
        return text.translate(table), range(len(text))
    chars: list[str] = []
    pos: list[int] = []
    for i, ch in enumerate(text):
        if ch == "\r":  # CR LF -> LF, a lone CR -> LF
            mapped = "" if text[i + 1:i + 2] == "\n" else "\n"
        else:
            mapped = table.get(ord(ch), ch)
        for c in mapped:
            chars.append(c)
            pos.append(i)
    return "".join(chars), pos


class Locator:
    """Character offset -> 1-based line and column in the original text."""

    def __init__(self, text: str):
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1
