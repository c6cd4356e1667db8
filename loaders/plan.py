"""Parse a Chinese implementation plan (实施方案) into graph records.

The parser is pure: `parse_plan` takes the text and returns `Node`/`Rel` records (labels, keys
and types as in `graph.model.schema`) plus lint `Finding`s; only `read_plan` touches the file system.

How it reads a plan
-------------------
1. Normalise (NFKC, so full- and half-width punctuation agree; spaces dropped unless they sit
   between two ASCII letters or digits), keeping for every normalised character its offset in
   the ORIGINAL text. All matching runs on the normalised text; every `span` maps back.
2. Find headings at line starts: sections "一、", sub-sections "(一)", items "1." / "1、"
   (an item may also start right after the closing parenthesis of the previous item's
   responsibility list, as measure 12 does in the Quzhou plan; "(1)" items count only in
   plans numbered no other way). Sections titled like goals ("工作目标") are context,
   sections titled like safeguards ("工作保障") end the measures.
3. Measures are the deepest numbered level present in the measure sections (items, else
   sub-sections, else sections); with items, the sub-sections above them are pillars.
   Inside a measure a newline means nothing (line breaks fall inside words).
4. Each measure gives its responsibility list (a trailing "(…负责)", "〔牵头单位:…〕" or
   "责任单位:" lines; a list opening the item; one list per point when each point "(1)…" ends
   with its own), its deadlines ("6月底前" -> a `Milestone`) and its figures ("4000亩以上"
   -> a `Target`). Role notes and clause tails in a list are rules and notes, not units
   (`plan_notes`); signs of damage become findings (`plan_checks`).

Records carry `source` (the document id) and `span` ([start, end] offsets into the original
text). Text-valued properties (names, titles, deadline words) are normalised, so re-wrapped or
re-punctuated copies of a plan give identical records except for spans; `text[span]` shows the
words as written ("6 月底前" at the span, raw "6月底前"; "各县（市、区）政府" -> "各县(市、区)政府").

Decisions
---------
- Roles: an entry the text marks 牵头 leads ("A、B牵头" and "A、B分别牵头" mark the run A、B;
  "B(牵头)" marks B); otherwise the first named entry leads, unless a note says otherwise
  ("无牵头单位的,责任单位即为牵头单位"). A list of one entry is "sole" (its affiliates too).
  Collective wording ("市级各有关部门", "各区、县级市") never leads by position, only when marked.
- Targets: a figure needs a unit; "15分钟服务圈" (a figure naming a "…圈") is a concept, not a
  target. Comparator: a suffix (以上 / 以内 …) wins over a prefix word (不低于 / 控制在 …);
  "达100%" without 以上 is "=".
- Numbering: items run 1, 2, 3 …, restart at 1 under a new pillar, or continue across
  sections; `number` is the order in the document, `written` (only when it differs) the
  number as written. A skipped number is a finding; strict loads refuse it (a measure may be lost).

>>> p = parse_plan("一、主要任务\\n1.建设平台。6月底前,上线系统。(市发改委、市财政局负责)",
...                doc_id="demo", year=2024)
>>> [(n.label, n.key) for n in p.nodes if n.label in ("Measure", "Milestone")]
[('Measure', 'demo#M1'), ('Milestone', 'demo#M1-D1')]
>>> [(r.start[1], r.props["rank"], r.props["role"]) for r in p.rels if r.type == "RESPONSIBLE_FOR"]
[('市发改委', 1, 'lead'), ('市财政局', 2, 'co')]
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path
from typing import Any

from loaders.copy_artefacts import clean_copy
from loaders.garbled import DAMAGE_KINDS, garbled_at
from loaders.plan_checks import HOLDS_LIST_RX, inner_lists, run_together, traditional_at, unbalanced
from loaders.plan_dates import DEADLINE_RX, UNDATED_RX, due_date, month_end
from loaders.plan_lists import CLOSERS as _CLOSERS, OPENERS as _OPENERS
from loaders.plan_lists import Entry as _Entry, entries as _entries, roles as _roles
from loaders.plan_notes import STANDING_RX, is_note, rules_in, split_notes
from loaders.plan_place import plan_place
from loaders.plan_targets import find_targets
from loaders.plan_text import Locator as _Locator
from loaders.plan_text import Text as _Text
from loaders.plan_text import normalise as _normalise
from loaders.records import LoadError, Node, Rel

__all__ = ["PlanParseError", "Finding", "ParsedPlan", "parse_plan", "read_plan", "FINDING_KINDS"]

FINDING_KINDS = ("no_unit", "no_lead", "several_leads", "collective_only", "undated_deadline",
                 "year_from_citation", "label_in_list", "unread_list", "heading_text")


# --------------------------------------------------------------------------------------------
# Public types
# --------------------------------------------------------------------------------------------

class PlanParseError(LoadError):
    """The plan cannot be read: names the file, line:col, character offset and what was expected."""

    def __init__(self, file: str, message: str, *, offset: int = 0, line: int = 1, col: int = 1,
                 where: str | None = None):
        self.offset, self.line, self.col = offset, line, col
        super().__init__(file, message, where=where or f"line {line}:{col} (offset {offset})")


@dataclass
class Finding:
    """A lint finding: something a reader should check, not a reason to reject the plan."""
    kind: str
    measure: int | None
    offset: int
    line: int
    col: int
    message: str
    where: str = ""  # "line 3:5 (offset 40)", or "row 4, column 责任单位" for tables


@dataclass
class ParsedPlan:
    plan_id: str
    year: int | None
    nodes: list[Node]
    rels: list[Rel]
    findings: list[Finding] = field(default_factory=list)
    text: str = ""            # the text the spans index (for tables and .docx: the rendered text)
    place: Any = None         # offset -> (line, col, "where") as errors and findings cite it

    def locate(self, offset: int) -> tuple[int, int]:
        return self.place(offset)[:2] if self.place else _Locator(self.text)(offset)


# --------------------------------------------------------------------------------------------
# Headings and the measure zone
# --------------------------------------------------------------------------------------------

_CN_DIGITS = "一二三四五六七八九"
# A Chinese numeral 1..99: 一 … 九, 十, 十一 … 十九, 二十 … 九十九.
_CN_NUM = rf"(?:[{_CN_DIGITS[1:]}]?十[{_CN_DIGITS}]?|[{_CN_DIGITS}])"
# "一、工作目标": a section heading at a line start.
_SECTION_RX = re.compile(rf"^({_CN_NUM})、", re.M)
# "(一)聚焦招商,…": a sub-section heading (full-width brackets are NFKC-normalised to ASCII).
_SUB_RX = re.compile(rf"^\(({_CN_NUM})\)", re.M)
# "12.优化…", "3、…": an item number at a line start or right after a ")" that closes a
# responsibility list. (?!\d) keeps "3.0" and "4.5件" out; 1-2 digits keep years out. A mark
# between number and dot ("1*.开展…", "2★、…": items a plan singles out) is kept as `mark`.
_ITEM_RX = re.compile(r"(?:^|(?<=\)))(\d{1,2})(?P<mark>[*★☆△▲※])?[.、](?!\d)", re.M)
# "(1)建设…" / "1)建设…": items in brackets, measures only in plans numbered no other way.
_PARA_RX = re.compile(r"^\(?(\d{1,2})\)", re.M)
# A heading's title: its words up to the first clause mark.
_TITLE_END_RX = re.compile(r"[。,;:\n]")
# Sections that frame the plan rather than hold measures.
_CONTEXT_RX = re.compile(r"(?:工作|总体|主要|发展|基本)?(?:目标|原则|思路)|(?:总体|基本)要求|指导思想")
# Sections that close the measures (safeguards, organisation, annexes).
_CLOSING_RX = re.compile(r"(?:工作|组织|实施|政策)?保障(?:措施)?|保障措施|组织实施|组织领导|工作要求|附则|附件\d*")


@dataclass
class _Heading:
    kind: str          # "section" | "sub" | "item" ("para", "(1)", becomes "item" or is dropped)
    number: int        # the number as written
    start: int         # index of the marker in the normalised text
    body: int          # index just after the marker
    line_start: bool
    title: str = ""
    written: str = ""  # the numeral as written ("12", "十五")
    mark: str = ""     # a mark after the number ("1*."), kept on the measure


def _cn_int(numeral: str) -> int:
    tens, ten, ones = numeral.rpartition("十")
    if not ten:
        return _CN_DIGITS.index(numeral) + 1
    return (_CN_DIGITS.index(tens) + 1 if tens else 1) * 10 + (_CN_DIGITS.index(ones) + 1 if ones else 0)


def _headings(s: str) -> list[_Heading]:
    found = []
    for kind, rx, to_int in (("section", _SECTION_RX, _cn_int), ("sub", _SUB_RX, _cn_int),
                             ("item", _ITEM_RX, int), ("para", _PARA_RX, int)):
        for m in rx.finditer(s):
            tail = _TITLE_END_RX.search(s, m.end())
            title = s[m.end(): tail.start() if tail else len(s)]
            found.append(_Heading(kind, to_int(m.group(1)), m.start(), m.end(),
                                  m.start() == 0 or s[m.start() - 1] == "\n", title, m.group(1),
                                  m.groupdict().get("mark") or ""))
    return sorted(found, key=lambda h: h.start)


def _zone(s: str, heads: list[_Heading]) -> list[tuple[int, int]]:
    """Ranges of the normalised text that hold measures: the sections that are neither context
    ("工作目标") nor after a closing section ("工作保障"). Without sections: from the first
    sub-section or item up to a closing sub-section, if any."""
    sections = [h for h in heads if h.kind == "section"]
    if not sections:
        firsts = [h for h in heads if h.line_start]
        if not firsts:
            return []
        closing = [h.start for h in heads if h.kind == "sub" and _CLOSING_RX.fullmatch(h.title)]
        return [(firsts[0].start, closing[0] if closing else len(s))]
    zone = []
    for i, sec in enumerate(sections):
        end = sections[i + 1].start if i + 1 < len(sections) else len(s)
        if _CLOSING_RX.fullmatch(sec.title):
            break
        if not _CONTEXT_RX.fullmatch(sec.title) or HOLDS_LIST_RX.search(s, sec.start, end):
            zone.append((sec.start, end))  # goals that name who answers for them are measures
    return zone



# "附件1" alone on a line: the plan follows as an attachment to the covering notice above it.
_ANNEX_RX = re.compile(r"^附件\d{0,2}$", re.M)


def _annex_start(s: str, heads: list[_Heading]) -> int | None:
    """Where the plan starts when a covering notice ("各乡镇人民政府:… 附件:1.… 2.…", its own
    "一、二、三" requirements, the office and date) precedes it: just after the first "附件N" line
    that numbered headings follow."""
    for m in _ANNEX_RX.finditer(s):
        if HOLDS_LIST_RX.search(s, 0, m.start()) or _LABEL_RX.search(s, 0, m.start()):
            return None  # lists above it: this is the plan, and what follows is its annex
        if any(h.start > m.end() and h.line_start for h in heads):
            return m.end()
    return None


def _in(zone: list[tuple[int, int]], i: int) -> bool:
    return any(a <= i < b for a, b in zone)


def _closing(heads: list[_Heading]) -> _Heading | None:
    """The heading that closes the measures ("三、工作保障"), if the document has one."""
    sections = [h for h in heads if h.kind == "section"]
    pool = sections or [h for h in heads if h.kind == "sub"]
    return next((h for h in pool if _CLOSING_RX.fullmatch(h.title)), None)


def _check_end(nt: _Text, heads: list[_Heading], level: str, measures: list[_Heading], ctx: _Ctx) -> None:
    """Nothing may be lost at the end: numbered items with responsibility lists after the
    closing heading mean the heading came early (refused in strict mode when they go on with
    the measures' numbering); a plan that opens with goals but never reaches its closing
    section may be truncated (a finding)."""
    closing = _closing(heads)
    if closing is None:
        sections = [h for h in heads if h.kind == "section"] + [None]
        framed = any(h.kind == "section" and _CONTEXT_RX.fullmatch(h.title) and not HOLDS_LIST_RX.search(
            nt.s, h.start, nxt.start if nxt else len(nt.s)) for h, nxt in zip(sections, sections[1:]))
        if framed:
            last = measures[-1]
            ctx.find("no_closing", None, len(nt.pos) and nt.pos[-1],
                     f"the plan opens with goals or requirements but ends after measure "
                     f"{last.written} without a closing section (工作保障/组织实施 …): it may be truncated")
        return
    starts = sorted(h.start for h in heads) + [len(nt.s)]
    later = []
    for h in heads:
        if h.start > closing.start and h.kind == level and h.line_start:
            block = nt.cut(h.body, starts[bisect.bisect_right(starts, h.start)]).joined().strip()
            if _trailing_list(block)[1] is not None or _LABEL_RX.search(block.s):
                later.append(h)
    if not later:
        return
    message = (f"closing heading '{closing.title}' is followed by {len(later)} more numbered "
               f"item(s) with responsibility lists (first: {later[0].written}): the heading may "
               f"be misplaced, and those measures would be lost")
    if ctx.strict and measures and later[0].number == measures[-1].number + 1:
        raise ctx.error(nt.pos[closing.start], message)
    ctx.find("after_closing", None, nt.pos[closing.start], message)


# --------------------------------------------------------------------------------------------
# Errors and findings
# --------------------------------------------------------------------------------------------

@dataclass
class _Ctx:
    """What every step needs to report a place: the file name and the offset locator."""
    file: str
    place: Any  # offset -> (line, col, where)
    strict: bool
    findings: list[Finding] = field(default_factory=list)
    rules: set[str] = field(default_factory=set)  # role rules stated so far ("下同": they carry on)
    standing: list[Any] = field(default_factory=list)  # units a "以下任务均涉及…" note adds to later measures

    def error(self, offset: int, message: str) -> PlanParseError:
        line, col, where = self.place(offset)
        return PlanParseError(self.file, message, offset=offset, line=line, col=col, where=where)

    def find(self, kind: str, measure: int | None, offset: int, message: str) -> None:
        line, col, where = self.place(offset)
        self.findings.append(Finding(kind, measure, offset, line, col, message, where))


# --------------------------------------------------------------------------------------------
# Choosing the measure headings
# --------------------------------------------------------------------------------------------

_UNITS_HINT_RX = re.compile(r"负责|牵头|配合|单位|部门")  # words a responsibility list uses


def _match_open(s: str, close: int, floor: int = 0) -> int | None:
    """Index of the bracket that opens the one closing at `close` (nesting aware)."""
    depth = 0
    for i in range(close, floor - 1, -1):
        c = s[i]
        if c in _CLOSERS:
            depth += 1
        elif c in _OPENERS:
            depth -= 1
            if depth == 0:
                return i
    return None


def _closes_unit_list(s: str, i: int) -> bool:
    """Does the ")" just before index i close a responsibility list?"""
    opener = _match_open(s, i - 1, max(0, i - 600))
    return opener is not None and bool(_UNITS_HINT_RX.search(s, opener, i))


def _measure_heads(nt: _Text, heads: list[_Heading], zone: list[tuple[int, int]],
                   ctx: _Ctx) -> tuple[str, list[_Heading]]:
    """The measure level ("item" / "sub" / "section") and its headings, numbering checked."""
    inside = [h for h in heads if _in(zone, h.start)]
    if any(h.kind == "item" and h.line_start for h in inside):
        parents = [h.start for h in heads if h.kind != "item"]
        before = [h for h in heads if h.kind == "item" and h.line_start and not _in(zone, h.start)]
        return "item", _accept_items(nt, [h for h in inside if h.kind == "item"], parents, before, ctx)
    subs = [h for h in inside if h.kind == "sub"]
    if subs:
        sections = [h.start for h in heads if h.kind == "section"]
        before = [h for h in heads if h.kind == "sub" and not _in(zone, h.start)]
        _check_runs(nt, subs, sections, before, ctx)
        return "sub", subs
    sections = [h for h in inside if h.kind == "section" and h.line_start]
    before = [h for h in heads if h.kind == "section" and h.line_start and not _in(zone, h.start)]
    _check_runs(nt, sections, [], before, ctx)
    return "section", sections


def _continues(h: _Heading, before: list[_Heading]) -> bool:
    """Does h continue the numbering of a context section above it ("1." under 一、总体目标,
    then "2." under 二、)? Officials number items across sections."""
    prior = [b for b in before if b.start < h.start]
    return bool(prior) and h.number == prior[-1].number + 1


def _accept_items(nt: _Text, items: list[_Heading], parents: list[int], before: list[_Heading],
                  ctx: _Ctx) -> list[_Heading]:
    """Items run 1, 2, 3, …, restart at 1 under a new pillar or section heading (some plans
    number per pillar), or continue the numbering of the sections before them. A measure keeps
    the number as written; `number` is its order in the document. An item at a line start
    is a measure whatever its number; a number that jumps or goes back is a lint finding (a
    number may be damaged or a measure lost), and in strict mode any of them is refused (a skip
    through `loaders.garbled.DAMAGE_KINDS`). An item that starts mid-line is a measure only if it
    is the next number and follows a responsibility list (else it is body text)."""
    accepted: list[_Heading] = []
    last = None  # the number written on the last accepted item
    for h in items:
        new_parent = bool(accepted) and bisect.bisect_left(parents, h.start) > bisect.bisect_left(
            parents, accepted[-1].start)
        if last is None:
            fits = h.number == 1 or _continues(h, before)
            expected = h.number if fits else 1
        else:
            fits = h.number == last + 1 or (new_parent and h.number == 1)
            expected = last + 1
        if not h.line_start:
            if fits and _closes_unit_list(nt.s, h.start):
                accepted.append(h)
                last = h.number
            continue
        if not fits:
            _numbering(nt, h, expected, last, ctx)
        accepted.append(h)
        last = h.number
    return accepted


def _check_runs(nt: _Text, measures: list[_Heading], sections: list[int], before: list[_Heading],
                ctx: _Ctx) -> None:
    """Chinese-numbered measures run 一, 二, 三 … within their parent section, or on across
    sections ("(一)…(五)" under 一、, "(六)…" under 二、)."""
    last, prev_parent = None, None
    for h in measures:
        parent = bisect.bisect_right(sections, h.start)
        if last is None:
            fits = h.number == 1 or _continues(h, before)
            expected = 1
        else:
            fits = h.number == last + 1 or (parent != prev_parent and h.number == 1)
            expected = last + 1
        if not fits:
            _numbering(nt, h, expected, last, ctx)
        last, prev_parent = h.number, parent


def _numbering(nt: _Text, h: _Heading, expected: int, last: int | None, ctx: _Ctx) -> None:
    back = last is not None and h.number <= last
    if last is None:  # the file opens past measure 1: a later page, or the top of the file cut off
        message = (f"the first measure is numbered {h.written}: measures 1–{h.number - 1} are not in the file "
                   f"(a later page of a longer document, or its start cut off)")
    else:
        problem = "repeats an earlier number" if back else "skips a number"
        message = (f"measure number {h.written} {problem}: expected measure {expected} (numbers run 1, 2, "
                   f"3, …, restart at 1 under a new heading or continue across sections)")
    if back and ctx.strict:
        raise ctx.error(nt.pos[h.start], message)
    ctx.find("numbering", None, nt.pos[h.start], message + ("" if back or last is None else ": a measure may be lost"))


# --------------------------------------------------------------------------------------------
# A measure's body: text, responsibility list, time labels
# --------------------------------------------------------------------------------------------

# "责任单位:", "牵头单位:", "配合单位:", "时限要求:" … labels that start the metadata of a measure.
_LABEL_RX = re.compile(r"(?P<first>第一|首要)?(?:主要|直接|具体)?"
                       r"(?P<kind>牵头|主责|主办|责任|承办|实施|配合|协办|协同|参与)(?:责任)?(?:单位|部门|主体):"
                       r"|(?P<time>时限要求|完成时限|完成时间|完成期限|时间节点|时间要求|时间安排|进度安排|办结时限"
                       # a bare "时间:" / "时限:" labels a deadline when no word runs into it ("服务时间:" is prose)
                       r"|(?<![\u4e00-\u9fff])(?:时间|时限|期限)):"
                       r"|(?P<leader>(?:牵头|分管|责任|主管|联系|包保|包抓)(?:负责)?领导(?:同志)?|市政府分管领导):"
                       r"|(?P<person>(?:主要|具体)?责任人|联系人|备注|说明):")  # kept in the notes
_LABEL_ROLE = {"牵头": "lead", "主责": "lead", "主办": "lead", "责任": "resp", "承办": "resp", "实施": "resp",
               "配合": "co", "协办": "co", "协同": "co", "参与": "co"}


# "【责任单位】市发改委", "[牵头单位]市商务局", "【完成时限】2024年底前": a label in brackets, no colon.
_BRACKET_LABEL_RX = re.compile(r"[【\[]([\u4e00-\u9fff]{2,10})[】\]]:?")


def _bracket_labels(nt: _Text) -> _Text:
    """Bracketed labels read as "责任单位:" does (each character keeps its offset)."""
    s, pos = nt.s, list(nt.pos)
    found = [m for m in _BRACKET_LABEL_RX.finditer(s) if _LABEL_RX.fullmatch(m.group(1) + ":")]
    if not found:
        return nt
    out_s, out_p, last = [], [], 0
    for m in found:
        out_s.append(s[last:m.start()] + m.group(1) + ":")
        out_p += pos[last:m.start()] + pos[m.start(1):m.end(1)] + [pos[m.end(1)]]
        last = m.end()
    out_s.append(s[last:])
    out_p += pos[last:]
    return _Text("".join(out_s), out_p, nt.end)


# "时间:2024年6月底前" on a line of its own under "责任单位:" lines: the bare word labels the deadline.
_LINE_TIME_LABEL_RX = re.compile(r"(?m)^[ \u3000]*(?=(?:时间|时限|期限):)")


def _line_time_labels(nt: _Text) -> _Text:
    """A line opening with a bare "时间:" reads as "完成时间:" (the added word takes the label's offset)."""
    s, pos = nt.s, list(nt.pos)
    found = list(_LINE_TIME_LABEL_RX.finditer(s))
    if not found:
        return nt
    out_s, out_p, last = [], [], 0
    for m in found:
        out_s.append(s[last:m.end()] + "完成")
        out_p += pos[last:m.end()] + [pos[m.end()]] * 2
        last = m.end()
    out_s.append(s[last:])
    out_p += pos[last:]
    return _Text("".join(out_s), out_p, nt.end)


def _label_role(lm: re.Match[str]) -> str:
    """"第一责任单位:" leads; "主要责任单位:" / "责任主体:" answer for the measure like "责任单位:"."""
    return "lead" if lm.group("first") else _LABEL_ROLE[lm.group("kind")]


@dataclass
class _Body:
    text: _Text                                   # the measure's words, no responsibility list
    groups: list[tuple[str | None, _Text]]        # (role given by a label, list text)
    units_text: str | None
    units_span: list[int] | None
    timing: list[_Text]                           # values of "时限要求:" labels
    leaders: list[str]                            # values of "责任领导:" labels
    unclosed: bool                                # an "(" never closed: text looks truncated
    notes: list[str] = field(default_factory=list)  # role notes after the list ("(…下同)")
    points: list[list[tuple[str | None, _Text]]] | None = None  # each point's own list ("(1)…(A负责)")


# A point inside a measure: "(1)" / "①" at its start, after a 。 or ; or after the list that closes
# the point before it ("…(责任单位:市应急局)(2)推进…").
_POINT_START_RX = re.compile(r"(?:^|(?<=[。;)〕\]】]))(?:\(\d{1,2}\)|[\u2460-\u2473])")


def _point_lists(body: _Text) -> list[tuple[int, int]] | None:
    """(opener, closer) indexes of the lists that close each of a measure's points, when every
    point (2 or more) ends with its own list; else None (one list for the measure, as usual)."""
    first = re.search(r"\(1\)|\u2460", body.s)  # the first point may follow the title line directly
    if first is None:
        return None
    starts = sorted({first.start()} | {m.start() for m in _POINT_START_RX.finditer(body.s, first.start())})
    if len(starts) < 2:
        return None
    out = []
    for a, b in zip(starts, starts[1:] + [len(body.s)]):
        t = body.s[a:b].rstrip("。;, ")
        main, paren = _trailing_list(body.cut(a, a + len(t)))
        if paren is None or t[-1] not in _CLOSERS:
            return None
        out.append((a + len(t) - len(paren.s) - 2, a + len(t) - 1))
    return out


_LIST_IN_BRACKETS_RX = re.compile(r"[(〔\[【][^()〔〕\[\]【】]*(?:负责|牵头|配合|单位|部门)[^()〔〕\[\]【】]*[)〕\]】]")


def _title_list(body: _Text) -> tuple[_Text, _Text] | None:
    """(list, the rest) when the list closes the title line and "(1)…(2)…" points follow with no
    list of their own: the title's list answers for every point."""
    first = re.search(r"\(1\)|\u2460", body.s)
    if first is None or first.start() == 0:
        return None
    head = body.s[:first.start()].rstrip("。;, ")
    if not head or head[-1] not in _CLOSERS:
        return None
    _, paren = _trailing_list(body.cut(0, len(head)))
    rest = body.s[first.start():]
    if paren is None or _LABEL_RX.search(rest) or _LIST_IN_BRACKETS_RX.search(rest) \
            or _trailing_list(body.cut(first.start()))[1] is not None:
        return None
    a, b = len(head) - len(paren.s) - 2, len(head)
    return paren, body.without(a, b)


def _parse_points(body: _Text, spans: list[tuple[int, int]]) -> _Body:
    """A measure whose points each end with a list: every list is read (its lead leads)."""
    points, timing, leaders, notes, contents = [], [], [], [], []
    for a, b in spans:
        content = body.cut(a + 1, b)
        contents.append(content)
        if _LABEL_RX.search(content.s):
            pieces = _label_pieces(content)
            points.append([(_label_role(lm), v) for lm, v in pieces if lm.group("kind")])
            timing += [v for lm, v in pieces if lm.group("time")]
            leaders += [v.s for lm, v in pieces if lm.group("leader") and v.s]
        else:
            points.append([(None, content)])
    text = body
    for a, b in reversed(spans):
        text = text.without(a, b + 1)
    return _Body(text.strip(), [g for groups in points for g in groups], ";".join(c.s for c in contents),
                 [contents[0].start(), contents[-1].span()[1]], timing, leaders, False, notes, points)


def _parse_body(block: _Text) -> _Body:
    body = block.joined().strip()
    if (spans := _point_lists(body)) is not None:
        return _parse_points(body, spans)
    notes = []
    main, paren = _trailing_list(body)
    if paren is not None and _in_labelled_list(main.s, paren.s):
        main, paren = body, None  # the bracket is part of the labelled list (a note, an affiliate)
    # "责任单位:A、B(除标注'分别牵头'外,列第一位为牵头或汇总单位,下同)": a bracketed note after
    # the list is a rule, not the list; the list is before it.
    while paren is not None and is_note(paren.s) and not split_notes(paren).units.s:
        notes.insert(0, paren.s)
        main, paren = _trailing_list(main)
    meta: list[tuple[re.Match[str], _Text]] = []
    m = _label_outside(main.s)
    if m:
        meta = _label_pieces(main.cut(m.start()))
        main = main.cut(0, m.start()).strip()
    if paren is None and not meta and (lead := _leading_list(main) or _by_sentence(main)) is not None:
        paren, main = lead  # "1.(市发改委牵头,市财政局配合)建设平台。…": the list comes first
    if paren is None and not meta and (titled := _title_list(main)) is not None:
        paren, main = titled  # "1.完善预案体系。(市应急局负责)(1)…(2)…": the title line's list
    if paren is not None and _LABEL_RX.search(paren.s):
        meta += _label_pieces(paren)
        paren = None
    if paren is not None:
        groups = [(None, paren)]
        units_text, units_span = paren.s, paren.span()
    else:
        unit_pieces = [(lm, v) for lm, v in meta if lm.group("kind")]
        groups = [(_label_role(lm), v) for lm, v in unit_pieces]
        units_text = ";".join(lm.group(0) + v.s for lm, v in unit_pieces) or None
        units_span = ([unit_pieces[0][1].start(), unit_pieces[-1][1].span()[1]]
                      if unit_pieces else None)
    timing = [v for lm, v in meta if lm.group("time")]
    leaders = [v.s for lm, v in meta if lm.group("leader") and v.s]
    notes += [(v.s if lm.group("person") in ("备注", "说明") else lm.group(0) + v.s)
              for lm, v in meta if lm.group("person") and v.s]
    unclosed = body.s.count("(") > body.s.count(")")
    return _Body(main, groups, units_text, units_span, timing, leaders, unclosed, notes)


def _label_outside(s: str) -> re.Match[str] | None:
    """The first label that is not inside a bracket closed later in the text: a labelled list in
    brackets amid the measure's words ("(1)…(责任单位:A)(2)…") is a list of its own, which the damage
    checks report, not the start of the measure's label lines."""
    for m in _LABEL_RX.finditer(s):
        depth = 0
        for c in s[:m.start()]:
            if c in _OPENERS:
                depth += 1
            elif c in _CLOSERS and depth:
                depth -= 1
        if depth == 0 or not any(c in _CLOSERS for c in s[m.end():]):
            return m
    return None


def _in_labelled_list(before: str, bracket: str) -> bool:
    """"责任单位:A、B(列第一位者为牵头单位,下同)": a bracket that ends the value of a unit
    label, in the same sentence, belongs to that list; it is not a second list that replaces it."""
    labels = list(_LABEL_RX.finditer(before))
    return (bool(labels) and bool(labels[-1].group("kind")) and "。" not in before[labels[-1].end():]
            and not _LABEL_RX.search(bracket))


def _leading_list(body: _Text) -> tuple[_Text, _Text] | None:
    """(list, the rest) when the measure opens with its responsibility list in brackets
    ("(市发改委牵头,市财政局配合)建设平台…", "【市发改委】建设平台…") and words follow it."""
    if not body.s or body.s[0] not in _OPENERS:
        return None
    depth = 0
    for i, c in enumerate(body.s):
        depth += c in _OPENERS
        depth -= c in _CLOSERS
        if depth == 0:
            break
    else:
        return None
    j = i + 1
    while j < len(body.s) and body.s[j] in " 。;,:":
        j += 1
    content, rest = body.cut(1, i), body.cut(j)
    if not rest.s or not _trailing_list(body.cut(0, i + 1))[1]:
        return None
    return content, rest


# "…。由市发改委牵头,市财政局、市商务局配合。": a last sentence that says by whom, in so many words.
_BY_SENTENCE_RX = re.compile(r"由(?P<list>[^。;()]{2,80}?(?:牵头|负责)(?:,[^。;()]{2,80}?(?:配合|参与|协助|负责))?)"
                             r"(?:实施|落实|推进|组织实施)?")


def _by_sentence(body: _Text) -> tuple[_Text, _Text] | None:
    """(list, the rest) when the measure's last sentence starts with 由 and names units only: the
    same list as "(由…牵头,…配合)" without brackets. A bare "…。A牵头,B配合" is not read (a lost
    bracket looks the same) and stays unread."""
    t = body.s.rstrip("。;, ")
    k = max(t.rfind("。"), t.rfind(";")) + 1
    if k == 0 or not (m := _BY_SENTENCE_RX.fullmatch(t, k)):
        return None
    found = body.cut(m.start("list"), m.end("list"))
    owned = _entries([(None, found)])
    if not owned or not all(e.collective or _OWNER_NAME_RX.fullmatch(e.units[0].name) for e in owned):
        return None
    return found, body.cut(0, k)


def _trailing_list(body: _Text) -> tuple[_Text, _Text | None]:
    """Split off a final "(…负责)" (a trailing 。 or ; after it is allowed)."""
    t = body.s.rstrip("。;,")
    if not t or t[-1] not in _CLOSERS:
        return body, None
    opener = _match_open(t, len(t) - 1)
    if opener is None:
        return body, None
    content = t[opener + 1:-1]
    looks_like_list = (_UNITS_HINT_RX.search(content) or ("、" in content and "。" not in content)
                       or _ONE_UNIT_RX.fullmatch(content))
    if not looks_like_list:
        return body, None
    return body.cut(0, opener).strip(), body.cut(opener + 1, len(t) - 1)


# "(市财政局)": one unit in brackets, named as units are named.
_ONE_UNIT_RX = re.compile(r"[\u4e00-\u9fff]{1,20}(?:局|委|办|厅|署|中心|公司|集团|政府|管委会|法院|检察院|海关"
                          r"|工商联|部|行|队)")


def _label_pieces(meta: _Text) -> list[tuple[re.Match[str], _Text]]:
    """"牵头单位:A;配合单位:B、C" -> [(label match, "A"), (label match, "B、C")]."""
    marks = list(_LABEL_RX.finditer(meta.s))
    pieces = []
    for k, lm in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(meta.s)
        pieces.append((lm, meta.cut(lm.end(), end).strip(" ;。,")))
    return pieces


# --------------------------------------------------------------------------------------------
# Milestones
# --------------------------------------------------------------------------------------------

@dataclass
class _Deadline:
    due: str | None
    raw: str
    text: str
    span: list[int]


def _governed(s: str, start: int, end: int) -> str:
    """The clause a deadline governs: what follows it up to 。 or ; (or, when the deadline ends
    its clause as in "…改革,6月底前完成。", that whole clause)."""
    i = end
    while i < len(s) and s[i] in ",:":
        i += 1
    stops = [k for k in (s.find("。", i), s.find(";", i)) if k >= 0]
    j = min(stops) if stops else len(s)
    after = s[i:j].strip(",")
    if len(after) >= 3:
        return after
    k = max(s.rfind("。", 0, start), s.rfind(";", 0, start)) + 1
    return s[k:j].strip(",")


# A time limit that names only a year or a span of years: "2025年", "2024-2026年", "2024年至2025年底".
_YEARS_VALUE_RX = re.compile(r"(20\d{2})(?:年?[-—–~至到](20\d{2}))?年(?:底|末)?(?:前|内)?(?:完成)?")
# A time limit naming a month or a day: "2024年12月", "12月", "2024年12月31日" (a label's value is a
# deadline by itself, so no 前/底 is needed, unlike a month in the measure's words).
_MONTH_VALUE_RX = re.compile(r"(?:(20\d{2})年)?(1[0-2]|0?[1-9])月份?(?:(3[01]|[12]\d|0?[1-9])日)?(?:前|底|末)?(?:完成)?")


def _month_value(m: re.Match[str], year: int | None) -> str | None:
    y = int(m.group(1)) if m.group(1) else year
    if y is None:
        return None
    if m.group(3):
        try:
            return _date(y, int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:  # "2月30日": no such day, so no date rather than a guess
            return None
    return month_end(y, int(m.group(2))).isoformat()


_WHOLE_YEAR_RX = re.compile(r"(?:全年|年内|本年度|年度内)(?:完成|内完成|持续推进)?")
# A bare undated deadline must be a clause of its own ("…。长期坚持。"), not a verb in a sentence.
_BARE_UNDATED_RX = re.compile(r"(?:^|(?<=[,;。:]))(?:" + UNDATED_RX.pattern + r")(?=[,;。]|$)")


def _deadlines(text: _Text, dated: list[re.Match[str]], timing: list[_Text], title: str,
               year: int | None) -> list[_Deadline]:
    """Deadlines in text order (`dated` are the `DEADLINE_RX` matches in `text`), then those of
    "时限要求:" labels."""
    s = text.s
    found = [(m.start(), _Deadline(due_date(m, year), m.group(0), _governed(s, m.start(), m.end()),
                                   text.span(m.start(), m.end())))
             for m in dated]
    found += [(m.start(), _Deadline(None, m.group(0), _governed(s, m.start(), m.end()),
                                    text.span(m.start(), m.end())))
              for m in _BARE_UNDATED_RX.finditer(s)]
    out = [d for _, d in sorted(found, key=lambda x: x[0])]
    for value in timing:  # "时限要求:2024年6月底前" governs the whole measure
        ms = list(DEADLINE_RX.finditer(value.s))
        for m in ms:  # "进度安排:6月底前基本完成基建任务;12月底前全部落实": each governs its clause
            what = _governed(value.s, m.start(), m.end()) if len(ms) > 1 else title
            out.append(_Deadline(due_date(m, year), m.group(0), what, value.span(m.start(), m.end())))
        if not ms and value.s:
            # "完成时限:全年" / "年内": by the end of the plan year; "2025年", "2024-2026年": the
            # end of the (last) year named
            whole_year = year is not None and _WHOLE_YEAR_RX.fullmatch(value.s)
            named = _YEARS_VALUE_RX.fullmatch(value.s)
            due = f"{year}-12-31" if whole_year else f"{named.group(2) or named.group(1)}-12-31" if named else None
            if due is None and (md := _MONTH_VALUE_RX.fullmatch(value.s)):
                due = _month_value(md, year)
            out.append(_Deadline(due, value.s, title, value.span()))
    return out


# --------------------------------------------------------------------------------------------
# Plan metadata
# --------------------------------------------------------------------------------------------

# "索引号: | 11330800MB0R57773W/2023-144195 |" (spaces are gone after normalisation).
_INDEX_RX = re.compile(r"索引号:\|?([^|\n]+)")
# "成文日期: | 2023-12-20", "发布日期:2023年12月20日".
_ISSUED_RX = re.compile(r"(?:(?:成文|发布|印发|发文)(?:日期|时间)|^时间):\|?(\d{4})[-年./](\d{1,2})[-月./](\d{1,2})",
                        re.M)
# "衢政办发〔2019〕12号": a document number carries the year it was issued.
_DOC_NO_RX = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[(](20\d{2})[〕\])]\d{1,4}号")
# A year written as a deadline: "2019年6月底前", "2019年底前".
# A year that opens a clause ("。2023年,争取上级专项资金增长10%以上") is the year the work is for;
# "到2025年," (a horizon) is not.
_DEADLINE_YEAR_RX = re.compile(r"(20\d{2})年(?:\d{1,2}月|底|末|第?[一二三四1-4]季度|[上下]半年)"
                               r"|(?:^|(?<=[。;:\n]))(20\d{2})年(?:,|内,)", re.M)
# A short header line naming a year: "市政府工作报告重点工作责任分解(2023年)".
_HEADER_YEAR_RX = re.compile(r"^[^\n]{0,60}?(20\d{2})年[^\n]{0,30}$", re.M)
# A signature date alone on a line, under the issuing office: "2017年4月13日".
_SIGNED_RX = re.compile(r"^(20\d{2})年(\d{1,2})月(\d{1,2})日$", re.M)
# A document number cited after a title: "《…的通知》(昆政发〔2016〕13号)" is another document's.
_CITED_RX = re.compile(r"》[(〔\[]?$")
# A title line: what plan documents are called, at the end of a short line.
_TITLE_RX = re.compile(r"[^|。\n]{4,80}(?:方案|意见|计划|办法|措施|要点|通知|规划|细则)")
_QUOTED_TITLE_RX = re.compile(r"《([^》]+)》")
_YEAR_RX = re.compile(r"(20\d{2})年")
# "衢州市": two characters and 市, where 市 does not start 市场/市政/市级/市域 …
_CITY_RX = re.compile(r"([\u4e00-\u9fff]{2})市(?!\s*[场政级域民区直属])")  # a line break may fall inside 市政


@dataclass
class _Meta:
    title: str | None
    issued: str | None
    index_no: str | None
    city: str | None


def _meta(nt: _Text, first_heading: int) -> _Meta:
    s = nt.s
    head = s[:first_heading]
    title = next((ln for ln in head.split("\n") if _TITLE_RX.fullmatch(ln)), None)
    if title and (quoted := _QUOTED_TITLE_RX.search(title)):  # "关于印发《…方案》的通知"
        title = quoted.group(1)
    m = _ISSUED_RX.search(head)
    issued = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None
    m = _INDEX_RX.search(head)
    return _Meta(title, issued, m.group(1) if m else None, _city(title, s))


def _city(title: str | None, s: str) -> str | None:
    """The city: named in the title, else the place name the text repeats most
    ("衢州" in "衢州市", "衢州海关", "衢州人" -> "衢州市")."""
    if title and (m := _CITY_RX.search(title)):
        return m.group(1) + "市"
    names = {m.group(1) for m in _CITY_RX.finditer(s)
             if not set(m.group(1)) & set("全本各该我省县区城市")}
    best = max(sorted(names), key=s.count, default=None)
    return best + "市" if best and s.count(best) >= 3 else None


YEAR_RANGE = (1949, 2100)


def check_year(year: int | None, file: str = "--year") -> None:
    """A plan year outside 1949-2100 is a mistake, not a plan: refuse it in one line."""
    if year is not None and not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise ValueError(f"{file}: year {year} is outside {YEAR_RANGE[0]}-{YEAR_RANGE[1]}")


def _plan_year(year: int | None, meta: _Meta, s: str = "", first_heading: int = 0,
               cited_ok: bool = True) -> int | None:
    """The plan year: given, else from the title, else a short header line naming a year,
    else the issue date (Oct-Dec issues are for next year), else the year most deadlines name
    ("2019年6月底前"), else the document number ("〔2019〕")."""
    if year is not None:
        return year
    if meta.title and (m := _YEAR_RX.search(meta.title)):
        return int(m.group(1))
    head = s[:first_heading]
    # a signature date among the first lines is an issue date, not a header naming the year: it
    # is read below, where an Oct-Dec date means next year's plan
    top = [ln for ln in head.split("\n")[:3] if not _SIGNED_RX.fullmatch(ln.strip())]
    if m := _HEADER_YEAR_RX.search("\n".join(top)):
        return int(m.group(1))
    if meta.issued:
        y, mo = int(meta.issued[:4]), int(meta.issued[5:7])
        return y + 1 if mo >= 10 else y  # plans for a year are issued in its last quarter before
    years = [int(m.group(1) or m.group(2)) for m in _DEADLINE_YEAR_RX.finditer(s, first_heading)]
    if years:
        return max(sorted(set(years)), key=years.count)
    own, cited = [], []
    for m in _DOC_NO_RX.finditer(head or s):
        (cited if _CITED_RX.search(s, 0, m.start()) else own).append(m)
    if own:
        return int(own[0].group(1))
    if m := _SIGNED_RX.search(head):
        y, mo = int(m.group(1)), int(m.group(2))
        return y + 1 if mo >= 10 else y
    if cited and cited_ok:  # a plan is never older than what it cites: the latest is a floor
        return max(int(m.group(1)) for m in cited)
    return None


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------

class _Records:
    """Collects nodes and rels, one node per key and one rel per (type, start, end, rank)."""

    def __init__(self, doc_id: str):
        self.doc_id = doc_id
        self.nodes: dict[tuple[str, Any], Node] = {}
        self.rels: list[Rel] = []
        self._rel_keys: set[tuple] = set()

    def node(self, label: str, key: Any, span: list[int], **props: Any) -> tuple[str, Any]:
        if (label, key) not in self.nodes:
            self.nodes[(label, key)] = Node(label, key, {**props, "source": self.doc_id, "span": span})
        else:
            stored = self.nodes[(label, key)].props
            for k, v in props.items():
                if stored.get(k) is None and v is not None:
                    stored[k] = v
        return label, key

    def rel(self, type_: str, start: tuple[str, Any], end: tuple[str, Any], span: list[int],
            **props: Any) -> None:
        key = (type_, start, end, props.get("rank"))
        if key not in self._rel_keys:
            self._rel_keys.add(key)
            self.rels.append(Rel(type_, start, end, {**props, "source": self.doc_id, "span": span}))


def _emit_units(rec: _Records, entries: list[_Entry], measure: tuple[str, Any], rules: set[str]) -> None:
    for rank, (entry, role) in enumerate(zip(entries, _roles(entries, rules), strict=True), start=1):
        for unit in entry.units:
            kind = {"kind": unit.kind} if unit.kind else {}  # other kinds come from units.csv
            dept = rec.node("Department", unit.name, unit.span, name=unit.name, **kind)
            rec.rel("RESPONSIBLE_FOR", dept, measure, unit.span, rank=rank, role=role)
        parent = entry.units[0]
        for child in entry.units[1:]:
            rec.rel("AFFILIATE_OF", ("Department", child.name), ("Department", parent.name), entry.span)


def _standing_entries(ctx: _Ctx, entries: list[_Entry]) -> list[_Entry]:
    """Units an earlier "除专门列出外,以下任务均涉及A、B,不再重复" note adds to this measure's list
    (as taking part), but for those its own list already names."""
    named = {u.name for e in entries for u in e.units}
    return [e for e in ctx.standing if not any(u.name in named for u in e.units)]


def _lint_units(ctx: _Ctx, n: int, entries: list[_Entry], where: int) -> None:
    roles = _roles(entries, ctx.rules)
    if all(e.collective for e in entries):
        ctx.find("collective_only", n, where, f"measure {n} is owned only by collective wording "
                                               f"({'、'.join(e.units[0].name for e in entries)})")
    if not any(r in ("lead", "sole") for r in roles) and "unordered" not in ctx.rules:
        ctx.find("no_lead", n, where, f"measure {n} names no leading unit")
    respective = all(e.respective or e.responsible for e, r in zip(entries, roles) if r == "lead")
    if roles.count("lead") > 1 and not respective:
        ctx.find("several_leads", n, where, f"measure {n} has {roles.count('lead')} leading units")


# --------------------------------------------------------------------------------------------
# The parser
# --------------------------------------------------------------------------------------------

def parse_plan(text: str, *, doc_id: str, file: str = "<text>", year: int | None = None,
               title: str | None = None, city: str | None = None, strict: bool = True,
               place: Any = None) -> ParsedPlan:
    """Parse plan text into records.

    Parameters
    ----------
    text : the whole document.
    doc_id : the document id: the `Plan` key, the prefix of every other key, each record's `source`.
    file : the name errors and findings cite.
    year : the plan year; else a "20XX年" in the title, else the year after an Oct–Dec issue
        date, else the issue year. Strict mode raises when none of these exists.
    title : used when the document has no title line (else the document id gives one).
    city : overrides the city found in the title or text.
    strict : raise `PlanParseError` on a measure without a responsibility list, a number that
        goes back, or a closing heading before numbered measures (lenient mode records a
        `Finding` instead). An empty text raises in both modes.
    place : offset -> (line, col, where) for errors and findings (tables cite row and column).

    Returns
    -------
    ParsedPlan with nodes, rels and findings.
    """
    ctx = _Ctx(file, place or _text_place(text), strict)
    # page numbers and running headers of a PDF copy are not the plan's
    nt = _line_time_labels(_bracket_labels(clean_copy(_normalise(text))))
    if not nt.s.strip():
        raise ctx.error(0, "expected plan text, found an empty or whitespace-only document")
    if (bad := garbled_at(text)) is not None:  # mojibake, characters lost in a conversion
        raise ctx.error(*bad)
    if (at := traditional_at(nt.s)) is not None:
        raise ctx.error(nt.pos[at], f"the plan is written in traditional characters ('{nt.s[at]}' …): "
                                    f"convert it to simplified characters first (e.g. OpenCC t2s)")
    heads = _headings(nt.s)
    if (annex := _annex_start(nt.s, heads)) is not None:  # the covering notice is not the plan
        heads = [h for h in heads if h.start >= annex]
    zone = _zone(nt.s, [h for h in heads if h.kind != "para"])
    if any(h.kind in ("item", "sub") and h.line_start and _in(zone, h.start) for h in heads):
        heads = [h for h in heads if h.kind != "para"]  # "(1)" are points inside measures
    else:
        heads = [dataclasses.replace(h, kind="item") if h.kind == "para" else h for h in heads]
    meta = _meta(nt, heads[0].start if heads else len(nt.s))
    check_year(year, file)
    plan_year = _plan_year(year, meta, nt.s, heads[0].start if heads else len(nt.s))
    check_year(plan_year, file)
    if plan_year is not None and year is None and _plan_year(
            None, meta, nt.s, heads[0].start if heads else len(nt.s), cited_ok=False) is None:
        at = max((m for m in _DOC_NO_RX.finditer(nt.s) if int(m.group(1)) == plan_year), key=lambda m: m.start())
        ctx.find("year_from_citation", None, nt.pos[at.start()],
                 f"the plan names no year of its own: {plan_year} is the year of the latest document it "
                 f"cites ({at.group(0)}); pass --year if the plan is for a later year")
    if plan_year is None and strict:
        raise ctx.error(0, "cannot tell the plan year: expected '20XX年' in a title line or a "
                           "'成文日期:' line; pass year=…")
    level, measures = _measure_heads(nt, heads, zone, ctx) if zone else ("item", [])
    if not measures:
        raise ctx.error(nt.pos[heads[0].start] if heads else 0,
                        "expected numbered measures ('1.', '(一)' or '一、' at a line start) "
                        "in a section that is not goals or safeguards; found none")
    _check_end(nt, heads, level, measures, ctx)
    ctx.rules |= rules_in(nt.s[:measures[0].start])  # "说明:无牵头单位的,责任单位即为牵头单位"
    rec = _Records(doc_id)
    plan = rec.node("Plan", doc_id, [0, len(text)], id=doc_id,
                    title=meta.title or title or _title_from_text(nt.s, city or meta.city, plan_year)
                    or _title_from_id(doc_id), city=city or meta.city,
                    issued=meta.issued, year=plan_year, index_no=meta.index_no)
    pillars = _emit_pillars(rec, nt, heads, zone, plan) if level == "item" else {}
    bounds = sorted({h.start for h in heads if h.kind != "item"} | {h.start for h in measures}
                    | {b for _, b in zone} | {len(nt.s)})
    parents = sorted({h.start for h in heads if h.kind == "section"} | set(pillars))
    chosen = {h.start for h in measures}  # a measure's own heading is never an owner of the next one
    framing = [h for h in heads if h.kind in ("section", "sub") and h.line_start and h.start not in chosen]
    owners = _heading_owners(nt, framing)
    for n, head in enumerate(measures, start=1):
        end = bounds[bisect.bisect_right(bounds, head.start)]
        k = bisect.bisect_left(parents, head.start)  # nearest section or pillar heading above
        pillar = pillars.get(parents[k - 1]) if k else None
        owner = _owner_above(owners, framing, head)
        _emit_measure(rec, ctx, nt, n, head, end, pillar, plan_year, last=n == len(measures), owner=owner)
    _heading_texts(rec, ctx, nt, heads, chosen, pillars, zone)
    _check_names(ctx, rec)
    if city is None:  # whose plan: the level its units are written at decides what place to look for
        units = [k for (label, k) in rec.nodes if label == "Department"]
        first_line = nt.s.lstrip().split("\n", 1)[0]  # an untitled table's heading row names its place
        rec.nodes[plan].props["city"] = plan_place(meta.title or title or first_line, nt.s, units, meta.city)
    findings = sorted(ctx.findings, key=lambda f: f.offset)
    if strict and (damage := next((f for f in findings if f.kind in DAMAGE_KINDS), None)):
        raise ctx.error(damage.offset, damage.message)  # a graph read past damage would be a guess
    return ParsedPlan(doc_id, plan_year, list(rec.nodes.values()), rec.rels, findings, text, ctx.place)


def _text_place(text: str):
    locate = _Locator(text)

    def place(offset: int) -> tuple[int, int, str]:
        line, col = locate(offset)
        return line, col, f"line {line}:{col} (offset {offset})"
    return place


# "现制定如下实施方案": the document names its own kind in the preamble.
_SELF_NAME_RX = re.compile(r"制定(?:如下|本)?([^\s,，。]{0,8}(?:方案|计划|措施|意见))")


def _title_from_text(s: str, city: str | None, year: int | None) -> str | None:
    """A descriptive title for an untitled document: city, year and the kind it calls itself."""
    m = _SELF_NAME_RX.search(s[:2000])
    if not (m and city and year):
        return None
    return f"{city}{year}年{m.group(1)}"


def _title_from_id(doc_id: str) -> str:
    return doc_id.replace("_", " ").replace("-", " ")


# A pillar heading ends at its line end or at a 。 (when text follows on the same line).
_PILLAR_END_RX = re.compile(r"[\n。]")


def _emit_pillars(rec: _Records, nt: _Text, heads: list[_Heading], zone: list[tuple[int, int]],
                  plan: tuple[str, Any]) -> dict[int, tuple[str, Any]]:
    """Pillars: the "(一)" headings inside measure sections. Returns heading start -> node."""
    out = {}
    subs = [h for h in heads if h.kind == "sub" and _in(zone, h.start)]
    for n, h in enumerate(subs, start=1):
        stop = _PILLAR_END_RX.search(nt.s, h.body)
        heading = nt.cut(h.body, stop.start() if stop else len(nt.s)).strip()
        name, _, theme = heading.s.partition(",")
        span = nt.span(h.start, h.body + len(heading.s))
        key = f"{rec.doc_id}#P{n}"
        out[h.start] = rec.node("Pillar", key, span, id=key, number=n, name=name,
                                theme=theme or None, plan=rec.doc_id)
        rec.rel("OF_PLAN", out[h.start], plan, span)
    return out


def _emit_measure(rec: _Records, ctx: _Ctx, nt: _Text, n: int, head: _Heading, end: int,
                  pillar: tuple[str, Any] | None, year: int | None, last: bool,
                  owner: "_Owner | None" = None) -> None:
    body = _parse_body(nt.cut(head.body, end))
    offset = nt.pos[head.start]
    notes = list(body.notes)
    for note in notes:
        ctx.rules |= rules_in(note)
    entries = (_point_entries(body.points, ctx.rules, notes, body.timing) if body.points
               else _entries(body.groups, ctx.rules, notes, body.timing))
    units_from = None
    if not entries and owner is not None:  # the heading above names who answers for its items
        body.groups, body.units_text, body.units_span = owner.groups, owner.text.s, owner.text.span()
        entries = _entries(owner.groups, ctx.rules, notes, body.timing)
        units_from = "heading"
        text = body.text.s.rstrip("。 ")
        tail = text.rsplit("。", 1)[-1]
        if tail and _LIST_WORDS_RX.search(tail):  # its own list may have lost its brackets or colon
            ctx.find("unread_list", n, body.text.span(len(text) - len(tail), len(text))[0],
                     f"measure {n} takes its units from the heading above, but its text ends with what "
                     f"reads as a responsibility list ('{tail[-30:]}'): a bracket or a label's ':' may be lost")
    check_measure(ctx, n, body, entries)
    noted = _standing_entries(ctx, entries) if entries else []
    entries += noted
    if (m := STANDING_RX.search(nt.s, head.body, end)) is not None:  # "以下任务均涉及A、B,不再重复"
        ctx.standing = _entries([("co", nt.cut(m.start("units"), m.end("units")))])
    if not entries:
        _no_units(ctx, n, offset, body, last)
    title = _heading_title(nt.s[head.body:end]) or body.text.s.split("。", 1)[0]
    key = f"{rec.doc_id}#M{n}"
    span = [offset, _last_visible(nt, head.start, end)]
    extra = {k: v for k, v in (("written", head.written if head.number != n else None),
                               ("leaders", "、".join(body.leaders) or None),
                               ("notes", ";".join(notes) or None), ("units_from", units_from),
                               ("mark", head.mark or None),
                               ("units_noted", "、".join(u.name for e in noted for u in e.units) or None)) if v}
    measure = rec.node("Measure", key, span, id=key, number=n, title=title, text=body.text.s,
                       units_text=body.units_text, plan=rec.doc_id, **extra)
    if pillar is not None:
        rec.rel("IN_PILLAR", measure, pillar, span)
    if entries:
        _emit_units(rec, entries, measure, ctx.rules)
        _lint_units(ctx, n, entries, body.units_span[0] if body.units_span else offset)
    dated = list(DEADLINE_RX.finditer(body.text.s))
    deadlines = _deadlines(body.text, dated, body.timing, title, year)
    for k, d in enumerate(deadlines, start=1):
        mkey = f"{key}-D{k}"
        node = rec.node("Milestone", mkey, d.span, id=mkey, due=d.due, raw=d.raw, text=d.text, measure=n)
        rec.rel("HAS_MILESTONE", measure, node, d.span)
        if d.due is None:
            why = "no plan year is known" if year is None and DEADLINE_RX.fullmatch(d.raw) else "no date"
            ctx.find("undated_deadline", n, d.span[0], f"measure {n}: deadline '{d.raw}' gives {why}")
    for k, t in enumerate(find_targets(body.text, [m.span() for m in dated]), start=1):
        tkey = f"{key}-T{k}"
        node = rec.node("Target", tkey, t.span, id=tkey, metric=t.metric, value=t.value, unit=t.unit,
                        comparator=t.comparator, text=t.text, measure=n)
        rec.rel("HAS_TARGET", measure, node, t.span)


def _heading_texts(rec: _Records, ctx: _Ctx, nt: _Text, heads: list[_Heading], chosen: set[int],
                   pillars: dict[int, tuple[str, Any]], zone: list[tuple[int, int]]) -> None:
    """Words between a section or pillar heading and its first measure ("一、扩大有效投资政策" then
    "…完成投资246.6亿元以上,…" then "1.…"): a pillar keeps them as its `text`; figures or deadlines
    there belong to no measure, so lint names them with their place (never dropped unsaid)."""
    starts = sorted(h.start for h in heads)
    for h in heads:
        if h.kind not in ("section", "sub") or not h.line_start or h.start in chosen or not _in(zone, h.start):
            continue
        k = bisect.bisect_right(starts, h.start)
        nxt = next((x for x in heads if x.start == starts[k]), None) if k < len(starts) else None
        if nxt is None or not (nxt.start in chosen or nxt.kind == "sub" and h.kind == "section"):
            continue  # no measure or pillar follows: not a heading over measures
        stop = (_PILLAR_END_RX if h.start in pillars else re.compile(r"\n")).search(nt.s, h.body, nxt.start)
        if stop is None:
            continue
        words = nt.cut(stop.end(), nxt.start).joined().strip()
        if not words.s.strip("。;, "):
            continue
        if h.start in pillars:
            rec.nodes[pillars[h.start]].props["text"] = words.s
        dated = [m.span() for m in DEADLINE_RX.finditer(words.s)]
        figures = [t.text for t in find_targets(words, dated)]
        if figures or dated:
            what = "、".join(figures[:3] + [words.s[a:b] for a, b in dated[:2]])
            kept = "kept in the pillar's text" if h.start in pillars else "kept on no node"
            ctx.find("heading_text", None, words.pos[0],
                     f"the text under heading '{h.title.strip()}' before its first measure holds figures or "
                     f"deadlines ({what}) that belong to no measure ({kept}, not as targets or milestones)")


def _point_entries(points: list[list[tuple[str | None, _Text]]], rules: set[str], notes: list[str],
                   timing: list[_Text]) -> list[_Entry]:
    """The units of a measure whose points have lists of their own, in text order and each once:
    a unit that leads (or alone answers for) any point leads the measure, the others assist."""
    out: list[_Entry] = []
    by_name: dict[str, _Entry] = {}
    for groups in points:
        found = _entries(groups, rules, notes, timing)
        for e, role in zip(found, _roles(found, rules), strict=True):
            lead = role in ("lead", "sole")
            seen = by_name.get(e.units[0].name)
            if seen is not None:
                if lead and not seen.collective:
                    seen.explicit, seen.respective = "lead", True
                continue
            e.explicit = "lead" if lead and not e.collective else "co"
            e.respective = e.explicit == "lead"  # each leads its own point: several leads by design
            e.sep = e.sep or (";" if out else "")
            by_name[e.units[0].name] = e
            out.append(e)
    return out


# "1.完善应急预案体系" on its own line, then "(1)加强…" "(2)推进…": the line is the title.
_POINTS_NEXT_RX = re.compile(r"([^\n。]+)\n(?:\(\d{1,2}\)|\d{1,2}\)|[\u2460-\u2473])")


def _heading_title(block: str) -> str | None:
    m = _POINTS_NEXT_RX.match(block)
    return m.group(1).strip() if m else None


def check_measure(ctx: _Ctx, n: int, body: _Body, entries: list[_Entry]) -> None:
    """Report damage that would otherwise shrink the graph without a word (see plan_checks)."""
    text = body.text
    for kind, i, message in unbalanced(text.s, 0) + inner_lists(text.s, 0):
        ctx.find(kind, n, text.pos[i] if i < len(text.pos) else text.end, f"measure {n}: {message}")
    for e in entries:
        for u in e.units:
            if unbalanced(u.name, 0) or (not e.collective and re.search(r"[)〕\]】][^)〕\]】]", u.name)):
                ctx.find("brackets", n, u.span[0], f"measure {n}: unit {u.name!r} holds a bracket "
                                                   f"that does not pair up: the list looks damaged")


# A heading that names who answers for the items under it: "一、扩大有效投资政策(由县发改局牵头实施)",
# "一、强化科技创新(区科技局牵头)", "一、县示范区管委会牵头工作(8项)", "(一)…(牵头单位:市商务局)".
_HEAD_BRACKET_RX = re.compile(r"\((?:由)?(?P<units>[^()]*(?:\([^()]*\)[^()]*)*)\)$")
_HEAD_OWNED_RX = re.compile(r"(?:由)?(?P<units>[^,。;()]{2,40}?(?:牵头|负责))(?:实施|落实|推进|组织实施)?")
_HEAD_WORK_RX = re.compile(r"(?P<units>[^,。;()]{2,40}?(?:牵头|负责))"
                           r"(?:的?(?:重点)?(?:工作|任务|事项)(?:\(\d+项\))?|\(\d+项\))")
# An owner must read as units: each name ends as unit names end ("坚持党委领导、政府负责" is a principle).
_OWNER_NAME_RX = re.compile(r".*(?:局|委|办|厅|署|中心|公司|集团|政府|管委会|工委|部|院|会|联|行|队|所|站|室|处|组|专班)")


# Words of a responsibility list left in a measure's last sentence ("县财政局牵头,县发改局配合").
_LIST_WORDS_RX = re.compile(r"牵头|配合|协办|按职责|负责$|(?:责任|牵头|配合)(?:单位|部门)")


@dataclass
class _Owner:
    start: int                                # where the heading starts (normalised text)
    kind: str                                 # "section" | "sub"
    groups: list[tuple[str | None, _Text]]
    text: _Text


def _heading_owners(nt: _Text, heads: list[_Heading]) -> list[_Owner]:
    """Section and pillar headings that name the units owning their items."""
    out = []
    for h in heads:
        stop = nt.s.find("\n", h.body)
        line = nt.cut(h.body, stop if stop >= 0 else len(nt.s)).strip()
        found = None
        if (m := _HEAD_BRACKET_RX.search(line.s)) and (_LABEL_RX.search(m.group("units"))
                                                        or _HEAD_OWNED_RX.fullmatch(m.group("units"))):
            found = line.cut(m.start("units"), m.end("units"))
        elif m := _HEAD_WORK_RX.fullmatch(line.s):
            found = line.cut(m.start("units"), m.end("units"))
        if found is None:
            continue
        if _LABEL_RX.search(found.s):
            groups = [(_label_role(lm), v) for lm, v in _label_pieces(found) if lm.group("kind")]
        else:
            owned = _HEAD_OWNED_RX.fullmatch(found.s)
            found = found.cut(owned.start("units"), owned.end("units"))
            groups = [(None, found)]
        owned = _entries(groups)
        if owned and all(e.collective or _OWNER_NAME_RX.fullmatch(e.units[0].name) for e in owned):
            out.append(_Owner(h.start, h.kind, groups, found))
    return out


def _owner_above(owners: list[_Owner], heads: list[_Heading], head: _Heading) -> _Owner | None:
    """The owning heading a measure sits under: its pillar ("(一)") if that names units, else its
    section ("一、"); a later heading without units ends an owner's reach."""
    by_start = {o.start: o for o in owners}
    section = next((h for h in reversed(heads) if h.kind == "section" and h.start < head.start), None)
    sub = next((h for h in reversed(heads) if h.kind == "sub" and h.start < head.start
                and (section is None or h.start > section.start)), None)
    for h in (sub, section):
        if h is not None and h is not head and h.start in by_start:
            return by_start[h.start]
    return None


def _check_names(ctx: _Ctx, rec: _Records) -> None:
    """Unit names that read as two names: a separator was lost (see plan_checks.run_together)."""
    named = [(r.start[1], r) for r in rec.rels if r.type == "RESPONSIBLE_FOR"
             and rec.nodes[r.start].props.get("kind") != "collective"]
    known = {name for name, _ in named}
    for name, r in named:
        if ":" in name:  # "市教育局主要负责同志:…": a label the loader does not know ran into the list
            n = rec.nodes[r.end].props["number"]
            ctx.find("label_in_list", n, r.props["span"][0], f"measure {n}: unit {name!r} holds a label "
                                                             f"('…:'): an unknown label may follow the list")
            continue
        if run_together(name, known - {name}):
            n = rec.nodes[r.end].props["number"]
            ctx.find("run_together", n, r.props["span"][0], f"measure {n}: unit {name!r} reads as two "
                                                            f"names: a separator ('、') may be lost")


def _last_visible(nt: _Text, start: int, end: int) -> int:
    """End offset of a block without its trailing line break."""
    j = end
    while j > start and nt.s[j - 1] == "\n":
        j -= 1
    return nt.pos[j - 1] + 1 if j > start else nt.pos[start]


def _no_units(ctx: _Ctx, n: int, offset: int, body: _Body, last: bool) -> None:
    why = (" (an '(' is never closed: the text looks truncated)" if body.unclosed
           else " (it is the last measure: the text may be truncated)" if last else "")
    message = (f"measure {n} has no responsibility list{why}: expected '(单位、单位…负责)' at its end "
               f"or a '责任单位:' line")
    if ctx.strict:
        raise ctx.error(offset, message)
    ctx.find("no_unit", n, offset, message)


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------

def read_plan(path: str | Path, *, doc_id: str | None = None, year: int | None = None,
              strict: bool = True) -> ParsedPlan:
    """Read a plan file and parse it; `doc_id` defaults to the file stem. UTF-8 text (prose or
    a task table), .csv / .xlsx task tables and .docx documents are read (see plan_files)."""
    from loaders.plan_files import read_source
    path = Path(path)
    source = read_source(path, lambda data: _decode(path, data))
    if year is None and source.preamble.strip():  # a table after its covering notice
        pre = _normalise(source.preamble)
        year = _plan_year(None, _meta(pre, len(pre.s)), pre.s, len(pre.s))
    return parse_plan(source.text, doc_id=doc_id or path.stem, file=str(path), year=year,
                      strict=strict, place=source.place)


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 (or UTF-16/32 with a byte-order mark); else one error at the place it stops being text."""
    from loaders.decoding import DecodeError, decode_bytes
    try:
        return decode_bytes(data, str(path))
    except DecodeError as e:
        where = f"line {e.line}:{e.col} (offset {e.offset}, byte offset {e.byte})"
        raise PlanParseError(str(path), e.reason, offset=e.offset, line=e.line, col=e.col, where=where) from None
