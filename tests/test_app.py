"""The Streamlit app, page by page, with `streamlit.testing.v1.AppTest` on the bundled plan."""
from __future__ import annotations

import ast
import json
import re
import shutil
import sys
import types
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.i18n import STRINGS, t
from app.main import PAGES

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "streamlit_app.py"
M9 = "Measure:quzhou-2024-business-environment-plan#M9"  # the measures page picks measures by node id


@pytest.fixture(scope="module", autouse=True)
def _apptest_tmpdir():
    """AppTest keeps a module-level TemporaryDirectory; clean it explicitly so interpreter exit
    does not emit a ResourceWarning (warnings are errors here)."""
    yield
    from streamlit.testing.v1 import app_test
    app_test.TMP_DIR.cleanup()


def start(page: str | None = None, **state) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for k, v in state.items():
        at.session_state[k] = v
    at.run()
    if page:
        at.switch_page(f"app/pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def iframe_html(at) -> str:
    frames = at.get("iframe")
    assert len(frames) == 1
    return frames[0].proto.srcdoc


def map_nodes(html: str) -> list[dict]:
    return json.loads(re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", html, re.DOTALL).group(1))


def keys(at, kind: str) -> set:
    return {w.key for w in getattr(at, kind)}


# --- every page -------------------------------------------------------------------------------------

def test_router_sidebar_and_default_page():
    at = start()
    assert {r.key for r in at.sidebar.radio} == {"lang", "backend"}
    assert at.sidebar.date_input(key="as_of").value.year == 2024
    assert at.sidebar.text_input(key="data_dir").value.endswith("data")
    assert at.title[0].value == t("app.title", lang="zh")  # the overview is the default page
    assert [p[0] for p in PAGES] == ["overview.py", "chain_map.py", "measures.py", "departments.py",
                                     "bottlenecks.py", "queries.py", "plan_diff.py"]


def test_overview_counts_pillars_and_ask_box():
    at = start("overview")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["举措"] == "26" and metrics["产业链"] == "6"
    pillars = at.dataframe[0].value
    assert len(pillars) == 6 and pillars["举措"].sum() == 26
    at.text_input(key="question").input("举措9由哪些部门负责")
    at.button(key="FormSubmitter:ask_form-回答").click().run()
    assert not at.exception
    assert any("departments_for_measure" in m.value for m in at.markdown)
    answer = at.dataframe[-1].value
    assert answer.iloc[0]["部门"] == "市住建局"


def test_chain_map_network_has_the_chains_segments():
    from graph.present.chainmap import chain_subgraph
    from graph.model.dataset import load_graph
    g, _ = load_graph()
    at = start("chain_map")
    assert {"map_chain", "map_node"} <= keys(at, "selectbox")
    assert {"map_units", "map_measures"} <= keys(at, "toggle")
    assert "map_search" in keys(at, "text_input")
    assert "map_download" in {b.key for b in at.get("download_button")}
    chain = at.selectbox(key="map_chain").value
    html = iframe_html(at)
    ids = {n["id"] for n in map_nodes(html)}
    segments = {n for n, d in chain_subgraph(g, chain).nodes(data=True) if d["label"] == "Segment"}
    assert segments and segments <= ids
    assert ids == set(chain_subgraph(g, chain, show_units=True))  # units shown by default
    count = next(m.value for m in at.markdown if 'id="node-count"' in m.value)
    assert f"节点 {len(ids)} 个 / {len(ids)} nodes" in count
    assert 'src="http' not in html and 'href="http' not in html
    # under the map: firms, projects, measures, units, gaps, problems, segments
    assert len(at.tabs) == 7 and len(at.dataframe) >= 5

    at.toggle(key="map_units").set_value(False).run()
    at.toggle(key="map_measures").set_value(True).run()
    ids2 = {n["id"] for n in map_nodes(iframe_html(at))}
    assert ids2 == set(chain_subgraph(g, chain, show_measures=True))


def test_chain_map_node_select_shows_neighbours_and_source_sentence():
    at = start("chain_map", map_measures=True)
    chain = at.selectbox(key="map_chain").value
    assert at.selectbox(key="map_node").options[0] == t("map.none", lang="zh")
    from graph.model.dataset import load_graph
    g, _ = load_graph()
    m = next(u for u, _, d in g.in_edges(chain, data=True) if d["type"] == "SUPPORTS")  # a supporting measure
    at.selectbox(key="map_node").set_value(m).run()
    assert not at.exception
    assert any("<mark" in md.value for md in at.markdown)  # the plan sentence with the span marked
    neighbours = at.dataframe[0].value
    assert "支撑" in set(neighbours["关系"])
    assert 'network.selectNodes([id])' in iframe_html(at)  # the chosen node is focused on the map

    at.text_input(key="map_search").input("zzz-no-such-node").run()
    assert at.selectbox(key="map_node").options == [t("map.none", lang="zh")]


def test_measures_page_measure_9_lists_zhujianju_first():
    at = start("measures")
    table = at.dataframe[0].value
    assert len(table) == 26 and list(table["举措"]) == list(range(1, 27))
    at.selectbox(key="measure").set_value(M9).run()
    assert not at.exception
    units = at.dataframe[1].value
    assert units.iloc[0]["部门"] == "市住建局" and units.iloc[0]["角色"] == "lead"
    text = next(m.value for m in at.markdown if "measure-text" in m.value)
    assert '<mark class="unit"' in text and ">市住建局</mark>" in text
    assert '<mark class="deadline"' in text and '<mark class="target"' in text
    milestones = at.dataframe[2].value
    assert list(milestones["截止"]) == ["2024-06-30", "2024-10-31"]


def test_departments_page():
    at = start("departments")
    assert "department" in keys(at, "selectbox")
    assert len(at.get("vega_lite_chart")) >= 2  # workload bars, unit x month heatmap
    matrix = at.dataframe[1].value
    assert "M9" in matrix.columns
    row = matrix[matrix["部门"] == "市住建局"].iloc[0]
    assert row["M9"] == "牵头"
    at.selectbox(key="department").set_value("市住建局").run()
    assert not at.exception
    owned = at.dataframe[2].value
    assert 9 in set(owned["举措"])


def test_bottlenecks_page():
    at = start("bottlenecks")
    heads = [s.value for s in at.subheader]
    for key in ("report.brokers", "report.peak_months", "report.coordination_cost", "bn.gaps"):
        assert t(key, lang="zh") in heads
    assert len(at.dataframe) >= 10


def test_queries_page_runs_every_named_query():
    from graph.named.catalogue import load_catalogue
    at = start("queries")
    assert "q_name" in keys(at, "selectbox")
    for name in sorted(load_catalogue()):
        at.selectbox(key="q_name").set_value(name).run()
        at.button[0].click().run()
        assert not at.exception, (name, [e.value for e in at.exception])
        assert not at.error, (name, [e.value for e in at.error])
        assert any(c.value.endswith("行") for c in at.caption), name
    assert any(t("q.console_off", lang="zh") == c.value for c in at.caption)  # no Neo4j: no console


def test_language_switch_to_english():
    at = start("measures")
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Measures"
    assert "department" in at.dataframe[1].value.columns


# --- banners --------------------------------------------------------------------------------------

def test_broken_data_folder_banner_names_file_and_place(tmp_path):
    shutil.copy(ROOT / "data" / "quzhou-2024-business-environment-plan.txt", tmp_path)
    lines = (ROOT / "data" / "units.csv").read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",government,", ",ministry,", 1)  # row 4: a kind the schema lacks
    (tmp_path / "units.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    at = start("measures", data_dir=str(tmp_path))
    banner = at.error[0].value
    assert "units.csv" in banner and "row 4" in banner and "ministry" in banner
    assert len(at.dataframe[0].value) == 26  # still working, on the bundled data


def test_missing_data_folder_banner(tmp_path):
    at = start("overview", data_dir=str(tmp_path / "nope"))
    assert "nope" in at.error[0].value
    assert at.metric[0].value == "26"


def test_neo4j_unreachable_falls_back_with_banner(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "neo4j://127.0.0.1:9")  # discard port: nothing listens
    monkeypatch.setenv("NEO4J_PASSWORD", "not-a-secret-but-never-shown")
    at = start("measures", backend="neo4j")
    warning = at.warning[0].value
    assert "Neo4j" in warning and "127.0.0.1:9" in warning and "not-a-secret" not in warning
    at.selectbox(key="measure").set_value(M9).run()
    assert at.dataframe[1].value.iloc[0]["部门"] == "市住建局"  # answered by the embedded graph


class FakeStore:
    """A stand-in for graph.stores.neo4j.Neo4jStore: answers named queries from the embedded graph,
    and refuses writes in the console like Neo4j's read transactions do."""

    def __init__(self, settings):
        self.settings = settings

    def check(self):
        return None

    def run_named(self, query, params):
        from graph.model.dataset import load_graph
        from graph.named import run_embedded
        return run_embedded(load_graph()[0], query.name, params)

    def run_read_only(self, cypher, params=None, timeout_s=10, limit=1000):
        from graph.errors import ReadOnlyViolation
        if re.search(r"\b(CREATE|MERGE|DELETE|SET)\b", cypher, re.IGNORECASE):
            raise ReadOnlyViolation("Writing in read access mode not allowed")
        return ["measure", "title"], [{"measure": 9, "title": "持续优化投资项目审批"}]

    def close(self):
        pass


def test_cypher_console_only_with_neo4j_and_refuses_writes(monkeypatch):
    fake = types.ModuleType("graph.stores.neo4j")
    fake.Neo4jStore = FakeStore
    monkeypatch.setitem(sys.modules, "graph.stores.neo4j", fake)
    monkeypatch.setenv("NEO4J_URI", "neo4j://fake.invalid:7687")
    at = start("queries", backend="neo4j")
    assert any("fake.invalid" in i.value for i in at.info)  # connected banner
    assert "cypher" in keys(at, "text_area")
    submit = at.button(key="FormSubmitter:cypher_form-执行")
    submit.click().run()
    assert at.dataframe[-1].value.iloc[0, 0] == 9
    at.text_area(key="cypher").input("CREATE (n:Measure {number: 99})")
    at.button(key="FormSubmitter:cypher_form-执行").click().run()
    assert any("只允许读取" in e.value for e in at.error)


# --- words ----------------------------------------------------------------------------------------

def _t_keys() -> set[str]:
    found = set()
    for path in [*(ROOT / "app").rglob("*.py"), APP]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args \
                    and isinstance(node.args[0], ast.Constant):
                found.add(node.args[0].value)
    return found


def test_every_ui_word_has_both_languages():
    from graph.analysis.report import SECTIONS
    used = _t_keys() | {f"report.{s}" for s in SECTIONS} | {"backend.embedded", "backend.neo4j"} \
        | {f"label.{x}" for x in ("Measure", "Department", "Milestone", "Chain", "Enterprise", "Project")} \
        | {f"mark.{k}" for k in ("unit", "deadline", "target")} | {key for _, key, _, _ in PAGES}
    missing = sorted(used - set(STRINGS))
    assert not missing, missing
    for key, (zh, en) in STRINGS.items():
        assert zh and en, key
        assert set(re.findall(r"{(\w+)}", zh)) == set(re.findall(r"{(\w+)}", en)), key


def test_views_are_plain_functions():
    from graph.present.views import chain_options, measure_table, pillar_table, to_long
    from graph.model.dataset import load_graph
    g, _ = load_graph()
    assert [r["measures"] for r in pillar_table(g)] and sum(r["measures"] for r in pillar_table(g)) == 26
    assert measure_table(g)[8]["lead"] == "市住建局"
    assert g.nodes[chain_options(g)[0]]["name"] == "新能源"  # the plan's pilot chain first
    long, col, value = to_long([{"department": "a", "2024-06": 2, "2024-07": 0}], row_key="department")
    assert (col, value) == ("column", "value") and long[0] == {"department": "a", "column": "2024-06", "value": 2}


# --- a real Neo4j (marker `neo4j`: skips loudly without one, fails under CI=true) ------------------

@pytest.mark.neo4j
def test_app_on_real_neo4j(loaded_real, neo4j_settings):
    from app import state
    from graph.named.catalogue import load_catalogue
    try:
        at = start("measures", backend="neo4j")
        assert any("已连接 Neo4j" in i.value for i in at.info), [w.value for w in at.warning]
        assert not at.warning
        at.selectbox(key="measure").set_value(M9).run()
        assert at.dataframe[1].value.iloc[0]["部门"] == "市住建局"  # answered by Neo4j

        at.switch_page("app/pages/queries.py").run()
        for name in sorted(load_catalogue()):
            at.selectbox(key="q_name").set_value(name).run()
            at.button[0].click().run()
            assert not at.exception and not at.error and not at.warning, name
        at.text_area(key="cypher").input("MATCH (m:Measure {number: 9}) RETURN m.title AS title")
        at.button(key="FormSubmitter:cypher_form-执行").click().run()
        assert at.dataframe[-1].value.iloc[0, 0] == "持续优化投资项目审批"
        at.text_area(key="cypher").input("CREATE (x:Measure {number: 99}) RETURN x")
        at.button(key="FormSubmitter:cypher_form-执行").click().run()
        assert any("只允许读取" in e.value for e in at.error)
    finally:
        state._store.clear()  # closes the cached driver (on_release)
        state._check.clear()
