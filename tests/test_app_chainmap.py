"""The chain map page as an officer first opens it (AppTest, no state, default options) on a data folder
that is not the bundled one: a chain with many firms with long names (ILLUSTRATIVE rows added to a copy
of the bundled ledgers) and a chain without any firm."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
LONG = "衢州市某某新能源材料科技股份有限公司年产十万吨高镍三元前驱体及配套材料第{}号生产基地"


@pytest.fixture(scope="module", autouse=True)
def _apptest_tmpdir():
    yield
    from streamlit.testing.v1 import app_test
    app_test.TMP_DIR.cleanup()


def _append(path: Path, rows: list[dict]) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    with path.open("a", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header)
        for r in rows:
            w.writerow({k: r.get(k, "") for k in header})


def big_chain_folder(d: Path) -> Path:
    """Fill the existing folder `d`: the bundled data, 40 more firms in one segment, a chain without firms."""
    shutil.copy(ROOT / "data" / "units.csv", d)
    shutil.copy(ROOT / "data" / "quzhou-2024-business-environment-plan.txt", d)
    shutil.copytree(ROOT / "data" / "chains", d / "chains")
    chains = d / "chains"
    firms = [{"id": f"bulk-{i}", "name": LONG.format(i), "listed": "false", "chain_leader": "false",
              "illustrative": "true"} for i in range(40)]
    _append(chains / "enterprises.csv", firms)
    _append(chains / "enterprise_segments.csv", [{"enterprise": f["id"], "segment": "ne-precursor",
                                                  "illustrative": "true"} for f in firms])
    _append(chains / "chains.csv", [{"id": "bare", "name": "未录企业链", "name_en": "Bare chain", "flagship": "false",
                                     "illustrative": "true"}])
    _append(chains / "segments.csv", [{"id": "bare-a", "chain": "bare", "name": "某环节", "name_en": "A segment",
                                       "stage": "upstream", "illustrative": "true"}])
    return d


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return big_chain_folder(tmp_path_factory.mktemp("data"))


def _open(folder: Path) -> AppTest:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.session_state["data_dir"] = str(folder)
    at.run()
    at.switch_page("app/pages/chain_map.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _spec(at) -> dict:
    (component,) = at.get("component_instance")
    return json.loads(component.proto.json_args)["spec"]


def test_first_view_of_a_big_chain_is_capped_with_a_note_and_short_labels(folder):
    from graph.present.chainmap.cluster import DEFAULT_CLUSTER
    from graph.present.chainmap.layout import MAX_LINES
    at = _open(folder)
    assert at.selectbox(key="map_chain").value == "Chain:new-energy"  # the plan's pilot chain, no click
    assert at.toggle(key="map_units").value is False and at.toggle(key="map_measures").value is False
    spec = _spec(at)
    shown = [n for n in spec["nodes"] if n["id"].startswith("Enterprise:bulk-")]
    assert len(shown) <= DEFAULT_CLUSTER
    cluster = next(n for n in spec["nodes"] if n.get("members_label") == "Enterprise")
    assert cluster["label"] == f"另有 {40 - len(shown)} 家企业"
    notes = [c.value for c in at.caption if c.value.startswith("为便于阅读")]
    assert len(notes) == 1 and f"{40 - len(shown)} 家企业" in notes[0]
    assert len({n["label"] for n in shown}) == len(shown)  # names alike but for their end stay apart
    for n in shown:
        assert len(n["label"].split("\n")) <= MAX_LINES and "…" in n["label"]
        assert LONG.format(n["id"].rsplit("-", 1)[1]) in n["title"]  # the whole name in the hover text
    # the firms table under the map still lists every firm
    firms = at.dataframe[0].value
    assert sum(1 for name in firms.iloc[:, 0] if str(name).startswith("衢州市某某")) == 40


def test_a_chain_without_firms_says_so_and_a_toggle_that_adds_nothing_says_why(folder):
    at = _open(folder)
    at.selectbox(key="map_chain").set_value("Chain:bare").run()
    assert any("暂无企业和项目记录" in i.value for i in at.info)
    spec = _spec(at)
    assert {n["group"] for n in spec["nodes"]} == {"Chain", "Segment"}
    assert {it.get("kind") for it in spec["legend"]} == {"Chain", "Segment"}
    at.toggle(key="map_units").set_value(True).run()
    assert any("暂无服务单位记录" in c.value for c in at.caption)
    at.toggle(key="map_measures").set_value(True).run()
    assert any("没有举措明确支撑" in c.value for c in at.caption)


def test_search_finds_a_node_by_its_other_name_and_says_what_to_do_when_nothing_matches(folder):
    at = _open(folder)
    at.text_input(key="map_search").input("Cathode materials").run()  # an English name, Chinese interface
    assert "正极材料（环节）" in at.selectbox(key="map_node").options
    at.text_input(key="map_search").input("zzz-无此节点").run()
    hint = [c.value for c in at.caption if "zzz-无此节点" in c.value]
    assert hint and "清空搜索框" in hint[0]
