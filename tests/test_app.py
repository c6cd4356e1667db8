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


def map_spec(at) -> dict:
    """The spec the map component was last drawn with."""
    maps = at.get("component_instance")
    assert len(maps) == 1
    return json.loads(maps[0].proto.json_args)["spec"]


def map_nodes(at) -> list[dict]:
    return map_spec(at)["nodes"]


def keys(at, kind: str) -> set:
    return {w.key for w in getattr(at, kind)}


# --- every page -------------------------------------------------------------------------------------

def test_router_sidebar_and_default_page():
    at = start()
    assert {r.key for r in at.sidebar.radio} == {"lang", "backend"}
    assert at.sidebar.date_input(key="as_of").value.year == 2024
    assert at.sidebar.text_input(key="data_dir").value.endswith("data")
    assert at.title[0].value == "衢州市营商环境与产业链图谱"  # the overview is the default page, titled by the plan's place
    assert [p[0] for p in PAGES] == ["overview.py", "chain_map.py", "measures.py", "departments.py",
                                     "bottlenecks.py", "queries.py", "plan_diff.py"]


def test_overview_counts_pillars_and_ask_box():
    at = start("overview")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["举措"] == "26" and metrics["产业链"] == "6"
    pillars = at.dataframe[0].value
    assert len(pillars) == 6 and pillars["举措数"].sum() == 26
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
    ids = {n["id"] for n in map_nodes(at)}
    segments = {n for n, d in chain_subgraph(g, chain).nodes(data=True) if d["label"] == "Segment"}
    assert segments and segments <= ids
    assert ids == set(chain_subgraph(g, chain))  # the first view: chain, segments, firms, projects
    count = next(m.value for m in at.markdown if 'id="node-count"' in m.value)
    assert f"节点 {len(ids)} 个 / {len(ids)} nodes" in count
    # under the map: firms, projects, measures, units, gaps, problems, segments
    assert len(at.tabs) == 7 and len(at.dataframe) >= 5

    at.toggle(key="map_units").set_value(True).run()
    assert {n["id"] for n in map_nodes(at)} == set(chain_subgraph(g, chain, show_units=True))
    at.toggle(key="map_units").set_value(False).run()
    at.toggle(key="map_measures").set_value(True).run()
    ids2 = {n["id"] for n in map_nodes(at)}
    assert ids2 == set(chain_subgraph(g, chain, show_measures=True))


def test_chain_map_node_select_shows_its_card():
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
    assert map_spec(at)["focus"] == m  # the chosen node is selected on the map
    assert at.query_params["node"] == m

    at.text_input(key="map_search").input("zzz-no-such-node").run()
    assert at.selectbox(key="map_node").options == [t("map.none", lang="zh"), at.selectbox(key="map_node").options[1]]


def test_a_click_on_the_map_chooses_the_node_and_clears_the_search():
    from graph.model.dataset import load_graph
    g, _ = load_graph()
    at = start("chain_map")
    chain = at.selectbox(key="map_chain").value
    firm = next(u for u, _, d in g.in_edges(chain, data=True) if d["type"] in ("LEADS",)) \
        if any(d["type"] == "LEADS" for _, _, d in g.in_edges(chain, data=True)) else \
        next(n for n in (x["id"] for x in map_nodes(at)) if n.startswith("Enterprise:"))
    at.text_input(key="map_search").input("zzz").run()
    at.session_state["map_click"] = {"node": firm, "click": 1, "at": 1}  # what the component sends back
    at.run()
    assert not at.exception
    assert at.selectbox(key="map_node").value == firm and at.text_input(key="map_search").value == ""
    assert any(g.nodes[firm]["name"] in md.value for md in at.markdown)  # its card
    assert map_spec(at)["focus"] == firm and at.query_params["node"] == firm
    at.selectbox(key="map_chain").set_value("Chain:ic" if chain != "Chain:ic" else "Chain:new-materials").run()
    assert at.selectbox(key="map_node").value is None and "node" not in at.query_params


@pytest.mark.parametrize("query, check", [
    ({"chain": "新材料", "node": "Enterprise:juhua"},
     lambda at: at.selectbox(key="map_chain").value == "Chain:new-materials"
     and at.selectbox(key="map_node").value == "Enterprise:juhua" and map_spec(at)["focus"] == "Enterprise:juhua"),
    ({"chain": "ic"}, lambda at: at.selectbox(key="map_chain").value == "Chain:ic"),
    ({"chain": "New energy"}, lambda at: at.selectbox(key="map_chain").value == "Chain:new-energy"),
])
def test_chain_map_deep_links(query, check):
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update(query)
    at.run()
    at.switch_page("app/pages/chain_map.py").run()
    assert not at.exception
    assert check(at)


