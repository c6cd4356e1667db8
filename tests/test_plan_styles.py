"""Other ways plans are written: each style has a small hand-written fixture in fixtures/plans/."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.model.build import build_graph
from loaders.plan import ParsedPlan, read_plan

FIXTURES = Path(__file__).parent / "fixtures" / "plans"


def load(name: str, **kw) -> ParsedPlan:
    return read_plan(FIXTURES / f"{name}.txt", **kw)


def units(p: ParsedPlan, n: int) -> list[tuple[str, int, str]]:
    return [(r.start[1], r.props["rank"], r.props["role"]) for r in p.rels
            if r.type == "RESPONSIBLE_FOR" and r.end[1] == f"{p.plan_id}#M{n}"]


def props(p: ParsedPlan, label: str) -> dict:
    return {n.key: n.props for n in p.nodes if n.label == label}


def deadlines(p: ParsedPlan, n: int) -> list[tuple[str | None, str]]:
    return [(m["due"], m["raw"]) for k, m in sorted(props(p, "Milestone").items()) if m["measure"] == n]


def targets(p: ParsedPlan, n: int) -> list[tuple[float, str, str, str]]:
    return [(t["value"], t["unit"], t["comparator"], t["metric"])
            for k, t in sorted(props(p, "Target").items()) if t["measure"] == n]


def findings(p: ParsedPlan) -> list[tuple[str, int | None]]:
    return [(f.kind, f.measure) for f in p.findings]


@pytest.mark.parametrize("name", ["lead_markers", "unit_lines", "lead_co_labels", "section_measures"])
def test_every_fixture_builds(name):
    p = load(name)
    build_graph(p.nodes, p.rels)
    plan = props(p, "Plan")[name]
    assert plan["city"] == "衢州市" and plan["title"].startswith(("衢州市", "关于"))


# ---- "(A、B牵头，C、D按职责分工负责)", pillars from "（一）", collective wording ---------------------

def test_lead_markers():
    p = load("lead_markers")
    assert p.year == 2024  # from the title "衢州市2024年…方案"
    assert units(p, 1) == [("市发改委", 1, "lead"), ("市大数据局", 2, "lead"),
                           ("市经信局", 3, "co"), ("市财政局", 4, "co")]
    assert units(p, 2) == [("市经信局", 1, "lead"), ("国网衢州供电公司", 2, "co")]
    assert deadlines(p, 1) == [("2024-06-30", "2024年6月底前"), ("2024-12-31", "年底前")]
    assert deadlines(p, 2) == [("2024-09-30", "第三季度")]
    assert targets(p, 2) == [(800.0, "个", ">=", "新建5G基站")]


def test_pillars_and_closing_section():
    p = load("lead_markers")
    pillars = props(p, "Pillar")
    assert [(v["number"], v["name"], v["theme"]) for v in pillars.values()] == [
        (1, "夯实数字基础", "建设新型基础设施"), (2, "培育数字产业", "壮大核心产业规模")]
    in_pillar = {r.start[1]: r.end[1] for r in p.rels if r.type == "IN_PILLAR"}
    assert in_pillar == {"lead_markers#M1": "lead_markers#P1", "lead_markers#M2": "lead_markers#P1",
                         "lead_markers#M3": "lead_markers#P2", "lead_markers#M4": "lead_markers#P2"}
    # "三、保障措施 (一)加强组织领导" is neither a pillar nor a measure
    assert len(props(p, "Measure")) == 4


def test_collective_wording():
    p = load("lead_markers")
    depts = props(p, "Department")
    assert depts["各县(市、区)政府"]["kind"] == "collective"
    assert depts["市级各有关部门"]["kind"] == "collective"
    assert units(p, 3) == [("市招商中心", 1, "lead"), ("各县(市、区)政府", 2, "co")]
    assert units(p, 4) == [("市级各有关部门", 1, "sole")]
    assert deadlines(p, 4) == [(None, "持续推进")]
    assert findings(p) == [("several_leads", 1), ("undated_deadline", 4), ("collective_only", 4)]


# ---- "责任单位：A、B" lines, "时限要求：" lines ----------------------------------------------------

def test_unit_lines():
    p = load("unit_lines")
    assert p.year == 2024 and props(p, "Plan")["unit_lines"]["issued"] == "2024-02-01"
    assert not props(p, "Pillar") and not [r for r in p.rels if r.type == "IN_PILLAR"]
    assert units(p, 1) == [("市营商办", 1, "lead"), ("市市场监管局", 2, "co")]
    assert units(p, 2) == [("市发改委", 1, "sole")]
    assert units(p, 3) == [("市委组织部", 1, "lead"), ("市经信局", 2, "co"), ("各县(市、区)政府", 3, "co")]
    measure = props(p, "Measure")["unit_lines#M1"]
    assert measure["text"] == "深化“一件事”改革。推动高频事项集成办理,上半年完成企业开办“一件事”迭代。"
    assert measure["units_text"] == "责任单位:市营商办、市市场监管局"


def test_time_labels():
    p = load("unit_lines")
    assert deadlines(p, 1) == [("2024-06-30", "上半年")]
    assert deadlines(p, 2) == [("2024-09-30", "2024年9月底前")]
    assert deadlines(p, 3) == [(None, "长期坚持")]
    assert props(p, "Milestone")["unit_lines#M2-D1"]["text"] == "提升审批效率"
    assert targets(p, 2) == [(30.0, "个工作日", "<=", "投资项目审批时限")]
    assert findings(p) == [("undated_deadline", 3)]


# ---- "牵头单位：A；配合单位：B、C", measures numbered "（一）" ------------------------------------------

def test_lead_and_co_labels():
    p = load("lead_co_labels")
    assert p.year == 2025  # "关于2025年…的实施意见"
    assert units(p, 1) == [("市商务局", 1, "lead"), ("市财政局", 2, "co"), ("衢州海关", 3, "co")]
    assert units(p, 2) == [("市商务局", 1, "lead"), ("市市场监管局", 2, "lead"), ("市税务局", 3, "co")]
    assert findings(p) == [("several_leads", 2)]


def test_chinese_numbered_measures_skip_goal_sections():
    p = load("lead_co_labels")
    measures = props(p, "Measure")
    assert [(m["number"], m["title"]) for m in measures.values()] == [(1, "拓展国际市场"), (2, "培育外贸主体")]
    assert not props(p, "Pillar")
    assert deadlines(p, 1) == [("2025-03-31", "2025年3月底前")]
    assert targets(p, 1) == [(50.0, "场", ">=", "企业参加境外展会")]


# ---- measures numbered "一、" (no pillars) -----------------------------------------------------

def test_section_measures():
    p = load("section_measures")
    assert [m["title"] for m in props(p, "Measure").values()] == ["完善信用制度", "推进信用监管", "拓展信用应用"]
    assert not props(p, "Pillar")
    assert units(p, 1) == [("市发改委", 1, "sole")]
    assert units(p, 3) == [("市金融办", 1, "lead"), ("市人行", 2, "co"), ("市发改委", 3, "co")]
    assert deadlines(p, 3) == [("2024-06-30", "2024年6月底前"), ("2024-09-30", "三季度末")]
    assert targets(p, 2) == [(100.0, "%", "=", "覆盖率")]
    assert findings(p) == []


def test_year_parameter_wins_over_the_title():
    p = load("section_measures", year=2030)
    assert p.year == 2030 and deadlines(p, 1) == [("2030-12-31", "年底前")]


def test_fixture_punctuation_width_does_not_matter(tmp_path):
    text = (FIXTURES / "lead_markers.txt").read_text(encoding="utf-8")
    half = text.translate(str.maketrans("（），：；．", "(),:;."))
    (tmp_path / "lead_markers.txt").write_text(half, encoding="utf-8")
    def strip(p: ParsedPlan) -> list:
        return sorted((n.label, n.key, sorted((k, repr(v)) for k, v in n.props.items() if k != "span"))
                      for n in p.nodes)
    assert strip(read_plan(tmp_path / "lead_markers.txt")) == strip(load("lead_markers"))


# ---- smaller variations, inline ---------------------------------------------------------------

def _inline(body: str, **kw) -> ParsedPlan:
    from loaders.plan import parse_plan
    return parse_plan("衢州市2024年试点方案\n一、主要任务\n" + body, doc_id="t", year=2024, **kw)


def test_labels_inside_the_parenthesis():
    p = _inline("1.建设平台。(牵头单位：市发改委；配合单位：市财政局、市商务局)\n")
    assert units(p, 1) == [("市发改委", 1, "lead"), ("市财政局", 2, "co"), ("市商务局", 3, "co")]


def test_bracketed_lead_mark():
    p = _inline("1.建设平台。(市财政局、市发改委（牵头）、市商务局)\n")
    assert units(p, 1) == [("市财政局", 1, "co"), ("市发改委", 2, "lead"), ("市商务局", 3, "co")]


@pytest.mark.parametrize("brackets", ["〔〕", "【】", "[]", "（）", "()"])
def test_affiliate_brackets(brackets):
    o, c = brackets
    p = _inline(f"1.建设平台。(市国资委{o}衢控集团{c}、市财政局等部门按职责分工负责)\n")
    assert units(p, 1) == [("市国资委", 1, "lead"), ("衢控集团", 1, "lead"), ("市财政局", 2, "co")]
    assert [(r.start[1], r.end[1]) for r in p.rels if r.type == "AFFILIATE_OF"] == [("衢控集团", "市国资委")]


def test_pillars_do_not_leak_into_the_next_section():
    p = _inline("(一)聚焦招商,做优服务\n1.建设平台。(市发改委负责)\n"
                "二、改革任务\n2.深化改革。(市司法局负责)\n")
    in_pillar = {r.start[1]: r.end[1] for r in p.rels if r.type == "IN_PILLAR"}
    assert in_pillar == {"t#M1": "t#P1"}


def test_title_inside_book_quotes_and_title_parameter():
    p = _inline("1.建设平台。(市发改委负责)\n", title="ignored: the document has a title line")
    assert props(p, "Plan")["t"]["title"] == "衢州市2024年试点方案"
    from loaders.plan import parse_plan
    q = parse_plan("关于印发《衢州市2024年试点方案》的通知\n一、主要任务\n1.建设平台。(市发改委负责)\n",
                   doc_id="u")
    assert (props(q, "Plan")["u"]["title"], q.year) == ("衢州市2024年试点方案", 2024)
    r = parse_plan("一、主要任务\n1.建设平台。(市发改委负责)\n", doc_id="my-plan", year=2024, title="试点方案",
                   city="丽水市")
    assert (props(r, "Plan")["my-plan"]["title"], props(r, "Plan")["my-plan"]["city"]) == ("试点方案", "丽水市")


def test_grouped_thousands_and_clause_metrics():
    p = _inline("1.培育企业。新增规上企业1,200家以上，个转企2，300家。(市经信局负责)\n")
    assert targets(p, 1) == [(1200.0, "家", ">=", "新增规上企业"), (2300.0, "家", "=", "个转企")]


def test_numbering_may_restart_under_each_pillar():
    p = _inline("(一)聚焦招商,做优服务\n1.建设平台。(市发改委负责)\n2.招引项目。(市招商中心负责)\n"
                "(二)聚焦育商,培育主体\n1.培育企业。(市经信局负责)\n")
    measures = props(p, "Measure")
    assert [(m["number"], m["title"]) for m in measures.values()] == [(1, "建设平台"), (2, "招引项目"),
                                                                     (3, "培育企业")]
    in_pillar = {r.start[1]: r.end[1] for r in p.rels if r.type == "IN_PILLAR"}
    assert in_pillar["t#M3"] == "t#P2"


def test_sub_measures_without_sections_and_comma_numbering():
    from loaders.plan import parse_plan
    p = parse_plan("（一）建设平台。年底前上线。（市发改委负责）\n（二）招引项目。（市招商中心负责）\n"
                   "（三）保障措施\n加强领导。\n", doc_id="s", year=2024)
    assert [m["title"] for m in props(p, "Measure").values()] == ["建设平台", "招引项目"]
    assert deadlines(p, 1) == [("2024-12-31", "年底前")]
    assert props(p, "Milestone")["s#M1-D1"]["text"] == "年底前上线"  # the deadline ends its clause
    q = parse_plan("一、主要任务\n1、建设平台。（市发改委负责）\n2、招引项目。（市招商中心负责）\n", doc_id="c", year=2024)
    assert [m["number"] for m in props(q, "Measure").values()] == [1, 2]
