"""Answer plain questions (中文 or English) by mapping them to one named query.

Table-driven and predictable: names of units, chains and firms are found first (longest match, from the
graph itself), then an ordered list of rules picks the query; the first rule whose pattern matches and
whose needs are met wins. A question no rule covers gets `query=None` and a help text, never a guess.

Examples
--------
>>> names = Names({"department": {"市发改委": "市发改委"}, "chain": {}, "enterprise": {}})
>>> route("市发改委负责哪些举措", names)
('measures_for_department', {'department': '市发改委'})
>>> route("措施二十六", names)
('departments_for_measure', {'measure': 26})
>>> route("what is the weather", names)
(None, {})
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from graph.named import run_named

__all__ = ["Answer", "Names", "answer", "route", "cn_int", "HELP"]

KINDS = ("department", "chain", "enterprise")
PILLARS = {"招商": 1, "育商": 2, "便商": 3, "护商": 4, "安商": 5, "崇商": 6}
MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
          "oct": 10, "nov": 11, "dec": 12}
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_TRAILING_BRACKET = re.compile(r"\s*[（(][^（()）]*[)）]\s*$")
_MASK = "§"  # replaces a found name, so its characters (数字, 招商 ...) cannot trigger a rule

N = r"(\d+|[零〇一二两三四五六七八九十]+)"
_MEASURE = re.compile(rf"(?<![a-z])measures?\s*(?:no\.?|#)?\s*{N}|(?<![a-z])m(\d+)(?!\d)"
                      rf"|第\s*{N}\s*(?:条|项)|(?:措施|举措)\s*{N}", re.I)
_PILLAR = re.compile(rf"(?<![a-z])pillar\s*{N}|第\s*{N}\s*(?:部分|板块|篇|方面)"
                     rf"|聚焦\s*({'|'.join(PILLARS)})|({'|'.join(PILLARS)})\s*(?:部分|板块|篇)", re.I)
_DATE = re.compile(r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?")
_MONTH_NAMES = ("january|february|march|april|may|june|july|august|september|october|november|december"
                "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec")
_MONTH = re.compile(rf"{N}\s*月|(?<![a-z])({_MONTH_NAMES})(?![a-z])", re.I)
_TOP = re.compile(rf"(?<![a-z])top\s*(\d+)|前\s*{N}\s*(?:对|组|名|个)", re.I)


def cn_int(text: str) -> int | None:
    """'9' -> 9, '九' -> 9, '十二' -> 12, '二十六' -> 26; None when it is not a number.

    >>> [cn_int(s) for s in ("26", "六", "十", "十二", "二十", "二十六", "两", "十十")]
    [26, 6, 10, 12, 20, 26, 2, None]
    """
    if text.isdigit():
        return int(text)
    tens, ten, ones = text.partition("十")
    try:
        if not ten:
            return _CN_DIGITS[text] if len(text) == 1 else None
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    except KeyError:
        return None


def _first_number(m: re.Match | None) -> int | None:
    if m is None:
        return None
    return next((cn_int(g) for g in m.groups() if g is not None), None)


@dataclass(frozen=True)
class Names:
    """Known names by kind: {kind: {form as written (name, alias or id): canonical name}}."""
    forms: dict[str, dict[str, str]]

    @classmethod
    def from_rows(cls, rows) -> "Names":
        """From `known_names` rows (kind, name, alias)."""
        forms: dict[str, dict[str, str]] = {k: {} for k in KINDS}
        for r in rows:
            forms.setdefault(r["kind"], {})[r["alias"]] = r["name"]
        for by_form in forms.values():  # "华金新能源材料（衢州）" is also asked about as "华金新能源材料"
            for form, name in list(by_form.items()):
                short = _TRAILING_BRACKET.sub("", form)
                if len(short) >= 2:
                    by_form.setdefault(short, name)
        return cls(forms)

    def canonical(self, kind: str) -> list[str]:
        return sorted(set(self.forms.get(kind, {}).values()))


def _form_pattern(form: str) -> str:
    """`form` as a regex; an ASCII end must be a word end, so the chain id "ic" is not found in "which"."""
    before = r"(?<![a-z0-9])" if form[0].isascii() and form[0].isalnum() else ""
    after = r"(?![a-z0-9])" if form[-1].isascii() and form[-1].isalnum() else ""
    return before + re.escape(form) + after


def _find_names(question: str, names: Names) -> tuple[dict[str, str], str]:
    """The longest name of each kind in `question`, and the question with found names masked.

    A name inside a longer name of any kind does not count: in "华金新能源材料" the firm is meant,
    not the chain 新能源.
    """
    hits = [(m.start(), m.end(), kind, name)
            for kind, forms in names.forms.items() for form, name in forms.items() if form
            for m in re.finditer(_form_pattern(form), question, re.I)]
    kept = [h for h in hits
            if not any(o[0] <= h[0] and h[1] <= o[1] and o[1] - o[0] > h[1] - h[0] for o in hits)]
    found = {}
    for *_, kind, name in sorted(kept, key=lambda h: (h[0] - h[1], h[0])):  # longest, then first
        found.setdefault(kind, name)
    masked = list(question)
    for start, end, *_ in kept:
        masked[start:end] = [_MASK] * (end - start)
    return found, "".join(masked)


def _date(text: str) -> str | None:
    m = _DATE.search(text)
    if not m:
        return None
    try:
        return dt.date(*map(int, m.groups())).isoformat()
    except ValueError:
        return None


def _month(text: str) -> int | None:
    m = _MONTH.search(_DATE.sub(" ", text))  # a full date is not a month filter
    if not m:
        return None
    if m.group(2):
        return MONTHS[m.group(2).lower()[:3]]
    month = cn_int(m.group(1))
    return month if month and 1 <= month <= 12 else None


# --- rules: (query, wording pattern or None, names needed, params from (text, names found, today)) --------

Params = Callable[[str, dict, dt.date], dict | None]


@dataclass(frozen=True)
class Rule:
    query: str
    wording: re.Pattern | None
    needs: tuple[str, ...] = ()
    params: Params = field(default=lambda text, found, today: {})


def _words(*alternatives: str) -> re.Pattern:
    return re.compile("|".join(alternatives), re.I)


def _measure_params(text, found, today):
    number = _first_number(_MEASURE.search(text))
    return None if number is None else {"measure": number}


def _pillar_params(text, found, today):
    m = _PILLAR.search(text)
    if m is None:
        return None
    name = m.group(3) or m.group(4)
    return {"pillar": PILLARS[name] if name else _first_number(m)}


def _due_params(text, found, today):
    dates = [_date(m.group(0)) for m in _DATE.finditer(text)]
    dates = [d for d in dates if d]
    if len(dates) >= 2:
        return {"start": min(dates[:2]), "end": max(dates[:2])}
    if dates:
        return {"end": dates[0]}  # "due by 2024-06-30"
    month = _month(text)
    return {} if month is None else {"month": month}


def _top_params(text, found, today):
    limit = _first_number(_TOP.search(text))
    return {} if limit is None else {"limit": limit}


def _named(kind: str, param: str) -> Params:
    return lambda text, found, today: {param: found[kind]}


_WORKLOAD_WORDS = _words(r"busiest", r"workload", r"overload", r"most (?:measures|work|tasks)",
                         r"(?:部门|单位|谁)\S*最多", r"(?:任务|举措)最多", r"最忙", r"负担最重", r"工作量", r"任务量")

RULES: tuple[Rule, ...] = (
    Rule("overdue_milestones", _words(r"overdue", r"past due", r"behind schedule", r"逾期", r"超期", r"延误",
                                      r"滞后", r"过期"),
         params=lambda text, found, today: {"as_of": _date(text) or today.isoformat()}),
    Rule("targets_for_measure", _words(r"target", r"goal", r"indicator", r"目标", r"指标"), params=_measure_params),
    Rule("departments_for_measure", None, params=_measure_params),
    Rule("measures_in_pillar", None, params=_pillar_params),
    Rule("chain_leaders", _words(r"leader", r"链主", r"龙头"), ("chain",), _named("chain", "chain")),
    Rule("chain_gaps", _words(r"(?<![a-z])gaps?(?![a-z])", r"weak", r"短板", r"缺口", r"断链", r"弱项", r"空白"),
         params=lambda text, found, today: {"chain": found["chain"]} if "chain" in found else {}),
    Rule("units_serving_chain", _words(r"(?<![a-z])units?(?![a-z])", r"department", r"(?<![a-z])serv",
                                       r"部门", r"单位", r"服务"), ("chain",), _named("chain", "chain")),
    Rule("projects_in_chain", _words(r"project", r"项目"), ("chain",), _named("chain", "chain")),
    Rule("enterprise_profile", None, ("enterprise",), _named("enterprise", "enterprise")),
    Rule("chain_overview", None, ("chain",), _named("chain", "chain")),
    Rule("co_responsible_units", _words(r"(?<![a-z])with(?![a-z])", r"together", r"协同", r"配合", r"合作",
                                        r"一起", r"共同"),
         ("department",), _named("department", "department")),
    Rule("measures_for_department", None, ("department",), _named("department", "department")),
    Rule("busiest_in_month", _WORKLOAD_WORDS,
         params=lambda text, found, today: None if (m := _month(text)) is None else {"month": m}),
    Rule("milestones_due", _words(r"(?<![a-z])due(?![a-z])", r"deadline", r"到期", r"截止", r"底前", r"月前",
                                  r"月底", r"要完成", r"节点"), params=_due_params),
    Rule("unit_pairs", _words(r"together", r"pairs?", r"partner", r"协同", r"合作", r"配合", r"搭档"),
         params=_top_params),
    Rule("department_workload", _WORKLOAD_WORDS),
)

HELP = """I map a question to one named query. Questions I understand (中文 or English):
  departments_for_measure   which departments touch measure 9 · 第9条举措由哪些部门负责 · 措施九
  targets_for_measure       targets of measure 2 · 第2条的目标
  measures_for_department   what does 市发改委 own · 市发改委负责哪些举措
  co_responsible_units      who works with 市营商办 · 市营商办和哪些部门协同
  unit_pairs                which units work together most
  department_workload       who is busiest · 哪个部门任务最多
  busiest_in_month          who is overloaded in June · 6月哪个部门最忙
  milestones_due            what is due in June · 6月底前要完成哪些任务
  overdue_milestones        what is overdue as of 2024-07-15 · 截至2024年7月15日哪些任务逾期
  measures_in_pillar        pillar 3 · 第三部分 · 聚焦便商有哪些举措
  chain_overview            overview of the 新材料 chain · 新材料产业链概况
  chain_leaders             新能源产业链的链主企业有哪些
  projects_in_chain         新能源有哪些项目
  units_serving_chain       which units serve the 新能源 chain
  chain_gaps                特种纸产业链有哪些短板
  enterprise_profile        profile of 巨化集团 · 巨化集团的情况
