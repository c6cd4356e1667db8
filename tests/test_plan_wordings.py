"""Wordings of plans from other places (hand-written fixtures, one rule each): names that share a
level or a body with their neighbours in a list, task columns named in other words, the plan year
from a clause-opening year or a signature date among the first lines."""
from __future__ import annotations

import pytest

from loaders.plan import PlanParseError, parse_plan, read_plan
from loaders.records import LoadError


def units(p, n):
    return [(r.start[1], r.props["role"]) for r in sorted(
        (r for r in p.rels if r.type == "RESPONSIBLE_FOR" and r.end[1] == f"{p.plan_id}#M{n}"),
        key=lambda r: r.props["rank"])]


def one(units_text: str, level: str = "市"):
    return parse_plan(f"某{level}2024年实施方案\n一、主要任务\n1.建设平台。推进建设。({units_text})\n",
                      doc_id="w")


@pytest.mark.parametrize("written, read", [
    ("责任单位:市行政审批局、住建局、司法局,各市(区)人民政府",
     [("市行政审批局", "lead"), ("市住建局", "co"), ("市司法局", "co"), ("各市(区)人民政府", "co")]),
    ("县发改局、财政局、人社局、税务局负责",
     [("县发改局", "lead"), ("县财政局", "co"), ("县人社局", "co"), ("县税务局", "co")]),
    ("区政务服务局牵头,区发改局、审改办配合", [("区政务服务局", "lead"), ("区发改局", "co"), ("区审改办", "co")]),
])
def test_bare_department_names_share_the_level_of_their_run(written, read):
    assert units(one(written), 1) == read


@pytest.mark.parametrize("written, read", [
    # a 、 run only: after a , the name stands as written
    ("区财政局牵头,各街道,税务局配合", [("区财政局", "lead"), ("各街道", "co"), ("税务局", "co")]),
    # provincial plans write some departments bare; 厅 is a province's by itself
    ("省发改委、铁路办、交通运输厅负责", [("省发改委", "lead"), ("铁路办", "co"), ("交通运输厅", "co")]),
    # names holding a place or a level are whole
    ("市委组织部、团市委、医药高新区管委会负责", [("市委组织部", "lead"), ("团市委", "co"), ("医药高新区管委会", "co")]),
])
def test_names_that_are_whole_keep_their_words(written, read):
    assert units(one(written), 1) == read


def test_a_bare_level_shares_the_body_of_the_place_after_it():
    p = one("责任单位:省大数据局,各市〔州〕、贵安新区数据管理部门")
    assert units(p, 1) == [("省大数据局", "lead"), ("各市(州)数据管理部门", "co"), ("贵安新区数据管理部门", "co")]
    kinds = {n.key: n.props.get("kind") for n in p.nodes if n.label == "Department"}
    assert kinds["各市(州)数据管理部门"] == "collective" and kinds["贵安新区数据管理部门"] is None
    # a zone's 管委会 is no level's body; a level alone stays as written
    assert units(one("市发改委、各县(市、区)、高新区管委会负责"), 1) == [
        ("市发改委", "lead"), ("各县(市、区)", "co"), ("高新区管委会", "co")]


def test_levels_in_square_brackets_are_the_same_collective_wording():
    a, b = one("市发改委、各县〔市、区〕政府负责"), one("市发改委、各县(市、区)政府负责")
    assert units(a, 1) == units(b, 1) == [("市发改委", "lead"), ("各县(市、区)政府", "co")]


