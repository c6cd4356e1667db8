"""Plan wording read from headings, labelled lists and the preamble (hand-written fixtures):
headings that name who answers for their items, a bracket that ends a labelled list, the plan
year from a signature date or a cited document number, a heading line above numbered points."""
from __future__ import annotations

import pytest

from loaders.plan import PlanParseError, parse_plan


def units(p, n):
    return [(r.start[1], r.props["role"]) for r in sorted(
        (r for r in p.rels if r.type == "RESPONSIBLE_FOR" and r.end[1] == f"{p.plan_id}#M{n}"),
        key=lambda r: r.props["rank"])]


def measure(p, n):
    return next(x.props for x in p.nodes if x.label == "Measure" and x.props["number"] == n)


OWNED = """某县2024年若干政策
一、扩大有效投资政策(由县发改局牵头实施)
聚焦九大工程,完成投资246.6亿元以上。
1.加大财政支持力度。县财政统筹安排资金37.4亿元。
2.加强资金要素争取。开展专项债项目常态化储备。(县财政局牵头,县发改局配合)
二、县示范区管委会牵头工作(2项)
3.打造食用菌酵素生产基地。
4.建设3个劳动密集型产业园。
三、强化科技创新(牵头单位:县科技局;配合单位:县经信局、各乡镇人民政府)
5.加强科创平台效能建设。鼓励科研机构做好本地科技成果转化。
"""


def test_a_heading_names_who_answers_for_its_items():
    p = parse_plan(OWNED, doc_id="owned")
    assert units(p, 1) == [("县发改局", "sole")]
    assert units(p, 2) == [("县财政局", "lead"), ("县发改局", "co")]  # its own list wins
    assert units(p, 3) == units(p, 4) == [("县示范区管委会", "sole")]
    assert units(p, 5) == [("县科技局", "lead"), ("县经信局", "co"), ("各乡镇人民政府", "co")]
    assert [measure(p, n).get("units_from") for n in range(1, 6)] == ["heading", None, "heading", "heading", "heading"]
    assert measure(p, 1)["units_text"] == "县发改局牵头"
    assert not [f for f in p.findings if f.kind in ("no_unit", "numbering")]


def test_an_owner_reaches_only_its_own_section():
    text = OWNED.replace("三、强化科技创新(牵头单位:县科技局;配合单位:县经信局、各乡镇人民政府)", "三、强化科技创新")
    with pytest.raises(PlanParseError) as e:
        parse_plan(text, doc_id="owned")
    assert "measure 5 has no responsibility list" in str(e.value) and "line 10:1" in str(e.value)
    p = parse_plan(text, doc_id="owned", strict=False)
    # the section's own figures (完成投资246.6亿元以上) belong to no measure: named, not dropped unsaid
    assert units(p, 5) == [] and [(f.kind, f.measure) for f in p.findings] == [("heading_text", None), ("no_unit", 5)]


def test_a_pillar_owner_wins_over_its_section():
    text = ("某市2024年行动方案\n一、重点任务(市商务局牵头)\n(一)深化流通体制改革(由市发改委负责)\n"
            "1.提高管理效能。健全部门协作机制。\n(二)规范市场秩序\n2.加快建设信用体系。\n")
    p = parse_plan(text, doc_id="pillar")
    assert units(p, 1) == [("市发改委", "sole")] and units(p, 2) == [("市商务局", "sole")]


def test_a_heading_bracket_that_names_no_unit_is_no_owner():
    text = "某县2024年方案\n一、扩大有效投资(九大工程)\n1.加大财政支持力度。统筹安排资金。\n"
    with pytest.raises(PlanParseError):
        parse_plan(text, doc_id="plain")


