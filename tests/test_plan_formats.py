"""One small fixture per style the plan loader reads (issue: real plans in any common style), and
the refusals and findings for damaged text. Fixtures are typed here; expected values by hand."""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.garbled import DAMAGE_KINDS
from loaders.plan import ParsedPlan, PlanParseError, parse_plan, read_plan

ROOT = Path(__file__).resolve().parents[1]
TEXT = (ROOT / "data" / "quzhou-2024-business-environment-plan.txt").read_text(encoding="utf-8")
HEAD = "衢州市2024年试点方案\n一、主要任务\n"


def parse(text: str, **kw) -> ParsedPlan:
    return parse_plan(text, doc_id="t", **{"year": 2024, **kw})


def units(p: ParsedPlan, n: int = 1) -> list[tuple[str, str]]:
    rels = sorted((r.props["rank"], r.start[1], r.props["role"]) for r in p.rels
                  if r.type == "RESPONSIBLE_FOR" and r.end[1] == f"{p.plan_id}#M{n}")
    return [(u, role) for _, u, role in rels]


def measure(p: ParsedPlan, n: int = 1) -> dict:
    return next(x.props for x in p.nodes if x.label == "Measure" and x.props["number"] == n)


def kinds(p: ParsedPlan) -> list[str]:
    return [f.kind for f in p.findings]


# ---- 1. role notes are rules, never units ----------------------------------------------------

@pytest.mark.parametrize("written", [
    "1.建设平台。(市发改委、市财政局)(第一责任单位为牵头单位,下同)\n",
    "1.建设平台。（市发改委、市财政局，排在第一位的部门为牵头部门，下同）\n",
    "1.建设平台。\n责任单位:市发改委、市财政局(列第一位者为牵头单位,下同)\n",
    "1.建设平台。\n责任单位：市发改委、市财政局（除标注“分别牵头”外，列第一位为牵头或汇总单位，下同）\n",
])
def test_role_notes_are_rules(written):
    p = parse(HEAD + written + "2.招引项目。(市商务局、市招商中心)\n")
    assert units(p, 1) == [("市发改委", "lead"), ("市财政局", "co")]
    assert units(p, 2) == [("市商务局", "lead"), ("市招商中心", "co")]
    assert "下同" in measure(p, 1)["notes"]
    assert not kinds(p)


def test_respective_leads_both_lead_without_a_finding():
    p = parse(HEAD + "1.建设平台。(市发改委、市财政局分别牵头,市商务局配合)\n")
    assert units(p) == [("市发改委", "lead"), ("市财政局", "lead"), ("市商务局", "co")]
    assert not kinds(p)


def test_a_note_in_the_preamble_sets_the_rule_for_every_list():
    text = ("说明:无牵头单位的,责任单位即为牵头单位,下同。\n" + HEAD + "1.建设平台。\n责任单位:市发改委、市财政局\n"
            "2.招引项目。\n牵头单位:市商务局\n责任单位:市财政局\n")
    p = parse(text)
    assert units(p, 1) == [("市发改委", "lead"), ("市财政局", "lead")]
    assert units(p, 2) == [("市商务局", "lead"), ("市财政局", "co")]


# ---- 2. lists split at the right places ------------------------------------------------------

def test_a_full_stop_ends_the_list_and_clause_tails_are_not_units():
    p = parse(HEAD + "1.建设平台。〔责任单位:市发改委、市财政局按职责分工负责。具体任务均涉及各县(市、区)政府,"
                     "不再做分工,下同。〕\n2.建设园区。(市经信局,以下任务均由各县(市、区)落实,不再单独列出)\n")
    assert units(p, 1) == [("市发改委", "lead"), ("市财政局", "co")]
    assert units(p, 2) == [("市经信局", "sole")]
    assert "不再单独列出" in measure(p, 2)["notes"]


@pytest.mark.parametrize("name", ["区级相关部门", "区直各部门", "各区、县级市", "各县(市、区)政府", "市级各有关部门",
                                  "区政府有关部门", "各乡镇、街道", "区疫情防控指挥部成员单位"])
