"""Task-table columns named in other words ("牵头县领导", "牵头责任部门", "完成期限") are read; a
column that describes the task ("工作措施", "指标要求") joins the measure's text; any other column
("目标类型", "备注") is kept in the measure's notes, never dropped."""
from __future__ import annotations

from loaders.plan import read_plan


def test_columns_named_in_other_words(tmp_path):
    f = tmp_path / "table.txt"
    f.write_text("某县2024年政府工作报告重点任务分解表\n"
                 "序号\t重点任务\t工作措施\t牵头县领导\t牵头责任部门\t配合责任单位\t完成期限\t目标类型\n"
                 "1\t新开工重点项目。\t实行挂图作战,开工50个以上\t王某\t县发改局\t县自然资源局、各乡镇人民政府\t2024年12月底前\tA类\n"
                 "2\t改造老旧小区1.2万户。\t\t李某\t县住建局\t县财政局\t长期坚持\t\n", encoding="utf-8")
    p = read_plan(f)
    ms = {n.props["number"]: n.props for n in p.nodes if n.label == "Measure"}
    assert ms[1]["leaders"] == "王某" and ms[2]["leaders"] == "李某"
    assert ms[1]["notes"] == "目标类型:A类" and "notes" not in ms[2]
    assert ms[1]["text"] == "新开工重点项目。实行挂图作战,开工50个以上"  # a content column joins the text
    figures = sorted((n.props["measure"], n.props["value"], n.props["unit"]) for n in p.nodes if n.label == "Target")
    assert figures == [(1, 50.0, "个"), (2, 1.2, "万户")]
    got = sorted((r.end[1][-1], r.props["rank"], r.start[1], r.props["role"]) for r in p.rels
                 if r.type == "RESPONSIBLE_FOR")
    assert got == [("1", 1, "县发改局", "lead"), ("1", 2, "县自然资源局", "co"), ("1", 3, "各乡镇人民政府", "co"),
                   ("2", 1, "县住建局", "lead"), ("2", 2, "县财政局", "co")]
    due = sorted((n.props["measure"], n.props["raw"], n.props["due"]) for n in p.nodes if n.label == "Milestone")
    assert due == [(1, "2024年12月底前", "2024-12-31"), (2, "长期坚持", None)]


def test_a_table_one_cell_per_line_without_bars_is_refused(tmp_path):
    import pytest
    from loaders.records import LoadError
    cells = ["序号", "任 务 名 称", "指 标 要 求", "牵 头 部 门", "配 合 部 门", "1", "地区生产总值", "增长5.5%", "区发改经信局",
             "区财政局、各街道办事处"]
    f = tmp_path / "cells.txt"
    f.write_text("附件1\n\n2019年目标任务分解表\n\n" + "\n\n".join(cells) + "\n", encoding="utf-8")
    with pytest.raises(LoadError) as e:
        read_plan(f)
    assert "line 5:1" in str(e.value) and "one cell per line" in str(e.value)
    # prose with its own lists keeps such a table as an annex
    f.write_text("某市2019年方案\n一、重点任务\n1.建设平台。(市发改委负责)\n二、保障措施\n加强领导。\n"
                 + "\n".join(cells) + "\n", encoding="utf-8")
    assert [n.props["number"] for n in read_plan(f).nodes if n.label == "Measure"] == [1]


def _bar_cells(cells):
    return "".join(f"{c} |\n" if c is not None else "||\n" for c in cells)


def test_a_bar_table_one_cell_per_line_with_a_cell_missing_is_refused_at_that_row(tmp_path):
    import pytest
    from loaders.records import LoadError
    header = ["序号", "主要任务", "全年目标任务", "分管 领导", "牵头 单位", "协同单位", "推进情况"]
    f = tmp_path / "bars.txt"
    good = header + ["1", "改造背街小巷。", "改造20条", "王某", "区城管局", "各街道", "已开工"] \
                  + ["2", "新建公园。", "新建3个", "李某", "区住建局", "区财政局", "已完成"]
    f.write_text("2023年区政府民生实事推进情况\n" + _bar_cells(good), encoding="utf-8")
    p = read_plan(f)   # a header running up to the first row number, whatever its other names
    ms = {n.props["number"]: n.props for n in p.nodes if n.label == "Measure"}
    assert sorted(ms) == [1, 2] and ms[1]["leaders"] == "王某" and "改造20条" in ms[1]["notes"]
    # row 1 lost its 全年目标任务 cell (the page wrote nothing for it): later cells would shift
    bad = header + ["1", "改造背街小巷。", "王某", "区城管局", "各街道", "已开工"] \
                 + ["2", "新建公园。", "新建3个", "李某", "区住建局", "区财政局", "已完成"]
    f.write_text("2023年区政府民生实事推进情况\n" + _bar_cells(bad), encoding="utf-8")
    for strict in (True, False):
        with pytest.raises(LoadError) as e:
            read_plan(f, strict=strict)
        message = str(e.value)
        assert "\n" not in message and "line 9:1" in message and "table row 1" in message
