"""Answer plain questions (中文 or English) by mapping them to one named query, or decline honestly.

Predictable, in three steps. (1) Find what the question names, from the graph's own names
(`graph.model.lookup`): units, chains and firms by any of their names, a plan by its year or title, a
pillar by number or name, a measure by number (第9条, 措施九, measure 9, M9) or by words of its title;
dates and months, checked to exist. (2) An ordered list of intents picks the query from the wording and
what was found. (3) Anything doubtful declines instead of guessing: a name that is close but not exact
("did you mean …"), a measure or pillar the plan does not have, an impossible date, a measure number
several loaded plans share, a question none of the intents covers (the list of what can be answered).

The patterns for numbers and dates live in `ask_patterns`, the wording of each intent in `ask_words`, the
folding of how a question is typed (traditional characters, full-width forms, spoken words) in `ask_text`.

Examples
--------
>>> rows = [{"kind": "department", "key": "市发改委", "name": "市发改委", "form": "市发改委", "field": "name",
...          "plan": None},
...         {"kind": "measure", "key": "p#M26", "name": "弘扬人文精神", "form": "26", "field": "number", "plan": "p"},
...         {"kind": "plan", "key": "p", "name": "某方案", "form": "2024", "field": "year", "plan": "p"}]
>>> lk = Lookup(rows)
>>> route("发改委负责哪些举措", lk).call
('measures_for_department', {'department': '市发改委'})
>>> route("措施二十六", lk).call
('departments_for_measure', {'measure': 26})
>>> route("第30条由谁负责", lk).message
'the plan has 1 measure (26); there is no measure 30'
>>> route("what is the weather", lk).refusal
'not_understood'
"""
from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from graph.interface.ask_patterns import (MONTHS, CN_DIGITS, FULL_DATE, CN_FULL_DATE, CN_MONTH_DAY, DOT_MONTH_DAY, EN_MONTH_DAY,
    EN_DAY_MONTH, ISO_MONTH_DAY, CN_MONTH, EN_MONTH_RX, EN_MONTH_NO, RELATIVE_MONTH, RELATIVE_QUARTER,
    RELATIVE_WEEK, WITHIN, SOON, SOON_DAYS, FIRST_QUARTERS, PERIOD, YEAR_END, PLAN_YEAR, RELATIVE_PLAN_YEAR, RELATIVE_YEAR_SHIFT, RELATIVE_YEAR_TIME, EN_YEAR_MONTH, EN_NEXT_MONTH, YEAR_BEFORE, MEASURE_NO, PILLAR_NO, PILLAR_CONTEXT, TOP, CN, EN_N, period_months, cn_int, first_number)
from graph.interface.ask_words import (MASK, W_OVERDUE, W_CLOSURE, W_PROBLEM, W_TARGET, W_LEAD, W_ALL_UNITS,
    W_DEADLINE, W_DUE_WORDS, W_PARTNER, W_PAIRS, W_BUSY, W_RANGE, W_CONTENT, W_ALL_UNITS_LISTED, W_ALL_MEASURES, W_ALL_CHAINS, W_CHAINS_COUNTED,
    W_NOT_CLOSED, W_RATE, W_FIRMS_RANKED, W_HELP, W_WHICH_MONTH, W_UNIT_SERVES, W_WHEN, W_MATRIX, W_PIPELINE, W_COORD, W_GAPS, W_LEADERS,
    W_SERVE, W_UNITS_ASKED, W_MEASURES_ASKED, W_CHAIN_CHIEF, W_NO_LEADER, W_LACKING, W_REMAINING, W_BOTTLENECK, W_UNITS_WORD, W_PROJECTS, W_DUE, W_NAMES,
    W_NAME_INDEX, W_PLANS, W_OWN, W_MEASURE_COUNT, W_LIST_ASKED, W_COMPARE, W_PROJECT_SERVED, W_NOT_OVERDUE, W_NOT_LED, W_UNIT_ROLE, EXAMPLES, HELP)
from graph.interface.ask_text import read_text
from graph.model.lookup import Entity, Lookup, Mention
from graph.named import get_query, run_named
from loaders.plan_place import same_place, stem

__all__ = ["Answer", "Decision", "answer", "route", "cn_int", "HELP", "REFUSALS", "help_text"]

REFUSALS = ("not_understood", "unknown_name", "missing", "no_such_measure", "no_such_pillar", "no_such_plan",
            "bad_date", "ambiguous")

_MASK = MASK  # replaces what was found, so its characters (数字, 招商 ...) cannot trigger anything else

def help_text(lookup: Lookup | None = None) -> str:
    """HELP, plus the chains and firms the graph holds."""
    lines = [HELP]
    if lookup is not None:
        for kind, label in (("chain", "chains"), ("enterprise", "firms")):
            names = sorted({e.label() for e in lookup.entities(kind)})
            if names:
                lines.append(f"{label}: {'、'.join(names)}")
    return "\n".join(lines)


# --- results ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Decision:
    """What `route` chose: a query and its parameters, or a refusal (one of REFUSALS) with a message."""
    query: str | None
    params: dict = field(default_factory=dict)
    refusal: str | None = None
    message: str = ""
    suggestions: tuple[str, ...] = ()

    @property
    def call(self) -> tuple[str | None, dict]:
        return self.query, self.params


@dataclass(frozen=True)
class Answer:
    query: str | None  # None: declined; `refusal` says why, `message` in words, `help` what can be asked
    params: dict  # the parameters chosen from the question
    rows: list[dict]
    help: str = ""
    refusal: str | None = None
    message: str = ""
    suggestions: tuple[str, ...] = ()

    def to_json(self) -> dict:
        """One JSON-ready object: {query, params, rows}, or a refusal with the queries that can be asked."""
        if self.query is not None:
            return {"query": self.query, "params": self.params, "rows": self.rows}
        return {"query": None, "refusal": self.refusal, "message": self.message,
                "suggestions": list(self.suggestions), "can_answer": list(EXAMPLES)}


class _Decline(Exception):
    def __init__(self, refusal: str, message: str, suggestions=()):
        super().__init__(message)
        self.refusal, self.message, self.suggestions = refusal, message, tuple(suggestions)


# --- reading the question ---------------------------------------------------------------------------------

@dataclass
class _Found:
    text: str  # the question, NFKC-folded and lower-cased, with found things masked
    plans: list[Entity] = field(default_factory=list)  # every plan the graph holds
    plan: Entity | None = None  # the plan the question names
    names: dict[str, Mention] = field(default_factory=dict)  # kind -> first (longest) mention
    named: dict[str, list[str]] = field(default_factory=dict)  # kind -> keys of every entity named
    measure: Entity | None = None
    pillar: Entity | None = None
    dates: list[tuple[str, bool]] = field(default_factory=list)  # (ISO date, year given)
    month: tuple[int, str] | None = None  # (month, "end"/"start"/"")
    months: list[tuple[int, int, int]] = field(default_factory=list)  # every month: (number, start, end)
    period: tuple[int, int] | None = None  # 上半年, Q3: (first month, last month)
    pending: list[tuple[int, int, str]] = field(default_factory=list)  # dates without a year: (month, day, written)
    month_year: int | None = None  # the year written with a month ("2024年6月"), or of 下个月