def test_collective_wording_is_one_collective_node(name):
    p = parse(HEAD + f"1.建设平台。(市发改委、{name}、市财政局等有关部门和单位按职责分工负责)\n")
    assert units(p) == [("市发改委", "lead"), (name, "co"), ("市财政局", "co")]
    kind = {n.key: n.props.get("kind") for n in p.nodes if n.label == "Department"}
    assert kind == {"市发改委": None, name: "collective", "市财政局": None}


@pytest.mark.parametrize("written,expected", [
    ("(市发改委及各县(市、区)政府负责)", [("市发改委", "lead"), ("各县(市、区)政府", "co")]),
    ("(市财政局和市税务局分别负责)", [("市财政局", "lead"), ("市税务局", "co")]),
    ("(市人力资源和社会保障局、县(市、区)政府按职能分工负责)", [("市人力资源和社会保障局", "lead"),
                                                ("县(市、区)政府", "co")]),
    ("(省住房和城乡建设厅与市发改委负责)", [("省住房和城乡建设厅", "lead"), ("市发改委", "co")]),
])
def test_names_joined_by_and(written, expected):
    assert units(parse(HEAD + f"1.建设平台。{written}\n")) == expected


def test_a_deadline_inside_the_list_is_a_time_limit():
    p = parse(HEAD + "1.建设平台。(市发改委负责,6月底前完成)\n")
    assert units(p) == [("市发改委", "sole")]
    assert [(m.props["raw"], m.props["due"]) for m in p.nodes if m.label == "Milestone"] == [("6月底前", "2024-06-30")]


def test_shared_government_suffix():
    p = parse(HEAD + "1.建设平台。(市科技局牵头,荔湾区、黄埔区政府配合)\n")
    assert units(p) == [("市科技局", "lead"), ("荔湾区政府", "co"), ("黄埔区政府", "co")]


# ---- 3. numbering as officials write it ------------------------------------------------------

def test_items_numbered_across_sections():
    text = ("衢州市2024年人才工作实施意见\n一、总体目标\n1.目标。到年底引进人才1000名。\n二、主要任务\n"
            "2.引才项目。(市委组织部牵头,市人力社保局配合)\n3.育才项目。(市人力社保局负责)\n")
    p = parse(text)
    assert [(m["number"], m["written"]) for m in (measure(p, 1), measure(p, 2))] == [(1, "2"), (2, "3")]
    assert units(p, 2) == [("市人力社保局", "sole")]
    assert kinds(p) == ["no_closing"]  # it opened with goals and never reached its closing section


def test_goals_that_name_who_answers_for_them_are_measures():
    p = parse("衢州市2024年工作要点\n一、主要目标\n1.生产总值增长6%。(市发改委负责)\n二、重点任务\n"
              "2.建设平台。(市经信局负责)\n")
    assert (units(p, 1), units(p, 2)) == ([("市发改委", "sole")], [("市经信局", "sole")]) and not kinds(p)


def test_sub_measures_numbered_on_across_sections():
    text = (HEAD + "(一)建设平台。(市发改委负责)\n(二)招引项目。(市商务局负责)\n二、改革任务\n"
            "(三)深化改革。(市司法局负责)\n")
    p = parse(text)
    assert [measure(p, n)["title"] for n in (1, 2, 3)] == ["建设平台", "招引项目", "深化改革"]
    assert "written" not in measure(p, 3) and not kinds(p)


def test_bracketed_arabic_numbers_are_measures_only_when_nothing_else_numbers_them():
    p = parse(HEAD + "(1)建设平台。(市发改委负责)\n(2)招引项目。(市商务局、市财政局负责)\n")
    assert units(p, 2) == [("市商务局", "lead"), ("市财政局", "co")]
    q = parse(HEAD + "1.建设平台。\n(1)上线系统;\n(2)完善功能。(市发改委负责)\n2.招引项目。(市商务局负责)\n")
    assert measure(q, 1)["text"] == "建设平台。(1)上线系统;(2)完善功能。" and units(q, 2) == [("市商务局", "sole")]


def test_a_skipped_number_is_refused_in_strict_mode_and_a_finding_in_lenient_mode():
    text = HEAD + "1.建设平台。(市发改委负责)\n3.招引项目。(市商务局负责)\n"
    p = parse(text, strict=False)
    assert measure(p, 2)["written"] == "3"
    [f] = p.findings
    assert f.kind == "numbering" and f.line == 4
    with pytest.raises(PlanParseError, match="skips a number") as e:  # a measure may be lost: no smaller graph
        parse(text)
    assert e.value.line == 4


