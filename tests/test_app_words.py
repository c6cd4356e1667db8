"""What an officer reads on a first session, in both languages: every UI word exists in 中文 and
English; in English no page, page name, heading, label or note is Chinese except the data's own
values (names, titles, plan wording); plan-diff and query words are words, not codes; every table
and heatmap says why it is empty. Run on the bundled data, on a folder with a second plan and on one
holding only another city's plan and no chain ledgers."""
from __future__ import annotations

import ast
import html
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.i18n import LANGS, STRINGS
from app.main import PAGES
from tests.fixtures.two_plan_folder import two_plan_folder
from tests.test_app import APP, _apptest_tmpdir  # noqa: F401  (the fixture cleans AppTest's temp dir)

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def test_every_ui_word_has_chinese_and_english():
    for key, (zh, en) in STRINGS.items():
        assert CJK.search(zh), (key, zh)
        # English shows Chinese only in a label meant to be read in both languages ("语言 / Language")
        for run in CJK.findall(en):
            assert run in zh and re.search(r"[A-Za-z]{3}", en), (key, en)


def test_every_named_query_has_words_in_both_languages():
    from app.query_words import QUERY_WORDS, param_label
    from graph.named.catalogue import load_catalogue
    catalogue = load_catalogue()
    assert set(QUERY_WORDS) == set(catalogue)
    for name, (zh, en, zh_desc) in QUERY_WORDS.items():
        assert CJK.search(zh) and CJK.search(zh_desc) and not CJK.search(en), name
    for query in catalogue.values():
        for p in query.params:
            assert CJK.search(param_label(p.name, "zh")) and not CJK.search(param_label(p.name, "en")), p.name


def test_every_plan_diff_code_is_a_word():
    from graph.analysis import plan_diff
    from graph.present.words import cell
    source = Path(plan_diff.__file__).read_text(encoding="utf-8")
    changes = set(re.findall(r'\bchange\("(\w+)"', source))
    statuses = set(plan_diff.PlanDiff([], [], [], []).counts())  # the statuses a measure pair can have
    assert len(changes) >= 10 and len(statuses) >= 4
    for column, codes in (("change", changes), ("status", statuses)):
        for code in codes:
            zh, en = cell(column, code, "zh"), cell(column, code, "en")
            assert CJK.search(zh) and en != code and not CJK.search(en), (column, code)


