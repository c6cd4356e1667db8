"""How questions write numbers, dates, months, periods, measures and pillars: the patterns `ask` reads.

Chinese and English forms side by side: 第9条 / 措施九 / measure 9 / the ninth measure, 2024年7月15日 /
7月15日 / July 15, 6月 / 六月份 / June, 上半年 / Q3, 下个月 / next month, 两个月内 / within 30 days.
"""
from __future__ import annotations

import re

__all__ = ["MONTHS", "CN_DIGITS", "EN_NUMBERS", "CN", "N", "EN_ORDINALS", "EN_ORD", "EN_N", "MONTH_NAMES",
           "EN_MONTH", "FULL_DATE", "CN_FULL_DATE", "CN_MONTH_DAY", "EN_MONTH_DAY", "EN_DAY_MONTH", "ISO_MONTH_DAY", "DOT_MONTH_DAY",
           "CN_MONTH", "EN_MONTH_RX", "EN_MONTH_NO", "RELATIVE_MONTH", "RELATIVE_QUARTER", "RELATIVE_WEEK",
           "WITHIN", "SOON", "FIRST_QUARTERS", "SOON_DAYS", "PERIOD", "ORDINAL", "YEAR_END",
           "PLAN_YEAR", "RELATIVE_PLAN_YEAR", "RELATIVE_YEAR_TIME", "EN_YEAR_MONTH", "EN_NEXT_MONTH", "YEAR_BEFORE", "RELATIVE_YEAR_SHIFT", "MEASURE_NO", "PILLAR_NO", "PILLAR_CONTEXT", "TOP", "period_months", "cn_int",
           "first_number"]

MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
          "oct": 10, "nov": 11, "dec": 12}
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
EN_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}

CN = r"[零〇一二两三四五六七八九十廿卅]+"
N = rf"(\d+|{CN})"
EN_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
EN_ORD = r"(\d+(?:st|nd|rd|th)|(?:twenty[- ]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)" \
          r"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth" \
          r"|twentieth)"
EN_N = r"(\d+|(?:twenty[- ]?)?(?:one|two|three|four|five|six|seven|eight|nine)|ten|eleven|twelve|thirteen" \
        r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|zero)"
MONTH_NAMES = ("january|february|march|april|june|july|august|september|october|november|december"
                "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec")
EN_MONTH = rf"(?:{MONTH_NAMES}|(?<=in )may|(?<=by )may|(?<=of )may|may(?= \d))"

