"""Golden test: every measure of the Quzhou 2024 plan, typed by hand from the plan text.

GOLD was read off `data/quzhou-2024-business-environment-plan.txt`, not produced by the parser.
Per measure: number, pillar, title, the responsibility list in the plan's order (a tuple is a
bracketed affiliate entry: both units share that rank), the deadlines (due date, words of the
clause they govern) and the numeric targets (value, unit, comparator) in text order.
Roles follow the plan's convention: the first listed entry leads, a single entry is sole.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from loaders.plan import ParsedPlan, read_plan

PLAN_FILE = Path(__file__).resolve().parents[1] / "data" / "quzhou-2024-business-environment-plan.txt"
DOC = "quzhou-2024-business-environment-plan"

PILLARS = [
    (1, "聚焦招商", "做深做实产业链招引服务"),
    (2, "聚焦育商", "构建产业集群发展生态"),
    (3, "聚焦便商", "全面优化提升政务环境"),
    (4, "聚焦护商", "构建良好的法治环境"),
    (5, "聚焦安商", "构建公平公正的市场环境"),
    (6, "聚焦崇商", "营造亲商重商的人文环境"),
]

# (number, pillar, title, units, milestones [(due, governed words)], targets [(value, unit, cmp)])
GOLD = [
    (1, 1, "完善项目招引落地服务",
     ["市经信局", "市发改委", "市招商中心", "市营商办", "市工商联", "市农业农村局", "市文旅局"],
     [("2024-06-30", "按链建立项目决策专家库"), ("2024-12-31", "组建主导产业链发展联盟")],
     [(1, "个月", "<="), (2, "个月", "<=")]),
    (2, 1, "强化重大项目要素保障",
     ["市资源规划局", "市水利局", "市银保监局", "市人行", "市科技局", "市委组织部", "市发改委",
      "市经信局", "市人力社保局", "智造新城管委会"],
     [("2024-08-31", "落实授信尽职免责制度和容错纠错机制")],
     [(4000, "亩", ">="), (8000, "万立方", ">="), (25, "家", ">="), (2, "家", "="),
      (5, "名", ">="), (4600, "亿元", ">=")]),
    (3, 1, "用好用活产业基金",
     [("市国资委", "衢控集团"), "市财政局", "市招商中心", "市金融办", "市经信局", "智造新城管委会",
      "智慧新城管委会"],
     [],
     [(30, "亿元", ">="), (100, "亿元", ">="), (10, "亿元", "=")]),
    (4, 2, "推动形成产业链政策生态",
     ["市财政局", "市营商办", "市经信局", "市科技局", "智造新城管委会", "智慧新城管委会"],
     [("2024-06-30", "先进制造业集群发展系列政策")],
     []),
    (5, 2, "优化产学研融合创新生态",
     ["市委组织部", "市科技局", "市营商办", "市人力社保局", "市工商联", "市市场监管局", "市国资委"],
     [("2024-04-30", "重点企业用工保障快速响应机制"), ("2024-09-30", "完成科技服务应用")],
     [(3, "家", "=")]),
    (6, 2, "构建小微园区产业发展生态",
     ["市经信局", "市资源规划局", "市发改委", "智造新城管委会", "智慧新城管委会"],
     [],
     [(65, "%", ">=")]),
    (7, 2, "构建高品质产城融合生态",
     ["市经信局", "市资源规划局", "市住建局", "市人力社保局", "市营商办", "市国资委", "市公积金中心",
      "智造新城管委会", "智慧新城管委会"],
     [("2024-06-30", "便民小店服务点达到20家以上"), ("2024-07-31", "住房租赁网上服务平台建设")],
     [(20, "家", ">="), (85, "%", "<=")]),
    (8, 3, "持续优化商事登记服务",
     ["市市场监管局", "市税务局", "市营商办", "智造新城管委会"],
     [("2024-12-31", "全市市场主体突破30万家")],
     [(100, "%", "="), (30, "万家", ">="), (500, "家", "="), (5, "个", ">=")]),
    (9, 3, "持续优化投资项目审批",
     ["市住建局", "市发改委", "市资源规划局", "市营商办", "国网衢州供电公司", ("市国资委", "城投集团")],
     [("2024-06-30", "水电气网接入工程协同联办"), ("2024-10-31", "潜在缺陷责任保险制度")],
     [(15, "亿", ">=")]),
    (10, 3, "持续深化不动产登记改革",
     ["市资源规划局", "市住建局", "市营商办", "市发改委", "市人行", "市公积金中心", "市法院",
      "市银保监局", "市财政局", "市司法局"],
     [("2024-05-31", "首次登记零材料、零成本"), ("2024-07-31", "“十即”综合集成改革"),
      ("2024-08-31", "“二手房带押过户”"), ("2024-10-31", "不动产继承登记购买公证服务")],
     []),
    (11, 3, "优化跨境贸易服务",
     ["衢州海关", "市商务局", "市交通运输局", "市市场监管局", "市贸促会"],
     [],
     [(405, "万吨", ">="), (650, "万吨", ">="), (90, "%", ">="), (2, "个国别", ">=")]),
    (12, 3, "优化工业产品管理制度",
     ["市市场监管局"],
     [],
     []),
    (13, 3, "提升线上线下政务服务效能",
     ["市营商办", "市大数据局", "市科技局", "市人力社保局", "市经信局", "市税务局", "市公积金中心",
      "国网衢州供电公司"],
     [],
     [(5, "个", ">=")]),
    (14, 4, "优化营商环境制度供给",
     ["市司法局", "市营商办", "市人大法工委", "市人大财经工委", "市政协社法委", "市工商联"],
     [],
     [(100, "%", "=")]),
    (15, 4, "健全完善政府守信践诺机制",
     ["市司法局", "市营商办", "市经信局", "市法院"],
     [("2024-07-31", "上线政府合同履约监管系统"), ("2024-08-31", "失信被执行人信息互通"),
      ("2024-09-30", "账款强制披露制度")],
     [(100, "%", "="), (100, "%", "="), (8, "%", "<=")]),
    (16, 4, "创新实施包容审慎监管",
     ["市综合执法局", "市营商办", "市市场监管局", "市司法局", "市税务局", "衢州海关"],
     [("2024-05-31", "出台包容审慎监管事项清单")],
     [(20, "%", ">=")]),
    (17, 4, "全力维护市场秩序稳定",
     ["市市场监管局", "市金融办", "市公安局", "市检察院", "市法院"],
     [("2024-06-30", "重点商标保护名录")],
     [(4.5, "件", ">="), (10, "亿元", ">=")]),
    (18, 4, "完善合法权益保障体系建设",
     ["市法院", "市财政局", "市大数据局", "市市场监管局", "智慧新城管委会"],
     [("2024-04-30", "非工业企业破产案件纳入援助范围"), ("2024-10-31", "打击“三恶”专项行动")],
     [(100, "%", "="), (100, "%", "=")]),
    (19, 4, "建立健全涉企法律服务机制",
     ["市司法局", "市总工会", "市委统战部", "市检察院", "市贸促会", "市商务局", "市市场监管局"],
     [],
     [(2, "万家次", ">="), (20, "%", ">=")]),
    (20, 5, "全面落实市场准入负面清单管理",
     ["市发改委", "市商务局", "市市场监管局", "市营商办"],
     [],
     [(100, "%", "=")]),
    (21, 5, "持续减轻企业经营负担",
     ["市财政局", "市民政局", "市发改委", "市银保监局", "市市场监管局", "市人行", "市金融办", "市经信局",
      ("市国资委", "衢控集团")],
     [],
     [(1, "%", "<="), (50, "亿元", ">=")]),
    (22, 5, "全面落实公平竞争审查制度",
     ["市市场监管局", "市监管办", "市司法局"],
     [("2024-09-30", "制止滥用行政权力排除、限制竞争执法专项行动")],
     [(97, "%", ">="), (100, "%", "=")]),
    (23, 5, "深化公共资源交易领域改革",
     ["市监管办", "市财政局", "市营商办", "市发改委", "市住建局", "市交通运输局", "市水利局", "市人行"],
     [("2024-08-31", "在线提交发票和工程款支付网上查询")],
     [(40, "%", ">="), (46, "亿元", ">=")]),
    (24, 6, "畅通政企服务沟通渠道",
     ["市委组织部", "市工商联", "市营商办", "智造新城管委会"],
     [],
     [(100, "%", "=")]),
    (25, 6, "构建亲清政商关系",
     ["市纪委市监委", "市委统战部", "市委宣传部", "市营商办"],
     [],
     [(6, "次", ">="), (15, "场", ">="), (6, "场", ">="), (15, "家", ">=")]),
    (26, 6, "弘扬新时代衢州人文精神",
     ["市委统战部", "市委宣传部", "市委网信办", "团市委", "市工商联"],
     [("2024-10-31", "涉案企业合规第三方监督评估机制")],
     []),
]


@pytest.fixture(scope="module")
def plan() -> ParsedPlan:
    return read_plan(PLAN_FILE)


def _nodes(p: ParsedPlan, label: str) -> dict:
    return {n.key: n.props for n in p.nodes if n.label == label}


def _expected_units(units: list) -> list[tuple[str, int, str]]:
    """(name, rank, role): tuples share a rank; first entry leads, a lone entry is sole."""
    out = []
    for rank, entry in enumerate(units, start=1):
        role = "sole" if len(units) == 1 else ("lead" if rank == 1 else "co")
        for name in entry if isinstance(entry, tuple) else (entry,):
            out.append((name, rank, role))
    return out


def test_gold_covers_every_measure():
    assert [g[0] for g in GOLD] == list(range(1, 27))


def test_plan_props(plan):
    props = _nodes(plan, "Plan")[DOC]
    assert plan.plan_id == DOC and plan.year == 2024
    assert props["year"] == 2024
    assert props["issued"] == "2023-12-20"
    assert props["index_no"] == "11330800MB0R57773W/2023-144195"
    assert props["city"] == "衢州市"
    assert props["source"] == DOC
    # No title line: city, year and the kind it calls itself ("现制定如下实施方案").
    assert props["title"] == "衢州市2024年实施方案"


@pytest.mark.parametrize("number,name,theme", PILLARS)
def test_pillar(plan, number, name, theme):
    props = _nodes(plan, "Pillar")[f"{DOC}#P{number}"]
    assert (props["number"], props["name"], props["theme"], props["plan"]) == (number, name, theme, DOC)
    assert any(r.type == "OF_PLAN" and r.start == ("Pillar", f"{DOC}#P{number}") and r.end == ("Plan", DOC)
               for r in plan.rels)


def test_exactly_six_pillars_and_26_measures(plan):
    assert len(_nodes(plan, "Pillar")) == 6
    assert len(_nodes(plan, "Measure")) == 26


@pytest.mark.parametrize("number,pillar,title,units,milestones,targets", GOLD, ids=[f"M{g[0]}" for g in GOLD])
def test_measure(plan, number, pillar, title, units, milestones, targets):
    key = f"{DOC}#M{number}"
    props = _nodes(plan, "Measure")[key]
    assert (props["number"], props["title"], props["plan"]) == (number, title, DOC)
    assert props["text"].startswith(title + "。")
    assert "负责" not in props["text"][-12:], "the responsibility list must not be part of the text"
    in_pillar = [r.end for r in plan.rels if r.type == "IN_PILLAR" and r.start == ("Measure", key)]
    assert in_pillar == [("Pillar", f"{DOC}#P{pillar}")]

    got_units = [(r.start[1], r.props["rank"], r.props["role"]) for r in plan.rels
                 if r.type == "RESPONSIBLE_FOR" and r.end == ("Measure", key)]
    assert got_units == _expected_units(units)

    ms = sorted((n for n in plan.nodes if n.label == "Milestone" and n.props["measure"] == number),
                key=lambda n: n.key)
    assert [n.key for n in ms] == [f"{key}-D{k}" for k in range(1, len(milestones) + 1)]
    assert [n.props["due"] for n in ms] == [due for due, _ in milestones]
    for n, (_, words) in zip(ms, milestones, strict=True):
        assert words in n.props["text"], (n.props["text"], words)

    ts = [n for n in plan.nodes if n.label == "Target" and n.props["measure"] == number]
    assert [n.key for n in ts] == [f"{key}-T{k}" for k in range(1, len(targets) + 1)]
    assert [(n.props["value"], n.props["unit"], n.props["comparator"]) for n in ts] == \
        [(float(v), u, c) for v, u, c in targets]


def test_milestone_and_target_totals(plan):
    assert len(_nodes(plan, "Milestone")) == 25
    assert all(p["due"] for p in _nodes(plan, "Milestone").values())
    assert len(_nodes(plan, "Target")) == sum(len(g[5]) for g in GOLD) == 48


def test_affiliates(plan):
    pairs = [(r.start[1], r.end[1]) for r in plan.rels if r.type == "AFFILIATE_OF"]
    assert sorted(pairs) == [("城投集团", "市国资委"), ("衢控集团", "市国资委")]  # each once
    depts = _nodes(plan, "Department")
    assert depts["衢控集团"]["kind"] == "soe" and depts["城投集团"]["kind"] == "soe"


def test_measure_9_list(plan):
    rels = {r.start[1]: r.props for r in plan.rels
            if r.type == "RESPONSIBLE_FOR" and r.end[1] == f"{DOC}#M9"}
    assert (rels["市住建局"]["rank"], rels["市住建局"]["role"]) == (1, "lead")
    assert rels["国网衢州供电公司"]["rank"] == 5
    assert rels["市国资委"]["rank"] == rels["城投集团"]["rank"] == 6


def test_measure_12_sole_and_single_units(plan):
    m12 = [(r.start[1], r.props["role"]) for r in plan.rels
           if r.type == "RESPONSIBLE_FOR" and r.end[1] == f"{DOC}#M12"]
    assert m12 == [("市市场监管局", "sole")]
    depts = _nodes(plan, "Department")
    assert "市纪委市监委" in depts and "市纪委" not in depts and "市监委" not in depts


def test_spot_metrics(plan):
    targets = _nodes(plan, "Target")
    assert targets[f"{DOC}#M2-T1"]["metric"] == "熟地供应"
    assert targets[f"{DOC}#M1-T1"]["text"] == "每个项目审批时长不超过1个月"
    assert targets[f"{DOC}#M17-T1"]["metric"] == "每万人高价值发明专利拥有量"
    assert targets[f"{DOC}#M15-T3"]["metric"] == "全市一审行政诉讼案件败诉率"


def test_milestone_1_text_and_raw(plan):
    d1 = _nodes(plan, "Milestone")[f"{DOC}#M1-D1"]
    assert d1["text"] == "按链建立项目决策专家库,加快完善招商项目决策机制"
    assert d1["raw"] == "6月底前"  # normalised; the text at `span` shows "6 月底前" as written
    text = PLAN_FILE.read_text(encoding="utf-8")
    assert text[d1["span"][0]:d1["span"][1]] == "6 月底前"


def test_no_findings_on_the_real_plan(plan):
    assert plan.findings == []
