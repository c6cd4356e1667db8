"""The one translation table for what people read: value codes, column headings, node labels and
relationship types, in 中文 and English.

The graph, the CLI and the named queries keep their codes (``lead``, ``upstream``, ``empty_segment``);
whatever shows them to a person (the chain map here, every table and chart of the app through
``app.i18n``) passes them through this module. It imports nothing from Streamlit, so the
presentation layer and the app share it.

>>> word("upstream"), word("upstream", "en")
('上游', 'Upstream')
>>> heading("closure_rate"), heading("closure_rate", "en")
('办结率', 'Closure rate')
>>> cell("role", "lead"), cell("gap", "no_leader", "en"), cell("listed", True), cell("county", None)
('牵头', 'No chain leader', '是', '')
>>> month_label("2024-06"), month_label(6, "en"), month_label("2024-06", year=True)
('6月', 'Jun', '2024年6月')
"""
from __future__ import annotations

import datetime as dt
import math
import re

__all__ = ["WORDS", "VALUES", "COLUMNS", "LABELS", "word", "both", "heading", "cell", "is_code", "codes",
           "COUNTS", "label_word", "impact", "month_label", "date_label", "month_order", "is_month_key"]

# Words the chain map and its details use: node kinds, stages, relationship types.
WORDS: dict[str, tuple[str, str]] = {
    "Chain": ("产业链", "Chain"), "Segment": ("环节", "Segment"), "Enterprise": ("企业", "Firm"),
    "Leader": ("链主企业", "Chain leader"), "Project": ("项目", "Project"),
    "GapProject": ("补链项目", "Gap-filling project"), "Department": ("服务单位", "Serving unit"),
    "Measure": ("支撑举措", "Supporting measure"), "Cluster": ("合并节点", "Cluster"),
    "upstream": ("上游", "Upstream"), "midstream": ("中游", "Midstream"), "downstream": ("下游", "Downstream"),
    "legend": ("图例", "Legend"), "map_title": ("产业链图谱", "chain map"),
    "fit": ("适应画面", "Fit to view"), "png": ("下载 PNG 图片", "Download PNG"),
    "pan_hint": ("图较大：拖动平移、滚轮缩放可看全图，“适应画面”复原", "A big map: drag to pan, scroll to zoom; “Fit to view” resets"),
    "PART_OF": ("属于", "part of"), "FEEDS": ("供给", "feeds"), "LEADS": ("链主", "leads"),
    "OPERATES_IN": ("布局于", "operates in"), "INVESTS_IN": ("投资", "invests in"),
    "IN_SEGMENT": ("所属环节", "in segment"), "SERVES": ("服务", "serves"), "SUPPORTS": ("支撑", "supports"),
    "RESPONSIBLE_FOR": ("负责", "responsible for"), "HAS_MILESTONE": ("时间节点", "milestone"),
    "HAS_TARGET": ("目标", "target"), "IN_PILLAR": ("所属板块", "in pillar"), "OF_PLAN": ("属于方案", "of plan"),
    "AFFILIATE_OF": ("隶属", "affiliate of"), "PILOTS": ("先行先试", "pilots"), "RAISED": ("提出", "raised"),
    "IN_CHAIN": ("所属产业链", "in chain"), "ASSIGNED_TO": ("交办", "assigned to"),
}

# Node labels as people say them.
LABELS: dict[str, tuple[str, str]] = {
    "Plan": ("方案", "Plan"), "Pillar": ("板块", "Pillar"), "Measure": ("举措", "Measure"),
    "Department": ("部门", "Department"), "Milestone": ("时间节点", "Milestone"), "Target": ("目标", "Target"),
    "Chain": ("产业链", "Chain"), "Segment": ("环节", "Segment"), "Enterprise": ("企业", "Enterprise"),
    "Project": ("项目", "Project"), "Problem": ("问题", "Problem"), "Cluster": ("合并节点", "Cluster"),
}

