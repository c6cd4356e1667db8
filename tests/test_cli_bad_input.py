"""Bad input of every kind the CLI reads ends in one line naming the file and place (or the
parameter) and exit code 2: never a traceback, a guess or a silently smaller graph."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.interface.cli import main

ROOT = Path(__file__).resolve().parents[1]
LEDGER_TABLES = sorted(p.name for p in (ROOT / "data" / "chains").glob("*.csv"))


@pytest.fixture
def data(tmp_path) -> Path:
    """A private copy of the bundled data folder to break."""
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    return copy


def fails(capsys, *argv, names=()) -> str:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert code == 2, (code, err)
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in err, err
    for name in names:
        assert str(name) in lines[0], (name, lines[0])
    return lines[0]


def csv_files(data: Path) -> list[Path]:
    return [data / "units.csv", *(data / "chains" / t for t in LEDGER_TABLES)]


@pytest.mark.parametrize("which", ["units.csv", *LEDGER_TABLES])
def test_an_empty_table_file_is_an_error(data, capsys, which):
    path = next(p for p in csv_files(data) if p.name == which)
    path.write_bytes(b"")
    fails(capsys, "export", "--data", data, names=(path.name, "empty"))


@pytest.mark.parametrize("encoding, looks", [("gbk", "GBK"), ("utf-16-be", "")])  # with a BOM, UTF-16 is read
@pytest.mark.parametrize("which", ["units.csv", "enterprises.csv", "problems.csv"])
def test_a_table_not_in_utf8_names_the_file_and_the_byte(data, capsys, which, encoding, looks):
    path = next(p for p in csv_files(data) if p.name == which)
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    line = fails(capsys, "export", "--data", data, names=(path.name, "byte offset", "not UTF-8", looks))
    assert "codec can't decode" not in line


@pytest.mark.parametrize("content", [b"not a workbook", b"PK\x03\x04 truncated zip", b""])
def test_a_damaged_units_workbook_names_the_file(data, capsys, content):
    (data / "units.csv").unlink()
    (data / "units.xlsx").write_bytes(content)
    fails(capsys, "export", "--data", data, names=("units.xlsx",))


def test_a_damaged_ledger_workbook_names_the_file(data, capsys):
    (data / "chains" / "projects.csv").unlink()
    (data / "chains" / "projects.xlsx").write_bytes(b"PK\x03\x04 not really")
    fails(capsys, "export", "--data", data, names=("projects.xlsx", "not a readable Excel workbook"))


@pytest.mark.parametrize("name, content, words", [
    ("status.xlsx", b"junk", ("status.xlsx", "Excel")),
    ("status.xlsx", b"", ("status.xlsx", "empty")),
    ("status.csv", b"", ("status.csv", "empty")),
    ("status.csv", "item,status\n9,已完成\n".encode("gbk"), ("status.csv", "byte offset")),
    ("status.csv", b"id,state\n9,done\n", ("status.csv", "item,status")),
])
@pytest.mark.parametrize("command", [["analyze"], ["query", "overdue_milestones", "--param", "as_of=2024-07-15",
                                                   "--backend", "embedded"]])
def test_a_bad_status_file_names_the_file(tmp_path, capsys, name, content, words, command):
    path = tmp_path / name
    path.write_bytes(content)
    fails(capsys, *command, "--status", path, names=words)


def test_a_status_workbook_is_read(tmp_path, capsys):
    from openpyxl import Workbook
    wb = Workbook()
    wb.active.append(["item", "status"])
    wb.active.append([9, "done"])
    wb.active.append(["M5-D1", "已完成"])
    path = tmp_path / "status.xlsx"
    wb.save(path)
    assert main(["query", "overdue_milestones", "--param", "as_of=2024-12-31", "--backend", "embedded",
                 "--status", str(path), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert '"M5-D1"' not in out and '"M9-D1"' not in out


@pytest.mark.parametrize("argv, words", [
    (["query", "departments_for_measure", "--param", "measure=999999999999999999999"], ("measure", "out of range")),
    (["query", "departments_for_measure", "--param", "measure=九"], ("measure", "expects int")),
    (["query", "departments_for_measure", "--param", "measure"], ("--param", "KEY=VALUE")),
    (["query", "departments_for_measure"], ("needs --param measure",)),
    (["query", "departments_for_measure", "--param", "measure=9", "--param", "colour=red"], ("colour",)),
    (["query", "overdue_milestones", "--param", "as_of=2024-13-40"], ("as_of",)),
    (["query", "departments_for_mesure"], ("did you mean departments_for_measure",)),
    (["query", "busiest_in_month", "--param", "month=6", "--param", "limit=-1"], ("limit", "0 or more")),
    (["whatif", "--remove-unit", "市发改局"], ("市发改局", "did you mean", "市发改委")),
    (["whatif", "--remove-enterprise", "no-such-firm"], ("no-such-firm",)),
    (["analyze", "--format", "xlsx"], ("--out",)),
    (["export", "--format", "csv"], ("--out",)),
])
def test_bad_parameters_name_the_parameter(capsys, argv, words):
    if argv[0] == "query":
        argv = [*argv, "--backend", "embedded"]
    fails(capsys, *argv, names=words)


@pytest.mark.parametrize("argv", [["load-neo4j", "--batch-size", "0"], ["analyze", "--top", "-1"],
                                  ["analyze", "--min-milestones", "0"], ["cypher", "RETURN 1", "--timeout", "0"]])
def test_option_values_out_of_range_are_refused_by_the_parser(capsys, argv):
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 2 and "Traceback" not in capsys.readouterr().err


def test_paths_that_cannot_be_used_name_the_path(tmp_path, capsys):
    fails(capsys, "export", "--format", "json", "--out", tmp_path, names=(tmp_path, "directory"))
    fails(capsys, "export", "--data", tmp_path / "missing", names=(tmp_path / "missing",))
    fails(capsys, "export", "--plan", tmp_path, names=(tmp_path,))
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    fails(capsys, "analyze", "--format", "xlsx", "--out", blocker / "report.xlsx", names=(blocker,))
