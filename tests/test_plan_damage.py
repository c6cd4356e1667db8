"""Plan files as copies damage them: harmless damage (encodings with a byte-order mark, line ends,
invisible characters, full-width forms, a PDF's page numbers and running headers, straight quotes)
gives exactly the graph of the clean plan; the rest is refused in one line naming the file and the
place (line:col, byte offset), exit code 2 from the CLI, never a traceback or a smaller graph."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from graph.interface.cli import main
from loaders.plan import PlanParseError, parse_plan, read_plan

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "data" / "quzhou-2024-business-environment-plan.txt"
TEXT = PLAN.read_text(encoding="utf-8")
DOC = PLAN.stem


def graph_of(p) -> tuple:
    nodes = sorted((n.label, str(n.key), sorted((k, repr(v)) for k, v in n.props.items() if k != "span"))
                   for n in p.nodes)
    rels = sorted((r.type, str(r.start), str(r.end), sorted((k, repr(v)) for k, v in r.props.items() if k != "span"))
                  for r in p.rels)
    return nodes, rels


CLEAN = graph_of(parse_plan(TEXT, doc_id=DOC))
# Line breaks inside measures (where a PDF's page may end): after "专" in 专项基金, and so on.
BREAKS = sorted(TEXT.index(w) + 1 for w in ("专\n项基金", "线上线\n下", "跨\n境"))
LINE_START = TEXT.index("10.持续深化")
CUT = next(i for i in range(5000, 6000) if TEXT.encode("utf-8")[i] >= 0xe0) + 1  # inside a character


def _pages(form: str, header: str | None = None) -> str:
    text = TEXT
    for k, i in reversed(list(enumerate(sorted([*BREAKS, LINE_START]), start=2))):
        piece = form.format(n=k, m=9) + (f"\n{header}" if header else "")
        text = text[:i] + (piece + "\n" if text[i - 1] == "\n" else "\n" + piece + "\n") + text[i:]
    return text


@pytest.mark.parametrize("form", ["— {n} —", "-{n}-", "- {n} -", "－{n}－", "–{n}–", "第{n}页", "第 {n} 页 共 {m} 页",
                                  "共{m}页 第{n}页", "{n}/{m}", "{n}", "Page {n} of {m}"])
def test_page_numbers_of_a_pdf_copy_leave_the_graph_as_it_was(form):
    assert graph_of(parse_plan(_pages(form), doc_id=DOC)) == CLEAN


@pytest.mark.parametrize("header", ["衢州市人民政府办公室", "衢州市2024年营商环境优化提升实施方案"])
def test_running_headers_at_page_breaks_are_dropped(header):
    assert graph_of(parse_plan(_pages("— {n} —", header), doc_id=DOC)) == CLEAN


def test_a_header_repeated_without_page_numbers_is_dropped_when_it_names_a_document():
    text = TEXT
    for i in sorted([*BREAKS, LINE_START], reverse=True):
        text = text[:i] + ("" if text[i - 1] == "\n" else "\n") + "衢州市人民政府办公室文件\n" + text[i:]
    assert graph_of(parse_plan(text, doc_id=DOC)) == CLEAN


def test_a_single_bare_number_on_a_line_is_not_taken_for_a_page():
    text = TEXT[:BREAKS[0]] + "\n7\n" + TEXT[BREAKS[0]:]  # one number alone: words, not a page sequence
    assert graph_of(parse_plan(text, doc_id=DOC)) != CLEAN


@pytest.mark.parametrize("damage", [
    lambda t: t.replace("“", '"').replace("”", '"'),                              # smart quotes lost
    lambda t: t.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789%+X"}),   # full-width figures
    lambda t: t.replace("市", "市\u200b", 40).replace("局", "局\u00ad", 30),        # zero-width space, soft hyphen
    lambda t: t.replace("、", "、\ufeff", 25).replace("。", "。\u00a0", 25),         # BOM mid-file, NBSP
    lambda t: "\n".join("\u3000\u3000" + ln for ln in t.split("\n")),            # ideographic indents
    lambda t: t.replace("\n", "\r"),                                              # old Mac line ends
])
def test_word_artefacts_leave_the_graph_as_it_was(damage):
    assert graph_of(parse_plan(damage(TEXT), doc_id=DOC)) == CLEAN


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8-sig"), lambda t: t.encode("utf-16"), lambda t: t.encode("utf-32"),
    lambda t: b"\xfe\xff" + t.encode("utf-16-be"), lambda t: t.encode("utf-8").replace(b"\n", b"\r\n"),
])
def test_encodings_a_byte_order_mark_names_are_read(tmp_path, encode):
    path = tmp_path / PLAN.name
    path.write_bytes(encode(TEXT))
    assert graph_of(read_plan(path)) == CLEAN


@pytest.mark.parametrize("data, words", [
    (TEXT.encode("gbk"), ("GBK", "byte offset 0", "line 1:1")),
    (TEXT.encode("utf-16-le"), ("UTF-16 without a byte-order mark",)),
    (TEXT.encode("utf-8")[:CUT], ("truncated", f"byte offset {CUT - 1}")),
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(100), ("zip archive", ".docx")),
    (b"%PDF-1.7\n" + bytes(100), ("PDF",)),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), (".doc",)),
])
def test_bytes_that_are_not_utf8_text_are_named(tmp_path, data, words):
    path = tmp_path / PLAN.name
    path.write_bytes(data)
    with pytest.raises(PlanParseError) as e:
        read_plan(path)
    assert "\n" not in str(e.value) and str(path) in str(e.value)
    for w in words:
        assert w in str(e.value)


@pytest.mark.parametrize("encoding", ["gbk", "cp1252"])
@pytest.mark.parametrize("whole", [True, False])
def test_mojibake_is_refused_where_it_starts(encoding, whole):
    a, b = TEXT.index("9.持续优化"), TEXT.index("10.持续深化")
    if whole:
        a, b = 0, len(TEXT)
    text = TEXT[:a] + TEXT[a:b].encode("utf-8").decode(encoding, errors="replace") + TEXT[b:]
    with pytest.raises(PlanParseError, match="mojibake") as e:
        parse_plan(text, doc_id=DOC)
    assert a <= e.value.offset < a + 40


def test_a_replacement_character_is_refused_with_its_line():
    at = TEXT.index("市发改委")
    with pytest.raises(PlanParseError, match="U\\+FFFD") as e:
        parse_plan(TEXT[:at + 1] + "\ufffd" + TEXT[at + 2:], doc_id=DOC)
    assert e.value.offset == at + 1


@pytest.mark.parametrize("damage", [
    lambda t: t.replace("\n10.持续深化", "\n持续深化", 1),                       # a number lost
    lambda t: t[:t.index("10.持续深化")] + t[t.index("11."):],                    # a measure cut out
    lambda t: t.replace("10.持续深化", "11.持续深化", 1),                         # a number changed
    lambda t: t.replace("市发改委、市招商中心", "市发改委市招商中心", 1),          # a separator lost
])
def test_damage_that_would_shrink_the_graph_is_refused(damage):
    with pytest.raises(PlanParseError) as e:
        parse_plan(damage(TEXT), doc_id=DOC)
    assert "\n" not in str(e.value) and "line " in str(e.value)


def _docx_bytes() -> bytes:
    import docx
    doc = docx.Document()
    for line in TEXT.split("\n"):
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _other_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "衢州")
    return buf.getvalue()


@pytest.mark.parametrize("make, words", [
    (lambda good: good[:len(good) // 2], ("cut off",)),
    (lambda good: _other_zip(), ("zip archive of other files",)),
    (lambda good: TEXT.encode("utf-8"), ("text file",)),
    (lambda good: b"", ("empty",)),
])
def test_a_damaged_docx_is_refused_by_the_cli_in_one_line(tmp_path, capsys, make, words):
    good = _docx_bytes()
    path = tmp_path / (DOC + ".docx")
    path.write_bytes(good)
    assert main(["export", "--plan", str(path), "--format", "json", "--out", str(tmp_path / "g.json")]) == 0
    capsys.readouterr()
    path.write_bytes(make(good))
    assert main(["export", "--plan", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("error: ") and str(path) in err, err
    for w in words:
        assert w in err


def test_the_cli_reads_a_pdf_copy_in_utf16_as_the_clean_plan(tmp_path, capsys):
    def export(path: Path) -> dict:
        out = tmp_path / "g.json"
        assert main(["export", "--plan", str(path), "--format", "json", "--out", str(out)]) == 0
        g = json.loads(out.read_text(encoding="utf-8"))
        return {k: sorted(json.dumps({p: v for p, v in x.items() if p != "span"}, sort_keys=True) for x in xs)
                for k, xs in g.items()}
    damaged = tmp_path / "copy" / PLAN.name
    damaged.parent.mkdir()
    damaged.write_bytes(_pages("— {n} —", "衢州市人民政府办公室").replace("\n", "\r\n").encode("utf-16"))
    assert export(damaged) == export(PLAN)
