"""The command line: every command runs on the bundled data, takes --plan/--data, and fails in one line."""
from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from graph.interface.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "data" / "quzhou-2024-business-environment-plan.txt"
STYLES = ROOT / "tests" / "fixtures" / "plans"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_json_has_the_contract_shape(capsys):
    code, out, _ = run(capsys, "export", "--format", "json")
    data = json.loads(out)
    assert code == 0 and set(data) == {"nodes", "edges"}
    ids = {n["id"] for n in data["nodes"]}
    assert "Measure:quzhou-2024-business-environment-plan#M9" in ids and "Department:市住建局" in ids
    assert all({"id", "label"} <= set(n) for n in data["nodes"])
    assert all({"source", "target", "type"} <= set(e) for e in data["edges"])
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    lead9 = [e for e in data["edges"] if e["type"] == "RESPONSIBLE_FOR" and e["target"].endswith("#M9")
             and e["rank"] == 1]
    assert [e["source"] for e in lead9] == ["Department:市住建局"]


def test_export_graphml_reads_back(tmp_path, capsys):
    out = tmp_path / "plan.graphml"
    assert run(capsys, "export", "--format", "graphml", "--out", str(out))[0] == 0
    g = nx.read_graphml(out)
    assert g.nodes["Department:市国资委"]["kind"] == "government"
    assert json.loads(g.nodes["Measure:quzhou-2024-business-environment-plan#M3"]["span"])[0] > 0