FULL_DATE = re.compile(r"(?<!\d)(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*[日号]?")
CN_FULL_DATE = re.compile(rf"(?<!\d)(\d{{4}})\s*年\s*(\d{{1,2}}|{CN})\s*月\s*(\d{{1,2}}|{CN})\s*[日号]")  # 2024年七月十五日
CN_MONTH_DAY = re.compile(rf"(?<![\d年])(\d{{1,2}}|{CN})\s*月\s*(\d{{1,2}}|{CN})\s*[日号]")
EN_MONTH_DAY = re.compile(rf"(?<![a-z])({EN_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s*(\d{{4}}))?")
EN_DAY_MONTH = re.compile(rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({EN_MONTH})(?![a-z])(?:,?\s*(\d{{4}}))?")
ISO_MONTH_DAY = re.compile(r"(?<![\d/.-])(\d{1,2})[-/](\d{1,2})(?![\d/.-])")  # 7-15, 7/15: month, day
# 6.30前, 截至9.30: month.day as officials shorten a deadline; only beside a deadline word, so that 4.5件 stays a number
DOT_MONTH_DAY = re.compile(r"(?<![\d.])(1[0-2]|0?[1-9])\.(3[01]|[12]\d|0?[1-9])(?![\d.])"
                           r"(?=\s*(?:日|号|前|之前|以前|止|到期|截止|底|之后|以后|后|起|[-~—–至到]\s*\d{1,2}\.\d))"
                           r"|(?:(?<=截至|截止)|(?<=[-~—–至到]))\s*(1[0-2]|0?[1-9])\.(3[01]|[12]\d|0?[1-9])(?![\d.])")
CN_MONTH = re.compile(rf"(?:(\d{{4}})\s*年\s*)?(?<![\d第])(\d{{1,3}}|{CN})\s*月(份)?(\s*(?:底|末|初|上旬|中旬|下旬))?")
EN_MONTH_RX = re.compile(rf"(?:(end|start|beginning|middle|mid)(?:\s+of\s+|-|\s+))?"
                         rf"(?<![a-z])({EN_MONTH})(?![a-z])(?:\s+(\d{{4}}))?")

# this / next / last quarter or week, counted from today: (next, last) groups, neither = this one
RELATIVE_QUARTER = re.compile(r"(?:本|这一?个?|当)季度|this quarter|(下一?个?季度|next quarter)|(上一?个?季度|last quarter)")
RELATIVE_WEEK = re.compile(r"(?:本|这一?个?)(?:周|星期|礼拜)|this week|(下一?个?(?:周|星期|礼拜)|next week)"
                           r"|(上一?个?(?:周|星期|礼拜)|last week)")
RELATIVE_MONTH = re.compile(r"(?:(?:本|这个?|当)月|this month|(下个?月|next month)|(上个?月|last month))(底|末)?"
                            r"|(?<![\d年月§零〇一二两三四五六七八九十])月(底|末)(?!\d)")  # 月底前: this month's end
WITHIN = re.compile(rf"(?:未来|接下来|今后|最近|近)?\s*{N}\s*(个月|天|周)(?:内|之内|以内)"
                     rf"|(?:未来|接下来|今后|最近|近)\s*{N}\s*(个月|天|周)"
                     rf"|(?:within|in) (?:the )?(?:next )?{EN_N} (months?|days?|weeks?)"
                     rf"|(?:next|coming) {EN_N} (months?|days?|weeks?)")
PERIOD = re.compile(r"(上|下)半年|(first|second) half|(?:第\s*)?([一二三四1-4])\s*季度|(?<![a-z])q([1-4])(?![a-z\d])"
                     r"|(first|second|third|fourth) quarter"
                     r"|((?<!今)年中|mid-?year|middle of the year)"  # by mid-year: the first half
                     r"|(?<![a-z])h([12])(?![a-z\d])")  # H1, H2
# 前三季度, the first three quarters: January to the end of that quarter (read before PERIOD's 三季度)
FIRST_QUARTERS = re.compile(r"前\s*([一二两三1-3])\s*个?\s*季度|first (two|three) quarters")
# "快到期", "coming due soon": the next 30 days, as "30天内" reads
SOON = re.compile(r"快(?:要)?(?:到期|截止|到时间)|即将(?:到期|截止)|马上(?:要)?(?:到期|截止)|临近(?:截止|到期)?|近期"
                  r"|(?:due|coming due|expiring) soon|coming up|upcoming|(?<![a-z])soon(?![a-z])")
SOON_DAYS = 30
# "month 13", "month no. 6": a month written as a number in English
EN_MONTH_NO = re.compile(r"(?<![a-z])month\s*(?:no\.?|number|#)?\s*(\d{1,3})(?!\d)")
ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def period_months(m: re.Match) -> tuple[int, int]:
    """上半年 -> (1, 6); Q3, 三季度, third quarter -> (7, 9)."""
    half, half_en, quarter, q, quarter_en, mid, h = m.groups()
    if mid:
        return 1, 6
    if h:
        return (1, 6) if h == "1" else (7, 12)
    if half or half_en:
        return (1, 6) if half == "上" or half_en == "first" else (7, 12)
    n = cn_int(quarter) if quarter else int(q) if q else ORDINAL[quarter_en]
    return 3 * n - 2, 3 * n


YEAR_END = re.compile(r"年底|年末|岁末|end of (?:the |this )?year|year-end|year end")
# 明年的方案, last year's plan: a plan named by its year counted from today (then read as PLAN_YEAR)
RELATIVE_PLAN_YEAR = re.compile(
    r"(今年|本年度?|去年|上一?年度?|明年|下一?年度?|前年|后年)(?=\s*(?:的|版)?\s*(?:实施)?(?:方案|计划|工作要点|要点|规划))"
    r"|(?<![a-z])(this|last|next) year'?s?\s+(?=plan(?![a-z]))")
RELATIVE_YEAR_SHIFT = {"今年": 0, "本年": 0, "本年度": 0, "去年": -1, "上年": -1, "上一年": -1, "上年度": -1,
                       "上一年度": -1, "明年": 1, "下年": 1, "下一年": 1, "下年度": 1, "下一年度": 1, "前年": -2,
                       "后年": 2, "this": 0, "last": -1, "next": 1}
# 明年6月, 去年底, 今年上半年, next year's June: a month or period of a year counted from today, as
# 明年的方案 is; rewritten to the year itself (2025年6月, june 2025) before the months are read
RELATIVE_YEAR_TIME = re.compile(
    rf"(今年|本年度?|去年|上一?年度?|明年|下一?年度?|前年|后年)\s*的?\s*(?=(?:\d{{1,2}}|{CN})\s*月|[上下]半年|前?三季度|"
    rf"第?\s*[一二三四1-4]\s*季度|q[1-4]|[一二三四1-4]季|底|末|年底|年末|年中)")
EN_YEAR_MONTH = re.compile(rf"(?<![a-z])(this|last|next) year'?s?\s+({MONTH_NAMES}|may)(?![a-z])"
                           rf"|(?<![a-z])({MONTH_NAMES}|may)\s+(?:of\s+)?(this|last|next) year(?![a-z])")
# next June, last October: the nearest such month after (before) the current one
EN_NEXT_MONTH = re.compile(rf"(?<![a-z])(next|last|this|coming|past)\s+({MONTH_NAMES}|may)(?![a-z])")
# the year written before a period or the year's end: 2025年上半年, 2025年底, 2025 q3
YEAR_BEFORE = re.compile(r"(20\d\d)\s*年?\s*的?\s*$")
PLAN_YEAR = re.compile(r"(20\d\d)\s*年?\s*(?:的|版)?\s*(?:实施)?(?:方案|计划|工作要点|要点|规划)"
                        r"|(?<![a-z])(20\d\d)(?:'s)?\s+plan(?![a-z])|(?<![a-z])plan\s+(?:of\s+|for\s+)?(20\d\d)")
MEASURE_NO = re.compile(
    rf"(?<![a-z])(?:measures?|items?|articles?|actions?)\s*(?:no\.?|number|#)?\s*{EN_N}(?![a-z\d])"
    rf"|(?<![a-z])m\s?(\d+)(?!\d)"
    rf"|第\s*{N}\s*(?:条|项|点|个举措|号举措|号措施)|(?:措施|举措|任务)\s*(?:第|编号)?\s*{N}(?![部月日天年])"
    rf"|(?<![a-z])(?:no\.|#)\s*(\d+)|(?<![a-z]){EN_ORD}\s+measure(?![a-z])"
    rf"|{N}\s*号\s*(?:举措|措施)|^\s*{N}\s*(?:条|项)(?!举措|措施)", re.I)
PILLAR_NO = re.compile(rf"(?<![a-z])pillar\s*(?:no\.?|#)?\s*{EN_N}(?![a-z\d])|(?<![a-z]){EN_ORD}\s+pillar(?![a-z])"
                        rf"|第\s*{N}\s*个?\s*(?:部分|板块|篇|方面|大类|块|支柱)|(?:部分|板块)\s*{N}", re.I)
PILLAR_CONTEXT = re.compile(r"\s*(?:(?:这|那)?一?个?(?:部分|板块|块|篇|方面|领域|类|方向|支柱)|"
                            r"(?:的|(?:都|一共|共)?(?:有|包括|包含)(?:哪些|什么|几条|多少条?))?(?:举措|措施|任务|工作)|pillar)")
TOP = re.compile(rf"(?<![a-z])top\s*{EN_N}|前\s*{N}\s*(?:对|组|名|个|位)", re.I)


def cn_int(text: str) -> int | None:
    """'9' -> 9, '九' -> 9, '十二' -> 12, '二十六' -> 26, 'twenty-one' -> 21; None when not a number.

    >>> [cn_int(s) for s in ("26", "六", "十", "十二", "二十", "二十六", "两", "十十", "nine", "twenty one", "廿一", "廿")]
    [26, 6, 10, 12, 20, 26, 2, None, 9, 21, 21, 20]
    """
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    if text in EN_NUMBERS:
        return EN_NUMBERS[text]
    if text in EN_ORDINALS:
        return EN_ORDINALS[text]
    if text[:-2].isdigit() and text[-2:] in ("st", "nd", "rd", "th"):
        return int(text[:-2])
    if text.startswith("twenty") and text[6:].strip(" -") in EN_ORDINALS:
        return 20 + EN_ORDINALS[text[6:].strip(" -")]
    if text.startswith("twenty"):
        rest = text[6:].strip(" -")
        return 20 + EN_NUMBERS[rest] if rest in EN_NUMBERS and EN_NUMBERS[rest] < 10 else None
    if text[:1] in "廿卅" and len(text) <= 2:  # 廿一 = 21, 卅 = 30: the old forms of 二十, 三十
        rest = CN_DIGITS.get(text[1:], None) if text[1:] else 0
        return None if rest is None or rest == 0 and text[1:] else (20 if text[0] == "廿" else 30) + rest
    tens, ten, ones = text.partition("十")
    try:
        if not ten:
            return CN_DIGITS[text] if len(text) == 1 else None
        return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)
    except KeyError:
        return None


def first_number(m: re.Match | None) -> int | None:
    if m is None:
        return None
    return next((cn_int(g) for g in m.groups() if g is not None), None)