# Value codes by what they are; `cell` looks a column's values up in the group its name points to.
_ROLE = {"lead": ("牵头", "Lead"), "co": ("配合", "Co-responsible"), "sole": ("独立负责", "Sole")}
_KIND = {"party": ("党委部门", "Party"), "government": ("政府部门", "Government"), "court": ("法院", "Court"),
         "procuratorate": ("检察院", "Procuratorate"), "congress": ("人大", "People's congress"),
         "cppcc": ("政协", "CPPCC"), "zone": ("园区管委会", "Zone"), "soe": ("国有企业", "State-owned firm"),
         "utility": ("公用事业", "Utility"), "vertical": ("垂直管理单位", "Vertical agency"),
         "association": ("社会组织", "Association"), "collective": ("泛指单位", "Collective wording"),
         "unit": ("单位", "Unit"), "enterprise": ("企业", "Firm"), "segment": ("环节", "Segment")}
_STAGE = {"upstream": ("上游", "Upstream"), "midstream": ("中游", "Midstream"), "downstream": ("下游", "Downstream")}
_STATUS = {"signed": ("已签约", "Signed"), "approved": ("已审批", "Approved"),
           "under_construction": ("在建", "Under construction"), "trial_production": ("试生产", "Trial production"),
           "completed": ("已建成", "Completed"), "open": ("未办结", "Open"), "closed": ("已办结", "Closed")}
_LIGHT = {"done": ("已完成", "Done"), "overdue": ("已逾期", "Overdue"), "due_soon": ("即将到期", "Due soon"),
          "upcoming": ("未到期", "Upcoming"), "undated": ("未定日期", "Undated")}
_GAP = {"no_leader": ("缺链主企业", "No chain leader"), "empty_segment": ("环节无企业", "Segment without firms"),
        "gap_filled_by_project": ("补链项目在建", "Gap being filled by a project")}
_VIA = {"project": ("服务项目", "Serves projects"), "measure": ("支撑举措", "Supporting measure")}
_METRIC = {"measure_share": ("举措覆盖占比", "Share of measures"),
           "milestone_share": ("时间节点占比", "Share of milestones"),
           "lead_share": ("牵头占比", "Share of leads"), "gini": ("基尼系数", "Gini")}
_COMPARATOR = {">=": ("不少于", "at least"), "<=": ("不超过", "at most"), "=": ("等于", "equal to"),
               ">": ("超过", "more than"), "<": ("低于", "less than")}
_RULE = {"chain-name": ("方案点名该产业链", "The plan names the chain"),
         "chain-alias": ("方案以别称提及该产业链", "The plan names the chain by another name"),
         "all-chains": ("方案提及全部标志性产业链", "The plan speaks of all flagship chains")}
_BOOL = {True: ("是", "Yes"), False: ("否", "No")}
# What the plan diff says of a measure pair and of each change (graph.analysis.plan_diff).
_DIFF_STATUS = {"same": ("相同", "Same"), "changed": ("有变化", "Changed"), "added": ("新增", "Added"),
                "removed": ("删除", "Removed")}
_CHANGE = {"title_changed": ("标题改动", "Title changed"), "unit_added": ("新增责任单位", "Unit added"),
           "unit_removed": ("删除责任单位", "Unit removed"), "lead_moved": ("牵头单位变动", "Lead moved"),
           "deadline_moved": ("时间节点调整", "Deadline moved"), "deadline_added": ("新增时间节点", "Deadline added"),
           "deadline_removed": ("删除时间节点", "Deadline removed"), "target_changed": ("目标调整", "Target changed"),
           "target_added": ("新增目标", "Target added"), "target_removed": ("删除目标", "Target removed")}
_LABEL_VALUES = {k: v for k, v in LABELS.items()}
_TYPE_VALUES = {k: v for k, v in WORDS.items() if k.isupper()}

# What a name in the name index names (its `kind`), and which field of the node the name comes from.
_ENTITY = {"chain": ("产业链", "Chain"), "department": ("部门", "Department"), "enterprise": ("企业", "Firm"),
           "measure": ("举措", "Measure"), "pillar": ("板块", "Pillar"), "plan": ("方案", "Plan")}
_FIELD = {"alias": ("别名", "Alias"), "english": ("英文名", "English name"), "full_name": ("全称", "Full name"),
          "id": ("编号", "Id"), "name": ("名称", "Name"), "number": ("序号", "Number"), "theme": ("主题", "Theme"),
          "title": ("标题", "Title"), "year": ("年度", "Year")}