def _calls(name: str):
    for path in sorted((ROOT / "app").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == name:
                yield path.name, node


def test_every_table_and_heatmap_says_why_it_is_empty():
    found = list(_calls("table")) + list(_calls("heatmap"))
    assert len(found) >= 20
    bare = [(f, n.lineno) for f, n in found if not any(k.arg == "empty" for k in n.keywords)]
    assert not bare, bare


# --- English mode, page by page ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    two = two_plan_folder(tmp_path_factory.mktemp("two"))
    other = tmp_path_factory.mktemp("other-city")  # another city's plan only: no units.csv rows, no chains
    shutil.copy(ROOT / "tests" / "corpus" / "lishui-2023-gov-report.txt", other)
    return {"bundled": None, "two plans": str(two), "another city": str(other)}


def _data_values(at) -> list[str]:
    """What the data itself says (node properties, plan text lines): Chinese allowed in English mode,
    as whole values, longest first; a word of the interface is never one."""
    ctx = at.session_state["_context"][1]
    values = set()
    for text in getattr(ctx.ds, "texts", {}).values():
        values |= {line.strip() for line in text.splitlines()}
    for _, d in ctx.g_all.nodes(data=True):
        for v in d.values():
            values |= {str(x).strip() for x in (v if isinstance(v, (list, tuple)) else [v])}
    return sorted((v for v in values if CJK.search(v)), key=len, reverse=True)


def _chinese_left(text: str, values: list[str], quotes: str) -> list[str]:
    """The Chinese in `text` once the data values in it are taken out; an excerpt of a plan text
    ("…words…") is data as a whole."""
    if not CJK.search(text) or (text.startswith("…") and text.strip("…") in quotes):
        return []
    for v in values:
        if v in text:
            text = text.replace(v, " ")
            if not CJK.search(text):
                return []
    return CJK.findall(text)


def _shown(at) -> list[tuple[str, str]]:
    """(where, text) for every heading, note, label and choice the page shows."""
    out = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning", "error", "success"):
        out += [(kind, e.value) for e in getattr(at, kind)]
    out += [("metric", m.label) for m in at.metric]
    for kind in ("selectbox", "multiselect", "radio", "toggle", "text_input", "date_input", "number_input",
                 "checkbox", "button", "tabs", "expander"):
        for w in getattr(at, kind):
            out.append((kind, getattr(w, "label", "")))
            out += [(f"{kind} option", str(o)) for o in (getattr(w, "options", None) or [])]
    for frame in at.dataframe:
        out += [("column", str(c)) for c in frame.value.columns]
    return out


# Chinese an English label keeps on purpose: the language names, "语言 / Language", "节点 3 个 / 3 nodes"
BILINGUAL = set(LANGS.values()) | {run for zh, en in STRINGS.values() for run in CJK.findall(en) if run in zh}


@pytest.mark.parametrize("name", ["bundled", "two plans", "another city"])
def test_english_pages_show_chinese_only_as_data(folders, name):
    at = AppTest.from_file(str(APP), default_timeout=60)
    if folders[name]:
        at.session_state["data_dir"] = folders[name]
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    # the sidebar's page names, from the very first screen of an English link (AppTest keeps the
    # pages st.navigation registered)
    nav = [p.get("page_name", "") for p in at._registered_pages.values()]
    assert len(nav) == len(PAGES) and not any(CJK.search(p) for p in nav), nav
    values = _data_values(at)
    ctx = at.session_state["_context"][1]
    quotes = "\n".join(x.replace("\n", " ") for x in getattr(ctx.ds, "texts", {}).values())
    bad, seen = [], 0
    for file, *_ in PAGES:
        at.switch_page(f"app/pages/{file}").run()
        assert not at.exception, (file, [e.value for e in at.exception])
        for where, text in _shown(at):
            seen += 1
            text = html.unescape(re.sub(r"<[^>]+>", "", text))  # markup around a value
            bad += [(file, where, run, text[:80]) for run in _chinese_left(text, values, quotes) if run not in BILINGUAL]
    assert seen > 100

    assert not bad, bad[:15]


@pytest.mark.parametrize("name", ["bundled", "two plans"])
def test_chinese_pages_label_nothing_with_a_bare_english_word(folders, name):
    """In Chinese, no heading, label, metric or column is a bare English word or code ("month", "same",
    "target_changed"); ids may follow a Chinese name ("产业链缺口 · chain_gaps")."""
    from graph.present.words import is_code
    at = AppTest.from_file(str(APP), default_timeout=60)
    if folders[name]:
        at.session_state["data_dir"] = folders[name]
    at.run()
    bad = []
    for file, *_ in PAGES:
        at.switch_page(f"app/pages/{file}").run()
        assert not at.exception, (file, [e.value for e in at.exception])
        for where, text in _shown(at):
            if where.endswith("option") or where in ("markdown", "caption"):
                continue  # choices are data (names, numbers, plan ids); notes are checked in English above
            bare = re.sub(r"[（(][^)）]*[)）]|[\s:：·]+", "", text)
            if text and (is_code(text) or re.fullmatch(r"[A-Za-z_]+", bare or "")):
                bad.append((file, where, text))
    assert not bad, bad[:15]


def test_the_as_of_date_follows_a_new_folders_plan_year_unless_chosen(folders):
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert at.sidebar.date_input(key="as_of").value.year == 2024  # the bundled plan's year
    at.sidebar.text_input(key="data_dir").set_value(folders["another city"]).run()
    assert at.sidebar.date_input(key="as_of").value.year == 2023  # the Lishui plan's year
    import datetime as dt
    at.sidebar.date_input(key="as_of").set_value(dt.date(2023, 5, 1)).run()
    at.sidebar.text_input(key="data_dir").set_value("").run()
    assert at.sidebar.date_input(key="as_of").value == dt.date(2023, 5, 1)  # a chosen date stays while in range
