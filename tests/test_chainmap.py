"""The chain map: pure pyvis HTML, offline, leaders highlighted, segments upstream → downstream."""
from __future__ import annotations

import json
import re

import pytest

from graph.model.build import build_graph
from graph.present.chainmap import (STAGE_X, STYLE, chain_layout, chain_map, chain_map_html, chain_subgraph, find_chain,
                            neighbours, offline_html, source_sentence, with_focus)
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


def _nodes(html: str) -> list[dict]:
    m = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", html, re.DOTALL)
    return json.loads(m.group(1))


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
    assert "vis.Network" in html  # vis-network inlined, not linked
    assert 'id="chainmap-legend"' in html


def test_offline_html_strips_cdn_tags():
    page = ('<head><link href="https://cdn.example/b.css" rel="stylesheet"/>'
            '<script src="https://cdn.example/b.js" crossorigin="anonymous"></script><script>var a=1;</script></head>')
    assert offline_html(page) == "<head><script>var a=1;</script></head>"


def test_leaders_are_highlighted(g):
    nodes = {n["id"]: n for n in _nodes(chain_map_html(g, "新能源"))}
    leader, firm = nodes["Enterprise:lead"], nodes["Enterprise:f1"]
    assert leader["color"] == STYLE["Leader"]["color"] != firm["color"]
    assert leader["size"] > firm["size"] and leader["borderWidth"] > firm["borderWidth"]
    assert leader["label"].startswith("★")
    assert "链主 Chain leader: 是 yes" in leader["title"] and "Chain leader: 否" in firm["title"]


def test_segments_are_ordered_upstream_to_downstream(g):
    pos = chain_layout(chain_subgraph(g, "新能源"))
    x = {s: pos[f"Segment:{s}"][0] for s in ("ore", "pre", "cat", "cell")}
    assert x["ore"] == x["pre"] == STAGE_X["upstream"] < x["cat"] == STAGE_X["midstream"] < x["cell"]
    assert pos["Segment:ore"][1] != pos["Segment:pre"][1]  # spread vertically
    nodes = {n["id"]: n for n in _nodes(chain_map_html(g, "新能源"))}
    assert nodes["Segment:cat"]["x"] < nodes["Segment:cell"]["x"]
    assert '"physics": {"enabled": false' in chain_map_html(g, "新能源")


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


def test_focus_selects_a_node(g):
    html = chain_map_html(g, "新能源")
    assert with_focus(html, None) == html
    assert 'network.selectNodes([id])' in with_focus(html, "Segment:cat")


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