def _mask(text: str, start: int, end: int) -> str:
    return text[:start] + _MASK * (end - start) + text[end:]


def _mask_all(text: str, rx: re.Pattern, keep) -> str:
    """Apply `keep(match)` to each match of `rx`, masking the matches it accepts (returns True)."""
    for m in list(rx.finditer(text)):
        if keep(m):
            text = _mask(text, m.start(), m.end())
    return text


def _plan_year(f: _Found) -> int:
    """The year a date written without one falls in: the named plan's, else the only plan year."""
    plans = [f.plan] if f.plan else f.plans
    years = sorted({int(p.form("year")) for p in plans if (p.form("year") or "").isdigit()})
    if len(years) == 1:
        return years[0]
    if not years:
        raise _Decline("missing", "the graph holds no plan year; write the date with its year (2024-07-15)")
    raise _Decline("ambiguous", f"the plans loaded are for {', '.join(map(str, years))}: write the year "
                                f"(2024-07-15) or name the plan (2024年方案)")


def _check_date(year: int, month: int, day: int, written: str) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise _Decline("bad_date", f"{written.strip()} is not a date") from None


def _month_no(text: str) -> int:
    return MONTHS[text.lower()[:3]] if text[:1].isalpha() and text.isascii() else cn_int(text)


def _read_dates(f: _Found, today: dt.date) -> None:
    """Full dates, dates without a year (the plan year), then months; impossible ones decline."""
    pending = f.pending  # dated once the plan (and so the year) is known

    def full(m):
        f.dates.append((_check_date(*map(int, m.groups()), m.group(0)), True))
        return True

    def month_day(month_text, day_text, year_text, written):
        month, day = _month_no(month_text), cn_int(day_text)
        if month is None or day is None:
            return False
        if year_text:
            f.dates.append((_check_date(int(year_text), month, day, written), True))
        else:
            pending.append((month, day, written))
        return True

    t = _mask_all(f.text, FULL_DATE, full)
    t = _mask_all(t, CN_FULL_DATE, lambda m: month_day(m.group(2), m.group(3), m.group(1), m.group(0)))
    t = _mask_all(t, CN_MONTH_DAY, lambda m: month_day(m.group(1), m.group(2), None, m.group(0)))
    t = _mask_all(t, EN_MONTH_DAY, lambda m: month_day(m.group(1), m.group(2), m.group(3), m.group(0)))
    t = _mask_all(t, EN_DAY_MONTH, lambda m: month_day(m.group(2), m.group(1), m.group(3), m.group(0)))
    t = _mask_all(t, ISO_MONTH_DAY, lambda m: month_day(m.group(1), m.group(2), None, m.group(0)))
    t = _mask_all(t, DOT_MONTH_DAY, lambda m: month_day(m.group(1) or m.group(3), m.group(2) or m.group(4), None,
                                                      m.group(0)))
    f.text = t

    def month(m, number, year_text, when, written):
        if number is None:
            return False
        if not 1 <= number <= 12:
            raise _Decline("bad_date", f"there is no month {number} ({written.strip()})")
        if f.month is None:
            f.month = (number, when)
        f.months.append((number, m.start(), m.end()))
        if year_text:
            f.month_year = int(year_text)
        return True

    def cn(m):
        when = (m.group(4) or "").strip()
        return month(m, cn_int(m.group(2)), m.group(1), "start" if when in ("初", "上旬") else
                     "end" if when in ("底", "末", "下旬") else "mid" if when == "中旬" else "", m.group(0))

    def en(m):
        when = {"end": "end", "start": "start", "beginning": "start", "middle": "mid", "mid": "mid"}.get(
            m.group(1) or "", "")
        return month(m, MONTHS[m.group(2)[:3]], m.group(3), when, m.group(0))

    f.text = _mask_all(_mask_all(f.text, CN_MONTH, cn), EN_MONTH_RX, en)
    f.text = _mask_all(f.text, EN_MONTH_NO, lambda m: month(m, int(m.group(1)), None, "", m.group(0)))
    def year_before(m):  # 2025年上半年, 2025年底: the year written just before a period
        if y := YEAR_BEFORE.search(f.text, 0, m.start()):
            f.month_year = int(y.group(1))
        return y

    def year_end(m):
        return month(m, 12, (y := year_before(m)) and y.group(1), "end", m.group(0))

    f.text = _mask_all(f.text, YEAR_END, year_end)

    def period(m):
        first, last = period_months(m)
        if f.period is None:
            f.period = (first, last)
            year_before(m)
        return True

    def first_quarters(m):
        n = cn_int(m.group(1)) if m.group(1) else {"two": 2, "three": 3}[m.group(2)]
        f.period = f.period or (1, 3 * n)
        year_before(m)
        return True

    f.text = _mask_all(_mask_all(f.text, FIRST_QUARTERS, first_quarters), PERIOD, period)

    def relative(m):  # 本月, 下个月, last month: counted from today
        shift = 1 if m.group(1) else -1 if m.group(2) else 0
        index = today.year * 12 + today.month - 1 + shift
        f.month_year = index // 12
        return month(m, index % 12 + 1, None, "end" if m.group(3) or m.group(4) else "", m.group(0))

    f.text = _mask_all(f.text, RELATIVE_MONTH, relative)

    def quarter(m):  # 本季度, next quarter: the calendar quarter from today's
        index = today.year * 4 + (today.month - 1) // 3 + (1 if m.group(1) else -1 if m.group(2) else 0)
        f.month_year, first = index // 4, index % 4 * 3 + 1
        f.period = f.period or (first, first + 2)
        return True

    def week(m):  # 本周, next week: Monday to Sunday of that calendar week
        monday = today - dt.timedelta(days=today.weekday()) + \
            dt.timedelta(weeks=1 if m.group(1) else -1 if m.group(2) else 0)
        f.dates += [(monday.isoformat(), True), ((monday + dt.timedelta(days=6)).isoformat(), True)]
        return True

    f.text = _mask_all(_mask_all(f.text, RELATIVE_QUARTER, quarter), RELATIVE_WEEK, week)

    def within(m):  # 两个月内, within 30 days: from today to that many months, weeks or days ahead
        groups = [g for g in m.groups() if g is not None]
        count, unit = cn_int(groups[0]), groups[1]
        if count is None:
            return False
        if unit.startswith(("个月", "month")):
            index = today.year * 12 + today.month - 1 + count
            year, month_no = index // 12, index % 12 + 1
            end = dt.date(year, month_no, min(today.day, calendar.monthrange(year, month_no)[1]))
        else:
            end = today + dt.timedelta(days=count * (7 if unit.startswith(("周", "week")) else 1))
        f.dates += [(today.isoformat(), True), (end.isoformat(), True)]
        return True

    f.text = _mask_all(f.text, WITHIN, within)

    def soon(m):  # 快到期, coming due soon: the next SOON_DAYS days, unless the question gives a time itself
        if not (f.dates or f.pending or f.months or f.period):
            f.dates += [(today.isoformat(), True), ((today + dt.timedelta(days=SOON_DAYS)).isoformat(), True)]
        return True

    f.text = _mask_all(f.text, SOON, soon)