VALUES: dict[str, dict] = {
    "role": _ROLE, "kind": {**_KIND, **_ENTITY}, "field": _FIELD, "stage": _STAGE, "status": {**_STATUS, **_DIFF_STATUS},
    "change": _CHANGE, "light": _LIGHT, "gap": _GAP,
    "via": _VIA, "rule": _RULE, "metric": _METRIC, "comparator": _COMPARATOR, "label": _LABEL_VALUES, "type": _TYPE_VALUES,
    "relation": _TYPE_VALUES,
}
# Columns holding yes/no.
_BOOL_COLUMNS = {"listed", "chain_leader", "leader", "fills_gap", "illustrative", "articulation", "cut_off",
                 "exact", "flagship", "stacked"}

# Column headings: field name -> (中文, English).
COLUMNS: dict[str, tuple[str, str]] = {
    "measure": ("举措", "Measure"), "title": ("标题", "Title"), "rank": ("顺序", "Rank"),
    "department": ("部门", "Department"), "role": ("角色", "Role"), "kind": ("类别", "Kind"),
    "pillar": ("板块", "Pillar"), "lead": ("牵头单位", "Lead unit"), "leads": ("牵头单位", "Lead units"),
    "units": ("单位", "Units"), "milestones": ("时间节点", "Milestones"), "targets": ("目标", "Targets"),
    "due": ("截止日期", "Due"), "milestone": ("节点", "Milestone"), "text": ("内容", "Text"),
    "chain": ("产业链", "Chain"), "chains": ("产业链", "Chains"), "enterprise": ("企业", "Firm"),
    "enterprises": ("企业数", "Firms"), "county": ("区县", "County"), "listed": ("上市", "Listed"),
    "segments": ("环节", "Segments"), "segment": ("环节", "Segment"), "project": ("项目", "Project"),
    "projects": ("项目", "Projects"), "investment": ("投资(亿元)", "Investment (100M CNY)"),
    "status": ("状态", "Status"), "fills_gap": ("补链", "Fills a gap"), "stage": ("阶段", "Stage"),
    "count": ("数量", "Count"), "steps": ("服务事项", "Service steps"), "gap": ("缺口", "Gap"),
    "detail": ("说明", "Detail"), "open": ("未办结", "Open"), "closed": ("已办结", "Closed"),
    "total": ("合计", "Total"), "metric": ("指标", "Metric"), "value": ("数值", "Value"), "unit": ("单位", "Unit"),
    "comparator": ("比较", "Comparison"), "shared": ("共同举措数", "Shared measures"),
    "other": ("其他单位", "Other unit"), "measures": ("举措", "Measures"), "led": ("牵头", "Led"),
    "co": ("配合", "Co-responsible"), "sole": ("独立负责", "Sole"), "name": ("名称", "Name"),
    "number": ("序号", "No."), "theme": ("主题", "Theme"), "label": ("类型", "Type"), "type": ("关系", "Relationship"),
    "as_written": ("原文写法", "As written"), "task": ("任务", "Task"), "direction": ("方向", "Direction"),
    "relation": ("关系", "Relationship"), "source": ("来源", "Source"), "chain_leader": ("链主", "Chain leader"),
    "leader": ("链主", "Chain leader"), "leaders": ("链主企业数", "Leaders"),
    "total_measures": ("各方案举措合计", "Measures, all plans"), "total_score": ("各方案得分合计", "Score, all plans"),
    "share": ("占比", "Share"), "by_plan": ("各方案节点数", "By plan"), "stacked": ("多方案叠加", "Stacked across plans"),
    "illustrative": ("示例数据", "Illustrative"), "basis": ("依据", "Basis"), "rule": ("规则", "Rule"),
    "via": ("途径", "Via"), "start": ("开工", "Start"), "expected": ("预计投产", "Expected"),
    "days_overdue": ("逾期天数", "Days overdue"), "first_due": ("最早截止", "First due"), "alias": ("别名", "Alias"),
    "unit_a": ("单位甲", "Unit A"), "unit_b": ("单位乙", "Unit B"), "month": ("月份", "Month"),
    "problems_open": ("未办结问题", "Open problems"), "problems": ("问题数", "Problems"),
    "closure_rate": ("办结率", "Closure rate"), "median_days_to_close": ("办结天数中位数", "Median days to close"),
    "oldest_open_days": ("最久未办结天数", "Oldest open (days)"), "betweenness": ("中介中心性", "Betweenness"),
    "degree": ("联系单位数", "Degree"), "weighted_degree": ("加权联系数", "Weighted degree"),
    "articulation": ("关键节点", "Cut vertex"), "parts_without": ("移除后分块数", "Parts without it"),
    "exact": ("精确计算", "Exact"), "by_month": ("各月节点", "By month"), "score": ("综合得分", "Score"),
    "hot_units": ("集中单位", "Busiest units"), "cut_off": ("断开", "Cuts off"), "plan": ("方案", "Plan"),
    "pairs": ("两两协调数", "Pairs"), "k": ("前 k 名", "Top k"), "light": ("状态灯", "Light"),
    "days": ("距截止天数", "Days to due"), "progress": ("进展", "Progress"), "overdue": ("已逾期", "Overdue"),
    "due_soon": ("即将到期", "Due soon"), "most_days_late": ("最长逾期天数", "Most days late"),
    "max_load": ("最高负荷", "Highest load"), "sum_load": ("负荷合计", "Total load"),
    "busiest": ("最忙单位", "Busiest unit"), "serving": ("服务单位", "Serving units"),
    "measures_without_lead": ("失去牵头的举措", "Measures left without a lead"),
    "network_parts": ("网络断开块数", "Network parts"), "chains_without_leader": ("失去链主的产业链", "Chains left without a leader"),
    "segments_emptied": ("变空的环节", "Segments emptied"), "summary": ("影响", "Impact"),
    "full_name": ("全称", "Full name"), "english": ("英文名", "English name"), "issued": ("印发日期", "Issued"),
    "flagship": ("标志性产业链", "Flagship"),
    # plan diff and the plan list
    "change": ("变化", "Change"), "old_measure": ("原举措", "Old measure"), "new_measure": ("新举措", "New measure"),
    "old_title": ("原标题", "Old title"), "new_title": ("新标题", "New title"), "similarity": ("相似度", "Similarity"),
    "changes": ("变化数", "Changes"), "old": ("原内容", "Old"), "new": ("新内容", "New"),
    "old_span": ("原文位置", "Old text at"), "new_span": ("新文位置", "New text at"), "city": ("城市", "City"),
    "year": ("年度", "Year"), "id": ("编号", "Id"), "plans": ("方案数", "Plans"),
    "deadline": ("时限原文", "Deadline as written"), "description": ("问题描述", "Description"),
    "field": ("名称来源", "Name field"), "form": ("写法", "Form"), "key": ("键", "Key"), "problem": ("问题", "Problem"),
    "raised": ("提出日期", "Raised"),
}

