"""Property tests: re-wrapping, re-spacing and re-punctuating the plan leaves the graph unchanged.

Each test mutates the real plan text and compares the records with `span` removed (spans point
into the mutated text, so they must move; nothing else may).
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from hypothesis import given, settings, strategies as st

from loaders.plan import ParsedPlan, parse_plan

PLAN_FILE = Path(__file__).resolve().parents[1] / "data" / "quzhou-2024-business-environment-plan.txt"
TEXT = PLAN_FILE.read_text(encoding="utf-8")
DOC = "quzhou-2024-business-environment-plan"
SETTINGS = settings(max_examples=30, deadline=None)

HALF_TO_FULL = {"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", ".": "．"}
FULL_TO_HALF = {v: k for k, v in HALF_TO_FULL.items()}


def parse(text: str) -> ParsedPlan:
    return parse_plan(text, doc_id=DOC)


def without_spans(p: ParsedPlan) -> tuple:
    nodes = sorted((n.label, str(n.key), sorted((k, repr(v)) for k, v in n.props.items() if k != "span"))
                   for n in p.nodes)
    rels = sorted((r.type, str(r.start), str(r.end), sorted((k, repr(v)) for k, v in r.props.items()
                                                              if k != "span"))
                  for r in p.rels)
    return nodes, rels, [(f.kind, f.measure) for f in p.findings]


BASELINE = parse(TEXT)
EXPECTED = without_spans(BASELINE)

# Where a measure's words are: after its number marker, up to the end of its responsibility list.
_MARKER = re.compile(r"\d{1,2}[.．、]")
BODY_RANGES = []
for _n in BASELINE.nodes:
    if _n.label == "Measure":
        _a, _b = _n.props["span"]
        BODY_RANGES.append((_a + _MARKER.match(TEXT, _a).end() - _a, _b))
INSIDE = [i for a, b in BODY_RANGES for i in range(a + 1, b)]  # inserting before i stays inside
BODY_NEWLINES = [i for i in INSIDE if TEXT[i] == "\n"]
AFTER_DIGIT = [i for i in INSIDE if TEXT[i - 1].isdigit() and not TEXT[i].isdigit() and TEXT[i] not in ".．"]
SPACES_AFTER_DIGIT = [i for i in INSIDE if TEXT[i] == " " and TEXT[i - 1].isdigit()]
SWAPPABLE = [i for i, c in enumerate(TEXT) if c in HALF_TO_FULL or c in FULL_TO_HALF]


def insert_at(text: str, positions: set[int], piece: str) -> str:
    out, last = [], 0
    for i in sorted(positions):
        out += [text[last:i], piece]
        last = i
    return "".join(out) + text[last:]


def delete_at(text: str, positions: set[int]) -> str:
    return "".join(c for i, c in enumerate(text) if i not in positions)


def assert_same_graph(text: str) -> ParsedPlan:
    p = parse(text)
    assert without_spans(p) == EXPECTED
    return p


def assert_spans_valid(p: ParsedPlan, text: str) -> None:
    for rec in [*p.nodes, *p.rels]:
        a, b = rec.props["span"]
        assert 0 <= a <= b <= len(text)
    for r in p.rels:
        if r.type == "RESPONSIBLE_FOR":
            a, b = r.props["span"]
            written = unicodedata.normalize("NFKC", re.sub(r"\s", "", text[a:b]))
            assert written == r.start[1]


def test_baseline_has_body_newlines_to_remove():
    assert len(BODY_NEWLINES) == 6  # 专|项基金, 完|善, 线上线|下, 商会、|企业家, 跨|境, 建立|长效


@SETTINGS
@given(st.sets(st.sampled_from(INSIDE), max_size=40), st.sets(st.sampled_from(BODY_NEWLINES)))
def test_line_breaks_inside_measures_do_not_matter(add, remove):
    text = insert_at(delete_at(TEXT, remove), {i - sum(j < i for j in remove) for i in add - remove}, "\n")
    assert_spans_valid(assert_same_graph(text), text)


@SETTINGS
@given(st.sets(st.sampled_from(AFTER_DIGIT), max_size=40), st.sampled_from([" ", "  ", "\u3000"]),
       st.sets(st.sampled_from(SPACES_AFTER_DIGIT)))
def test_spaces_between_figures_and_units_do_not_matter(add, space, remove):
    text = insert_at(delete_at(TEXT, remove), {i - sum(j < i for j in remove) for i in add}, space)
    assert_spans_valid(assert_same_graph(text), text)


@SETTINGS
@given(st.sets(st.sampled_from(SWAPPABLE), max_size=200))
def test_half_and_full_width_punctuation_do_not_matter(swap):
    text = "".join((HALF_TO_FULL.get(c) or FULL_TO_HALF.get(c)) if i in swap else c
                   for i, c in enumerate(TEXT))
    assert_spans_valid(assert_same_graph(text), text)


def test_all_full_width_and_no_spaces_at_all():
    text = "".join(HALF_TO_FULL.get(c, c) for c in TEXT).replace(" ", "")
    assert_same_graph(text)


def test_windows_line_endings():
    assert_same_graph(TEXT.replace("\n", "\r\n"))