def _read_plan(f: _Found, lookup: Lookup) -> None:
    f.plans = lookup.entities("plan")
    for m in PLAN_YEAR.finditer(f.text):
        year = next(g for g in m.groups() if g)
        matching = [p for p in f.plans if p.form("year") == year]
        if not matching:
            known = ", ".join(f"{p.form('year')} ({p.name or p.key})" for p in f.plans)
            raise _Decline("no_such_plan", f"no plan for {year} is loaded; plans: {known}")
        if len(matching) > 1:
            raise _Decline("ambiguous", f"{len(matching)} plans are for {year}: "
                                        f"{' / '.join(p.name or p.key for p in matching)}; name one by its title",
                           [p.name or p.key for p in matching])
        f.plan = matching[0]
        f.text = _mask(f.text, m.start(), m.end())
        return
    for mention in lookup.scan(f.text, ("plan",)):
        if mention.entities[0].form("year") == mention.form:
            continue  # a bare year is a date, not a plan
        f.plan = mention.entities[0]
        f.text = _mask(f.text, mention.start, mention.end)
        return
    if len(f.plans) > 1:
        _plan_by_title_words(f)


_DOC_TITLE = re.compile(r"[\u4e00-\u9fff]{2,20}?(?:方案|要点|计划|意见|规划|细则|办法)")


def _plan_by_title_words(f: _Found) -> None:
    """"营商环境提升工作要点第3条": the plan whose title shares the longest run (4 or more characters) with
    the words ending in 方案/要点/计划…; a tie or no such plan declines."""
    m = _DOC_TITLE.search(f.text)
    if m is None:
        return
    words = m.group(0)
    runs = []
    for p in f.plans:
        title = (p.name or "").lower()
        run = SequenceMatcher(None, words, title, autojunk=False).find_longest_match(0, len(words), 0, len(title))
        runs.append((run.size, p))
    runs.sort(key=lambda r: -r[0])
    best = runs[0][0]
    if best < 4 or runs[1][0] == best:
        names = [p.name or p.key for p in f.plans]
        raise _Decline("ambiguous" if best >= 4 else "no_such_plan",
                       f"{words!r} does not name one of the plans loaded: {' / '.join(names)}", names)
    f.plan = runs[0][1]
    f.text = _mask(f.text, m.start(), m.end())


# a found name followed by more of a name ("仙鹤" in 仙鹤纸业集团): someone else, or a name not quite right
_NAME_GOES_ON = re.compile(r"[\u4e00-\u9fff]{0,4}(?:集团|股份|有限公司|公司|纸业|化工|委员会|办公室|管理局)")


def _read_names(f: _Found, lookup: Lookup) -> None:
    mentions = lookup.scan(f.text)
    for mention in mentions:
        if (more := _NAME_GOES_ON.match(f.text, mention.end)) and not _SPLIT.match(f.text, mention.end):
            written = f.text[mention.start:more.end()]
            labels = [e.label() for e in mention.entities]
            raise _Decline("unknown_name", f"the graph has no name {written!r}; did you mean "
                                           f"{' / '.join(labels)}?", labels)
        if mention.kind not in f.names or mention.start < f.names[mention.kind].start:
            f.names[mention.kind] = mention  # the first named is the subject ("市税务局和市市场监管局…")
        keys = f.named.setdefault(mention.kind, [])
        if mention.entities[0].key not in keys:
            keys.append(mention.entities[0].key)
    for mention in mentions:
        f.text = _mask(f.text, mention.start, mention.end)


_CAPITALS = re.compile(r"(?<![A-Za-z])[A-Z]{3,6}(?![A-Za-z])")


def _read_initials(f: _Found, lookup: Lookup, question: str) -> None:
    """"the DRC", "NFRA": a unit by the initials of its English name, where the question writes them in
    capitals (in lower case they are too often words)."""
    if "department" in f.names:
        return
    for written in _CAPITALS.findall(unicodedata.normalize("NFKC", question)):
        unit = lookup.unit_by_initials(written)
        m = re.search(rf"(?<![a-z]){written.lower()}(?![a-z])", f.text)
        if unit is not None and m:
            f.names["department"] = Mention(m.start(), m.end(), "department", (unit,), written)
            f.named["department"] = [unit.key]
            f.text = _mask(f.text, m.start(), m.end())
            return


def _read_english_unit(f: _Found, lookup: Lookup) -> None:
    """"the tax bureau", "the market regulator": a unit named in English by the words of its field and a
    word for its kind of body, when no name matched and exactly one unit fits (`Lookup.unit_by_english`)."""
    if "department" in f.names:
        return
    for m in _EN_NAME.finditer(f.text):
        words = _name_words(m.group(1))
        if not words or _MASK in m.group(0) or m.group(2) in ("chain", "group", "company", "corporation", "co."):
            continue
        unit = lookup.unit_by_english(words, m.group(2))
        if unit is not None:
            start = f.text.index(words[0], m.start())
            f.names["department"] = Mention(start, m.end(), "department", (unit,), f.text[start:m.end()])
            f.named["department"] = [unit.key]
            f.text = _mask(f.text, start, m.end())
            return


def _units_of_place(f: _Found) -> None:
    """A short name several places' plans write (市发改委 of 衢州 and of 丽水) means the unit of the place
    of the plan the question names, or of the one place the question writes (丽水的市发改委); without
    either it stays ambiguous and the question is declined, never guessed."""
    mention = f.names.get("department")
    if mention is None or len(mention.entities) < 2:
        return
    places = {e.form("city") for e in mention.entities}
    if f.plan is not None:
        place = f.plan.form("city")
        kept = [e for e in mention.entities if same_place(e.form("city"), place)] or \
               [e for e in mention.entities if e.form("city") is None]  # the home city's units
    else:
        written = [p for p in places if p and stem(p) in f.text]
        kept = [e for e in mention.entities if e.form("city") in written] if len(written) == 1 else []
    if len(kept) == 1:
        f.names["department"] = dataclasses.replace(mention, entities=tuple(kept))
        f.named["department"] = [kept[0].key if k == mention.entities[0].key else k
                                 for k in f.named["department"]]


def _measures_numbered(lookup: Lookup, f: _Found, number: int) -> list[Entity]:
    return [e for e in lookup.entities("measure", f.plan.key if f.plan else None) if e.number == number]


def _plan_names(plans) -> str:
    return " / ".join(f"{p.name or p.key} ({p.key})" for p in plans)