def test_measures_page_measure_9_lists_zhujianju_first():
    at = start("measures")
    table = at.dataframe[0].value
    assert len(table) == 26 and list(table["举措"]) == list(range(1, 27))
    at.selectbox(key="measure").set_value(M9).run()
    assert not at.exception
    units = at.dataframe[1].value
    assert units.iloc[0]["部门"] == "市住建局" and units.iloc[0]["角色"] == "牵头"
    text = next(m.value for m in at.markdown if "measure-text" in m.value)
    assert '<mark class="unit"' in text and ">市住建局</mark>" in text
    assert '<mark class="deadline"' in text and '<mark class="target"' in text
    milestones = at.dataframe[2].value
    assert list(milestones["截止日期"]) == ["2024-06-30", "2024-10-31"]
    assert at.query_params["measure"] == "9"


def test_departments_page():
    at = start("departments")
    assert "department" in keys(at, "selectbox")
    assert len(at.get("vega_lite_chart")) >= 2  # workload bars, unit x month heatmap
    matrix = at.dataframe[1].value
    assert "举措9" in matrix.columns
    row = matrix[matrix["部门"] == "市住建局"].iloc[0]
    assert row["举措9"] == "牵头"
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
    assert "Department" in at.dataframe[1].value.columns
    assert at.query_params["lang"] == "en"


# --- banners --------------------------------------------------------------------------------------

def test_broken_data_folder_banner_names_file_and_place(tmp_path):
    shutil.copy(ROOT / "data" / "quzhou-2024-business-environment-plan.txt", tmp_path)
    lines = (ROOT / "data" / "units.csv").read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",government,", ",ministry,", 1)  # row 4: a kind the schema lacks
    (tmp_path / "units.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    at = start("measures", data_dir=str(tmp_path))
    banner = at.error[0].value
    assert "units.csv" in banner and "第 4 行" in banner and "ministry" in banner
    assert banner.startswith("无法加载数据文件夹")
    assert len(at.dataframe[0].value) == 26  # still working, on the bundled data


def test_empty_data_folder_banner(tmp_path):
    at = start("chain_map", data_dir=str(tmp_path))
    assert str(tmp_path) in at.warning[0].value and "是空的" in at.warning[0].value
    assert len(at.selectbox(key="map_chain").options) == 6  # the bundled chains, not an empty map


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


# --- Chinese throughout ----------------------------------------------------------------------------

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_PROSE = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,}")


def _raw_cells(at, where: str) -> list:
    """Every column heading without a Chinese character, and every cell showing a raw code, None/nan
    or an English phrase, in the tables on screen."""
    from graph.present.words import heading, is_code
    bad = []
    for frame in at.dataframe:
        df = frame.value
        bad += [(where, "heading", c) for c in df.columns if not CJK.search(str(c))]
        for c in df.columns:
            if c in (heading("form"), heading("english")):  # names as written, and a column of English names
                continue
            for v in df[c]:
                if is_code(v) or (isinstance(v, float) and v != v) or \
                        (isinstance(v, str) and not CJK.search(v) and ENGLISH_PROSE.search(v)):
                    bad.append((where, c, v))
    return bad


