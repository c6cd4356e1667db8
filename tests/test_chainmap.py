"""The chain map: lanes upstream → downstream, wrapped labels that never share space, leaders
highlighted, one offline HTML page with a title."""
from __future__ import annotations

import json
import re

import pytest

from graph.model.build import build_graph
from graph.present.chainmap import (LANE, STYLE, chain_layout, chain_map, chain_map_html, chain_subgraph, find_chain,
                                    neighbours, place, source_sentence, spec_of)
from graph.present.chainmap.layout import LABEL_WIDTH
from graph.present.chainmap.labels import text_width
from loaders.records import Node, Rel

DOC = "一、目标。在新能源产业链先行先试。1.完善产业链图谱。6 月底前,建立专家库。(市经信局、市发改委负责)"


@pytest.fixture(scope="module")
def g():
    """A hand-made chain: 2 upstream, 1 midstream, 1 downstream segment; a leader, two firms,
    two projects, a serving unit and a supporting measure."""
    m_span = [DOC.index("1."), len(DOC)]
    nodes = [
        Node("Chain", "ne", {"name": "新能源", "name_en": "New energy"}),
        Node("Chain", "sp", {"name": "特种纸", "name_en": "Specialty paper"}),
        Node("Segment", "ore", {"name": "锂矿", "stage": "upstream", "chain": "ne"}),
        Node("Segment", "pre", {"name": "前驱体", "stage": "upstream", "chain": "ne"}),
        Node("Segment", "cat", {"name": "正极", "stage": "midstream", "chain": "ne"}),
        Node("Segment", "cell", {"name": "电芯", "stage": "downstream", "chain": "ne"}),
        Node("Segment", "pulp", {"name": "木浆", "stage": "upstream", "chain": "sp"}),
        Node("Enterprise", "lead", {"name": "龙头锂业", "chain_leader": True, "county": "衢江区", "listed": True,
                                    "source": "enterprises.csv:2", "reference": "example.org/report"}),
        Node("Enterprise", "f1", {"name": "正极一厂", "chain_leader": False, "illustrative": True}),
        Node("Enterprise", "f2", {"name": "电芯二厂", "chain_leader": False}),
        Node("Project", "p1", {"name": "正极扩产项目", "investment": 30.0, "status": "signed", "fills_gap": True}),
        Node("Project", "p2", {"name": "电芯基地", "investment": 100.0, "status": "signed", "fills_gap": False}),
        Node("Department", "市经信局", {"name": "市经信局", "english": "Economy Bureau"}),
        Node("Measure", "p#M1", {"number": 1, "title": "完善产业链图谱", "source": "p", "span": m_span}),
    ]
    rels = [
        *(Rel("PART_OF", ("Segment", s), ("Chain", "ne")) for s in ("ore", "pre", "cat", "cell")),
        Rel("PART_OF", ("Segment", "pulp"), ("Chain", "sp")),
        Rel("FEEDS", ("Segment", "ore"), ("Segment", "cat")), Rel("FEEDS", ("Segment", "pre"), ("Segment", "cat")),
        Rel("FEEDS", ("Segment", "cat"), ("Segment", "cell")),
        Rel("LEADS", ("Enterprise", "lead"), ("Chain", "ne")),
        Rel("OPERATES_IN", ("Enterprise", "lead"), ("Segment", "ore")),
        Rel("OPERATES_IN", ("Enterprise", "f1"), ("Segment", "cat")),
        Rel("OPERATES_IN", ("Enterprise", "f2"), ("Segment", "cell")),
        Rel("INVESTS_IN", ("Enterprise", "f1"), ("Project", "p1")),
        Rel("INVESTS_IN", ("Enterprise", "f2"), ("Project", "p2")),
        Rel("IN_SEGMENT", ("Project", "p1"), ("Segment", "cat")),
        Rel("IN_SEGMENT", ("Project", "p2"), ("Segment", "cell")),
        Rel("SERVES", ("Department", "市经信局"), ("Project", "p1"), {"stage": "立项备案"}),
        Rel("SUPPORTS", ("Measure", "p#M1"), ("Chain", "ne"),
            {"basis": "产业链", "source": "p", "span": [DOC.index("1.") + 4, DOC.index("1.") + 7]}),
    ]
    return build_graph(nodes, rels)