def _count_text(lookup: Lookup, kind: str, plans: list[Entity], noun: str) -> str:
    parts = []
    for p in plans:
        numbers = sorted(e.number for e in lookup.entities(kind, p.key) if e.number is not None)
        span = "" if not numbers else f" ({numbers[0]}–{numbers[-1]})" \
            if len(numbers) > 1 and numbers == list(range(numbers[0], numbers[-1] + 1)) \
            else f" ({', '.join(map(str, numbers))})"
        parts.append((p, f"{len(numbers)} {noun}{'' if len(numbers) == 1 else 's'}{span}"))
    if len(parts) == 1 and len(lookup.entities("plan")) <= 1:
        return f"the plan has {parts[0][1]}"
    return "; ".join(f"{p.name or p.key} has {text}" for p, text in parts)


def _one_of_plans(kind: str, number: int, found: list[Entity], lookup: Lookup, f: _Found, noun: str) -> Entity:
    plans = [f.plan] if f.plan else f.plans
    if not found:
        raise _Decline(f"no_such_{kind}", f"{_count_text(lookup, kind, plans, noun)}; there is no {noun} {number}")
    if len(found) > 1:
        in_plans = [lookup.get("plan", e.plan) or e for e in found]
        years = [p.form("year") for p in in_plans if p.form("year")]
        example = f"{years[0]}年方案第{number}条" if kind == "measure" and years else f"plan {years[0] if years else ''}"
        raise _Decline("ambiguous", f"{noun} {number} is in {len(found)} plans: {_plan_names(in_plans)}; "
                                    f"say which one, e.g. {example}", [p.name or p.key for p in in_plans])
    return found[0]


# "measures 9 and 10", "措施9、10", "M9/M10": a second number right after the first, joined by a list word
_MORE_NUMBERS = re.compile(rf"\s*(?:,|、|/|&|\+|(?<![a-z])(?:and|or|to|through)(?![a-z])|和|与|及|或|至|到|~|—|–)\s*"
                           rf"(?:第|(?<![a-z])(?:measures?|no\.?|m)\s*)?({EN_N[1:-1]}|{CN})(?![\d月日号天年周a-z])")


def _read_measure(f: _Found, lookup: Lookup) -> None:
    m = MEASURE_NO.search(f.text)
    if m:
        number = first_number(m)
        if number is None:
            raise _Decline("not_understood", f"{m.group(0).strip()!r} is not a measure number")
        if (more := _MORE_NUMBERS.match(f.text, m.end())) and cn_int(more.group(1)) not in (None, number):
            raise _Decline("missing", f"ask about one measure at a time: the question names measure {number} "
                                      f"and {cn_int(more.group(1))}")
        f.measure = _one_of_plans("measure", number, _measures_numbered(lookup, f, number), lookup, f, "measure")
        f.text = _mask(f.text, m.start(), m.end())
        _one_number_only(MEASURE_NO, f, number, "measure")
        return
    if f.names:
        return  # a unit, chain or firm is what the question is about; title words would only confuse
    found = lookup.measures_by_title(f.text, f.plan.key if f.plan else None)
    if len(found) == 1:
        f.measure, words = found[0]
        at = f.text.find(words)
        if at >= 0:
            f.text = _mask(f.text, at, at + len(words))
    elif found:
        labels = [e.label() for e, _ in found]
        raise _Decline("ambiguous", f"{found[0][1]!r} is in the titles of several measures: did you mean "
                                    f"{' / '.join(labels)}?", labels)


def _read_pillar(f: _Found, lookup: Lookup) -> None:
    plan = f.plan.key if f.plan else None
    m = PILLAR_NO.search(f.text)
    if m:
        number = first_number(m)
        found = [e for e in lookup.entities("pillar", plan) if e.number == number]
        f.pillar = _one_of_plans("pillar", number, found, lookup, f, "pillar")
        f.text = _mask(f.text, m.start(), m.end())
        _one_number_only(PILLAR_NO, f, number, "pillar")
        return
    best = None  # (length, start, end, pillar): a pillar's name, its theme, or the name's last two characters
    for e in lookup.entities("pillar", plan):
        for field_name in ("name", "theme"):
            form = e.form(field_name)
            if not form:
                continue
            forms = [(form, False)] + ([(form[-2:], True)] if field_name == "name" and len(form) >= 4 else [])
            for text, needs_context in forms:
                at = f.text.find(text.lower())
                if at < 0 or (needs_context and not PILLAR_CONTEXT.match(f.text, at + len(text))):
                    continue
                if best is None or len(text) > best[0]:
                    best = (len(text), at, at + len(text), e)
    if best:
        same = [e for e in lookup.entities("pillar", plan) if e.name == best[3].name]
        f.pillar = _one_of_plans("pillar", best[3].number, same, lookup, f, "pillar") if len(same) > 1 else best[3]
        f.text = _mask(f.text, best[1], best[2])


# unknown names: the stretch of a question that looks like a unit, chain or firm but matched none
_SPLIT = re.compile(r"[\s,，。.?？!！、;；:：§()（）\"'“”]|的|和|与|跟|同|及|或|由|是|在|对|给|把|向|被|有|没有|哪些|哪个"
                    r"|哪家|哪几|什么|谁|请问|请|查询|查一下|查|看看|告诉我|一下|负责|牵头|承担|参与|配合|协同|合作|"
                    r"举措|措施|任务|情况|概况|怎么样|怎样|如何|吗|呢|了|都|还|也|主要|目前|现在|最近|所有|全部|各个?")
_CN_UNIT_END = re.compile(r"^(.{1,10}?(?:局|厅|署|委员会|委|办公室|办|中心|院|所|站|银行|海关|公司|集团|股份|纸业|化工))$")
_CN_CHAIN_END = re.compile(r"^(.{2,10}?)(?:产业链|产业|链条|链)$")
_GENERIC = re.compile(r"^(?:部门|单位|委员会|办公室|中心|公司|集团|企业|政府|有关部门|相关部门|股份|市级|六大|"
                      r"标志性|主导|重点|每个|全市|这个|那个|哪|该|本|这|那|[一二三四五六七八九十两几多]+个?)")
_EN_NAME = re.compile(r"((?:[a-z][a-z&'.-]*\s+){0,5}?)(bureau|commission|office|centre|center|court|procuratorate|"
                      r"committee|administration|group|company|corporation|co\.|chain|customs|regulator)(?![a-z])")
_EN_STOP = set("what which who whom does do did is are was the a an of for in on at by to with and or lead leads "
               "led serve serves served units unit firms firm departments department measures measure projects "
               "project gaps gap overview profile own owns about tell me show list all any how many much most "
               "busiest industry industrial".split())


def _name_words(before: str) -> list[str]:
    """The words right before an English body noun that can be its name: "who works with the commerce " ->
    ['commerce'] (the run after the last question word)."""
    words = before.split()
    at = len(words)
    while at and words[at - 1] not in _EN_STOP:
        at -= 1
    return words[at:]


_EN_NAME_OF = re.compile(r"(?<![a-z])(bureau|commission|office|centre|center|committee|administration) (?:of|for) "
                         r"((?:[a-z&'-]+ ?){1,4})")


