"""Deadline words in Chinese plans ("6月底前", "年底前", "第三季度", "上半年", "11月完成") and the dates they mean.

Works on *normalised* text (NFKC, spaces removed; see `loaders.plan`), so "6 月底前" and
"6月底前" look the same here. A deadline gives the LAST day of its period in the plan year
unless the words carry their own year ("2025年3月底前").

>>> m = DEADLINE_RX.search("加快推进,6月底前,建成平台")
>>> m.group(0), due_date(m, 2024)
('6月底前', '2024-06-30')
>>> [due_date(DEADLINE_RX.search(w), 2024) for w in ("2025年2月底前", "年底前", "三季度末", "上半年", "2025年内")]
['2025-02-28', '2024-12-31', '2024-09-30', '2024-06-30', '2025-12-31']
"""
from __future__ import annotations

import calendar
import re
from datetime import date

__all__ = ["DEADLINE_RX", "UNDATED_RX", "due_date", "month_end"]

_YEAR = r"(?:(?P<{name}>20\d{{2}})年)?"
_BEFORE = r"(?:前|之前|以前)"

# One alternation, one named group per kind, so a single scan finds deadlines in text order.
DEADLINE_RX = re.compile(
    # "6月底前", "2024年6月底前", "6月30日前", "6月前": a month (optionally a day), then 底/末 and/or 前.
    _YEAR.format(name="my") + r"(?<!\d)(?P<month>1[0-2]|0?[1-9])月"
    r"(?:(?P<day>3[01]|[12]\d|0?[1-9])日" + _BEFORE + r"|(?:底|末)" + _BEFORE + r"?|" + _BEFORE + r")"
    # "年底前", "2024年底": the year's end. (?<![\d年]) keeps "2015年前" (a year, not a deadline) out.
    r"|(?:(?P<yy>20\d{2})|(?<![\d年]))年(?:底|末)" + _BEFORE + r"?"
    # "2024年内完成": within that year, by its end; "2025年完成全部建设任务": a year, then a completing
    # verb, is that year's end ("到2025年," and "2025年实现…" name a horizon, not a deadline).
    r"|(?P<iy>20\d{2})年内"
    r"|(?<!到)(?P<vy>20\d{2})年(?:底前|前)?(?=(?:全面|基本|全部)?(?:完成|建成|投用|投运|竣工|办结))"
    # "第三季度", "三季度末", "2024年第3季度前": the quarter's last day.
    r"|" + _YEAR.format(name="qy") + r"第?(?P<quarter>[一二三四1-4])季度(?:末|底)?" + _BEFORE + r"?"
    # "上半年" / "下半年": June 30 / December 31.
    r"|" + _YEAR.format(name="hy") + r"(?P<half>上|下)半年(?:末|底)?" + _BEFORE + r"?"
    # "2024年11月完成", "9月建成投用": a month then a completing verb is that month's end ("3月启动" is not).
    r"|" + _YEAR.format(name="cy") + r"(?<!\d)(?P<cmonth>1[0-2]|0?[1-9])月份?"
    r"(?=(?:全面|基本|全部|前)?(?:完成|建成|实现|出台|印发|到位|落地|投用|投运|投产|竣工|上线|办结))"
)

# Deadlines that name no date: kept as milestones with due=None (and a lint finding).
UNDATED_RX = re.compile(r"长期坚持|持续推进|长期推进|常态化推进")

_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def month_end(year: int, month: int) -> date:
    """Last day of `month` in `year` (2024-02 -> 29th).

    >>> month_end(2024, 2)
    datetime.date(2024, 2, 29)
    """
    return date(year, month, calendar.monthrange(year, month)[1])


def due_date(m: re.Match[str], plan_year: int | None) -> str | None:
    """ISO date a `DEADLINE_RX` match stands for; None when no year is known."""
    g = m.groupdict()
    own_year = g["my"] or g["yy"] or g["iy"] or g["vy"] or g["qy"] or g["hy"] or g["cy"]
    year = int(own_year) if own_year else plan_year
    if year is None:
        return None
    if g["cmonth"]:
        return month_end(year, int(g["cmonth"])).isoformat()
    if g["month"]:
        month = int(g["month"])
        if g["day"]:
            try:
                return date(year, month, int(g["day"])).isoformat()
            except ValueError:  # "2月30日": no such day, so no date rather than a guess
                return None
        return month_end(year, month).isoformat()
    if g["quarter"]:
        return month_end(year, 3 * _QUARTER[g["quarter"]]).isoformat()
    if g["half"]:
        return month_end(year, 6 if g["half"] == "上" else 12).isoformat()
    return month_end(year, 12).isoformat()  # 年底
