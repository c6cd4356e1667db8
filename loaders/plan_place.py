"""Whose plan is it: the jurisdiction (province, city or county) a plan text belongs to, and the
readable key a unit of that jurisdiction gets when the unit table does not list it.

A plan writes its units by their short names (市发改委, 省发展改革委, 区司法局), which every city
shares; the place makes them one body. Pure functions on strings.

Examples
--------
>>> qualify("丽水市", "市发改委"), qualify("四川省", "省发展改革委"), qualify("丽水市", "团市委")
('丽水市发改委', '四川省发展改革委', '团市委（丽水市）')
>>> same_place("衢州", "衢州市"), same_place("衢州市", "丽水市")
(True, False)
>>> scope_of("昆明市官渡区", "市财政局"), scope_of("昆明市官渡区", "区财政局"), scope_of("丽水市", "省发改委")
('昆明市', '昆明市官渡区', '丽水市')
"""
from __future__ import annotations

import re
from collections import Counter

__all__ = ["LEVELS", "as_place", "plan_place", "qualify", "same_place", "scope_of", "stem", "city_named"]

LEVELS = "省市区县"
_HAN = "\u4e00-\u9fff"
# A place name's stem must not be a common word that happens to stand before 市/省/区 ("全市",
# "已经区政府同意", "3年内市财政"): these characters never occur in the stems the checks look for.
_NOT_STEM = set("全本各该我其此每两年内外和及与或由于经据在到对为的了等级市省区县部有按向将从")
# An issuing or self-naming body after the place: 丽水市政府, 广州市人民政府, 中共广州市委, 钢城区人民政府,
# "结合官渡区实际".
_BODY = r"(?:人民政府|政府|委员会|委|人大|政协|实际)"
_PROVINCE_RX = re.compile(rf"([{_HAN}]{{2,3}})省")
_CITY_RX = re.compile(rf"([{_HAN}]{{2}})市(?!\s*(?:场|政(?!府)|级|域|民|区|直属))")
_CITY_BODY_RX = re.compile(rf"([{_HAN}]{{2}})市{_BODY}")
_PROVINCE_BODY_RX = re.compile(rf"([{_HAN}]{{2,3}})省{_BODY}")
_COUNTY_RX = re.compile(rf"(?:([{_HAN}]{{2}})市)?([{_HAN}]{{2}})([区县]){_BODY}")
_CITY_COUNTY_RX = re.compile(rf"([{_HAN}]{{2}})市([{_HAN}]{{2}})([区县])")


def _good(s: str) -> bool:
    return not set(s) & _NOT_STEM


def stem(place: str) -> str:
    """衢州市 -> 衢州, 四川省 -> 四川; a name without its level character compares equal to it."""
    return place[:-1] if len(place) > 2 and place[-1] in LEVELS else place


def as_place(name: str) -> str:
    """A place as written, with its level: 丽水 is read as the city 丽水市."""
    name = name.strip()
    return name if not name or name[-1] in LEVELS else name + "市"


def same_place(a: str | None, b: str | None) -> bool:
    return bool(a and b) and stem(a) == stem(b)


def city_named(text: str) -> str | None:
    """The city (XX市) `text` names most often; None if it names none. Used on the unit table's
    full names ("衢州市发展和改革委员会", "中共衢州市委组织部", "国家税务总局衢州市税务局" -> 衢州市)."""
    found = Counter(m.group(1) for m in _CITY_RX.finditer(text) if _good(m.group(1)))
    return max(sorted(found), key=found.__getitem__) + "市" if found else None


def _level(unit_names) -> str | None:
    """The level most of the plan's units are written at (市发改委 -> 市; 区司法局, 县财政局 -> 区)."""
    counts = Counter("区" if n[0] in "区县" else n[0] for n in unit_names if n and n[0] in LEVELS)
    if not counts:
        return None
    (level, n), *rest = counts.most_common()
    return level if not rest or n > rest[0][1] else None


def _most(rx: re.Pattern, s: str, group: int = 1) -> str | None:
    found = Counter(m.group(group) for m in rx.finditer(s) if _good(m.group(group)))
    return max(sorted(found), key=found.__getitem__) if found else None


def _county(s: str, single: bool = False) -> tuple[str | None, str | None]:
    """(city, county) of a county-level plan: "济南市钢城区" written together, else a county named
    with a body ("官渡区实际", "钢城区人民政府")."""
    pairs = Counter((m.group(1), m.group(2) + m.group(3)) for m in _CITY_COUNTY_RX.finditer(s)
                    if _good(m.group(1)) and _good(m.group(2)))
    if pairs:
        return max(sorted(pairs), key=pairs.__getitem__)
    # named once with a body may be a heading word ("发布机构区人民政府办公室"): the county's own name
    # comes back in the text
    found = {m.group(2) + m.group(3) for m in _COUNTY_RX.finditer(s) if _good(m.group(2))}
    found = [c for c in sorted(found) if s.count(c[:-1]) >= 2 or single]
    return (None, max(found, key=lambda c: s.count(c[:-1]))) if found else (None, None)


def plan_place(title: str | None, text: str, unit_names, city: str | None = None) -> str | None:
    """The plan's jurisdiction: a province (四川省), a city (丽水市) or a county with its city when the
    text names it (济南市钢城区, else 官渡区); None when the text does not tell.

    The level is the one most of its units are written at (省/市/区县); the place of that level is
    the one the title names, else of the issuing bodies the text names (丽水市政府, 中共广州市委) and
    `city` (the city the parser finds) the one the text repeats most. A plan whose units carry no
    level takes the title's place, else `city`.
    """
    level = _level(unit_names)
    title = title or ""
    if level == "省":
        name = _most(_PROVINCE_RX, title) or _most(_PROVINCE_BODY_RX, text)
        return name + "省" if name else None
    if level == "区":
        parent, county = _county(title, single=True)
        if not county:
            parent, county = _county(text)
        if not county:
            return None
        parent = parent or _most(_CITY_RX, title) or _most(_CITY_BODY_RX, text)
        return f"{parent}市{county}" if parent else county
    name = _most(_CITY_RX, title)
    if name:
        return name + "市"
    if level is None and (name := _most(_PROVINCE_RX, title)):
        return name + "省"
    # bodies named in passing ("纳入市委…") are noise: the place the text repeats most wins
    names = {m.group(1) for m in _CITY_BODY_RX.finditer(text) if _good(m.group(1))}
    if city and _good(stem(city)):
        names.add(stem(city))
    best = max(sorted(names), key=text.count, default=None)
    return best + "市" if best else None


def scope_of(place: str, written: str) -> str:
    """The jurisdiction a unit written in a plan of `place` belongs to: in a county plan that names
    its city, 市-level names are the city's units; every other name is the plan's own place's."""
    if written.startswith("市") and place[-1] in "区县" and "市" in place[:-1]:
        return place[:place.index("市") + 1]
    return place


def qualify(place: str, written: str) -> str:
    """The key of a unit of `place` that the unit table does not list: the place replaces the level
    character the name starts with (丽水市 + 市发改委 -> 丽水市发改委); a name already starting with the
    place stays as written (丽水海关); any other name gets the place in brackets (团市委（丽水市）,
    各县（市、区）政府（丽水市）), so no official name is made up."""
    if written.startswith(stem(place)):
        return written
    if written[:1] == place[-1] and len(written) > 1:
        return place + written[1:]
    return f"{written}（{place}）"