def _unknown_names(f: _Found, lookup: Lookup) -> None:
    """Decline when the question names something like a unit, chain or firm that the graph lacks."""
    candidates = []  # (written, kinds)
    start = 0
    for sep in [*_SPLIT.finditer(f.text), None]:
        end = sep.start() if sep else len(f.text)
        chunk, after_name = f.text[start:end], start > 0 and f.text[start - 1] == _MASK
        start = sep.end() if sep else end
        if len(chunk) < 3 or _GENERIC.match(chunk) or "链主" in chunk or after_name:
            continue  # "§§§产业链": the chain was found, 产业链 is its suffix
        if m := _CN_CHAIN_END.match(chunk):
            name = re.sub(r"产业$", "", m.group(1))
            if len(name) >= 2 and not _GENERIC.match(name):
                candidates.append((name, ("chain",)))
        elif m := _CN_UNIT_END.match(chunk):
            firmish = m.group(1).endswith(("公司", "集团", "股份", "纸业", "化工"))
            candidates.append((m.group(1), ("enterprise", "department") if firmish else ("department",)))
    for m in _EN_NAME.finditer(f.text):
        words = _name_words(m.group(1))
        if _MASK in m.group(0) or not words:
            continue  # "the bureau": any; "the court", "the customs": a unit's own nickname, found already
        suffix = m.group(2)
        kinds = ("chain",) if suffix == "chain" else ("enterprise", "department") \
            if suffix in ("group", "company", "corporation", "co.") else ("department",)
        candidates.append((" ".join(words) if suffix == "chain" else " ".join(words + [suffix]), kinds))
    for m in _EN_NAME_OF.finditer(f.text):  # "bureau of commerce": the English names say "commerce bureau"
        words = [w for w in m.group(2).split() if w not in _EN_STOP]
        if words and _MASK not in m.group(0):
            candidates.append((" ".join(words + [m.group(1)]), ("department",)))
    for written, kinds in candidates:
        noun = {"chain": "chain", "department": "unit", "enterprise": "firm"}[kinds[0]]
        suggestions = lookup.suggest(kinds, written)
        if not suggestions:  # nothing close: name the closest few anyway, or all when there are few
            suggestions = lookup.suggest(kinds, written, cutoff=0, spread=100, limit=6)
        raise _Decline("unknown_name", f"the graph has no {noun} named {written!r}; did you mean "
                                       f"{' / '.join(suggestions)}?", suggestions)


def _ambiguous_names(f: _Found, needed: tuple[str, ...]) -> None:
    for kind in needed:
        mention = f.names.get(kind)
        if mention and len(mention.entities) > 1:
            labels = [e.label() for e in mention.entities]
            places = sorted({e.form("city") for e in mention.entities if e.form("city")})
            if kind == "department" and places:  # 市发改委 of 衢州 and of 丽水: say which city or plan
                raise _Decline("ambiguous", f"{mention.form!r} is a unit of more than one place "
                                            f"({' / '.join(labels)}); which city? name it "
                                            f"({stem(places[0])}的{mention.form}) or the plan", labels)
            raise _Decline("ambiguous", f"{mention.form!r} may mean {' / '.join(labels)}; which one?", labels)


_CN_YEAR = re.compile(r"(?<![零〇一二三四五六七八九十])([零〇一二三四五六七八九]{4})(\s*年)")  # 二〇二四年 is 2024年


def _one_number_only(rx: re.Pattern, f: _Found, number: int, noun: str) -> None:
    """"第9条和第10条": a second, different number of the same kind declines (one at a time)."""
    again = rx.search(f.text)
    if again is not None and first_number(again) not in (None, number):
        raise _Decline("missing", f"ask about one {noun} at a time: the question names {noun} {number} and "
                                  f"{first_number(again)}")


def _years_from_today(text: str, today: dt.date) -> str:
    """明年6月 -> 2025年6月, 去年底 -> 2023年底, june next year -> june 2025, next june -> the nearest June
    after this month (last june: before it): a year counted from today, as 明年的方案 is read."""
    text = RELATIVE_YEAR_TIME.sub(lambda m: f"{today.year + RELATIVE_YEAR_SHIFT[m.group(1)]}年", text)
    text = EN_YEAR_MONTH.sub(lambda m: f"{m.group(2) or m.group(3)} "
                                       f"{today.year + RELATIVE_YEAR_SHIFT[m.group(1) or m.group(4)]}", text)

    def nearest(m):
        word, name = m.groups()
        month = MONTHS[name[:3]]
        if word == "this":
            year = today.year
        elif word in ("next", "coming"):
            year = today.year + (month <= today.month)
        else:
            year = today.year - (month >= today.month)
        return f"{name} {year}"

    return EN_NEXT_MONTH.sub(nearest, text)


def _read(question: str, lookup: Lookup, today: dt.date) -> _Found:
    text = read_text(question)
    text = _CN_YEAR.sub(lambda m: "".join(str(CN_DIGITS[c]) for c in m.group(1)) + m.group(2), text)
    text = RELATIVE_PLAN_YEAR.sub(  # 明年的方案 -> 2025年的方案, next year's plan -> 2025 plan
        lambda m: f"{today.year + RELATIVE_YEAR_SHIFT[m.group(1) or m.group(2)]}" + ("年" if m.group(1) else " "), text)
    text = _years_from_today(text, today)
    f = _Found(text)
    f.plans = lookup.entities("plan")
    _read_names(f, lookup)  # names first: 2024年 inside a name is not a date
    _read_initials(f, lookup, question)
    _read_english_unit(f, lookup)
    _read_plan(f, lookup)
    _units_of_place(f)
    _read_dates(f, today)
    _read_measure(f, lookup)
    if f.measure is None:
        _read_pillar(f, lookup)
    return f


# --- intents ----------------------------------------------------------------------------------------------

def _value(f: _Found, kind: str):
    return f.names[kind].entities[0].value


def _as_of(f: _Found, today: dt.date) -> str:
    if f.dates:
        return f.dates[0][0]
    pending = f.pending
    if pending:
        month, day, written = pending[0]
        return _check_date(_plan_year(f), month, day, written)
    if f.month:
        month, when = f.month
        year = f.month_year or _plan_year(f)
        day = 1 if when == "start" else 15 if when == "mid" else calendar.monthrange(year, month)[1]
        return dt.date(year, month, day).isoformat()
    if f.period:  # 截至上半年, last quarter's overdue ones: as of the period's last day
        year, last = f.month_year or _plan_year(f), f.period[1]
        return dt.date(year, last, calendar.monthrange(year, last)[1]).isoformat()
    return today.isoformat()


def _dates(f: _Found) -> list[str]:
    """Every date of the question, those without a year in the plan year; a period (上半年, 6月到8月)
    gives its first and last day."""
    out = [d for d, _ in f.dates]
    for month, day, written in f.pending:
        out.append(_check_date(_plan_year(f), month, day, written))
    months = _month_span(f)
    if months and not out:
        year = f.month_year or _plan_year(f)
        if f.month_year:
            _a_plan_of_year(f)
        first, last = months
        out = [dt.date(year, first, 1).isoformat(),
               dt.date(year, last, calendar.monthrange(year, last)[1]).isoformat()]
    return out