# ---- 4. task tables: text, csv, xlsx, docx -----------------------------------------------------

HEADER = ["序号", "重点工作", "责任领导", "责任单位", "完成时限"]
ROWS = [["1", "建设算力中心,数据中心机架数达到3000个以上。", "张三", "市发改委、市大数据局", "6月底前"],
        ["2", "推进5G网络建设。", "李四", "市经信局", "2024年9月底前"]]
EXPECTED = {1: [("市发改委", "lead"), ("市大数据局", "co")], 2: [("市经信局", "sole")]}


def _same_as_prose(p: ParsedPlan) -> None:
    assert p.year == 2024
    assert {n: units(p, n) for n in (1, 2)} == EXPECTED
    dues = sorted((m.props["measure"], m.props["due"]) for m in p.nodes if m.label == "Milestone"
                  and m.props["measure"] in (1, 2))
    assert dues == [(1, "2024-06-30"), (2, "2024-09-30")]
    assert measure(p, 1)["leaders"] == "张三"
    targets = [t.props["value"] for t in p.nodes if t.label == "Target"]
    assert targets == [3000.0]


def _text_table(sep: str) -> str:
    return "\n".join(["衢州市2024年重点工作任务分工表", sep.join(HEADER), *(sep.join(r) for r in ROWS)]) + "\n"


@pytest.mark.parametrize("style", ["tabs", "pipes", "markdown", "cells", "aligned"])
def test_text_tables(tmp_path, style):
    if style == "tabs":
        text = _text_table("\t")
    elif style == "pipes":
        text = _text_table(" | ")
    elif style == "markdown":
        lines = _text_table("|").split("\n")
        text = "\n".join([lines[0], f"|{lines[1]}|", "|" + "---|" * 5] + [f"|{ln}|" for ln in lines[2:] if ln])
    elif style == "cells":  # one cell per line, as some sites publish tables
        text = "衢州市2024年重点工作任务分工表\n" + "".join(f"{c} |\n" for row in [HEADER, *ROWS] for c in row)
    else:
        text = _text_table("    ")
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    _same_as_prose(read_plan(path))


def test_wrapped_rows_of_a_text_table_go_on_in_the_task_cell(tmp_path):
    text = ("衢州市2024年重点工作任务分工表\n序号\t重点工作\t责任领导\t责任单位\t完成时限\n"
            "1\t建设算力中心,数据中心机架数\t张三\t市发改委、市大数据局\t6月底前\n\t达到3000个以上。\n"
            "2\t推进5G网络建设。\t李四\t市经信局\t2024年9月底前\n")
    (tmp_path / "plan.txt").write_text(text, encoding="utf-8")
    _same_as_prose(read_plan(tmp_path / "plan.txt"))


def test_csv_and_its_positions(tmp_path):
    path = tmp_path / "分工表.csv"
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f).writerows([["衢州市2024年重点工作任务分工表"], HEADER, *ROWS])
    _same_as_prose(read_plan(path))
    rows = [["衢州市2024年重点工作任务分工表"], HEADER, ROWS[0], ["2", "推进5G网络建设。", "李四", "", ""]]
    with path.open("w", newline="", encoding="gb18030") as f:  # also saved as GBK
        csv.writer(f).writerows(rows)
    with pytest.raises(PlanParseError, match=r"分工表\.csv: row 4, column 1 \(序号\): measure 2 has no "
                                             r"responsibility list"):
        read_plan(path)