def _spec(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="chainmap-spec">(.*?)</script>', html, re.DOTALL)
    return json.loads(m.group(1))


def _nodes(html: str) -> list[dict]:
    return _spec(html)["nodes"]


def test_find_chain_by_id_name_or_english(g):
    assert find_chain(g, "ne") == find_chain(g, "新能源") == find_chain(g, "new energy") == "Chain:ne"
    with pytest.raises(ValueError, match="known chains: 新能源, 特种纸"):
        find_chain(g, "集成电路")


def test_subgraph_keeps_only_the_chain_and_optional_layers(g):
    base = set(chain_subgraph(g, "新能源"))
    assert base == {"Chain:ne", "Segment:ore", "Segment:pre", "Segment:cat", "Segment:cell", "Enterprise:lead",
                    "Enterprise:f1", "Enterprise:f2", "Project:p1", "Project:p2"}
    full = set(chain_subgraph(g, "新能源", show_units=True, show_measures=True))
    assert full - base == {"Department:市经信局", "Measure:p#M1"}
    assert "Segment:pulp" not in full


def test_html_has_every_node_id_and_no_http_assets(g):
    html = chain_map_html(g, "新能源", show_units=True, show_measures=True)
    sub = chain_subgraph(g, "新能源", show_units=True, show_measures=True)
    ids = {n["id"] for n in _nodes(html)}
    assert ids == set(sub)
    for n in sub:
        assert json.dumps(n, ensure_ascii=False) in html or json.dumps(n) in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.IGNORECASE)
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html
    assert "vis.Network" in html and "ChainMapView" in html  # vis-network and the drawing script inlined
    assert "<title>新能源 · 产业链图谱</title>" in html
    assert "<title>New energy · chain map</title>" in chain_map_html(g, "新能源", lang="en")


def test_leaders_are_highlighted(g):
    nodes = {n["id"]: n for n in _nodes(chain_map_html(g, "新能源"))}
    leader, firm = nodes["Enterprise:lead"], nodes["Enterprise:f1"]
    assert leader["color"] == STYLE["Leader"]["color"] != firm["color"]
    assert leader["size"] > firm["size"] and leader["borderWidth"] > firm["borderWidth"]
    assert leader["label"].startswith("★")
    assert "链主 Chain leader: 是 yes" in leader["title"] and "Chain leader: 否" in firm["title"]


def test_lanes_read_measures_upstream_midstream_downstream_units(g):
    sub = chain_subgraph(g, "新能源", show_units=True, show_measures=True)
    pos = chain_layout(sub)
    x = {n: pos[n][0] for n in pos}
    assert x["Measure:p#M1"] < x["Segment:ore"] == x["Segment:pre"] < x["Segment:cat"] < x["Segment:cell"] \
        < x["Department:市经信局"]
    assert x["Segment:cat"] - x["Segment:ore"] == LANE
    assert pos["Segment:ore"][1] != pos["Segment:pre"][1]  # spread vertically
    # a segment heads its block: its firms and projects under it, in its lane
    assert x["Enterprise:f1"] == x["Project:p1"] == x["Segment:cat"]
    assert pos["Segment:cat"][1] < pos["Enterprise:f1"][1] < pos["Project:p1"][1]
    assert pos["Chain:ne"][1] < min(y for n, (_, y) in pos.items() if n != "Chain:ne" and n != "Enterprise:lead")
    heads = [h["text"] for h in sorted(place(sub).headers, key=lambda h: h["x"])]
    assert heads == ["支撑举措", "上游", "中游", "下游", "服务单位"]
    assert _spec(chain_map_html(g, "新能源"))["options"]["physics"]["enabled"] is False


def test_titles_are_bilingual_and_labels_follow_language(g):
    zh = {n["id"]: n for n in _nodes(chain_map_html(g, "新能源", show_units=True, lang="zh"))}
    en = {n["id"]: n for n in _nodes(chain_map_html(g, "新能源", show_units=True, lang="en"))}
    assert zh["Chain:ne"]["label"] == "新能源" and en["Chain:ne"]["label"] == "New energy"
    assert en["Department:市经信局"]["label"].startswith("Economy")
    assert zh["Project:p1"]["title"].startswith("补链项目 Gap-filling project\n正极扩产项目")
    assert "投资 Investment: 30 亿元" in zh["Project:p1"]["title"]
    assert zh["Project:p2"]["title"].startswith("项目 Project\n电芯基地")


def test_big_maps_fold_projects_per_segment():
    nodes = [Node("Chain", "c", {"name": "链"}), Node("Segment", "s", {"name": "环节", "stage": "midstream"})]
    rels = [Rel("PART_OF", ("Segment", "s"), ("Chain", "c"))]
    for i in range(50):
        nodes.append(Node("Project", f"p{i}", {"name": f"项目{i}", "investment": 1.0}))
        rels.append(Rel("IN_SEGMENT", ("Project", f"p{i}"), ("Segment", "s")))
    big = build_graph(nodes, rels)
    folded = chain_map(big, "链", cluster_above=30)
    assert folded.n_nodes == 3 and folded.folded == 49
    assert {n["label"] for n in _nodes(folded.html)} >= {"50 个项目"}
    assert chain_map(big, "链", cluster_above=None).n_nodes == 52


def test_focus_selects_a_drawn_node_only(g):
    m = chain_map(g, "新能源")
    assert spec_of(m, "Segment:cat")["focus"] == "Segment:cat"
    assert spec_of(m, "Segment:pulp")["focus"] is None and spec_of(m, None)["focus"] is None
    assert m.spec["focus"] is None  # the cached map is not changed