def _month_span(f: _Found) -> tuple[int, int] | None:
    """(first, last) month of a period: 上半年, Q3, 6月到8月, 6月和7月 (months next to each other).
    Months that are not one period (6月和9月) decline: one month or one period at a time."""
    if f.period:
        return f.period
    if len(f.months) < 2:
        return None
    (a, _, a_end), (b, b_start, _) = f.months[:2]
    joined_by_range = W_RANGE.search(f.text[a_end:b_start]) is not None or (  # between June and August
        _AND.fullmatch(f.text[a_end:b_start]) is not None and _BETWEEN.search(f.text) is not None)
    if b < a or not (joined_by_range or b == a + 1) or len(f.months) > 2:
        raise _Decline("missing", "ask about one month or one period at a time (6月, 6月到8月, 上半年)")
    return a, b


def _when(f: _Found) -> dict:
    """The time filter of a deadline question: two dates (or a period) as start and end, one date as the
    end ("due by 2024-06-30"), else a month; none when the question gives no time."""
    dates = _dates(f)
    if len(dates) >= 2:
        return {"start": min(dates[:2]), "end": max(dates[:2])}
    if dates:  # "7月1日之后", "after July 1": from that day on; else due by it
        return {"start": dates[0]} if _AFTER.search(f.text) else {"end": dates[0]}
    if f.month:
        month, when = f.month
        if when in ("start", "mid") and _BEFORE.search(f.text):  # 7月中旬前, before early July: a day
            year = f.month_year or _plan_year(f)
            return {"end": dt.date(year, month, 1 if when == "start" else 15).isoformat()}
        if _outside_plan_year(f):  # 明年6月, June 2025: that month's days, not the plan year's June
            _a_plan_of_year(f)
            last = calendar.monthrange(f.month_year, month)[1]
            return {"start": dt.date(f.month_year, month, 1).isoformat(),
                    "end": dt.date(f.month_year, month, last).isoformat()}
        return {"month": month}
    return {}


def _a_plan_of_year(f: _Found) -> Entity:
    """The plan of the year a month or period is written in (明年6月, 2025年上半年); none loaded declines, as
    明年的方案 does: the plans' deadlines fall in their own years."""
    matching = [p for p in ([f.plan] if f.plan else f.plans) if p.form("year") == str(f.month_year)]
    if len(matching) != 1:
        known = ", ".join(f"{p.form('year')} ({p.name or p.key})" for p in f.plans)
        raise _Decline("no_such_plan", f"no plan for {f.month_year} is loaded; plans: {known}; for a month of "
                                       f"the plan year ask without the year (6月)")
    return matching[0]


def _plan_of_year(f: _Found) -> dict:
    """For a query that counts one month of the plan year: the plan of the year the question writes
    (明年6月哪个部门最忙 with next year's plan loaded)."""
    return {"plan": _a_plan_of_year(f).key} if _outside_plan_year(f) else {}


def _outside_plan_year(f: _Found) -> bool:
    """The question writes a month's year (2025年6月, 明年6月, 下个月 in December) and it is not the one
    year of the plans it is about: a month number alone would mean the plan year's month."""
    if f.month_year is None:
        return False
    plans = [f.plan] if f.plan else f.plans
    years = {int(p.form("year")) for p in plans if (p.form("year") or "").isdigit()}
    return years != {f.month_year}


_AND = re.compile(r"\s*(?:and|&|和|与|跟|至)\s*")
_BETWEEN = re.compile(r"(?<![a-z])between(?![a-z])|之间|期间")
_UNITS_ASKED = re.compile(r"部门|单位|机构|谁|(?<![a-z])(?:units?|departments?|agenc\w+|who|whom|partners?)(?![a-z])")
_NO_UNIT_BOTTLENECK = ("no named query ranks units as bottlenecks; `python -m graph analyze` reports the units "
                       "that broker the most work (betweenness); the busiest units: 哪个部门任务最多")
_MEASURES_NOUN = re.compile(r"举措|措施|任务|工作|(?<![a-z])(?:measures?|tasks?)(?![a-z])")
_BEFORE = re.compile(r"§\s*(?:之|以)?前|(?<![a-z])(?:before|by)\s+§")
_AFTER = re.compile(r"§\s*(?:(?:之|以)?后|起|开始)|(?<![a-z])(?:after|from|since)\s+(?:the\s+)?§")


def _top(f: _Found) -> dict:
    limit = first_number(TOP.search(f.text))
    return {} if limit is None else {"limit": limit}


# "负面清单的截止时间", "deadlines for the negative list": a thing the question is about that no name matched
_CN_SUBJECT = re.compile(r"([\u4e00-\u9fff]{2,14}?)的?(?:截止时间|截止日期|完成时间|时间节点|节点|期限|时限|目标|指标|"
                         r"牵头单位|牵头部门|责任单位|负责部门|由谁|谁负责|谁牵头|由哪些|是哪些部门|涉及哪些)")
_EN_SUBJECT = re.compile(r"(?:deadlines?|due dates?|milestones?|targets?|goals?|leads?|units?|departments?)"
                         r" (?:for|of|on|behind) (?:the )?((?:[a-z][a-z-]* ?){1,6})"
                         r"|(?:responsible for|in charge of|leads?|owns?) (?:the )?((?:[a-z][a-z-]* ?){1,6})")
_GENERIC_SUBJECT = re.compile(r"^(?:所有|全部|各|每|哪|这|那|今年|本年|全年|目前|现在|方案|计划|举措|措施|任务|工作|部门|"
                              r"到期|截止|逾期|完成|要完成|需完成|应完成|即将|"  # deadline wording: the time is the subject
                              r"单位|它|其|请问|查询|都|有)")
_EN_GENERIC = set("all every each this that it them these those plan year measures tasks work month".split())
_CITY_SUBJECT = re.compile(r"^(?:衢州市?|quzhou(?: city)?)$")  # the city itself: no measure, unit or firm
_CITY_WORD = re.compile(r"衢州|(?<![a-z])quzhou(?![a-z])")
_CITY_MESSAGE = ("the graph holds the plan's measures and units and the chains' firms, projects and problems, "
                 "not figures about the city as a whole")


def _unlinked_subject(f: _Found, lookup: Lookup) -> None:
    """Decline a question about something specific that no name matched: a deadline, target or lead of
    a thing the graph does not name so. Measures whose titles share words with it are suggested."""
    subject = None
    for m in _CN_SUBJECT.finditer(f.text):
        words = _SPLIT.split(m.group(1))[-1]
        if len(words) >= 2 and _MASK not in words and not _GENERIC_SUBJECT.match(words):
            subject = words
            break
    if subject is None:
        for m in _EN_SUBJECT.finditer(f.text):
            words = (m.group(1) or m.group(2) or "").split()
            while words and words[0] in _EN_STOP:
                words.pop(0)
            while words and words[-1] in ("measure", "measures", "due", "is", "are"):
                words.pop()
            if words and not (set(words) & _EN_GENERIC) and _MASK not in (m.group(1) or m.group(2) or ""):
                subject = " ".join(words)
                break
    if subject is None:
        return
    if _CITY_SUBJECT.match(subject):
        raise _Decline("not_understood", _CITY_MESSAGE)
    plan = f.plan.key if f.plan else None
    close = lookup.measures_like(subject, plan)
    if close:
        raise _Decline("unknown_name", f"no measure title has {subject!r} as such; did you mean "
                                       f"{' / '.join(close)}?", close)
    raise _Decline("missing", f"no measure, unit, chain or firm is named {subject!r}; name a measure by number "
                              f"(第9条) or by words of its Chinese title, or a unit (市发改委)")


