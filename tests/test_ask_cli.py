"""`python -m graph ask`: the table's first line, one JSON object per answer or refusal, and several plans
given with --plan (the second one an illustrative fixture)."""
from __future__ import annotations

import json
from pathlib import Path

from graph.interface.cli import main
from graph.model.dataset import sources_for

SECOND = Path(__file__).parent / "fixtures" / "plans" / "second_plan_2025.txt"
BUNDLED = [str(p) for p in sources_for().plans]
TWO_PLANS = (*(a for p in BUNDLED for a in ("--plan", p)), "--plan", str(SECOND), "--backend", "embedded")


def run(capsys, *argv) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_table_keeps_its_first_line(capsys):
    code, out = run(capsys, "ask", "发改委牵头哪些举措", "--backend", "embedded")
    assert code == 0 and out.splitlines()[0] == "query: measures_led_by  params: department=市发改委"


def test_json_is_one_object_with_query_params_and_rows(capsys):
    code, out = run(capsys, "ask", "第9条举措的截止时间", "--format", "json", "--backend", "embedded")
    data = json.loads(out)
    assert code == 0 and data["query"] == "milestones_for_measure" and data["params"] == {"measure": 9}
    assert [r["due"] for r in data["rows"]] == ["2024-06-30", "2024-10-31"]  # 6月底前, 10月底前


def test_json_refusal_says_why_and_what_can_be_asked(capsys):
    code, out = run(capsys, "ask", "市发改局负责哪些举措", "--format", "json", "--backend", "embedded")
    data = json.loads(out)
    assert code == 1 and data["query"] is None and data["refusal"] == "unknown_name"
    assert data["suggestions"][0] == "市发改委" and "measures_for_department" in data["can_answer"]


def test_a_declined_table_has_no_query_line(capsys):
    code, out = run(capsys, "ask", "第30条由哪些部门负责", "--backend", "embedded")
    assert code == 1 and not out.startswith("query:")
    assert out.splitlines()[0] == "the plan has 26 measures (1–26); there is no measure 30"


def test_an_impossible_date_or_month_is_an_error(capsys):
    for question, says in (("13月有哪些任务到期", "there is no month 13 (13月)"),
                           ("截至2024-02-30哪些任务逾期", "2024-02-30 is not a date")):
        assert main(["ask", question, "--backend", "embedded"]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err == f"error: {says}\n"


def test_two_plans_a_shared_measure_number_asks_which_plan(capsys):
    code, out = run(capsys, "ask", "第3条谁牵头", *TWO_PLANS)
    assert code == 1 and "measure 3 is in 2 plans" in out and "2024年方案第3条" in out


def test_two_plans_the_named_plan_is_passed(capsys):
    code, out = run(capsys, "ask", "2025年方案第3条谁牵头", "--format", "json", *TWO_PLANS)
    data = json.loads(out)
    assert data["params"] == {"measure": 3, "plan": "second_plan_2025"}
    assert [(r["plan"], r["department"]) for r in data["rows"]] == [("second_plan_2025", "市发改委")]
