"""Words inside a responsibility list that are not units: role notes and clause tails.

Plans state how their lists are read inside the lists themselves: "（第一责任单位为牵头单位，下同）",
"列第一位者为牵头单位，下同", "（除标注'分别牵头'外，列第一位为牵头或汇总单位，下同）",
"（无牵头单位的，责任单位即为牵头单位，下同）". Such a note is a rule for this list and, with 下同
("the same below"), for every later one; it is never a unit. Clause tails ("不再单独列出",
"具体任务均涉及相关市(州)人民政府，不再做分工", "以下简称…") are not units either.

Works on normalised text (NFKC: "（" is "(", "，" is ",").

>>> t = split_notes(_t("市发改委、市财政局(第一责任单位为牵头单位,下同)"))
>>> t.units.s, t.notes, sorted(t.rules)
('市发改委、市财政局', ['第一责任单位为牵头单位,下同'], ['first_leads'])
>>> t = split_notes(_t("省市场监管局、商务厅按职责分工负责。具体任务均涉及相关市(州)人民政府,不再做分工,下同"))
>>> t.units.s, t.notes
('省市场监管局、商务厅按职责分工负责', ['具体任务均涉及相关市(州)人民政府,不再做分工,下同'])
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.plan_text import Text, normalise

__all__ = ["Notes", "split_notes", "rules_in", "is_note", "end_of_list", "STANDING_RX"]

# "除专门列出外,以下任务均涉及A、B,不再重复": units that every later task involves, written once.
# Only a note pointing forward (以下 / 下列 / 后续) is read so; "具体任务均涉及…,下同" names no units.
STANDING_RX = re.compile(r"(?:以下|下列|后续)(?:各项|所有)?(?:任务|工作|措施)均(?:涉及|需|由|要)?"
                         r"(?P<units>[^,。;]{2,60}?)(?:负责|参与|配合|落实)?,?不再(?:重复|单独)?(?:列出|列明|重复)")

_OPEN, _CLOSE = "(〔[【〈", ")〕]】〉"

# A rule about roles: who leads by position ("第一…为牵头"), "分别牵头" exceptions, lists
# without a lead label ("无牵头单位的,责任单位即为牵头单位"), lists in no order ("排名不分先后").
_FIRST_LEADS_RX = re.compile(r"(?:第一|首|排头)(?:位|个|名)?(?:者|的)?(?:责任)?(?:单位|部门)?(?:为|是|即为)"
                             r"(?:工作|主要)?(?:牵头|主办|主责|第一责任|汇总)")
_RESPONSIBLE_LEAD_RX = re.compile(r"无牵头(?:单位|部门)的?,?责任(?:单位|部门)(?:即|就)?为牵头")
_UNORDERED_RX = re.compile(r"(?:排名|排序|顺序)不分先后")
# Words that only qualify the list: "下同", "不再单独列出", "不再做分工", "具体任务均涉及…",
# "以下…", "分别标注…".
_TAIL_RX = re.compile(r"下同|不再(?:单独)?(?:列出|列明|分工|做分工|重复)|具体任务均|^以下|^(?:注|说明)[:：]|^除标注")


@dataclass
class Notes:
    units: Text                        # the list with every note taken out
    notes: list[str] = field(default_factory=list)
    rules: set[str] = field(default_factory=set)   # "first_leads" / "responsible_lead" / "unordered"


def rules_in(s: str) -> set[str]:
    """The role rules a piece of normalised text states."""
    rules = set()
    if _FIRST_LEADS_RX.search(s):
        rules.add("first_leads")
    if _RESPONSIBLE_LEAD_RX.search(s):
        rules.add("responsible_lead")
    if _UNORDERED_RX.search(s):
        rules.add("unordered")
    return rules


def is_note(s: str) -> bool:
    """Is this clause (or bracket content) a note rather than a unit name?"""
    return bool(rules_in(s) or _TAIL_RX.search(s))


def _brackets(s: str) -> list[tuple[int, int]]:
    """(start, end) of each top-level bracket group, end just past the closer."""
    out, depth, start = [], 0, 0
    for i, c in enumerate(s):
        if c in _OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif c in _CLOSE and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1))
    return out


def _clauses(s: str) -> list[tuple[int, int]]:
    """(start, end) of clauses split at , and ; outside brackets."""
    out, depth, start = [], 0, 0
    for i, c in enumerate(s):
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and c in ",;":
            out.append((start, i))
            start = i + 1
    out.append((start, len(s)))
    return out


def end_of_list(s: str) -> int | None:
    """Index of the first 。 outside brackets: the list ends there."""
    depth = 0
    for i, c in enumerate(s):
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and c == "。":
            return i
    return None


def split_notes(t: Text) -> Notes:
    """Take the notes out of one list: text after a 。, bracketed notes, note clauses."""
    out = Notes(t)
    stop = end_of_list(t.s)
    if stop is not None:
        rest = t.s[stop + 1:].strip("。,; ")
        if rest:
            out.notes.append(rest)
            out.rules |= rules_in(rest)
        t = t.cut(0, stop)
    for a, b in reversed(_brackets(t.s)):
        inner = t.s[a + 1:b - 1]
        if is_note(inner):
            out.notes.insert(0, inner)
            out.rules |= rules_in(inner)
            t = t.without(a, b)
    for a, b in reversed(_clauses(t.s)):
        clause = t.s[a:b]
        if clause and is_note(clause):
            out.notes.insert(0, clause)
            out.rules |= rules_in(clause)
            # drop the clause with the separator before it (or after it, for the first clause)
            t = t.without(a - 1 if a else a, b if a else min(b + 1, len(t.s)))
    out.units = t.strip(" ,;。")
    return out


def _t(s: str) -> Text:  # for the examples above
    return normalise(s)