def _intent(f: _Found, today: dt.date, lookup: Lookup) -> tuple[str, dict]:
    t, has = f.text, f.names
    if W_HELP.search(t) and not (has or f.measure or f.pillar):
        raise _Decline("not_understood", "I answer one named query per question; these are the questions I can "
                                         "answer")
    if W_NOT_OVERDUE.search(t) and f.measure is None:
        raise _Decline("not_understood", "no query lists what is on track; what is overdue: 哪些任务逾期 (截至9月底哪些"
                                         "任务逾期); what is still ahead: 还剩哪些节点", ("哪些任务逾期", "还剩哪些节点"))
    if W_OVERDUE.search(t):
        if f.measure is not None:  # "is measure 10 overdue": its deadlines answer it
            return "milestones_for_measure", {"measure": f.measure.number}
        as_of = _as_of(f, today)
        if "department" in has:  # a unit's milestones due before that day: overdue unless done
            day_before = (dt.date.fromisoformat(as_of) - dt.timedelta(days=1)).isoformat()
            return "deadlines_for_department", {"department": _value(f, "department"), "end": day_before}
        return "overdue_milestones", {"as_of": as_of}
    if W_CLOSURE.search(t) and not W_NOT_CLOSED.search(t):
        if "department" in has and not W_RATE.search(t):  # "供电公司的问题销号了吗": that unit's problems
            return "problems_for_department", {"department": _value(f, "department")}
        if "chain" in has and "department" not in has:  # a chain's closure: its open and closed counts per unit
            return "open_problems", {"chain": _value(f, "chain")}
        return "problem_closure", {}
    if W_NOT_CLOSED.search(t) and "enterprise" not in has and "department" not in has:
        return "open_problems", {"chain": _value(f, "chain")} if "chain" in has else {}
    if W_PROBLEM.search(t) and "enterprise" not in has:
        if not has and W_FIRMS_RANKED.search(t):
            raise _Decline("not_understood", "problems are counted per chain and per unit (问题清单, 各部门销号率), "
                                             "not per firm; one firm's open problems are in its profile (巨化集团的情况)")
        if "department" in has:
            return "problems_for_department", {"department": _value(f, "department")}
        return "open_problems", {"chain": _value(f, "chain")} if "chain" in has else {}
    if f.measure is not None:
        params = {"measure": f.measure.number}
        if W_CONTENT.search(t):
            raise _Decline("not_understood", "no query gives a measure's text; I can give its units, its lead, "
                                             "its deadlines or its targets")
        if W_TARGET.search(t):
            return "targets_for_measure", params
        if W_LEAD.search(t) and not W_ALL_UNITS.search(t):
            return "leads_for_measure", params
        if W_DEADLINE.search(t) or f.months or f.period or f.dates or f.pending:
            return "milestones_for_measure", params  # "截至7月底第9条完成了吗": its deadlines answer it
        return "departments_for_measure", params
    if f.pillar is not None:
        return "measures_in_pillar", {"pillar": f.pillar.number}
    if "enterprise" in has and W_PROJECT_SERVED.search(t):
        firm = _value(f, "enterprise")
        raise _Decline("missing", "no query lists the units serving one project; the units serving a chain's "
                                  "projects, with their steps: 哪些部门服务新能源产业链; every unit's project load: "
                                  f"哪些部门服务项目最多; {firm}'s projects: its profile", (f"{firm}的情况",))
    if "enterprise" in has and ("chain" not in has or has["enterprise"].start < has["chain"].start):
        return "enterprise_profile", {"enterprise": _value(f, "enterprise")}  # the firm is the subject
    if "chain" in has:
        chain = {"chain": _value(f, "chain")}
        if W_CHAIN_CHIEF.search(t):
            raise _Decline("not_understood", "the graph does not hold chain chiefs (链长); it holds each chain's "
                                             "leader firms (链主), projects, serving units and gaps")
        if W_UNIT_ROLE.search(t) and not W_LEADERS.search(t):  # "新能源产业链的牵头部门": units, not leader firms
            return "units_serving_chain", chain
        for query, words in (("chain_gaps", W_NO_LEADER), ("chain_gaps", W_BOTTLENECK), ("chain_leaders", W_LEADERS),
                             ("measures_for_chain", W_MEASURES_ASKED), ("units_serving_chain", W_UNITS_ASKED),
                             ("chain_leaders", W_LEAD), ("chain_gaps", W_GAPS),
                             ("projects_in_chain", W_PROJECTS), ("units_serving_chain", W_SERVE)):
            if words.search(t):
                return query, chain
        return "chain_overview", chain
    if "enterprise" in has:
        return "enterprise_profile", {"enterprise": _value(f, "enterprise")}
    if "department" in has:
        unit = {"department": _value(f, "department")}
        if W_BOTTLENECK.search(t):
            raise _Decline("not_understood", _NO_UNIT_BOTTLENECK)
        if W_COMPARE.search(t):  # "比营商办任务多", "发改委比经信局牵头的多吗"
            raise _Decline("missing", "no query compares two units or two periods; every unit's measures, leads and "
                                      "deadlines side by side: 哪个部门任务最多", ("哪个部门任务最多",))
        if W_PARTNER.search(t):
            if len(f.named.get("department", [])) > 1 and (
                    W_MEASURES_ASKED.search(t) or W_LIST_ASKED.search(t) and not _UNITS_ASKED.search(t)):
                raise _Decline("missing", "no query lists the measures two units share; ask for one unit's "
                                          "partners (市发改委和哪些部门合作) or each unit's measures")
            measures_asked = W_MEASURES_ASKED.search(t) or W_MEASURE_COUNT.search(t) or W_LEAD.search(t)
            if not (measures_asked and not _UNITS_ASKED.search(t)):
                return "co_responsible_units", unit
            # "经信局配合哪些举措", "which measures does X co-own": its measures (each with its role), not partners
        if W_NOT_LED.search(t) and not W_PARTNER.search(t):
            raise _Decline("not_understood", "no query lists the measures a unit does not lead; its measures, each with "
                                             "its role (牵头 or 配合): 市发改委负责哪些举措")
        if f.months or f.period or f.dates or f.pending:
            return "deadlines_for_department", {**unit, **_when(f)}
        if W_LACKING.search(t):  # "市发改委哪些举措没有时限": its measures, each with its count of deadlines
            return "measures_for_department", unit
        if W_LEAD.search(t) and W_PARTNER.search(t):  # "牵头几项、配合几项": both roles, so every measure with its role
            return "measures_for_department", unit
        if W_LEAD.search(t) and _MEASURES_NOUN.search(t):  # "牵头的举措及完成时限": led ones, first deadline shown
            return "measures_led_by", unit
        if W_UNIT_SERVES.search(t):
            raise _Decline("missing", "no query lists one unit's projects or chains; every unit's project load: "
                                      "哪些部门服务项目最多; a chain's serving units: 哪些部门服务新能源产业链")
        if W_REMAINING.search(t) and (W_DUE_WORDS.search(t) or W_DEADLINE.search(t) or W_OWN.search(t)):
            return "deadlines_for_department", {**unit, "start": today.isoformat()}  # still ahead of it
        if W_DUE_WORDS.search(t) or (W_DEADLINE.search(t) and not W_OWN.search(t)):
            return "deadlines_for_department", unit
        if W_LEAD.search(t):
            return "measures_led_by", unit
        return "measures_for_department", unit
    if W_BOTTLENECK.search(t):
        if W_UNITS_WORD.search(t):
            raise _Decline("not_understood", _NO_UNIT_BOTTLENECK)
        return "chain_gaps", {}
    if W_LACKING.search(t):
        raise _Decline("not_understood", "no query lists the measures that lack a deadline, a target or a lead; "
                                         "`python -m graph lint` finds them; ask for one measure's deadlines "
                                         "(第9条的截止时间) or a unit's measures with their deadline counts "
                                         "(市发改委负责哪些举措)")
    if W_MATRIX.search(t) and not W_BUSY.search(t):
        return "unit_month_matrix", {}
    if W_WHICH_MONTH.search(t):
        return "deadlines_by_month", {}
    if W_PIPELINE.search(t):
        return "pipeline_load", {}
    if W_COORD.search(t):
        return "measure_coordination", {}
    if W_PAIRS.search(t):
        return "unit_pairs", _top(f)
    if W_BUSY.search(t):
        if f.period or len(f.months) > 1 or ((f.dates or f.pending) and not f.month):
            raise _Decline("missing", "busiest units are counted for one month at a time: ask about 6月, then 7月")
        if f.month:
            return "busiest_in_month", {"month": f.month[0], **_top(f), **_plan_of_year(f)}
        return "department_workload", {}
    if W_GAPS.search(t):
        return "chain_gaps", {}
    _unlinked_subject(f, lookup)
    if W_WHEN.search(t) and not (f.month or f.period or f.dates or f.pending):
        raise _Decline("missing", "when is what due? name a measure by number (第9条, measure 9) or by its "
                                  "Chinese title, or a unit (市发改委); or ask what is due in a month (6月)")
    if W_REMAINING.search(t) and not (f.month or f.period or f.dates or f.pending):
        return "milestones_due", {"start": today.isoformat()}  # 还剩哪些节点: from today on
    if W_DUE.search(t) or f.month or f.period or f.dates or f.pending:
        return "milestones_due", _when(f)
    if W_ALL_UNITS_LISTED.search(t):
        return "department_workload", {}  # every unit on the plan, with what it carries
    if W_ALL_MEASURES.search(t):
        return "measure_numbers", {}  # every loaded plan's measures, by number
    if W_CHAINS_COUNTED.search(t) and not W_LEADERS.search(t):
        return "chains", {}  # each chain's projects, investment, firms and segments, counted
    for words, what in ((W_LEADERS, "chain leaders"), (W_PROJECTS, "projects")):
        if words.search(t):
            chains = sorted({e.label() for e in lookup.entities("chain")})
            raise _Decline("missing", f"{what} are listed one chain at a time: which chain? "
                                      f"{' / '.join(chains)}", chains)
    if W_ALL_CHAINS.search(t):
        return "chains", {}  # every chain with its segments, firms, leaders and projects counted
    if W_PLANS.search(t):
        return "plans", {}
    if W_NAME_INDEX.search(t):
        return "name_index", {}
    if W_NAMES.search(t):
        return "known_names", {}
    if _CITY_WORD.search(t):  # "衢州的GDP目标": about the city, which no query describes
        raise _Decline("not_understood", _CITY_MESSAGE)
    if W_LEAD.search(t) or W_OWN.search(t) or W_TARGET.search(t) or W_DEADLINE.search(t):
        raise _Decline("missing", "which measure or unit? name a measure by number (第9条, measure 9) or by its "
                                  "title, or a unit by its name (市发改委)")
    raise _Decline("not_understood", "this question is not one I can map to a query")