@pytest.mark.parametrize("note", ["列第一位者为工作牵头单位或汇总单位,下同", "排在第一位的部门为牵头部门,下同"])
def test_a_bracket_that_ends_a_labelled_list_belongs_to_it(note):
    text = (f"某市2020年重点工作责任分解\n1.支持企业发展。力争减轻企业负担200亿元。\n"
            f"责任单位:市经信局、市财政局、市税务局({note})\n2.开展项目双进双产。\n责任单位:市商务局、市发展改革委\n")
    p = parse_plan(text, doc_id="labelled")
    assert units(p, 1) == [("市经信局", "lead"), ("市财政局", "co"), ("市税务局", "co")]
    assert units(p, 2) == [("市商务局", "lead"), ("市发展改革委", "co")]
    assert measure(p, 1)["notes"] == note
    assert {n.key for n in p.nodes if n.label == "Department"} == {"市经信局", "市财政局", "市税务局", "市商务局",
                                                                   "市发展改革委"}


def test_a_bracket_after_a_time_label_is_still_the_list():
    text = "某市2024年方案\n1.建设平台。\n完成时限:2024年6月底前(市发改委负责)\n"
    p = parse_plan(text, doc_id="timed")
    assert units(p, 1) == [("市发改委", "sole")]


def test_the_year_from_a_cited_document_number_is_a_finding():
    text = ("加快流通业发展实施意见\n根据《国务院关于深化流通体制改革的意见》(国发〔2012〕39号)、省政府《关于加快流通业发展的通知》"
            "(青政〔2014〕36号)等文件精神,制定本意见。\n1.提高管理效能。健全协作机制。(牵头单位:市商务局 责任单位:市编办)\n")
    p = parse_plan(text, doc_id="cited")
    assert p.year == 2014  # the latest document cited: the plan cannot be older
    (f,) = [f for f in p.findings if f.kind == "year_from_citation"]
    assert "青政〔2014〕36号" in f.message and (f.line, f.col) == (2, text.split("\n")[1].index("青政") + 1)
    own = parse_plan("青政发〔2016〕5号\n" + text, doc_id="cited")
    assert own.year == 2016 and not [f for f in own.findings if f.kind == "year_from_citation"]
    given = parse_plan(text, doc_id="cited", year=2017)
    assert given.year == 2017 and not given.findings


@pytest.mark.parametrize("signed, year", [("2017年4月13日", 2017), ("2023年10月13日", 2024)])
def test_a_signature_date_gives_the_year(signed, year):
    text = (f"某市突发事件应急体系建设规划责任分解\n各县(市、区)人民政府,市直各有关单位:\n"
            f"现将责任分解印发给你们,请认真组织实施。\n某市人民政府办公厅\n{signed}\n"
            f"根据《规划》(某政办发〔2016〕76号)精神,现进行责任分解。\n1.完善应急预案体系。加强管理。(市应急局负责)\n")
    p = parse_plan(text, doc_id="signed")
    assert p.year == year and not p.findings


def test_a_heading_line_above_numbered_points_is_the_title():
    text = ("某市2017年责任分解\n1.完善应急预案体系\n(1)加强应急预案管理,规范编制工作。\n(2)加强应急预案演练。\n"
            "(责任单位:市应急局、各县(市、区)人民政府)\n2.健全运行机制。落实专职人员。(市应急局负责)\n")
    p = parse_plan(text, doc_id="points")
    assert measure(p, 1)["title"] == "完善应急预案体系"
    assert "加强应急预案演练" in measure(p, 1)["text"]
    assert measure(p, 2)["title"] == "健全运行机制"
    assert units(p, 1) == [("市应急局", "lead"), ("各县(市、区)人民政府", "co")]


