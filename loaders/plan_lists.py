"""Responsibility lists: "市经信局、市发改委等部门按职责分工负责" -> entries with ranks and roles.

A list is split at 、 , ; (and at 及 / 和 / 与 between two names) outside brackets; each piece is
a unit, a unit with bracketed affiliates ("市国资委〔衢控集团〕"), or collective wording
("各县(市、区)政府", "区级相关部门"), possibly marked 牵头 / 配合. Role notes and clause tails
are taken out first (`plan_notes`). Works on normalised text (`plan_text`).

>>> from loaders.plan_text import normalise
>>> es = entries([(None, normalise("市发改委、市财政局分别牵头，各县（市、区）政府配合"))])
>>> [(e.units[0].name, r) for e, r in zip(es, roles(es))]
[('市发改委', 'lead'), ('市财政局', 'lead'), ('各县(市、区)政府', 'co')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from loaders.plan_dates import DEADLINE_RX
from loaders.plan_notes import end_of_list as _end_of_list, split_notes
from loaders.plan_text import Text as _Text

__all__ = ["Unit", "Entry", "entries", "roles", "OPENERS", "CLOSERS"]

OPENERS, CLOSERS = "(〔[【", ")〕]】"

# What follows the last unit and is not part of its name: "等(相关)部门按职责分工负责", "负责".
_TAIL_RX = re.compile(r"(?:等(?:[省市州县区]级?|[省市州县区]直)?(?:相关|有关|其他|其它)?(?:部门|单位)?(?:[和及、](?:单位|部门))?)?"
                      r"(?:按照?(?:职责|职能)(?:分工)?|分工)?(?:分别|共同)?(?:负责|落实)?$")
# An entry named as leading ("A牵头", "A牵头负责", "A(牵头)", "A、B分别牵头") or assisting ("B配合").
_LEAD_MARK_RX = re.compile(r"(?:\(牵头\)|(?P<resp>分别|共同)?牵头)$")
_CO_MARK_RX = re.compile(r"(?:\(配合\)|配合|参与|协助|协同)$")
# Collective wording, never a named unit: "市级各有关部门", "各县(市、区)政府", "区级相关部门",
# "区直各部门", "区政府有关部门", "指挥部成员单位", "全区经济运行各专班".
_COLLECTIVE_RX = re.compile(r"(?:[省市州县区镇乡]级|[省市州县区]直|[省市州县区](?:政府|委)|[省市州县区])?"
                            r"(?:各|有关|相关|其他|其它)"
                            r"|.*(?:(?:有关|相关|各)(?:部门|单位|机构)|成员单位|各直属机构"
                            r"|各(?:工作)?(?:专班|工作组|小组))$"
                            r"|[省市州县区]\((?:[省市州县区]、?)+\)")  # "县(市、区)政府"
# "各区、县级市", "各乡镇、街道": an administrative level that continues a "各…" entry, not a unit.
_LEVEL_RX = re.compile(r"(?:县级市|县\(市\)|县\(市、区\)|[市县区旗镇乡]|乡镇|街道|开发区|园区|功能区)"
                       r"(?:人民)?(?:政府)?")
# What such a level continues: "各区", "各…", or "相关市" / "有关市(地)" ("相关市、县政府" is one collective).
_LEVEL_RUN_RX = re.compile(r"各.*|(?:有关|相关)(?:[省市州县区旗](?:\([^()]*\))?、?)+")
# "市国资委〔衢控集团〕": a parent unit and its affiliate(s) in brackets.
_AFFILIATE_RX = re.compile(r"([^〔\[【(]+)[〔\[【(]([^〔〕\[\]【】()]+)[〕\]】)]")
_LEVEL_BRACKET_RX = re.compile(r"[〔\[【]([省市州县区旗、]{1,6})[〕\]】]")
_SEPARATORS = "、,;"
# "市发改委及各县(市、区)政府", "市财政局和市税务局": 及/和/与 join two names when a name ends
# before them and another begins after ("市人力资源和社会保障局" stays whole); after collective
# wording ("有关部门和各…") they join two collectives.
_JOIN_RX = re.compile(r"(?<=[局委办厅署心司团会院联部行府])[及和与](?=各|[省市州县区](?!场))"
                      r"|(?<=部门|单位)[及和与](?=各)")  # "…等省有关部门和各地级以上市人民政府"
# "省商务厅会同省发展改革委、省财政厅负责": the unit before 会同 leads, those after it assist.
_TOGETHER_RX = re.compile(r"(?<=[局委办厅署心司团会院联部行府])会同(?=[\u4e00-\u9fff]{2})")
# "(由省发展改革委牵头负责)": 由 ("by") opens the list; it is no part of the first name.
_BY_RX = re.compile(r"由(?=[\u4e00-\u9fff]{2})")
# "(市发改委负责,6月底前完成)": a deadline written inside the list is a time limit, not a unit.
_LIST_DEADLINE_RX = re.compile(r"(?:(?:" + DEADLINE_RX.pattern + r")|全年|年内|长期坚持|持续推进"
                               r"|20\d{2}(?:年?[-—–~至到]20\d{2})?年(?:底|末)?)"  # "2025年完成", "2024-2026年"
                               r"(?:前|内)?(?:完成|落实|到位|见效)?")


@dataclass
class Unit:
    name: str
    span: list[int]
    kind: str | None = None


@dataclass
class Entry:
    """One position in a responsibility list: a unit, or a unit with bracketed affiliates."""
    units: list[Unit]
    explicit: str | None      # "lead" / "co" when the text says so (牵头 / 配合 / a label)
    covers_run: bool          # a bare 牵头/配合 word: it also covers the 、-joined names before it
    collective: bool
    sep: str                  # the separator written before this entry ("" for the first)
    span: list[int]
    respective: bool = False  # "A、B分别牵头": several leads by design
    responsible: bool = False  # listed under a "责任单位:" label


def _split_entries(t: _Text) -> Iterator[tuple[str, _Text]]:
    """Split at 、 , ; outside brackets ("各县(市、区)政府" stays whole; so does "各区、县级市")."""
    depth, start, sep = 0, 0, ""
    pieces: list[tuple[str, int, int]] = []
    for i, c in enumerate(t.s):
        if c in OPENERS:
            depth += 1
        elif c in CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0 and _TOGETHER_RX.match(t.s, i):  # "A会同B负责": A leads, B assists
            pieces.append((sep, start, i))
            sep, start = "会同", i + 2
        elif depth == 0 and i >= start and (c in _SEPARATORS or (c in "及和与" and _JOIN_RX.match(t.s, i))):
            pieces.append((sep, start, i))
            sep, start = ("、" if c in "及和与" else c), i + 1
    pieces.append((sep, start, len(t.s)))
    merged: list[tuple[str, int, int]] = []
    for sep, a, b in pieces:
        if merged and sep == "、" and _LEVEL_RUN_RX.fullmatch(t.s[merged[-1][1]:merged[-1][2]]):
            name = t.s[a:b].strip()
            if _LEVEL_RX.fullmatch(name[:_TAIL_RX.search(name).start()]):
                merged[-1] = (merged[-1][0], merged[-1][1], b)
                continue
        merged.append((sep, a, b))
    for sep, a, b in merged:
        yield sep, t.cut(a, b)


def _parse_entry(sep: str, piece: _Text, label_role: str | None) -> Entry | None:
    piece = piece.strip(" 。")
    if not sep and _BY_RX.match(piece.s):
        piece = piece.cut(1)
    s, end = piece.s, len(piece.s)
    end = _TAIL_RX.search(s, 0, end).start()
    responsible = label_role == "resp"
    explicit, covers_run, respective = None if responsible else label_role, False, False
    for role, rx in (("lead", _LEAD_MARK_RX), ("co", _CO_MARK_RX)):
        m = rx.search(s, 0, end)
        if m and m.start() > 0:
            # "A、B牵头" marks the run A、B; "A、B(牵头)" marks B alone.
            explicit, covers_run, end = role, s[m.start()] != "(", m.start()
            respective = bool(m.groupdict().get("resp"))
            end = _TAIL_RX.search(s, 0, end).start()
            break
    if end == 0:
        return None
    name = s[:end]
    collective = bool(_COLLECTIVE_RX.match(name))
    if collective:  # "各市〔州〕" is "各市(州)": levels in brackets of either kind are one wording
        name = _LEVEL_BRACKET_RX.sub(r"(\1)", name)
    m = None if collective else _AFFILIATE_RX.fullmatch(name)
    if m:
        parent = Unit(m.group(1), piece.span(0, m.end(1)))
        units = [parent] + [Unit(child, piece.span(a, a + len(child)), "soe")
                            for child, a in _sub_names(m.group(2), m.start(2))]
    else:
        units = [Unit(name, piece.span(0, end), "collective" if collective else None)]
    return Entry(units, explicit, covers_run, collective, sep, piece.span(0, end), respective, responsible)


def _sub_names(inner: str, offset: int) -> Iterator[tuple[str, int]]:
    for part in re.finditer(r"[^、,]+", inner):
        yield part.group(0), offset + part.start()


def entries(groups: list[tuple[str | None, _Text]], rules: set[str] | None = None,
             notes: list[str] | None = None, timing: list[_Text] | None = None) -> list[Entry]:
    """Entries of a measure's lists. Role notes and clause tails are taken out first (their
    rules are added to `rules`, their words to `notes`); deadlines written in a list go to
    `timing`."""
    out: list[Entry] = []
    for label_role, text in groups:
        # "(市发改委牵头,…按职责分工负责。2024年9月30日前完成)": a deadline after the 。 is a time limit
        stop = _end_of_list(text.s)
        if stop is not None and _LIST_DEADLINE_RX.fullmatch(text.s[stop + 1:].strip(" 。")):
            if timing is not None:
                timing.append(text.cut(stop + 1).strip(" 。"))
            text = text.cut(0, stop)
        split = split_notes(text)
        if rules is not None:
            rules |= split.rules
        if notes is not None:
            notes += split.notes
        for k, (sep, piece) in enumerate(_split_entries(split.units)):
            if _LIST_DEADLINE_RX.fullmatch(piece.strip(" 。").s):
                if timing is not None:
                    timing.append(piece.strip(" 。"))
                continue
            e = _parse_entry(sep if k else (";" if out else ""), piece, label_role)
            if e:
                out.append(e)
    for i, e in enumerate(out):
        if e.sep == "会同" and i and out[i - 1].explicit is None:
            out[i - 1].explicit = "lead"
            if e.explicit is None:
                e.explicit = "co"
        elif e.sep in "、," and i and out[i - 1].sep == "会同" and e.explicit is None and out[i - 1].explicit == "co":
            e.explicit = "co"
    _share_suffixes(out)
    # "A、B牵头": the mark covers the 、-joined names before it, back to a , or ; or another mark.
    for i, e in enumerate(out):
        j = i
        while e.covers_run and j > 0 and out[j].sep == "、" and out[j - 1].explicit is None:
            out[j - 1].explicit = e.explicit
            out[j - 1].respective = e.respective
            j -= 1
    return out


# "荔湾区、黄埔区政府": bare district or county names share the "政府" of the last name in their run.
_BARE_PLACE_RX = re.compile(r"[\u4e00-\u9fff]{1,5}[区县旗]")
_PLACE_GOV_RX = re.compile(r"[\u4e00-\u9fff]{1,5}[区县旗]((?:人民)?政府)")


# "哈尔滨、黑河、绥芬河市政府": bare place names share the level and 政府 of the last name in their run.
_BARE_NAME_RX = re.compile(r"[\u4e00-\u9fff]{2,4}")
_UNIT_END = "局委办厅署心司团会院联部行府队所站室组处厂校"
_CITY_GOV_RX = re.compile(r"[\u4e00-\u9fff]{2,5}?([市县州旗](?:人民)?政府)")


# "市行政审批局、住建局、司法局": a bare department name after a 、 shares the level of the name
# that opens the run (市住建局, 市司法局). Only below the province and only 局 / 委 / 办 names:
# provincial plans write some departments bare on purpose ("省发改委、铁路办、交通运输厅",
# "省市场监管局、商务厅"), and a name holding a place or a level ("团市委", "医药高新区管委会") is whole.
_LEVEL_PREFIX_RX = re.compile(r"([市州县区])[\u4e00-\u9fff]{1,10}(?:局|委|办)")
_BARE_DEPT_RX = re.compile(r"(?!中国|中共)[^省市州县区镇乡旗各团党(]{1,2}[^省市州县区镇乡旗各(]{0,4}(?:局|委|办)")
# "各市〔州〕、贵安新区数据管理部门": a level alone ("各市〔州〕", "各县(市、区)") shares what the next
# name, a place's body, is: 各市〔州〕数据管理部门 and 贵安新区数据管理部门.
_BARE_LEVEL_RX = re.compile(r"各[省市州县区旗](?:\([^()]{1,6}\))?")
# (a 管委会 is a zone's, never a level's: "各县(市、区)、高新区管委会" stays two names)
_PLACE_BODY_RX = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:新区|[市州县区旗])((?:人民)?政府|[\u4e00-\u9fff]{0,6}部门)")


def _share_levels(entries: list[Entry]) -> None:
    level = None  # the level the current 、-run opened with
    for e in entries:
        name = e.units[0].name
        if len(e.units) != 1 or e.collective or e.sep not in ("", "、"):
            level = None
        if len(e.units) != 1 or e.collective:
            continue
        if level and e.sep == "、" and _BARE_DEPT_RX.fullmatch(name):
            e.units[0].name = level + name
        elif m := _LEVEL_PREFIX_RX.fullmatch(name):
            level = m.group(1)
        else:
            level = None
    for i, e in enumerate(entries[:-1]):
        nxt = entries[i + 1]
        if (len(e.units) == 1 and _BARE_LEVEL_RX.fullmatch(e.units[0].name) and nxt.sep == "、"
                and len(nxt.units) == 1 and not nxt.collective
                and (m := _PLACE_BODY_RX.fullmatch(nxt.units[0].name))):
            e.units[0].name += m.group(1)


def _share_suffixes(entries: list[Entry]) -> None:
    _share_levels(entries)
    for i, e in enumerate(entries):
        name = e.units[0].name
        if (len(e.units) == 1 and not e.collective and _BARE_NAME_RX.fullmatch(name)
                and name[-1] not in _UNIT_END + "市县区州旗"):
            j = i + 1
            while j < len(entries) and entries[j].sep == "、" and _BARE_NAME_RX.fullmatch(
                    entries[j].units[0].name) and entries[j].units[0].name[-1] not in _UNIT_END + "市县区州旗":
                j += 1
            if j < len(entries) and entries[j].sep == "、" and (
                    m := _CITY_GOV_RX.fullmatch(entries[j].units[0].name)):
                e.units[0].name += m.group(1)
                continue
        if len(e.units) != 1 or e.collective or not _BARE_PLACE_RX.fullmatch(e.units[0].name):
            continue
        j = i + 1
        while j < len(entries) and entries[j].sep == "、" and _BARE_PLACE_RX.fullmatch(entries[j].units[0].name):
            j += 1
        if j < len(entries) and j > i and entries[j].sep == "、" and (
                m := _PLACE_GOV_RX.fullmatch(entries[j].units[0].name)):
            e.units[0].name += m.group(1)


def roles(entries: list[Entry], rules: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """sole / lead / co for each entry (the convention: the first named unit leads, unless a
    note says otherwise: "无牵头单位的,责任单位即为牵头单位", "排名不分先后")."""
    if len(entries) == 1:
        return ["sole"]
    if any(e.explicit == "lead" for e in entries):
        return ["lead" if e.explicit == "lead" else "co" for e in entries]
    if "responsible_lead" in rules and all(e.responsible for e in entries):
        return ["co" if e.collective else "lead" for e in entries]
    if "unordered" in rules:
        return ["co"] * len(entries)
    first = next((i for i, e in enumerate(entries) if not e.collective and e.explicit != "co"), None)
    return ["lead" if i == first else "co" for i in range(len(entries))]


