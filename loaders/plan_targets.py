"""Numeric targets in a measure's text: "4000亩以上" -> (熟地供应, >=, 4000, 亩).

Decision: a figure needs a unit; a figure directly followed by a "…圈" word ("15分钟服务圈") names
a concept, not a target. Comparator: a suffix (以上 / 以内 …) wins over a prefix word (不低于 /
控制在 …); a plain figure ("达100%") is "=".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.plan_text import CLAUSE_MARKS, Text

__all__ = ["Target", "find_targets"]

# Units a target figure may carry; longest first so "万家次" wins over "万家" and "家". A count or
# measure may carry a magnitude ("1.2万户", "2.36万个", "3亿千瓦时"): the unit is kept as written.
_BASE_UNITS = ["亩", "立方米", "立方", "家", "家次", "名", "人", "人次", "元", "%", "个", "个月", "个国别",
               "个工作日", "工作日", "件", "次", "场", "吨", "分钟", "小时", "天", "项", "户", "所", "公里",
               "平方米", "平方公里", "公顷", "倍", "批", "条", "座", "套", "台", "辆", "千瓦", "千瓦时", "兆瓦",
               "处", "张", "间", "栋"]
_MAGNITUDES = ["万", "亿", "千万", "百万"]
_NOT_SCALED = {"%", "倍", "个月", "个工作日", "工作日", "分钟", "小时", "天"}
_TARGET_UNITS = sorted(
    set(_BASE_UNITS) | {"亿"} | {m + u for m in _MAGNITUDES for u in _BASE_UNITS if u not in _NOT_SCALED},
    key=len, reverse=True)
# A figure: a number (thousands may be grouped: "1,200") not glued to another number, a version
# dot or a Latin word ("3.0", "DEPA2"), then a unit, then an optional comparing suffix ("以上").
_FIGURE_RX = re.compile(
    r"(?<![\d.A-Za-z第])(?<!\d,)(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<unit>" + "|".join(map(re.escape, _TARGET_UNITS)) + r")"
    r"(?P<suffix>及以上|以上|以内|以下|左右)?")
# "15分钟服务圈", "1小时交通圈": a figure naming a service radius is a concept, not a target.
_RADIUS_RX = re.compile(r"[\u4e00-\u9fff]{0,4}圈")
# Comparing words before the figure; longest alternatives first ("不超过" before "超过").
_PREFIX_CMP_RX = re.compile(r"(?P<ge>不低于|不少于|突破|超过|高于|大于|多于)"
                            r"|(?P<le>不超过|不高于|不大于|不多于|控制在|低于|少于|小于)")
_SUFFIX_CMP = {"以上": ">=", "及以上": ">=", "以内": "<=", "以下": "<=", "左右": "="}
# Metric clean-up. Cut after the last modal ("确保", "力争", "保障" but not "保障性") — what
# precedes it is the actor ("智造新城管委会动态保障熟地供应" -> "熟地供应") …
_MODAL_RX = re.compile(r"确保|力争|争取|保障(?!性)|保证|保持|力求|努力")
# … drop a leading framing word ("全年", "开展", "推动") …
_LEAD_WORD_RX = re.compile(r"全年|年内|动态|进一步|累计|开展|组织|召开|举办|完成|推动|推进|实现|对|使|为")
# … and the verb that joins metric and figure ("达到", "提高到", "的").
_TAIL_WORD_RX = re.compile(r"(?:达到|达|为|的|(?:提高|提升|增长|增加|降低|下降|压缩|缩短|减少|控制)(?:到|至))$")


@dataclass
class Target:
    metric: str
    value: float
    unit: str
    comparator: str
    text: str
    span: list[int]


def _clause_bounds(s: str, i: int, j: int) -> tuple[int, int]:
    a = max(s.rfind(c, 0, i) for c in CLAUSE_MARKS) + 1
    ends = [k for k in (s.find(c, j) for c in ",;。") if k >= 0]
    return a, (min(ends) if ends else len(s))


def _last_match(rx: re.Pattern[str], s: str) -> re.Match[str] | None:
    last = None
    for last in rx.finditer(s):  # noqa: B007 - we want the final match
        pass
    return last


def _metric(pre: str, tail: str) -> str:
    modal = _last_match(_MODAL_RX, pre)
    if modal:
        pre = pre[modal.end():]
    while (m := _LEAD_WORD_RX.match(pre)) and len(pre) - m.end() >= 2:
        pre = pre[m.end():]
    while (m := _TAIL_WORD_RX.search(pre)) and m.start() >= 2:
        pre = pre[:m.start()]
    return pre + tail


def find_targets(text: Text, blocked: list[tuple[int, int]]) -> list[Target]:
    """Figures with a unit ("4000亩以上", "8%以内", "4.5件") and the metric they measure.

    Decision: a figure directly followed by a "…圈" word ("15分钟服务圈") names a concept and is
    not a target; "一日办" has no digits; years, versions ("3.0") and deadlines have no unit here.
    """
    s, out, prev_end = text.s, [], 0
    for m in _FIGURE_RX.finditer(s):
        if any(a < m.end() and m.start() < b for a, b in blocked) or _RADIUS_RX.match(s, m.end()):
            continue
        a, b = _clause_bounds(s, m.start(), m.end())
        window_start = max([a, prev_end] + [e for st, e in blocked if e <= m.start()])
        pre = s[window_start:m.start()]
        comparator = _SUFFIX_CMP.get(m.group("suffix") or "")
        cmp_match = _last_match(_PREFIX_CMP_RX, pre)
        if cmp_match:
            comparator = comparator or (">=" if cmp_match.group("ge") else "<=")
            pre = pre[:cmp_match.start()]
        tail = s[m.end():b]
        tail = tail if tail[:1] and (tail[0] in "“《" or "\u4e00" <= tail[0] <= "\u9fff") else ""
        metric = _metric(pre, tail) or s[a:b]
        value = float(m.group("num").replace(",", ""))
        out.append(Target(metric, value, m.group("unit"), comparator or "=", s[a:b],
                           text.span(m.start(), m.end())))
        prev_end = m.end()
    return out