def test_figures_with_a_magnitude_keep_their_unit():
    text = ("某县2024年重点工作任务分工方案\n1.改造城镇老旧小区1.2万户,新增市场主体1.5万家,新增学位2.36万个。"
            "(县住建局牵头,县市场监管局配合;2024年6月底前完成)\n2.新增光伏装机5万千瓦,年发电3亿千瓦时,治理水土流失3.5平方公里。"
            "(县发改局负责)\n")
    p = parse_plan(text, doc_id="figures")
    got = {n: [(t.props["value"], t.props["unit"]) for t in sorted(
        (t for t in p.nodes if t.label == "Target" and t.props["measure"] == n), key=lambda t: t.props["span"][0])]
        for n in (1, 2)}
    assert got == {1: [(1.2, "万户"), (1.5, "万家"), (2.36, "万个")],
                   2: [(5.0, "万千瓦"), (3.0, "亿千瓦时"), (3.5, "平方公里")]}


def deadlines(p, n):
    return [(m.props["raw"], m.props["due"]) for m in sorted(
        (m for m in p.nodes if m.label == "Milestone" and m.props["measure"] == n), key=lambda m: m.props["span"][0])]


def test_leader_person_and_schedule_labels_around_a_unit_line():
    text = ("某市2012年十大实事任务分解\n1.市区新增优质中小学招生学位2.36万个。\n主管领导:刘东\n责任单位:市教育局\n"
            "主要责任人:毛杰\n进度安排:6月底前基本完成基建任务;12月底前全部落实,实现招生。\n"
            "2.新建改扩建幼儿园84所。\n分管领导:刘东\n责任单位:市教育局、各区政府\n完成期限:2012年12月底前\n")
    p = parse_plan(text, doc_id="labels")
    assert units(p, 1) == [("市教育局", "sole")] and units(p, 2) == [("市教育局", "lead"), ("各区政府", "co")]
    assert measure(p, 1)["leaders"] == "刘东" and measure(p, 1)["notes"] == "主要责任人:毛杰"
    assert deadlines(p, 1) == [("6月底前", "2012-06-30"), ("12月底前", "2012-12-31")]
    assert deadlines(p, 2) == [("2012年12月底前", "2012-12-31")]
    assert not p.findings


def test_an_unknown_label_after_a_unit_line_is_reported():
    text = "某市2012年任务分解\n1.新建幼儿园84所。\n责任单位:市教育局\n督办科室:督查一科\n"
    p = parse_plan(text, doc_id="unknown")
    (f,) = [f for f in p.findings if f.kind == "label_in_list"]
    assert f.measure == 1 and (f.line, f.col) == (3, 6)


def test_etc_collective_wording_inside_a_list():
    text = ("某省2023年实施方案\n1.推行市场化运作。(省发展改革委、交通运输厅、能源局等省有关部门和各地级以上市人民政府"
            "按职责分工负责)\n")
    p = parse_plan(text, doc_id="etc")
    assert units(p, 1) == [("省发展改革委", "lead"), ("交通运输厅", "co"), ("能源局", "co"), ("各地级以上市人民政府", "co")]


def test_a_damaged_own_list_under_an_owning_heading_is_reported():
    text = ("某县2024年若干政策\n一、扩大有效投资政策(由县发改局牵头实施)\n1.加大财政支持力度。统筹安排资金。\n"
            "2.加强资金要素争取。开展储备。县财政局牵头,县发改局配合\n3.加强项目储备。开展储备。\n责任单位县财政局\n")
    p = parse_plan(text, doc_id="damaged")
    got = [(f.kind, f.measure, f.line, f.col) for f in p.findings if f.kind == "unread_list"]
    assert got == [("unread_list", 2, 4, 17), ("unread_list", 3, 6, 1)]
    assert units(p, 2) == [("县发改局", "sole")]  # what the text still says; the finding says why


def test_qualified_and_other_unit_labels():
    text = ("某市2024年重点任务分工方案\n1.建设平台。\n牵头单位:市发改委;主要责任单位:市财政局、市商务局\n"
            "2.建设园区。\n第一责任单位:市经信局\n配合单位:市科技局\n3.建设基地。\n承办单位:市农业农村局\n"
            "4.建设网络。\n责任主体:市大数据局、各县(市、区)政府\n")
    p = parse_plan(text, doc_id="labels2")
    assert units(p, 1) == [("市发改委", "lead"), ("市财政局", "co"), ("市商务局", "co")]
    assert units(p, 2) == [("市经信局", "lead"), ("市科技局", "co")]
    assert units(p, 3) == [("市农业农村局", "sole")]
    assert units(p, 4) == [("市大数据局", "lead"), ("各县(市、区)政府", "co")]
    assert measure(p, 2)["text"] == "建设园区。"  # "第一" is part of the label, not of the text
    assert not p.findings