Units, chains and firms are recognised by the names (or aliases) the graph holds."""


@dataclass(frozen=True)
class Answer:
    query: str | None  # None: the question was not understood; see `help`
    params: dict  # the parameters chosen from the question
    rows: list[dict]
    help: str = ""


def route(question: str, names: Names, *, today: dt.date | None = None) -> tuple[str | None, dict]:
    """(query name, params) for `question`, or (None, {}) when no rule covers it."""
    found, text = _find_names(question, names)
    for rule in RULES:
        if any(kind not in found for kind in rule.needs):
            continue
        if rule.wording is not None and not rule.wording.search(text):
            continue
        params = rule.params(text, found, today or dt.date.today())
        if params is not None:
            return rule.query, params
    return None, {}


def _help(names: Names) -> str:
    known = [f"{label}: {'、'.join(names.canonical(kind))}"
             for kind, label in (("chain", "chains"), ("enterprise", "firms")) if names.canonical(kind)]
    return "\n".join([HELP, *known])


def answer(question: str, *, graph=None, store=None, names: Names | None = None,
           today: dt.date | None = None) -> Answer:
    """Map `question` to a named query and run it on `store` (Neo4j) or `graph` (networkx).

    `names` defaults to the `known_names` query on the same backend; `today` is the default
    as-of date for overdue questions that give none.
    """
    if graph is None and store is None:
        raise ValueError("answer needs a graph or a store to run the query on")
    if names is None:
        names = Names.from_rows(run_named("known_names", {}, graph=graph, store=store))
    query, params = route(question, names, today=today)
    if query is None:
        return Answer(None, {}, [], _help(names))
    return Answer(query, params, run_named(query, params, graph=graph, store=store))