def test_export_csv_has_neo4j_admin_headers(tmp_path, capsys):
    assert run(capsys, "export", "--format", "csv", "--out", str(tmp_path))[0] == 0
    with (tmp_path / "nodes_Measure.csv").open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert header[:2] == ["id:ID(Measure)", ":LABEL"] and "number:long" in header and "span:long[]" in header
    with (tmp_path / "rels_RESPONSIBLE_FOR.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == [":START_ID(Department)", ":END_ID(Measure)", ":TYPE"] and "rank:long" in rows[0]
    assert rows[1][0] == "市经信局" and rows[1][1].endswith("#M1")  # plain keys, not Label:key
    assert (tmp_path / "import.args").is_file() and (tmp_path / "manifest.json").is_file()
    assert len(rows) - 1 == 158


def test_export_csv_needs_a_folder(capsys):
    code, _, err = run(capsys, "export", "--format", "csv")
    assert code == 2 and "--out FOLDER" in err


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_query_formats(fmt, capsys):
    code, out, _ = run(capsys, "query", "departments_for_measure", "--param", "measure=9",
                       "--format", fmt, "--backend", "embedded")
    assert code == 0
    if fmt == "json":
        assert json.loads(out)[0] == {"measure": 9, "rank": 1, "department": "市住建局",
                                      "role": "lead", "kind": "government",
                                      "plan": "quzhou-2024-business-environment-plan"}
    elif fmt == "csv":
        assert out.splitlines()[:2] == ["measure,rank,department,role,kind,plan",
                                        "9,1,市住建局,lead,government,quzhou-2024-business-environment-plan"]
    else:
        assert "市住建局" in out and "(7 rows)" in out


def test_query_errors_are_one_line(capsys):
    code, _, err = run(capsys, "query", "no_such_query", "--backend", "embedded")
    assert code == 2 and err.startswith("error: no query named") and err.count("\n") == 1
    code, _, err = run(capsys, "query", "departments_for_measure", "--param", "measure=nine",
                       "--backend", "embedded")
    assert code == 2 and "expects int" in err


def test_status_file_feeds_overdue(tmp_path, capsys):
    status = tmp_path / "status.csv"
    status.write_text("item,status\nM5,done\n10-1,done\n", encoding="utf-8")
    code, out, _ = run(capsys, "query", "overdue_milestones", "--param", "as_of=2024-06-01",
                       "--status", str(status), "--format", "json", "--backend", "embedded")
    rows = json.loads(out)
    assert code == 0
    # 4 月底前 (measure 5, 18) and 5 月底前 (measure 10, 16) are due before June; 5 and 10-1 are done.
    assert [(r["measure"], r["due"]) for r in rows] == [(18, "2024-04-30"), (16, "2024-05-31")]


@pytest.mark.parametrize(("lines", "says"), [
    ("item,status\nM27,done", "row 2: no loaded plan has measure 27"),
    ("item,status\nM5,done\n9-9,done", "row 3: no loaded plan has milestone 9 of measure 9"),
    ("item,status,plan\nM5,done,quzhou-2023", "row 2: plan 'quzhou-2023' is not loaded"),
])
def test_a_status_row_that_marks_nothing_is_refused_with_its_row(tmp_path, capsys, lines, says):
    status = tmp_path / "status.csv"
    status.write_text(lines + "\n", encoding="utf-8")
    for command in (["query", "overdue_milestones", "--param", "as_of=2024-06-01", "--backend", "embedded"],
                    ["analyze"]):
        code, out, err = run(capsys, *command, "--status", str(status))
        assert code != 0 and not out and str(status) in err and says in err, err


def test_a_bare_status_row_with_two_plans_loaded_must_say_which(tmp_path, capsys):
    from tests.fixtures.two_plan_folder import BUNDLED_ID, EDITED_ID, two_plan_folder
    (tmp_path / "data").mkdir()
    folder = two_plan_folder(tmp_path / "data")
    status = tmp_path / "status.csv"
    status.write_text("item,status,plan\nM5,done\n", encoding="utf-8")
    code, _, err = run(capsys, "analyze", "--data", str(folder), "--status", str(status))
    assert code != 0 and "row 2: measure 5 is in 2 loaded plans" in err and BUNDLED_ID in err and EDITED_ID in err
    status.write_text(f"item,status,plan\nM5,done,{EDITED_ID}\n", encoding="utf-8")
    code, _, _ = run(capsys, "analyze", "--data", str(folder), "--status", str(status), "--format", "json")
    assert code == 0


def test_ask_prints_query_params_and_answer(capsys):
    code, out, _ = run(capsys, "ask", "which departments touch measure 9", "--backend", "embedded")
    assert code == 0
    assert out.splitlines()[0] == "query: departments_for_measure  params: measure=9"
    assert "市住建局" in out


def test_ask_unmapped_lists_what_it_can_answer(capsys):
    code, out, _ = run(capsys, "ask", "what is the weather", "--backend", "embedded")
    assert code == 1 and "which departments touch measure 9" in out.lower()


def test_repeatable_plan_builds_from_given_files(capsys):
    styles = sorted(STYLES.glob("*.txt"))[:2]
    args = [a for p in styles for a in ("--plan", str(p))]
    code, out, _ = run(capsys, "export", *args)
    plans = [n for n in json.loads(out)["nodes"] if n["label"] == "Plan"]
    assert code == 0 and sorted(p["key"] for p in plans) == sorted(p.stem for p in styles)


def test_lint_reports_positions(tmp_path, capsys):
    text = PLAN.read_text(encoding="utf-8")
    broken = text.replace("(市市场监管局负责)", "(市质监局负责)").replace("8 月底前,实现\"二手房", "年内,实现\"二手房")
    plan = tmp_path / "plan.txt"
    plan.write_text(broken, encoding="utf-8")
    code, out, _ = run(capsys, "lint", "--plan", str(plan))
    offset = broken.index("市质监局")
    line = broken.count("\n", 0, offset) + 1
    assert code == 1
    assert re.search(rf"plan\.txt:{line}:\d+ \(offset {offset}\) \[unknown_unit\].*市质监局", out)


def test_lint_on_bundled_plan_is_clean(capsys):
    code, out, _ = run(capsys, "lint")
    assert (code, out.strip().splitlines()[-1]) == (0, "0 findings")


def test_bad_plan_is_one_line_and_nothing_loads(tmp_path, capsys):
    plan = tmp_path / "empty.txt"
    plan.write_text("   \n", encoding="utf-8")
    code, out, err = run(capsys, "export", "--plan", str(plan))
    assert code == 2 and out == "" and "empty.txt" in err


def _officer_data(tmp_path, investment: str) -> Path:
    """A copy of data/ whose 华金 project reports `investment` (as an officer's own ledger would)."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    projects = data / "chains" / "projects.csv"
    text = projects.read_text(encoding="utf-8")
    projects.write_text(text.replace(",huajin,ne-precursor,30,", f",huajin,ne-precursor,{investment},"),
                        encoding="utf-8")
    return data


def test_data_folder_option_uses_officer_ledgers(tmp_path, capsys):
    code, out, _ = run(capsys, "export", "--data", str(_officer_data(tmp_path, "31.5")))
    huajin = [n for n in json.loads(out)["nodes"] if n["id"] == "Project:prj-huajin-precursor"]
    assert code == 0 and huajin[0]["investment"] == 31.5


def test_data_folder_errors_name_file_and_row(tmp_path, capsys):
    code, out, err = run(capsys, "export", "--data", str(_officer_data(tmp_path, "thirty")))
    assert code == 2 and out == "" and "projects.csv row 3" in err and "investment" in err


def test_python_dash_m_entry_point():
    proc = subprocess.run([sys.executable, "-m", "graph", "queries"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0 and "departments_for_measure(measure:int, plan:str?)" in proc.stdout


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [c for c in COMMANDS if f"python -m graph {c}" not in readme]
    assert not missing, f"README lacks examples of: {missing}"


def test_analyze_writes_a_workbook_with_one_sheet_per_analysis(tmp_path, capsys):
    import pandas as pd

    from graph.analysis.report import SECTIONS
    out = tmp_path / "report.xlsx"
    code, _, err = run(capsys, "analyze", "--as-of", "2024-07-15", "--format", "xlsx", "--out", str(out))
    sheets = pd.read_excel(out, sheet_name=None)
    assert code == 0 and "wrote xlsx report" in err and len(sheets) == len(SECTIONS)
    assert sheets["workload"].iloc[0]["department"] in ("市营商办", "市市场监管局")


def test_analyze_rejects_a_bad_date(capsys):
    with pytest.raises(SystemExit):
        main(["analyze", "--as-of", "July"])
    assert "is not a date" in capsys.readouterr().err


def test_whatif_names_what_breaks(capsys):
    code, out, _ = run(capsys, "whatif", "--remove-enterprise", "巨化集团")
    assert code == 0 and "chains left without a leader firm (1): 新材料" in out
    code, out, _ = run(capsys, "whatif", "--remove-unit", "市市场监管局")
    assert code == 0 and "M12 优化工业产品管理制度 (no unit remains)" in out


def test_lint_reports_every_kind_with_its_position(capsys):
    plan = STYLES / "lead_markers.txt"
    text = plan.read_text(encoding="utf-8")
    code, out, _ = run(capsys, "lint", "--plan", str(plan))
    found = re.findall(r"^(.+?):(\d+):(\d+) \(offset (\d+)\) \[(\w+)\]", out, re.M)
    assert code == 1 and sorted(k for *_, k in found) == ["collective_only", "several_leads", "undated_deadline"]
    for _, line, col, offset, _ in found:  # line:col and offset name the same place
        offset = int(offset)
        assert text.count("\n", 0, offset) + 1 == int(line)
        assert offset - (text.rfind("\n", 0, offset) + 1) + 1 == int(col)
    undated = next(int(o) for *_, o, k in found if k == "undated_deadline")
    assert text[undated:].startswith("持续推进")