def test_block_members_edges_are_implied_not_drawn(g):
    m = chain_map(g, "新能源", show_units=True)
    drawn = {(e["from"], e["to"]) for e in m.spec["edges"]}
    assert ("Enterprise:f1", "Segment:cat") not in drawn  # f1 sits in cat's block
    assert ("Segment:cat", "Segment:cell") in drawn and ("Department:市经信局", "Project:p1") in drawn
    assert m.n_edges == len(m.spec["edges"])


def _overlaps(boxes: dict) -> list:
    items = sorted(boxes.items(), key=lambda kv: kv[1][0])
    out = []
    for i, (a, (ax0, ay0, ax1, ay1)) in enumerate(items):
        for b, (bx0, by0, bx1, by1) in items[i + 1:]:
            if bx0 >= ax1:
                break
            if ay0 < by1 and by0 < ay1:
                out.append((a, b))
    return out


def test_long_names_wrap_within_the_lane_and_stay_whole():
    long = "中天氟硅29万吨/年有机硅下游产品及15万吨/年单体技改项目"
    nodes = [Node("Chain", "c", {"name": "链"}), Node("Segment", "s", {"name": "环节", "stage": "midstream"}),
             Node("Project", "p", {"name": long}),
             Node("Department", "甲", {"name": "甲", "english": "Municipal Development and Reform Commission"}),
             Node("Department", "乙", {"name": "乙", "english": "Municipal Development and Reform Office"})]
    rels = [Rel("PART_OF", ("Segment", "s"), ("Chain", "c")), Rel("IN_SEGMENT", ("Project", "p"), ("Segment", "s")),
            Rel("SERVES", ("Department", "甲"), ("Project", "p")), Rel("SERVES", ("Department", "乙"), ("Project", "p"))]
    g2 = build_graph(nodes, rels)
    m = chain_map(g2, "链", show_units=True, lang="en")
    labels = {n["id"]: n["label"] for n in m.spec["nodes"]}
    assert labels["Project:p"].replace("\n", "") == long and labels["Project:p"].count("\n") >= 1
    assert labels["Department:甲"] != labels["Department:乙"]  # wrapped, not cut to the same prefix
    for n in m.spec["nodes"]:
        if n["group"] != "Chain":
            assert all(text_width(line, n["font"]["size"]) <= LABEL_WIDTH for line in n["label"].split("\n")), n["id"]
    assert not _overlaps(m.boxes)


def test_neighbours_and_source_sentence(g):
    rows = neighbours(g, "Chain:ne")
    supports = [r for r in rows if r["type"] == "SUPPORTS"]
    assert supports and supports[0]["direction"] == "←" and supports[0]["name"].startswith("举措1")
    sentence, start, end = source_sentence(DOC, supports[0]["span"])
    assert sentence == "1.完善产业链图谱。" and sentence[start:end] == "产业链"
    units = DOC.index("市经信局")
    assert source_sentence(DOC, [units, units + 4])[0] == "(市经信局、市发改委负责)"
    assert source_sentence(DOC, None) is None and source_sentence("", [0, 1]) is None


def test_real_plan_chain_maps():
    from graph.model.dataset import load_graph
    g, _ = load_graph()
    for chain in ("新材料", "新能源", "集成电路", "高端装备", "生命健康", "特种纸"):
        m = chain_map(g, chain, show_units=True, show_measures=True)
        segments = [n for n, label, _ in m.nodes if label == "Segment"]
        assert segments, chain
        assert all(n in m.html for n in segments)
        assert 'src="http' not in m.html and 'href="http' not in m.html
        for lang in ("zh", "en"):
            for units, measures in ((True, False), (True, True), (False, False)):
                drawn = chain_map(g, chain, show_units=units, show_measures=measures, lang=lang)
                assert not _overlaps(drawn.boxes), (chain, lang, units, measures)


def test_measures_of_two_plans_on_one_map_name_their_plan():
    from graph.model.dataset import load_graph, sources_for
    from tests.fixtures.two_plan_folder import BUNDLED_ID, EDITED_ID, two_plan_folder
    import tempfile
    from pathlib import Path
    with tempfile.TemporaryDirectory() as tmp:
        both, _ = load_graph(sources_for(data_dir=two_plan_folder(Path(tmp))))
    sub = chain_subgraph(both, "新能源", show_measures=True)
    tags = {d["plan"]: d.get("plan_tag") for _, d in sub.nodes(data=True) if d.get("label") == "Measure"}
    assert set(tags) == {BUNDLED_ID, EDITED_ID} and tags == {BUNDLED_ID: "2024", EDITED_ID: "2025"}
    m = chain_map(both, "新能源", show_measures=True)
    names = [name for _, label, name in m.nodes if label == "Measure"]
    assert any(n.startswith("举措") and "（2024）" in n for n in names)
    assert any("（2025）" in n for n in names)
    alone, _ = load_graph()  # one plan: no tag
    assert all("（2024）" not in name for _, label, name in chain_map(alone, "新能源", show_measures=True).nodes
               if label == "Measure")
