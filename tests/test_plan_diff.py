"""Plan diff on the bundled plan and a FIXTURE made by editing it (tests/fixtures/plans/quzhou-2025-edited.txt,
not a published plan). The edits, and so the expected changes, typed by hand:

- issue date 2023-12-20 -> 2024-12-18 (plan year 2025), index number changed;
- measure 12 (优化工业产品管理制度) deleted, so old 13-26 are new 12-25;
- measure 2: 熟地供应 4000 亩以上 -> 5000 亩以上;
- measure 5: 市委组织部 (first listed, so lead) dropped, 市经信局 appended: 市科技局 now leads;
- measure 9: 市住建局 and 市发改委 swapped (lead moves), 6 月底前 -> 9 月底前 for 水电气网接入;
- measure 20 (new 19): title 全面落实市场准入负面清单管理 -> 深入落实市场准入负面清单管理制度;
- a new measure 26 推进涉企服务增值化改革 at the end of the sixth pillar.
No published pair of yearly Quzhou plans with full responsibility lists was available to bundle.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.analysis.plan_diff import diff_plans
from graph.interface.cli import main
from graph.model.dataset import load_dataset, sources_for
from loaders.plan import parse_plan

ROOT = Path(__file__).resolve().parents[1]
OLD = ROOT / "data" / "quzhou-2024-business-environment-plan.txt"
NEW = ROOT / "tests" / "fixtures" / "plans" / "quzhou-2025-edited.txt"


@pytest.fixture(scope="module")
def pair():
    ds = load_dataset(sources_for([OLD, NEW]))
    return ds, diff_plans(*ds.plans)


def test_measures_are_matched_by_content_not_number(pair):
    _, d = pair
    assert d.counts() == {"same": 21, "changed": 4, "added": 1, "removed": 1}
    numbers = {(r["old_measure"], r["new_measure"]) for r in d.measures if r["status"] in ("same", "changed")}
    assert numbers == {(n, n) for n in range(1, 12)} | {(n, n - 1) for n in range(13, 27)}
    assert [(r["status"], r["old_measure"], r["new_measure"]) for r in d.measures
            if r["status"] in ("added", "removed")] == [("removed", 12, None), ("added", None, 26)]


def test_every_change_by_hand(pair):
    _, d = pair
    assert [(c["change"], c["old_measure"], c["new_measure"], c["old"], c["new"]) for c in d.changes] == [
        ("target_changed", 2, 2, "熟地供应 >= 4000亩", "熟地供应 >= 5000亩"),
        ("unit_added", 5, 5, None, "市经信局"),
        ("unit_removed", 5, 5, "市委组织部", None),
        ("lead_moved", 5, 5, "市委组织部", "市科技局"),
        ("lead_moved", 9, 9, "市住建局", "市发改委"),
        ("deadline_moved", 9, 9, "6月底前 (2024-06-30)", "9月底前 (2025-09-30)"),
        ("title_changed", 20, 19, "全面落实市场准入负面清单管理", "深入落实市场准入负面清单管理制度"),
        ("measure_added", None, 26, None, "推进涉企服务增值化改革"),
        ("measure_removed", 12, None, "优化工业产品管理制度", None)]


def test_each_change_points_at_its_words_in_both_texts(pair):
    ds, d = pair
    old_text, new_text = ds.texts[ds.plans[0].plan_id], ds.texts[ds.plans[1].plan_id]

    def said(text, span):
        return text[span[0]:span[1]] if span else None

    by = {(c["change"], c["old_measure"]): c for c in d.changes}
    target = by["target_changed", 2]
    assert said(old_text, target["old_span"]).startswith("4000") and said(new_text, target["new_span"]).startswith("5000")
    deadline = by["deadline_moved", 9]
    assert said(old_text, deadline["old_span"]) == "6 月底前" and said(new_text, deadline["new_span"]) == "9 月底前"
    assert said(old_text, by["unit_removed", 5]["old_span"]) == "市委组织部"
    assert said(new_text, by["unit_added", 5]["new_span"]) == "市经信局"
    lead = by["lead_moved", 9]
    assert said(old_text, lead["old_span"]) == "市住建局" and said(new_text, lead["new_span"]) == "市发改委"
    assert said(old_text, by["measure_removed", 12]["old_span"]).startswith("12.优化工业产品管理制度")
    assert by["measure_removed", 12]["new_span"] is None


def test_same_month_in_the_next_years_plan_is_no_move():
    """A deadline is compared within its plan year: 6 月底前 in a 2024 and in a 2025 plan is the same."""
    def plan(year, deadline, units):
        return parse_plan(f"成文日期: {year - 1}-12-20\n一、工作目标\n目标。\n二、工作举措\n(一)聚焦招商,做实服务\n"
                          f"1.优化项目服务。{deadline},完成专家库建设。({units}等部门按职责分工负责)\n",
                          doc_id=f"p{year}")
    same = diff_plans(plan(2024, "6 月底前", "市经信局、市发改委"), plan(2025, "6 月底前", "市经信局、市发改委"))
    assert same.changes == [] and same.counts()["same"] == 1
    moved = diff_plans(plan(2024, "6 月底前", "市经信局"), plan(2025, "8 月底前", "市经信局"))
    assert [(c["change"], c["old"], c["new"]) for c in moved.changes] == [
        ("deadline_moved", "6月底前 (2024-06-30)", "8月底前 (2025-08-31)")]


def test_a_reordered_plan_pairs_each_measure_with_itself():
    head = "成文日期: 2023-12-20\n一、工作目标\n目标。\n二、工作举措\n(一)聚焦招商,做实服务\n"
    a = "优化项目服务。建立重大项目代办机制。(市发改委负责)"
    b = "深化不动产登记改革。推进验登合一。(市资源规划局负责)"
    old = parse_plan(f"{head}1.{a}\n2.{b}\n", doc_id="old")
    new = parse_plan(f"{head}1.{b}\n2.{a}\n", doc_id="new")
    d = diff_plans(old, new)
    assert d.changes == []
    assert sorted((r["old_measure"], r["new_measure"]) for r in d.measures) == [(1, 2), (2, 1)]


def test_cli_diff_by_year_and_file(capsys, tmp_path):
    code = main(["diff", "2024", "2025", "--plan", str(OLD), "--plan", str(NEW), "--format", "json"])
    out = capsys.readouterr()
    assert code == 0
    report = json.loads(out.out)
    assert len(report["changes"]) == 9 and "21 same, 4 changed, 1 added, 1 removed" in out.err
    assert main(["diff", str(OLD), str(NEW), "--format", "xlsx", "--out", str(tmp_path / "d.xlsx")]) == 0
    from openpyxl import load_workbook
    assert load_workbook(tmp_path / "d.xlsx").sheetnames == ["measures", "changes"]


def test_cli_diff_unknown_plan_is_one_line(capsys):
    code = main(["diff", "2024", "2030", "--plan", str(OLD)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "plan '2030' matches no loaded plan; loaded: quzhou-2024-business-environment-plan (2024," in err


def test_an_uploaded_text_resolves_unit_aliases_like_the_dataset(pair):
    ds, _ = pair
    from graph.model.dataset import plan_from_text
    text = ("成文日期: 2024-12-20\n一、工作目标\n目标。\n二、工作举措\n(一)聚焦招商,做实服务\n"
            "1.强化要素保障。保证生产供水。(水利部门、市发改委等部门按职责分工负责)\n")
    parsed = plan_from_text(text, doc_id="draft", units=ds.units)
    assert [r.start[1] for r in parsed.rels if r.type == "RESPONSIBLE_FOR"] == ["市水利局", "市发改委"]
    with pytest.raises(ValueError, match="draft.txt: line 1"):
        plan_from_text("", doc_id="draft", units=ds.units, file="draft.txt")


def test_the_score_matrix_is_the_pairwise_similarity(pair):
    from graph.analysis.plan_diff import _similarities, _similarity, plan_side
    ds, _ = pair
    old, new = (plan_side(p).measures for p in ds.plans)
    matrix = _similarities(old, new)
    assert all(abs(matrix[i][j] - _similarity(a, b)) < 1e-9 for i, a in enumerate(old) for j, b in enumerate(new))