def test_task_columns_named_in_other_words(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("某市2023年重点工作责任分解\n序号|主要工作任务|责任单位\n1|地区生产总值增长6%左右。|市发展改革委\n",
                 encoding="utf-8")
    p = read_plan(f)
    assert units(p, 1) == [("市发展改革委", "sole")]
    # the same table pasted one cell per line (blank lines between) is refused at its header
    f.write_text("某市2023年重点工作责任分解\n\n序号\n\n主 要 工 作 任 务\n\n责任单位\n\n1\n\n地区生产总值增长6%左右。\n\n"
                 "市发展改革委\n", encoding="utf-8")
    with pytest.raises(LoadError) as e:
        read_plan(f)
    assert "line 3:1" in str(e.value) and "one cell per line" in str(e.value)


def test_a_year_opening_a_clause_gives_the_plan_year():
    text = ("若干政策\n一、支持产业转型升级政策\n1.发挥财政保障作用。2023年,争取上级专项资金增长10%以上。(市财政局负责)\n"
            "2.支持项目转型。6月底前完成奖补。(市工信局负责)\n")
    p = parse_plan(text, doc_id="y")
    assert p.year == 2023
    assert [(m.props["raw"], m.props["due"]) for m in p.nodes if m.label == "Milestone"] == [("6月底前", "2023-06-30")]
    # "到2025年," is a horizon, not the year the work is for
    with pytest.raises(PlanParseError) as e:
        parse_plan(text.replace("。2023年,", "。到2025年,"), doc_id="y")
    assert "cannot tell the plan year" in str(e.value)


@pytest.mark.parametrize("line", [2, 3, 5])
def test_an_october_to_december_signature_is_for_next_year_wherever_it_stands(line):
    top = ["各乡镇人民政府,县直各单位:", "现将《具体措施》印发给你们,请认真贯彻落实。", "某县人民政府办公室", "(此件公开发布)"]
    top.insert(line - 1, "2023年11月20日")
    text = "\n".join(top) + "\n具体措施\n一、主要任务\n1.建设平台。6月底前完成。(县发改局负责)\n"
    p = parse_plan(text, doc_id="s")
    assert p.year == 2024
    assert [m.props["due"] for m in p.nodes if m.label == "Milestone"] == ["2024-06-30"]


def test_text_under_a_heading_before_its_first_measure_is_kept_or_named():
    text = ("某市2024年行动方案\n一、重点任务\n(一)推进大数据基础设施建设。\n深入开展攻坚行动,全市新建5G基站2600个以上。\n"
            "1.加强算力基础设施建设。推进枢纽节点建设。(市大数据局负责)\n"
            "二、扩大有效投资(由市发改委牵头实施)\n着力推进140个左右支撑性项目,6月底前完成项目梳理。\n"
            "2.加大财政支持力度。统筹安排资金37.4亿元。\n")
    p = parse_plan(text, doc_id="h")
    (pillar,) = [n.props for n in p.nodes if n.label == "Pillar"]
    assert pillar["name"] == "推进大数据基础设施建设" and pillar["text"] == "深入开展攻坚行动,全市新建5G基站2600个以上。"
    found = [(f.kind, f.line) for f in p.findings if f.kind == "heading_text"]
    assert found == [("heading_text", 4), ("heading_text", 7)]
    messages = [f.message for f in p.findings if f.kind == "heading_text"]
    assert "2600个以上" in messages[0] and "140个左右" in messages[1] and "6月底前" in messages[1]
    # the section's figures are no measure's targets
    assert [(t.props["measure"], t.props["value"]) for t in p.nodes if t.label == "Target"] == [(2, 37.4)]
    # words without figures or deadlines are kept quietly
    quiet = parse_plan(text.replace(",全市新建5G基站2600个以上", "").replace("着力推进140个左右支撑性项目,6月底前完成项目梳理。",
                                                                         "着力推进支撑性项目。"), doc_id="h")
    assert not [f for f in quiet.findings if f.kind == "heading_text"]


POINTS = ("某市2024年实施方案\n一、主要任务\n1.完善应急预案体系\n(1)加强应急预案管理,6月底前完成修订。(责任单位:市应急局)\n"
          "(2)推进应急预案精编化。(责任单位:市应急局、市直各有关单位)\n"
          "(3)加强应急预案演练。(牵头单位:市消防救援支队;配合单位:市应急局)\n2.健全体制。加强建设。(市应急局负责)\n")


def test_points_with_lists_of_their_own_are_all_read():
    p = parse_plan(POINTS, doc_id="pt")
    assert units(p, 1) == [("市应急局", "lead"), ("市直各有关单位", "co"), ("市消防救援支队", "lead")]
    assert units(p, 2) == [("市应急局", "sole")]
    assert not p.findings  # each point's lead leads its own point: no several_leads, no merged_measures
    m1 = next(n.props for n in p.nodes if n.label == "Measure" and n.props["number"] == 1)
    assert m1["title"] == "完善应急预案体系" and "责任单位" not in m1["text"]
    assert [(n.props["raw"], n.props["due"]) for n in p.nodes if n.label == "Milestone"] == [("6月底前", "2024-06-30")]
    # circled numbers, lists without labels
    circled = POINTS.replace("(1)", "①").replace("(2)", "②").replace("(3)", "③")
    assert units(parse_plan(circled, doc_id="pt"), 1) == units(p, 1)


def test_a_point_without_its_own_list_keeps_the_mid_measure_list_reported():
    text = POINTS.replace("(责任单位:市应急局、市直各有关单位)", "")
    with pytest.raises(PlanParseError, match=r"line 4:\d+ .*measure 1: a responsibility list stands in the middle"):
        parse_plan(text, doc_id="pt")  # a strict load does not guess past it
    p = parse_plan(text, doc_id="pt", strict=False)
    assert [(f.kind, f.measure) for f in p.findings] == [("merged_measures", 1)]
    assert units(p, 1) == [("市消防救援支队", "lead"), ("市应急局", "co")]


def test_names_parted_by_spaces_only_are_two_names():
    p = one("牵头单位:市发改委  配合单位:市财政局 市商务局\u3000各县(市、区)政府")
    assert units(p, 1) == [("市发改委", "lead"), ("市财政局", "co"), ("市商务局", "co"), ("各县(市、区)政府", "co")]
    assert not p.findings
    # a space inside prose or before a label stays meaningless
    q = parse_plan("某市2024年实施方案\n一、主要任务\n1.建设平台。推进 建设。(市发改委 牵头,市财政局配合)\n", doc_id="w")
    assert units(q, 1) == [("市发改委", "lead"), ("市财政局", "co")]


def test_labels_in_square_brackets_read_as_labels():
    text = ("某市2024年实施方案\n一、主要任务\n1.建设平台。推进建设。\n【牵头单位】市发改委\n【配合单位】市财政局、市商务局\n"
            "【完成时限】2024年12月底前\n2.优化服务。推进改革。[责任单位]市商务局\n")
    p = parse_plan(text, doc_id="b")
    assert units(p, 1) == [("市发改委", "lead"), ("市财政局", "co"), ("市商务局", "co")]
    assert units(p, 2) == [("市商务局", "sole")]
    (m,) = [n for n in p.nodes if n.label == "Milestone"]
    assert (m.props["raw"], m.props["due"]) == ("2024年12月底前", "2024-12-31")
    assert text[m.props["span"][0]:m.props["span"][1]] == "2024年12月底前"  # offsets still point at the words
    # a bracket that is no label stays as written ("【典型案例】" is no unit list)
    with pytest.raises(PlanParseError):
        parse_plan(text.replace("【牵头单位】市发改委\n【配合单位】市财政局、市商务局\n", "【典型案例】市发改委\n"), doc_id="b")


@pytest.mark.parametrize("first, read", [
    ("1.(市发改委牵头,市财政局配合)建设平台。推进建设,6月底前完成。", [("市发改委", "lead"), ("市财政局", "co")]),
    ("1.(牵头单位:市发改委;配合单位:市财政局)建设平台。推进建设,6月底前完成。", [("市发改委", "lead"), ("市财政局", "co")]),
    ("1.【市发改委】建设平台。推进建设,6月底前完成。", [("市发改委", "sole")]),
])
def test_a_list_written_before_the_item_is_its_list(first, read):
    p = parse_plan(f"某市2024年实施方案\n一、主要任务\n{first}\n2.优化服务。(市商务局负责)\n", doc_id="l")
    assert units(p, 1) == read and units(p, 2) == [("市商务局", "sole")]
    m1 = next(n.props for n in p.nodes if n.label == "Measure" and n.props["number"] == 1)
    assert m1["title"] == "建设平台" and m1["text"] == "建设平台。推进建设,6月底前完成。"
    assert [n.props["raw"] for n in p.nodes if n.label == "Milestone"] == ["6月底前"]
    # a bracket that opens the words but is no list stays words: the measure has no list
    with pytest.raises(PlanParseError):
        parse_plan("某市2024年实施方案\n一、主要任务\n1.(试点)建设平台。推进建设。\n", doc_id="l")


def test_items_numbered_with_a_closing_bracket_only():
    p = parse_plan("某市2024年实施方案\n一、主要任务\n1)建设平台。推进建设。(市发改委负责)\n2)优化服务。(市商务局负责)\n",
                   doc_id="n")
    assert [n.props["title"] for n in sorted((n for n in p.nodes if n.label == "Measure"),
                                             key=lambda n: n.props["number"])] == ["建设平台", "优化服务"]
    assert units(p, 2) == [("市商务局", "sole")] and not p.findings


def test_within_a_named_year_is_by_its_end():
    p = parse_plan("某市2024年实施方案\n一、主要任务\n1.建设平台。2025年内完成验收。(市发改委负责)\n", doc_id="d")
    assert [(n.props["raw"], n.props["due"]) for n in p.nodes if n.label == "Milestone"] == [("2025年内", "2025-12-31")]


def test_a_label_at_a_line_start_parted_by_spaces_only():
    text = ("某市2024年实施方案\n一、主要任务\n1.建设平台。推进建设。\n牵头单位  市发改委\n配合单位\u3000市财政局 市商务局\n"
            "完成时限  2024年12月底前\n")
    p = parse_plan(text, doc_id="s")
    assert units(p, 1) == [("市发改委", "lead"), ("市财政局", "co"), ("市商务局", "co")]
    assert [(n.props["raw"], n.props["due"]) for n in p.nodes if n.label == "Milestone"] == [("2024年12月底前", "2024-12-31")]
    # the words "责任单位" inside a sentence are no label
    with pytest.raises(PlanParseError):
        parse_plan("某市2024年实施方案\n一、主要任务\n1.建设平台。明确各责任单位 市发改委要加强统筹。\n", doc_id="s")


def deadlines(p):
    return [(m.props["raw"], m.props["due"]) for m in sorted(
        (m for m in p.nodes if m.label == "Milestone"), key=lambda m: m.props["span"][0])]


@pytest.mark.parametrize("body, read", [
    ("推进建设。(市发改委负责,2025年完成)", [("2025年", "2025-12-31")]),
    ("推进建设。(市发改委负责,2024-2026年)", [("2024-2026年", "2026-12-31")]),
    ("推进建设。\n责任单位:市发改委\n完成时限:2024年12月", [("2024年12月", "2024-12-31")]),
    ("推进建设。\n责任单位:市发改委\n完成时限:2024年11月30日", [("2024年11月30日", "2024-11-30")]),
    ("推进建设。\n责任单位:市发改委\n完成时限:9月", [("9月", "2024-09-30")]),
    ("推进建设。\n责任单位:市发改委\n完成时限:2月30日", [("2月30日", None)]),
    ("2025年完成全部建设任务。(市发改委负责)", [("2025年", "2025-12-31")]),
    ("到2025年,建成平台10个。(市发改委负责)", []),
    ("2025年实现全覆盖。(市发改委负责)", []),
])
def test_deadlines_written_as_years_months_or_days(body, read):
    p = parse_plan(f"某市2024年实施方案\n一、主要任务\n1.建设平台。{body}\n", doc_id="d", strict=False)
    assert units(p, 1) == [("市发改委", "sole")]  # a deadline in a list is never a unit
    assert deadlines(p) == read


def test_a_last_sentence_saying_by_whom_is_the_list():
    text = "某市2024年实施方案\n一、主要任务\n1.建设平台。推进建设。由市发改委牵头,市财政局、市商务局配合。\n2.优化服务。(市商务局负责)\n"
    p = parse_plan(text, doc_id="b")
    assert units(p, 1) == [("市发改委", "lead"), ("市财政局", "co"), ("市商务局", "co")]
    assert next(n.props["text"] for n in p.nodes if n.label == "Measure" and n.props["number"] == 1) == "建设平台。推进建设。"
    # without 由 it reads as a list that lost its brackets: not guessed
    with pytest.raises(PlanParseError):
        parse_plan(text.replace("由市发改委", "市发改委"), doc_id="b")
    # a principle is no list
    with pytest.raises(PlanParseError):
        parse_plan(text.replace("由市发改委牵头,市财政局、市商务局配合", "由市场主导,政府负责"), doc_id="b")


@pytest.mark.parametrize("strict", [True, False])
def test_a_bare_time_label_on_its_own_line_or_after_a_list_gives_the_deadline(strict):
    text = ("某县2024年实施方案\n一、主要任务\n1.建设平台。推进建设。\n牵头单位:县发改局\n责任单位:县财政局\n"
            "时间:2024年6月底前\n2.改造小区。\n牵头单位:县住建局\n时限:2024年12月底前\n"
            "3.建设网络。(责任单位:县工信局、县财政局;时间:2024年9月底前)\n"
            "4.延长服务时间。服务时间:每天8小时。(县政务服务中心负责)\n")
    p = parse_plan(text, doc_id="w", strict=strict)
    assert units(p, 1) == [("县发改局", "lead"), ("县财政局", "co")] and units(p, 2) == [("县住建局", "sole")]
    assert units(p, 3) == [("县工信局", "lead"), ("县财政局", "co")] and units(p, 4) == [("县政务服务中心", "sole")]
    due = sorted((n.props["measure"], n.props["raw"], n.props["due"]) for n in p.nodes if n.label == "Milestone")
    assert due == [(1, "2024年6月底前", "2024-06-30"), (2, "2024年12月底前", "2024-12-31"),
                   (3, "2024年9月底前", "2024-09-30")]   # "服务时间:" inside prose labels nothing
    assert not p.findings
    line6 = text.split("\n")[5]
    m1 = next(n for n in p.nodes if n.label == "Milestone" and n.props["measure"] == 1)
    assert text[m1.props["span"][0]:m1.props["span"][1]] == "2024年6月底前" and line6.endswith("2024年6月底前")


@pytest.mark.parametrize("strict", [True, False])
def test_a_note_that_every_later_task_involves_units_adds_them_to_later_measures(strict):
    text = ("某省2024年工作要点\n一、主要任务\n1.建设平台。推进建设。(责任单位:省大数据局,各市(州)数据管理部门。"
            "除专门列出外,以下任务均涉及各市(州)、贵安新区数据管理部门,不再重复)\n"
            "2.建设网络。(责任单位:省通信管理局)\n"
            "3.培育企业。(责任单位:省工信厅、贵安新区数据管理部门)\n")
    p = parse_plan(text, doc_id="w", strict=strict)
    assert units(p, 1) == [("省大数据局", "lead"), ("各市(州)数据管理部门", "co")]
    assert units(p, 2) == [("省通信管理局", "lead"), ("各市(州)数据管理部门", "co"), ("贵安新区数据管理部门", "co")]
    # "除专门列出外": a measure naming one of them keeps its own list and takes the rest
    assert units(p, 3) == [("省工信厅", "lead"), ("贵安新区数据管理部门", "co"), ("各市(州)数据管理部门", "co")]
    m2 = next(n for n in p.nodes if n.label == "Measure" and n.props["number"] == 2)
    assert m2.props["units_noted"] == "各市(州)数据管理部门、贵安新区数据管理部门"
    rel = next(r for r in p.rels if r.type == "RESPONSIBLE_FOR" and r.end[1] == "w#M2" and r.props["rank"] == 2)
    assert text[rel.props["span"][0]:rel.props["span"][1]].startswith("各市(州)")  # the note's own words
    # a note that names no later tasks ("具体任务均涉及…,下同") adds nothing
    p = parse_plan(text.replace("除专门列出外,以下任务均涉及各市(州)、贵安新区数据管理部门,不再重复",
                                "具体任务均涉及相关市(州)人民政府,不再做分工,下同"), doc_id="w", strict=strict)
    assert units(p, 2) == [("省通信管理局", "sole")]


@pytest.mark.parametrize("strict", [True, False])
def test_a_list_closing_the_title_line_answers_for_the_points_below_it(strict):
    text = ("某县2024年实施方案\n一、主要任务\n1.完善应急预案体系。(县应急局负责)\n(1)加强预案管理,修订预案20件。\n"
            "(2)推进预案演练,2024年6月底前完成。\n2.健全机制。(县财政局牵头,县审计局配合)\n①建立台账。\n②定期通报。\n")
    p = parse_plan(text, doc_id="w", strict=strict)
    assert units(p, 1) == [("县应急局", "sole")] and units(p, 2) == [("县财政局", "lead"), ("县审计局", "co")]
    ms = {n.props["number"]: n.props for n in p.nodes if n.label == "Measure"}
    assert ms[1]["title"] == "完善应急预案体系" and "负责" not in ms[1]["text"] and "(2)推进预案演练" in ms[1]["text"]
    due = [(n.props["measure"], n.props["due"]) for n in p.nodes if n.label == "Milestone"]
    figures = [(n.props["measure"], n.props["value"]) for n in p.nodes if n.label == "Target"]
    assert due == [(1, "2024-06-30")] and figures == [(1, 20.0)] and not p.findings


def test_a_title_list_with_points_that_carry_lists_of_their_own_is_still_refused():
    text = ("某县2024年实施方案\n一、主要任务\n1.完善应急预案体系。(县应急局负责)\n(1)加强预案管理。(县司法局负责)\n"
            "(2)推进预案演练。\n")
    with pytest.raises(PlanParseError) as e:
        parse_plan(text, doc_id="w")
    assert "line 3:" in str(e.value) and "\n" not in str(e.value)


def test_a_stray_space_inside_a_name_does_not_split_off_a_one_character_stub():
    # "市财政局 市商务局" parts two names; "团\u2003市委" (a space Word left in 团市委) does not
    p = one("市委宣传部、团\u2003市委、市财政局 市商务局等部门按职责分工负责")
    assert units(p, 1) == [("市委宣传部", "lead"), ("团市委", "co"), ("市财政局", "co"), ("市商务局", "co")]