def _keep_plan(query: str, params: dict, f: _Found, lookup: Lookup) -> None:
    """Pass the named plan to a query that takes `plan`; a query that cannot keep one plan's rows is
    declined unless its measure or pillar number exists in that plan only."""
    if "plan" in {p.name for p in get_query(query).params}:
        params["plan"] = f.plan.key
        return
    keyed = f.measure or f.pillar
    if keyed is not None and sum(e.number == keyed.number for e in lookup.entities(keyed.kind)) == 1:
        return
    raise _Decline("ambiguous", f"{query} cannot keep one plan's rows; with {len(f.plans)} plans loaded it "
                                f"answers for all of them: ask again without naming the plan")


def route(question: str, lookup: Lookup, *, today: dt.date | None = None) -> Decision:
    """The query and parameters for `question`, or a refusal saying why not (never a guess)."""
    try:
        today = today or dt.date.today()
        f = _read(question, lookup, today)
        if not (f.measure or f.pillar):
            _unknown_names(f, lookup)
        query, params = _intent(f, today, lookup)
        _ambiguous_names(f, tuple(k for k in ("department", "chain", "enterprise") if k in params))
        for kind in ("department", "chain", "enterprise"):
            many = f.named.get(kind, [])
            if kind in params and len(many) > 1 and query != "co_responsible_units":
                labels = [lookup.get(kind, k).label() for k in many]
                raise _Decline("missing", f"{query} answers for one {kind} at a time; the question names "
                                          f"{len(many)}: {' / '.join(labels)}", labels)
        if f.plan is not None and len(f.plans) > 1:  # with one plan loaded, naming it changes nothing
            _keep_plan(query, params, f, lookup)
        return Decision(query, params)
    except _Decline as d:
        return Decision(None, {}, d.refusal, d.message, d.suggestions)


def answer(question: str, *, graph=None, store=None, lookup: Lookup | None = None,
           today: dt.date | None = None) -> Answer:
    """Map `question` to a named query and run it on `store` (Neo4j) or `graph` (networkx).

    `lookup` defaults to the `name_index` query on the same backend; `today` is the as-of date for
    overdue questions that give none.
    """
    if graph is None and store is None:
        raise ValueError("answer needs a graph or a store to run the query on")
    if lookup is None:
        lookup = Lookup(run_named("name_index", {}, graph=graph, store=store))
    d = route(question, lookup, today=today)
    if d.query is None:
        return Answer(None, {}, [], help_text(lookup), d.refusal, d.message, d.suggestions)
    return Answer(d.query, d.params, run_named(d.query, d.params, graph=graph, store=store))