# A column of counts gets the word for a count ("举措数"); the same field holding names keeps the plain one.
COUNTS: dict[str, tuple[str, str]] = {
    "measures": ("举措数", "Measures"), "units": ("单位数", "Units"), "projects": ("项目数", "Projects"),
    "chains": ("产业链数", "Chains"), "milestones": ("时间节点数", "Milestones"), "targets": ("目标数", "Targets"),
    "segments": ("环节数", "Segments"), "problems": ("问题数", "Problems"),
}

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_KEY = re.compile(r"^(\d{4})-(\d{1,2})$")


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def word(key: str, lang: str = "zh") -> str:
    """A chain-map word (node kind, stage, relationship type); unknown keys show as themselves."""
    return _pick(WORDS.get(key, (key, key)), lang)


def both(key: str) -> str:
    zh, en = WORDS.get(key, (key, key))
    return f"{zh} {en}"


def label_word(label: str, lang: str = "zh") -> str:
    return _pick(LABELS.get(label, (label, label)), lang)


def is_month_key(name) -> bool:
    return bool(_MONTH_KEY.match(str(name)))


def month_label(value, lang: str = "zh", *, year: bool = False) -> str:
    """"2024-06" or 6 as a month people read: 6月 / Jun (with the year when asked)."""
    m = _MONTH_KEY.match(str(value))
    y, n = (int(m.group(1)), int(m.group(2))) if m else (None, int(value))
    if lang == "en":
        return f"{_MONTHS_EN[n - 1]} {y}" if year and y else _MONTHS_EN[n - 1]
    return f"{y}年{n}月" if year and y else f"{n}月"