def test_xlsx_with_merged_cells(tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.append(["衢州市2024年重点工作任务分工表"])
    ws.append(HEADER)
    for r in ROWS:
        ws.append(r)
    ws.append(["3", "优化数字环境。", "李四", None, "年底前"])
    ws.merge_cells("D4:D5")  # rows 2 and 3 share one 责任单位 cell
    path = tmp_path / "plan.xlsx"
    wb.save(path)
    p = read_plan(path)
    _same_as_prose(p)
    assert units(p, 3) == [("市经信局", "sole")]


def test_xlsx_errors_name_sheet_row_and_column(tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    wb.active.title = "任务"
    wb.active.append(HEADER)
    wb.active.append(["1", "建设平台。", "张三", "", "6月底前"])
    path = tmp_path / "plan.xlsx"
    wb.save(path)
    with pytest.raises(PlanParseError, match=r"sheet 任务 row 2, column 1 \(序号\)"):
        read_plan(path, year=2024)
    (tmp_path / "bad.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(Exception, match=r"bad\.xlsx: cannot open as \.xlsx"):
        read_plan(tmp_path / "bad.xlsx")


def test_docx_table_and_docx_paragraphs(tmp_path):
    import docx
    d = docx.Document()
    d.add_paragraph("衢州市2024年重点工作任务分工表")
    t = d.add_table(rows=0, cols=5)
    for row in [HEADER, *ROWS]:
        cells = t.add_row().cells
        for c, v in zip(cells, row, strict=True):
            c.text = v
    d.save(tmp_path / "table.docx")
    _same_as_prose(read_plan(tmp_path / "table.docx"))

    d = docx.Document()
    for line in ["衢州市2024年数字经济实施方案", "一、主要任务",
                 "1.建设算力中心。6月底前,数据中心机架数达到3000个以上。(市发改委、市大数据局负责)",
                 "2.推进5G网络建设。2024年9月底前完成。(市经信局负责)"]:
        d.add_paragraph(line)
    d.save(tmp_path / "prose.docx")
    p = read_plan(tmp_path / "prose.docx")
    assert {n: units(p, n) for n in (1, 2)} == EXPECTED
    d.add_paragraph("3.优化数字环境。")
    d.save(tmp_path / "prose.docx")
    with pytest.raises(PlanParseError, match=r"prose\.docx: paragraph 5, character 1: measure 3"):
        read_plan(tmp_path / "prose.docx")


def test_docx_with_word_automatic_numbering(tmp_path):
    import docx
    d = docx.Document()
    for line, style in [("衢州市2024年试点方案", None), ("一、主要任务", None),
                        ("建设平台。6月底前上线。(市发改委、市财政局负责)", "List Number"),
                        ("招引项目。(市商务局负责)", "List Number")]:
        d.add_paragraph(line, style=style)
    d.save(tmp_path / "numbered.docx")
    p = read_plan(tmp_path / "numbered.docx")  # the numbers exist only as Word list numbering
    assert (units(p, 1), units(p, 2)) == ([("市发改委", "lead"), ("市财政局", "co")], [("市商务局", "sole")])


@pytest.mark.parametrize("suffix", [".xls", ".doc", ".pdf"])
def test_old_formats_are_refused_in_one_line(tmp_path, suffix):
    path = tmp_path / f"plan{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0 binary")
    with pytest.raises(Exception, match=rf"plan\{suffix}: {suffix} files cannot be read: save the plan as"):
        read_plan(path)


# ---- 5. no silent loss ---------------------------------------------------------------------

def _first_difference(a: str, b: str) -> int:
    return next(i for i, (x, y) in enumerate(zip(a, b)) if x != y)


@pytest.mark.parametrize("damage,kind", [
    (lambda t: t.replace("按职责分工负责)\n", "按职责分工负责\n", 1), "no_unit"),          # dropped )
    (lambda t: t.replace("(市国资委〔衢控集团〕", "(市国资委〔衢控集团", 1), "brackets"),  # dropped 〕
    (lambda t: t.replace("加快完善招商", "加快(完善招商", 1), "brackets"),              # stray (
    (lambda t: t.replace("市发改委、市招商中心", "市发改委市招商中心", 1), "run_together"),  # lost 、
    (lambda t: t.replace("\n7.构建", "\n构建", 1), "merged_measures"),                  # number lost
    (lambda t: t.replace("\n7.构建", "\n7构建", 1), "merged_measures"),                 # dot lost
    (lambda t: t.replace("\n7.构建", "\n17.构建", 1), "numbering"),                     # number changed
])
def test_damage_is_refused_or_reported_with_its_position(damage, kind):
    text = damage(TEXT)
    at = _first_difference(text, TEXT)
    try:
        p = parse_plan(text, doc_id="q")
    except PlanParseError as e:  # refused: one line naming the place
        assert kind in ("no_unit", "numbering", *DAMAGE_KINDS) and "\n" not in str(e) and abs(e.offset - at) < 1500
        if kind in DAMAGE_KINDS:  # strict loads refuse what only damage produces; lenient ones report it
            found = [f for f in parse_plan(text, doc_id="q", strict=False).findings if f.kind == kind]
            assert found and min(abs(f.offset - at) for f in found) < 400
        return
    found = [f for f in p.findings if f.kind == kind]
    assert found and min(abs(f.offset - at) for f in found) < 400


def test_an_early_closing_heading_is_refused():
    at = TEXT.index("13.提升")
    with pytest.raises(PlanParseError, match="closing heading '工作保障' is followed by 14 more") as e:
        parse_plan(TEXT[:at] + "三、工作保障\n" + TEXT[at:], doc_id="q")
    assert e.value.offset == at
    lenient = parse_plan(TEXT[:at] + "三、工作保障\n" + TEXT[at:], doc_id="q", strict=False)
    assert "after_closing" in kinds(lenient)


def test_a_document_cut_at_a_measure_boundary_is_reported():
    p = parse_plan(TEXT[:TEXT.index("13.提升")], doc_id="q")
    assert kinds(p) == ["no_closing"] and "measure 12" in p.findings[0].message


def test_control_and_format_characters_never_reach_a_name():
    dirty = TEXT.replace("市经信局", "市\u202e经\x00信\u200b局\x1f", 1).replace("市发改委", "市发\ufeff改委", 1)
    p = parse_plan(dirty, doc_id="q")
    names = {n.key for n in p.nodes if n.label == "Department"}
    assert {"市经信局", "市发改委"} <= names and all(c.isprintable() for n in names for c in n)


def test_a_plan_in_traditional_characters_is_refused_not_misread():
    # 咸阳市2022年 工作要点, item 1 as republished in traditional script (newton.com.tw)
    text = ("一、堅持系統集成,推動審批全鏈條最佳化\n1.全面實施行政許可事項清單管理。依據國家和省行政許可事項清單,"
            "2022年10月底前編制並公布市、縣兩級行政許可事項清單。(市政府辦公室、市行政審批制度改革工作領導小組辦公室牽頭,"
            "市級各有關部門及各縣市區政府按職責分工負責)\n")
    with pytest.raises(PlanParseError, match="traditional characters") as e:
        parse(text)
    assert "\n" not in str(e.value) and "line 2:5" in str(e.value)  # 實, the first traditional-only character


# ---- 6. parameters and the plan year ----------------------------------------------------------

@pytest.mark.parametrize("year", ["1900", "2101", "-5"])
def test_year_outside_range_is_one_line(year):
    r = subprocess.run([sys.executable, "-m", "graph", "lint", "--year", year], capture_output=True, text=True,
                       cwd=ROOT)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "--year" in r.stderr and "1949-2100" in r.stderr


def test_year_from_deadlines_or_document_number():
    body = "一、主要任务\n1.建设平台。(市发改委负责)\n2.招引项目。2019年6月底前完成。(市商务局负责)\n"
    assert parse_plan("关于推进平台建设的通知\n" + body, doc_id="d").year == 2019
    assert parse_plan("关于推进平台建设的通知\n衢政办发〔2021〕3号\n" + body.replace("2019年", ""),
                      doc_id="d").year == 2021
    with pytest.raises(ValueError, match="outside 1949-2100"):
        parse_plan(body, doc_id="d", year=3000)


def test_lint_names_row_and_column_for_tables(tmp_path):
    from graph.model.dataset import sources_for
    from graph.model.lint import lint
    path = tmp_path / "分工表.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["衢州市2024年重点工作任务分工表"], HEADER,
                                 ["1", "建设算力中心。", "张三", "市发改委、市算力调度中心", "6月底前"]])
    lines = [str(f) for f in lint(sources_for([path]))]
    assert lines == [f"{path}: row 3, column 4 (责任单位) [unknown_unit] measure 1: unit '市算力调度中心' is not "
                     f"in units.csv (add it, or an alias)"]