def test_deadlines_after_the_list_and_months_with_a_completing_verb():
    text = ("某市2024年重点任务分工方案\n1.推进项目。(市发改委牵头,市直各有关单位按职责分工负责。2024年9月30日前完成)\n"
            "2.推进试点。2024年3月启动,2024年11月完成。(市商务局负责)\n3.建设平台。9月建成投用。(市大数据局负责)\n")
    p = parse_plan(text, doc_id="months")
    assert deadlines(p, 1) == [("2024年9月30日前", "2024-09-30")] and "notes" not in measure(p, 1)
    assert deadlines(p, 2) == [("2024年11月", "2024-11-30")]  # "3月启动" starts, it is no deadline
    assert deadlines(p, 3) == [("9月", "2024-09-30")]


def test_a_mark_between_number_and_dot():
    text = ("某区2022年营商环境行动方案\n一、推进评价指标系统化提升\n1* .开展一证多址改革。免于再次办理。(区市场监管局负责)\n"
            "2*.开展住所标准化登记。建立负面清单。(区市场监管局负责)\n3.推进市场准入效能评估。(区发改局负责)\n")
    p = parse_plan(text, doc_id="marks")
    assert [measure(p, n).get("mark") for n in (1, 2, 3)] == ["*", "*", None]
    assert measure(p, 1)["title"] == "开展一证多址改革" and units(p, 3) == [("区发改局", "sole")]
    assert not p.findings


def test_by_and_together_with_in_a_list():
    text = ("某省2022年实施方案\n一、深化改革\n(一)加强市场体系建设。推进建设。(由省发展改革委牵头负责)\n"
            "(二)优化市场准入环境。实施改革。(由省市场监管局会同省商务厅负责)\n"
            "(三)完善体系。健全制度。(省商务厅会同省发展改革委、省财政厅负责)\n"
            "(四)强化监管。加强执法。(省市场监管局会同省公安厅牵头,各市(州)人民政府配合)\n")
    p = parse_plan(text, doc_id="together")
    assert units(p, 1) == [("省发展改革委", "sole")]
    assert units(p, 2) == [("省市场监管局", "lead"), ("省商务厅", "co")]
    assert units(p, 3) == [("省商务厅", "lead"), ("省发展改革委", "co"), ("省财政厅", "co")]
    assert units(p, 4) == [("省市场监管局", "lead"), ("省公安厅", "lead"), ("各市(州)人民政府", "co")]


def test_time_limits_that_name_years():
    text = ("某市2024年重点任务分工方案\n1.建设平台。\n责任单位:市发改委\n完成时限:2024-2026年\n2.建设园区。\n"
            "责任单位:市经信局\n完成时限:2025年\n3.建设网络。\n责任单位:市大数据局\n完成时限:每季度\n")
    p = parse_plan(text, doc_id="years")
    assert [deadlines(p, n) for n in (1, 2, 3)] == [[("2024-2026年", "2026-12-31")], [("2025年", "2025-12-31")],
                                                     [("每季度", None)]]
    assert [(f.kind, f.measure) for f in p.findings] == [("undated_deadline", 3)]


def test_a_heading_that_states_a_principle_owns_nothing():
    text = "某县2024年方案\n一、坚持党委领导、政府负责工作\n1.加大财政支持力度。统筹安排资金。\n"
    with pytest.raises(PlanParseError):
        parse_plan(text, doc_id="principle")
    owned = parse_plan("某县2024年方案\n一、县示范区管委会牵头(2项)\n1.打造基地。\n2.建设园区。\n", doc_id="count")
    assert units(owned, 1) == units(owned, 2) == [("县示范区管委会", "sole")]


