"""The tables officers keep (units.csv, the chain ledgers, progress files), damaged the ways real
spreadsheets are: harmless damage gives exactly the graph of the clean folder; the rest stops the CLI
with one line naming the file and the row (or byte), exit code 2, never a traceback or a smaller graph."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from graph.interface.cli import main

ROOT = Path(__file__).resolve().parents[1]
TABLES = ["units.csv", *sorted(p.name for p in (ROOT / "data" / "chains").glob("*.csv"))]


def path_of(data: Path, name: str) -> Path:
    return data / name if name == "units.csv" else data / "chains" / name


def _without_spans(o):
    if isinstance(o, dict):
        return {k: _without_spans(v) for k, v in o.items() if k != "span"}
    if isinstance(o, list):
        return [_without_spans(v) for v in o]
    return o


def graph(data: Path, tmp: Path, capsys) -> dict:
    out = tmp / "graph.json"
    code = main(["export", "--data", str(data), "--format", "json", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    return _without_spans(json.loads(out.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("clean")
    out = tmp / "graph.json"
    assert main(["export", "--data", str(ROOT / "data"), "--format", "json", "--out", str(out)]) == 0
    return _without_spans(json.loads(out.read_text(encoding="utf-8")))


@pytest.fixture
def data(tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    return copy


def refused(capsys, data: Path, *names) -> str:
    code = main(["export", "--data", str(data)])
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in err, err
    for name in names:
        assert name in lines[0], (name, lines[0])
    return lines[0]


def rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write(path: Path, records, *, delimiter=",", encoding="utf-8", newline="\r\n") -> None:
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=delimiter, lineterminator=newline).writerows(records)
    path.write_bytes(buf.getvalue().encode(encoding))


# ---- harmless: the same graph ------------------------------------------------------------------

def _bom(p):
    p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes())


def _utf16_tabs(p):  # Excel's "Unicode text": UTF-16 with a BOM, cells between tabs
    write(p, rows(p), delimiter="\t", encoding="utf-16")


def _semicolons(p):  # Excel with European list separators
    write(p, rows(p), delimiter=";")


def _cr_only(p):
    write(p, rows(p), newline="\r")


def _trailing_blank_rows_and_columns(p):
    write(p, [r + ["", ""] for r in rows(p)] + [[""] * (len(rows(p)[0]) + 2)] * 3)


def _stray_spaces(p):
    write(p, [[f" {c}\u00a0" if c else c for c in r] for r in rows(p)])


def _zero_width(p):
    write(p, [[c[:1] + "\u200b" + c[1:] + "\ufeff" if c else c for c in r] for r in rows(p)])


def _title_row(p):
    write(p, [["衢州市产业链台账（2024年）"], *rows(p)])


HARMLESS = {f.__name__.lstrip("_"): f for f in (_bom, _utf16_tabs, _semicolons, _cr_only,
                                                _trailing_blank_rows_and_columns, _stray_spaces, _zero_width,
                                                _title_row)}


@pytest.mark.parametrize("damage", sorted(HARMLESS))
@pytest.mark.parametrize("which", ["units.csv", "enterprises.csv", "projects.csv", "problems.csv"])
def test_harmless_damage_gives_the_same_graph(data, tmp_path, capsys, clean, damage, which):
    path = path_of(data, which)
    HARMLESS[damage](path)
    got = graph(data, tmp_path, capsys)
    if damage == "title_row":  # provenance names the sheet's rows, one lower now: the rest is the same
        got, want = _rows_moved(got, which, -1), clean
        assert got == want
    else:
        assert got == clean


def _rows_moved(g: dict, which: str, by: int) -> dict:
    import re

    def move(v):
        if isinstance(v, str) and re.fullmatch(rf"(?:chains/)?{re.escape(which)}:\d+", v):
            head, row = v.rsplit(":", 1)
            return f"{head}:{int(row) + by}"
        return v
    return {k: [{p: move(v) for p, v in x.items()} for x in xs] for k, xs in g.items()}


@pytest.mark.parametrize("written", ["2024/2/26", "2024.2.26", "2024年2月26日", "2024-2-26", "2024-02-26 00:00:00",
                                     "２０２４－０２－２６"])
def test_dates_written_year_first_are_read(data, tmp_path, capsys, clean, written):
    path = path_of(data, "problems.csv")
    table = rows(path)
    at = table[0].index("raised")
    assert table[1][at] == "2024-02-26"
    table[1][at] = written
    write(path, table)
    assert graph(data, tmp_path, capsys) == clean


def test_a_workbook_with_a_merged_title_and_merged_cells_gives_the_same_graph(data, tmp_path, capsys, clean):
    from openpyxl import Workbook
    path = path_of(data, "segments.csv")
    table = rows(path)
    wb = Workbook()
    ws = wb.active
    ws.append(["衢州市产业链环节表"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(table[0]))
    for r in table:
        ws.append(r)
    chain = table[0].index("chain") + 1
    assert table[1][chain - 1] == table[2][chain - 1]  # two rows of one chain: Excel users merge them
    ws.cell(4, chain).value = None
    ws.merge_cells(start_row=3, start_column=chain, end_row=4, end_column=chain)
    path.unlink()
    wb.save(path.with_suffix(".xlsx"))
    got = json.loads(json.dumps(graph(data, tmp_path, capsys), ensure_ascii=False).replace("segments.xlsx:", "segments.csv:"))
    assert _rows_moved(got, "segments.csv", -1) == clean  # the title is row 1: rows are one lower


# ---- refused: one line naming the file and the place -----------------------------------------

def test_a_quote_never_closed_names_its_row(data, capsys):
    path = path_of(data, "enterprises.csv")
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[3] = lines[3].replace(",", ',"', 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    refused(capsys, data, "enterprises.csv", "row 4", "never closed")


def test_a_stray_quote_that_swallows_rows_names_its_row(data, capsys):
    path = path_of(data, "enterprises.csv")
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[3] = lines[3].replace(",", ',"', 1)
    lines[8] = lines[8].replace(",", '",', 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    refused(capsys, data, "enterprises.csv", "row 4", "whole rows")


@pytest.mark.parametrize("which", ["units.csv", "projects.csv"])
def test_a_row_with_a_cell_too_many_names_its_row(data, capsys, which):
    path = path_of(data, which)
    table = rows(path)
    table[5] = [table[5][0], "x", *table[5][1:]]
    write(path, table)
    refused(capsys, data, which, "row 6", "more cells than header")


@pytest.mark.parametrize("which", TABLES)
def test_a_file_cut_off_in_its_last_row_is_refused(data, capsys, which):
    path = path_of(data, which)
    text = path.read_text(encoding="utf-8").rstrip("\r\n")
    last = text.rsplit("\n", 1)[1]
    path.write_text(text[:len(text) - len(last) + last.index(",") + 1], encoding="utf-8")
    refused(capsys, data, which, "cut off", "row ")


@pytest.mark.parametrize("which", ["units.csv", "problems.csv"])
def test_a_file_cut_in_the_middle_of_a_character_is_refused(data, capsys, which):
    path = path_of(data, which)
    raw = path.read_bytes()
    cut = max(i for i in range(len(raw) - 1) if raw[i] >= 0xe0)  # the start of the last 3-byte character
    path.write_bytes(raw[:cut + 1])
    refused(capsys, data, which, "byte offset", "truncated")


def test_an_excel_date_serial_is_refused_with_its_row(data, capsys):
    path = path_of(data, "problems.csv")
    table = rows(path)
    table[2][table[0].index("raised")] = "45365"
    write(path, table)
    refused(capsys, data, "problems.csv", "row 3", "Excel date serial")


@pytest.mark.parametrize("content, words", [
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(64), ("zip",)),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), (".xls",)),
    (b"\x89PNG\r\n\x1a\n" + bytes(64), ("image",)),
])
def test_a_binary_file_named_csv_says_what_it_is(data, capsys, content, words):
    path_of(data, "projects.csv").write_bytes(content)
    refused(capsys, data, "projects.csv", *words)


def test_a_status_file_with_a_title_row_blank_rows_and_semicolons_is_read(tmp_path, capsys):
    path = tmp_path / "progress.csv"
    path.write_text("进度表\nitem;status\n9;已完成\n;\n\nM5-D1;done\n", encoding="utf-8")
    assert main(["query", "overdue_milestones", "--param", "as_of=2024-12-31", "--backend", "embedded",
                 "--status", str(path), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert '#M5-D1"' not in out and '#M9-D1"' not in out and '#M10-D1"' in out
    path.write_text("进度表\nitem;status\n9;已完成\n99;done\n", encoding="utf-8")
    assert main(["analyze", "--status", str(path)]) == 2
    line = capsys.readouterr().err.strip()
    assert "row 4" in line and "\n" not in line


@pytest.mark.parametrize("which", ["units.csv", "projects.csv"])
def test_a_header_naming_a_column_twice_is_refused(data, capsys, which):
    path = path_of(data, which)
    table = rows(path)
    table[0][1] = table[0][0]
    write(path, table)
    refused(capsys, data, which, "more than once")


def test_a_status_file_naming_a_column_twice_is_refused(tmp_path, capsys):
    path = tmp_path / "progress.csv"
    path.write_text("item,status,status\n9,done,已完成\n", encoding="utf-8")
    assert main(["analyze", "--status", str(path)]) == 2
    assert "more than once" in capsys.readouterr().err


def test_a_row_that_lost_a_cell_is_refused_once_and_one_without_optional_cells_is_read(data, tmp_path, capsys,
                                                                                       clean):
    path = path_of(data, "projects.csv")
    table = rows(path)
    write(path, [table[0], table[1][:5], *table[2:]])  # the first data row: its header keys stay whole
    line = refused(capsys, data, "projects.csv", "row 2", "a cell or a delimiter is lost")
    assert "missing column" not in line
    path = path_of(data, "segments.csv")
    table = rows(path)
    assert table[1][-1] == ""  # the last cell (reference) is empty: leaving it off loses nothing
    shutil.copy(ROOT / "data" / "chains" / "projects.csv", path_of(data, "projects.csv"))
    write(path, [table[0], table[1][:-1], *table[2:]])
    assert graph(data, tmp_path, capsys) == clean


def test_a_title_row_above_a_header_that_lacks_a_column_names_only_that_column(data, capsys):
    path = path_of(data, "projects.csv")
    table = rows(path)
    at = table[0].index("status")
    write(path, [["项目台账"], *([c for i, c in enumerate(r) if i != at] for r in table)])
    refused(capsys, data, "projects.csv", "row 2", "missing column 'status'")


def test_a_quoted_cell_with_a_line_break_is_one_cell(data, tmp_path, capsys, clean):
    path = path_of(data, "problems.csv")
    table = rows(path)
    at = table[0].index("description")
    table[1][at] = table[1][at][:4] + "\r\n" + table[1][at][4:]  # Alt+Enter in Excel: one cell, two lines
    write(path, table)
    got = graph(data, tmp_path, capsys)
    problem = next(n for n in got["nodes"] if n["label"] == "Problem" and n["key"] == table[1][0])
    assert problem["description"] == table[1][at].replace("\r\n", "\n")
    assert len(got["nodes"]) == len(clean["nodes"]) and len(got["edges"]) == len(clean["edges"])