def test_no_table_in_the_chinese_interface_shows_a_code_or_english():
    from graph.named.catalogue import load_catalogue
    at = start()
    bad = _raw_cells(at, "overview")
    at.text_input(key="question").input("举措9由哪些部门负责")
    at.button(key="FormSubmitter:ask_form-回答").click().run()
    bad += _raw_cells(at, "ask")
    for page in ("chain_map", "measures", "departments", "bottlenecks", "queries"):
        at.switch_page(f"app/pages/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        bad += _raw_cells(at, page)
    for name in sorted(load_catalogue()):
        at.selectbox(key="q_name").set_value(name).run()
        at.button[0].click().run()
        bad += _raw_cells(at, name)
    at.switch_page("app/pages/chain_map.py").run()
    for chain in ("Chain:ic", "Chain:special-paper", "Chain:new-materials"):
        at.selectbox(key="map_chain").set_value(chain).run()
        at.toggle(key="map_measures").set_value(True).run()
        bad += _raw_cells(at, chain)
    at.selectbox(key="map_node").set_value("Enterprise:juhua").run()  # a node's card
    bad += _raw_cells(at, "card")
    assert not bad, bad[:20]


def test_codes_are_words_in_both_languages():
    from graph.present.words import cell, codes, heading
    for code in codes():
        from graph.present.words import VALUES
        column = next(c for c, group in VALUES.items() if code in group)
        zh, en = cell(column, code, "zh"), cell(column, code, "en")
        assert CJK.search(zh) and not CJK.search(en) and zh != code, (column, code)
    assert heading("weighted_degree") == "加权联系数" and heading("2024-06") == "6月"
    from app.render import frame
    counted, _ = frame([{"department": "甲", "measures": 3}], ["department", "measures"], "zh")
    listed, _ = frame([{"department": "甲", "measures": [1, 9]}], ["department", "measures"], "zh")
    assert list(counted.columns) == ["部门", "举措数"] and list(listed.columns) == ["部门", "举措"]
    assert listed.iloc[0, 1] == "1、9"


def test_empty_results_say_why():
    from app.pages.queries import empty_answer
    from graph.model.dataset import load_graph
    g, _ = load_graph()
    assert empty_answer("chain_leaders", {"chain": "new-energy"}, g) == "新能源产业链暂无链主企业记录"
    at = start("queries")
    at.selectbox(key="q_name").set_value("chain_leaders").run()
    at.selectbox(key="q_chain_leaders_chain").set_value("new-energy").run()
    at.button[0].click().run()
    assert any(i.value == "新能源产业链暂无链主企业记录" for i in at.info)


def test_heatmap_months_in_calendar_order():
    at = start("departments")
    spec = json.loads(at.get("vega_lite_chart")[1].proto.spec)
    sort = spec["layer"][0]["encoding"]["x"]["sort"] if "layer" in spec else spec["encoding"]["x"]["sort"]
    assert sort == sorted(sort, key=lambda m: int(m.rstrip("月"))) and sort[0].endswith("月") and len(sort) >= 6


def test_plan_ids_are_not_repeated_on_every_row():
    at = start("queries")
    at.selectbox(key="q_name").set_value("overdue_milestones").run()
    at.button[0].click().run()
    df = at.dataframe[-1].value
    assert not any("#" in str(v) for v in df["节点"]) and "M5-D1" in set(df["节点"])
    at.switch_page("app/pages/bottlenecks.py").run()
    assert all("方案" not in frame.value.columns for frame in at.dataframe)


# --- deep links ------------------------------------------------------------------------------------

@pytest.mark.parametrize("page, query, check", [
    ("measures", {"measure": "9"}, lambda at: at.selectbox(key="measure").value.endswith("#M9")),
    ("departments", {"unit": "市发改委"}, lambda at: at.selectbox(key="department").value == "市发改委"),
    ("queries", {"query": "chain_gaps"}, lambda at: at.selectbox(key="q_name").value == "chain_gaps"),
    ("measures", {"lang": "en"}, lambda at: at.title[0].value == "Measures"),
    ("measures", {"measure": "999"}, lambda at: at.selectbox(key="measure").value.endswith("#M1")),  # unknown: ignored
    ("bottlenecks", {"as_of": "2024-07-15"}, lambda at: any("2024年7月15日" in c.value for c in at.caption)),
    ("departments", {"unit": "衢州市发展和改革委员会"}, lambda at: at.selectbox(key="department").value == "市发改委"),
])
def test_deep_links(page, query, check):
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update(query)
    at.run()
    at.switch_page(f"app/pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert check(at)


def test_choosing_in_the_page_updates_the_url():
    at = start("departments")
    at.selectbox(key="department").set_value("市住建局").run()
    assert at.query_params["unit"] == "市住建局"
    at.switch_page("app/pages/measures.py").run()
    at.selectbox(key="measure").set_value("Measure:quzhou-2024-business-environment-plan#M12").run()
    assert at.query_params["measure"] == "12"


def test_overview_question_from_the_url():
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["ask"] = "新能源产业链的链主企业有哪些"
    at.run()
    assert not at.exception
    assert any("chain_leaders" in m.value for m in at.markdown)
    assert any(i.value == "新能源产业链暂无链主企业记录" for i in at.info)
    assert at.query_params["ask"] == "新能源产业链的链主企业有哪些"


def test_context_is_built_once_per_rerun_and_the_graph_not_rebuilt(monkeypatch):
    from app import state
    import graph.model.dataset as dataset
    at = start("departments")
    builds, loads = [], []
    real_build, real_load = state._build, dataset.load_graph
    monkeypatch.setattr(state, "_build", lambda: builds.append(1) or real_build())
    monkeypatch.setattr(dataset, "load_graph", lambda *a, **k: loads.append(1) or real_load(*a, **k))
    at.selectbox(key="department").set_value("市住建局").run()
    at.selectbox(key="department").set_value("市发改委").run()
    assert not at.exception
    assert len(builds) == 2 and not loads  # one context per rerun; the cached graph serves both