def test_related_levels_and_bare_city_names_in_a_list():
    text = ("某省2014年促进经济稳增长的若干措施\n1.加快铁路建设。(省发改委、铁路办、哈尔滨铁路局、相关市、县政府负责)\n"
            "2.推进民航建设。(哈尔滨机场扩建指挥部、哈尔滨、黑河、绥芬河市政府、省农垦总局负责)\n"
            "3.加快国省干道建设。(省发改委、交通运输厅、有关市(地)、县(市)政府负责)\n")
    p = parse_plan(text, doc_id="levels")
    assert units(p, 1) == [("省发改委", "lead"), ("铁路办", "co"), ("哈尔滨铁路局", "co"), ("相关市、县政府", "co")]
    assert units(p, 2) == [("哈尔滨机场扩建指挥部", "lead"), ("哈尔滨市政府", "co"), ("黑河市政府", "co"),
                           ("绥芬河市政府", "co"), ("省农垦总局", "co")]
    assert units(p, 3) == [("省发改委", "lead"), ("交通运输厅", "co"), ("有关市(地)、县(市)政府", "co")]
    kinds = {n.key: n.props.get("kind") for n in p.nodes if n.label == "Department"}
    assert kinds["相关市、县政府"] == kinds["有关市(地)、县(市)政府"] == "collective"
    assert kinds["黑河市政府"] != "collective"


def test_a_measure_heading_with_its_own_list_owns_nothing_after_it():
    text = ("某省2022年实施方案\n一、深化改革\n(一)加强市场体系建设。推进建设。(由省发展改革委牵头负责)\n"
            "(二)优化市场准入环境。实施改革。\n")
    with pytest.raises(PlanParseError) as e:
        parse_plan(text, doc_id="own")
    assert "measure 2 has no responsibility list" in str(e.value)


NOTICE = ("各乡镇人民政府,县直各单位:\n现将任务分解印发给你们。\n一、责任到人。各单位要逐项细化。\n二、节点管控。加强调度。\n"
          "附件:1.2025年县政府工作报告任务清单\n2.十五件民盼实事任务分解\n某县人民政府办公室\n2025年5月18日\n")


def test_a_covering_notice_before_the_annex_is_not_the_plan():
    text = NOTICE + "附件1\n2025年县政府工作报告任务清单\n一、重点任务\n1.建设产业园。(县发改局负责)\n2.打造基地。(县农业农村局负责)\n"
    p = parse_plan(text, doc_id="notice")
    assert [(measure(p, n)["title"], units(p, n)) for n in (1, 2)] == [
        ("建设产业园", [("县发改局", "sole")]), ("打造基地", [("县农业农村局", "sole")])]
    assert p.year == 2025 and not p.findings


def test_an_annex_after_the_plan_does_not_replace_it():
    text = ("某县2025年方案\n一、重点任务\n1.建设产业园。(县发改局负责)\n2.打造基地。(县农业农村局负责)\n"
            "二、保障措施\n加强领导。\n附件\n1.产业园项目清单\n2.基地项目清单\n")
    p = parse_plan(text, doc_id="annex", strict=False)
    assert units(p, 1) == [("县发改局", "sole")] and units(p, 2) == [("县农业农村局", "sole")]


def test_a_level_bracket_ending_a_labelled_list_stays_in_its_name():
    text = "某市2024年方案\n1.建设平台。\n责任单位:市农业农村局、各县(市、区)\n2.建设园区。\n责任单位:市经信局、各县(市、区)政府(管委会)\n"
    p = parse_plan(text, doc_id="levels2")
    assert units(p, 1) == [("市农业农村局", "lead"), ("各县(市、区)", "co")]
    assert units(p, 2) == [("市经信局", "lead"), ("各县(市、区)政府(管委会)", "co")]
