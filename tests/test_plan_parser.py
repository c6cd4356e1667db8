"""Plan parser: errors name file, line:col and offset; lenient findings; spans; the graph builds."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.model.build import build_graph
from loaders.plan import Finding, PlanParseError, parse_plan, read_plan
from loaders.records import LoadError

PLAN_FILE = Path(__file__).resolve().parents[1] / "data" / "quzhou-2024-business-environment-plan.txt"
TEXT = PLAN_FILE.read_text(encoding="utf-8")
DOC = "quzhou-2024-business-environment-plan"
M4_UNITS = "(市财政局、市营商办、市经信局、市科技局、智造新城管委会、智慧新城管委会等部门按职责分工负责)"


def parse(text: str, **kw):
    return parse_plan(text, doc_id="q", file="plan.txt", **kw)


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def assert_names_place(err: PlanParseError, text: str, offset: int, file: str = "plan.txt") -> None:
    line, col = line_col(text, offset)
    msg = str(err)
    assert file in msg and f"line {line}:{col}" in msg and f"offset {offset}" in msg, msg
    assert (err.offset, err.line, err.col) == (offset, line, col)


# ---- errors ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "   \n\t\n\u3000 "])
def test_empty_text(text):
    with pytest.raises(PlanParseError, match="empty") as e:
        parse(text, year=2024)
    assert_names_place(e.value, text, 0)
    assert isinstance(e.value, LoadError) and isinstance(e.value, ValueError)


def test_no_measures():
    text = "一、工作目标\n全面实施营商环境优化提升工程。\n二、工作保障\n加强领导。\n"
    with pytest.raises(PlanParseError, match="expected numbered measures"):
        parse(text, year=2024)


def test_measure_without_unit_list_strict():
    text = TEXT.replace(M4_UNITS, "")
    with pytest.raises(PlanParseError, match="measure 4 has no responsibility list") as e:
        parse(text)
    assert_names_place(e.value, text, text.index("4.推动形成"))
    assert "expected" in str(e.value)


def test_measure_without_unit_list_lenient():
    p = parse(TEXT.replace(M4_UNITS, ""), strict=False)
    assert [(f.kind, f.measure) for f in p.findings] == [("no_unit", 4)]
    assert len([n for n in p.nodes if n.label == "Measure"]) == 26
    assert not [r for r in p.rels if r.type == "RESPONSIBLE_FOR" and r.end[1] == "q#M4"]


def test_truncated_in_the_middle_of_measure_20():
    text = TEXT[:TEXT.index("清理带有市场准入限制")]
    with pytest.raises(PlanParseError, match="measure 20 has no responsibility list.*truncated") as e:
        parse(text)
    assert_names_place(e.value, text, text.index("20.全面落实"))


def test_truncated_inside_the_unit_list():
    text = TEXT[:TEXT.index("市营商办等部门按职责分工负责)\n21.")]
    with pytest.raises(PlanParseError, match="truncated") as e:
        parse(text)
    assert_names_place(e.value, text, text.index("20.全面落实"))


def test_duplicate_measure_number():
    text = TEXT.replace("4.推动形成", "3.推动形成")
    with pytest.raises(PlanParseError, match=r"measure number 3 repeats.*expected measure 4") as e:
        parse(text)
    assert_names_place(e.value, text, text.index("3.推动形成"))


def test_missing_measure_number_is_refused_and_in_lenient_mode_a_finding():
    # a lost measure is never silent: strict loads (every command but lint) refuse it, lint reports it
    start, end = TEXT.index("3.用好用活"), TEXT.index("(二)聚焦育商")
    text = TEXT[:start] + TEXT[end:]
    with pytest.raises(PlanParseError, match="measure number 4 skips a number: expected measure 3"):
        parse(text)
    p = parse(text, strict=False)
    assert len([n for n in p.nodes if n.label == "Measure"]) == 25
    [f] = p.findings
    assert f.kind == "numbering" and "measure number 4 skips a number: expected measure 3" in f.message
    assert f.offset == text.index("4.推动形成")


def test_numbering_errors_are_findings_in_lenient_mode():
    text = TEXT.replace("4.推动形成", "3.推动形成")
    p = parse(text, strict=False)
    first, then = p.findings  # "3." repeats 3; "5." then follows 3
    assert (first.kind, first.offset) == ("numbering", text.index("3.推动形成"))
    assert "repeats an earlier number" in first.message and then.kind == "numbering"
    with pytest.raises(PlanParseError, match="repeats an earlier number"):
        parse(text)  # strict mode refuses a number that goes back


def test_year_required_in_strict_mode():
    text = "一、主要任务\n1.建设平台。6月底前,上线系统。(市发改委负责)\n"
    with pytest.raises(PlanParseError, match="year"):
        parse(text)
    lenient = parse(text, strict=False)
    assert lenient.year is None
    assert [f.kind for f in lenient.findings] == ["undated_deadline"]
    assert parse(text, year=2025).nodes[-1].props["due"] == "2025-06-30"


def test_bad_utf8(tmp_path):
    data = TEXT.encode("utf-8")
    bad_at = TEXT[:100].encode("utf-8").__len__()
    path = tmp_path / "broken-plan.txt"
    path.write_bytes(data[:bad_at] + b"\xff\xfe" + data[bad_at:])
    with pytest.raises(PlanParseError, match=rf"byte offset {bad_at}") as e:
        read_plan(path)
    assert str(path) in str(e.value) and "UTF-8" in str(e.value)
    assert (e.value.offset, (e.value.line, e.value.col)) == (100, line_col(TEXT, 100))  # characters


# ---- lenient findings ------------------------------------------------------------------------

def test_findings_carry_offsets_and_positions():
    text = ("衢州市2024年试点方案\n一、主要任务\n"
            "1.推进改革。长期坚持。(各有关部门、各县(市、区)政府负责)\n"
            "2.建设平台。(市发改委牵头,市财政局牵头)\n")
    p = parse(text, strict=False)
    kinds = [(f.kind, f.measure) for f in p.findings]
    assert kinds == [("undated_deadline", 1), ("collective_only", 1), ("no_lead", 1), ("several_leads", 2)]
    for f in p.findings:
        assert isinstance(f, Finding)
        assert (f.line, f.col) == line_col(text, f.offset)
    assert text[p.findings[0].offset:].startswith("长期坚持")


# ---- spans and the graph -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def plan():
    return read_plan(PLAN_FILE)


def test_read_plan_doc_id_defaults_to_stem(plan, tmp_path):
    assert plan.plan_id == DOC
    copy = tmp_path / "other.txt"
    copy.write_text(TEXT, encoding="utf-8")
    assert read_plan(copy).plan_id == "other"
    assert read_plan(copy, doc_id="x").plan_id == "x"


def test_every_record_has_source_and_span(plan):
    for rec in [*plan.nodes, *plan.rels]:
        assert rec.props["source"] == DOC
        a, b = rec.props["span"]
        assert 0 <= a <= b <= len(TEXT)


def test_unit_spans_show_the_name_as_written(plan):
    rels = [r for r in plan.rels if r.type == "RESPONSIBLE_FOR"]
    assert len(rels) == 158
    for r in rels:
        a, b = r.props["span"]
        assert TEXT[a:b] == r.start[1]


def test_milestone_and_target_spans(plan):
    for n in plan.nodes:
        a, b = n.props["span"]
        if n.label == "Milestone":
            assert TEXT[a:b].replace(" ", "") == n.props["raw"]
        elif n.label == "Target":
            written = TEXT[a:b].replace(" ", "")
            assert float(re.match(r"\d+(?:\.\d+)?", written).group(0)) == n.props["value"]
            assert n.props["unit"] in written
        elif n.label == "Measure":
            assert re.match(rf"{n.props['number']}\.", TEXT[a:b])
            assert TEXT[a:b].endswith(")")
        elif n.label == "Pillar":
            assert TEXT[a:b].startswith("(") and n.props["name"] in TEXT[a:b]


def test_measure_12_starts_mid_line(plan):
    m12 = next(n for n in plan.nodes if n.key == f"{DOC}#M12")
    a, _ = m12.props["span"]
    assert TEXT[a - 1] == ")" and TEXT[a:a + 3] == "12."
    assert "市贸促会" not in m12.props["text"]
    assert m12.props["units_text"] == "市市场监管局负责"


def test_measure_text_joins_broken_lines(plan):
    texts = {n.props["number"]: n.props["text"] for n in plan.nodes if n.label == "Measure"}
    assert "专项基金合作" in texts[3] and "完善工业生产许可证" in texts[12]
    assert "线上线下综合服务平台" in texts[13]
    assert all("\n" not in t for t in texts.values())


def test_no_false_targets(plan):
    targets = [n.props for n in plan.nodes if n.label == "Target"]
    values = {(t["value"], t["unit"]) for t in targets}
    assert (15.0, "分钟") not in values  # "15 分钟服务圈" names a service radius
    assert not any(t["value"] == 2015.0 for t in targets)  # "2015 年前" is a year
    assert not any(t["value"] == 3.0 and t["measure"] in (5, 9) and t["unit"] != "家" for t in targets)  # "3.0"
    assert all(t["comparator"] in (">=", "<=", "=") for t in targets)


def test_builds_into_a_graph(plan):
    g = build_graph(plan.nodes, plan.rels)
    assert g.nodes[f"Plan:{DOC}"]["year"] == 2024
    assert g.nodes["Department:衢控集团"]["kind"] == "soe"
    m9_units = {u for u, _, d in g.in_edges(f"Measure:{DOC}#M9", data=True) if d["type"] == "RESPONSIBLE_FOR"}
    assert len(m9_units) == 7


def test_empty_file_names_the_file(tmp_path):
    path = tmp_path / "empty-plan.txt"
    path.write_bytes(b"")
    with pytest.raises(PlanParseError, match="empty") as e:
        read_plan(path)
    assert str(path) in str(e.value) and "line 1:1 (offset 0)" in str(e.value)


def test_a_line_break_inside_a_word_does_not_make_a_city():
    from loaders.plan import _city
    text = "衢州市营商环境。衢州海关、衢州人。" + "加强市\n政公用服务价格监管。" * 5
    assert _city(None, text) == "衢州市"