def date_label(value, lang: str = "zh") -> str:
    """An ISO date ("2024-06-30", a date) as people write it: 2024年6月30日 / 30 Jun 2024; anything else
    as it is.

    >>> date_label("2023-12-20"), date_label("2023-12-20", "en")
    ('2023年12月20日', '20 Dec 2023')
    """
    try:
        d = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return "" if value is None else str(value)
    if lang == "en":
        return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"
    return f"{d.year}年{d.month}月{d.day}日"


def month_order(value) -> tuple:
    """Sort key putting months in calendar order, whether "2024-06", 6 or "6"."""
    m = _MONTH_KEY.match(str(value))
    if m:
        return int(m.group(1)), int(m.group(2))
    try:
        return 0, int(value)
    except (TypeError, ValueError):
        return 9999, 0


def heading(name: str, lang: str = "zh", *, counts: bool = False) -> str:
    """A column heading for `name` (a field, a "2024-06" month, "M9" a measure); `counts` when the
    column holds numbers of things rather than the things.

    >>> heading("measures"), heading("measures", counts=True)
    ('举措', '举措数')
    """
    if counts and name in COUNTS:
        return _pick(COUNTS[name], lang)
    if name in COLUMNS:
        return _pick(COLUMNS[name], lang)
    if is_month_key(name):
        return month_label(name, lang)
    m = re.fullmatch(r"M(\d+)", str(name))
    if m:
        return f"M{m.group(1)}" if lang == "en" else f"举措{m.group(1)}"
    return str(name)


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and v.strip().lower()
                                                                        in ("none", "nan", "nat", "null"))


def cell(column: str, value, lang: str = "zh"):
    """A cell as people read it: codes in words, yes/no, nothing for a missing value, lists joined.

    Numbers stay numbers (tables sort them); everything else becomes text.
    """
    if isinstance(value, (list, tuple, set)):
        items = [cell(column, v, lang) for v in value]
        return "、".join(str(x) for x in items if x != "")
    if _missing(value):
        return ""
    if isinstance(value, bool) or column in _BOOL_COLUMNS and value in (0, 1, "true", "false", "True", "False"):
        truth = value if isinstance(value, bool) else str(value).lower() in ("1", "true")
        return _pick(_BOOL[truth], lang)
    if column == "month" and is_month_key(value):
        return month_label(value, lang, year=True)
    group = VALUES.get(column)
    if group is not None and value in group:
        return _pick(group[value], lang)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, dict):
        return "；".join(f"{heading(k, lang)}: {cell(k, x, lang)}" for k, x in value.items())
    return value


_IMPACT = {"measures_without_lead": ("唯一牵头 {n} 项举措", "sole lead of {n} measure(s)"),
           "network_parts": ("移除后协作网络分成 {n} 块", "splits the co-responsibility network into {n} parts"),
           "chains_without_leader": ("{n} 条产业链的唯一链主", "only leader of {n} chain(s)"),
           "segments_emptied": ("{n} 个环节的唯一企业", "only firm in {n} segment(s)")}


def impact(row: dict, lang: str = "zh") -> str:
    """What losing a unit or firm breaks, from the counts of a single-point-of-failure row.

    >>> impact({"measures_without_lead": 4, "network_parts": 0})
    '唯一牵头 4 项举措'
    """
    sep = "；" if lang != "en" else "; "
    return sep.join(_pick(_IMPACT[k], lang).format(n=row[k]) for k in _IMPACT if row.get(k))


def codes() -> set[str]:
    """Every value code this table translates (for tests that look for raw codes on screen)."""
    out = set()
    for group in VALUES.values():
        out |= {k for k in group if isinstance(k, str) and re.fullmatch(r"[a-z_-]+|[A-Z][A-Za-z_]+", k)}
    return out


def is_code(value) -> bool:
    """True for a raw code a person should not see: a known code, or None/nan spelled out."""
    if not isinstance(value, str):
        return False
    return value in codes() or value.strip().lower() in ("none", "nan", "nat", "null", "true", "false")
