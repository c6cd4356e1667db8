"""The chain map: lanes upstream → downstream, wrapped labels that never share space, leaders
highlighted, one offline HTML page with a title."""
from __future__ import annotations

import json
import re

import pytest

from graph.model.build import build_graph
from graph.present.chainmap import (LANE, STYLE, chain_layout, chain_map, chain_map_html, chain_subgraph, find_chain,
                                    neighbours, place, source_sentence, spec_of)
from graph.present.chainmap.layout import LABEL_WIDTH, MAX_LINES
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
        Rel("RESPONSIBLE_FOR", ("Department", "市经信局"), ("Measure", "p#M1"), {"rank": 1, "role": "lead"}),
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


def test_big_segments_name_their_biggest_members_and_fold_the_rest():
    nodes = [Node("Chain", "c", {"name": "链"}), Node("Segment", "s", {"name": "环节", "stage": "midstream"})]
    rels = [Rel("PART_OF", ("Segment", "s"), ("Chain", "c"))]
    for i in range(50):
        nodes.append(Node("Project", f"p{i}", {"name": f"项目{i}", "investment": float(i)}))
        rels.append(Rel("IN_SEGMENT", ("Project", f"p{i}"), ("Segment", "s")))
    big = build_graph(nodes, rels)
    capped = chain_map(big, "链", cluster_above=5)
    ids = {n["id"] for n in capped.spec["nodes"]}
    assert ids == {"Chain:c", "Segment:s", "Cluster:Project:s"} | {f"Project:p{i}" for i in range(45, 50)}
    assert capped.folded == 44 and capped.left_out.counts == {"Project": 45}
    cluster = next(n for n in capped.spec["nodes"] if n["group"] == "Cluster")
    assert cluster["label"] == "另有 45 个项目" and "项目44" in cluster["title"] and "项目0" not in cluster["title"]
    assert not any("Cluster" in (e["from"] + e["to"]) for e in capped.spec["edges"])
    assert "45 个项目" in capped.spec["note"] and "5 个项目" in capped.spec["note"] and "企业" not in capped.spec["note"]
    assert "45 projects" in chain_map(big, "链", cluster_above=5, lang="en").spec["note"]
    assert chain_map(big, "链", cluster_above=None).n_nodes == 52
    assert chain_map(big, "链", cluster_above=None).spec["note"] is None
    assert chain_map(big, "链", cluster_above=49).n_nodes == 52  # one left over is drawn, not folded


def _many(segments: int, firms: int, leaders: int = 2, units: int = 0):
    nodes = [Node("Chain", "c", {"name": "链"})]
    rels = []
    for s in range(segments):
        nodes.append(Node("Segment", f"s{s}", {"name": f"环节{s}", "stage": ("upstream", "midstream", "downstream")[s % 3]}))
        rels.append(Rel("PART_OF", ("Segment", f"s{s}"), ("Chain", "c")))
        for f in range(firms):
            key = f"e{s}-{f}"
            nodes.append(Node("Enterprise", key, {"name": f"企业{s}-{f}", "chain_leader": f < leaders}))
            rels.append(Rel("OPERATES_IN", ("Enterprise", key), ("Segment", f"s{s}")))
            if f < leaders:
                rels.append(Rel("LEADS", ("Enterprise", key), ("Chain", "c")))
            nodes.append(Node("Project", f"p{s}-{f}", {"name": f"项目{s}-{f}", "investment": float(f)}))
            rels.append(Rel("IN_SEGMENT", ("Project", f"p{s}-{f}"), ("Segment", f"s{s}")))
            rels.append(Rel("INVESTS_IN", ("Enterprise", key), ("Project", f"p{s}-{f}")))
            for u in range(units):
                if (s + f + u) % 3 == 0:
                    rels.append(Rel("SERVES", ("Department", f"单位{u}"), ("Project", f"p{s}-{f}"), {"stage": "立项"}))
    nodes += [Node("Department", f"单位{u}", {"name": f"单位{u}"}) for u in range(units)]
    return build_graph(nodes, rels)


def test_the_cap_keeps_a_big_chain_small_leaders_always_drawn_and_says_what_it_left_out():
    from graph.present.chainmap.cluster import LANE_CAP, MAX_DRAWN
    g2 = _many(segments=12, firms=40, units=40)
    m = chain_map(g2, "链", show_units=True)
    drawn = {n["id"]: n for n in m.spec["nodes"]}
    assert len(drawn) <= MAX_DRAWN and 0 < m.left_out.per_segment < 5
    assert all(f"Enterprise:e{s}-{f}" in drawn for s in range(12) for f in range(2))  # every leader
    full = chain_subgraph(g2, "链", show_units=True)
    # what is left out is counted exactly, kind by kind
    for label in ("Enterprise", "Project", "Department"):
        total = sum(1 for _, d in full.nodes(data=True) if d["label"] == label)
        shown = sum(1 for n in drawn if n.startswith(label + ":"))
        assert m.left_out.counts.get(label, 0) == total - shown, label
        clusters = [n for n in drawn.values() if n.get("members_label") == label]
        assert sum(int(re.search(r"\d+", c["label"]).group()) for c in clusters) == total - shown
    assert sum(1 for n in drawn if n.startswith("Department:")) == LANE_CAP
    assert m.folded == full.number_of_nodes() - len(drawn)
    for label, n in m.left_out.counts.items():
        assert str(n) in m.spec["note"]
    assert m.spec["note"].startswith("为便于阅读")
    # more segments than the cap can name members for: leaders and one group per kind per segment
    huge = chain_map(_many(segments=30, firms=40), "链")
    assert huge.left_out.per_segment == 0
    assert huge.n_nodes == 1 + 30 * (1 + 2 + 2)


def test_the_busiest_units_stay_on_the_map():
    from graph.present.chainmap.cluster import LANE_CAP
    g2 = _many(segments=3, firms=3, units=20)
    full = chain_subgraph(g2, "链", show_units=True)
    load = {u: sum(1 for _ in full.out_edges(u)) for u, d in full.nodes(data=True) if d["label"] == "Department"}
    m = chain_map(g2, "链", show_units=True)
    shown = {n for n, label, _ in m.nodes if label == "Department"}
    assert len(shown) == LANE_CAP
    assert min(load[u] for u in shown) >= max(load[u] for u in load if u not in shown)


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
    assert ("Enterprise:lead", "Chain:ne") not in drawn  # the star in 锂矿's block says it leads
    loose = build_graph([Node("Chain", "c", {"name": "链"}), Node("Enterprise", "e", {"name": "龙头", "chain_leader": True})],
                        [Rel("LEADS", ("Enterprise", "e"), ("Chain", "c"))])
    assert [(e["from"], e["to"]) for e in chain_map(loose, "c").spec["edges"]] == [("Enterprise:e", "Chain:c")]


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


def test_names_wrap_within_the_lane_and_too_long_ones_are_shortened_with_the_full_name_in_the_hover():
    two_lines = "中天氟硅29万吨/年有机硅下游产品技改项目"
    long = "中天氟硅29万吨/年有机硅下游产品及15万吨/年单体技改项目（一期工程、二期工程）"
    nodes = [Node("Chain", "c", {"name": "链" * 40}), Node("Segment", "s", {"name": "环节" * 20, "stage": "midstream"}),
             Node("Project", "p", {"name": long}), Node("Project", "q", {"name": two_lines}),
             Node("Enterprise", "e", {"name": "某某" * 25 + "有限公司"}),
             Node("Department", "甲", {"name": "甲", "english": "Municipal Development and Reform Commission"}),
             Node("Department", "乙", {"name": "乙", "english": "Municipal Development and Reform Office"})]
    rels = [Rel("PART_OF", ("Segment", "s"), ("Chain", "c")), Rel("IN_SEGMENT", ("Project", "p"), ("Segment", "s")),
            Rel("IN_SEGMENT", ("Project", "q"), ("Segment", "s")), Rel("OPERATES_IN", ("Enterprise", "e"), ("Segment", "s")),
            Rel("SERVES", ("Department", "甲"), ("Project", "p")), Rel("SERVES", ("Department", "乙"), ("Project", "p"))]
    g2 = build_graph(nodes, rels)
    for lang in ("zh", "en"):
        m = chain_map(g2, "c", show_units=True, lang=lang)
        labels = {n["id"]: n["label"] for n in m.spec["nodes"]}
        assert labels["Project:q"].replace("\n", "") == two_lines and labels["Project:q"].count("\n") == 1
        for n in m.spec["nodes"]:
            lines = n["label"].split("\n")
            assert len(lines) <= MAX_LINES + (lang == "en"), n["id"]
            width = 2 * LABEL_WIDTH if n["group"] == "Chain" else LABEL_WIDTH
            assert all(text_width(line, n["font"]["size"]) <= width for line in lines), n["id"]
            assert not any(line.endswith(("（", "(", "《", "“")) for line in lines), n["id"]
            full = g2.nodes[n["id"]].get("name")
            if full and len(n["label"].replace("\n", "")) < len(full) and n["group"] != "Department":
                assert "…" in n["label"] and full in n["title"], n["id"]  # shortened; whole in the hover
        assert "…" in labels["Project:p"] and "…" in labels["Enterprise:e"]
        assert labels["Project:p"].endswith("二期工程）")  # the end of a shortened name stays
        if lang == "zh":
            assert "…" in labels["Chain:c"] and "…" in labels["Segment:s"]
        assert not _overlaps(m.boxes)
    en = {n["id"]: n["label"] for n in chain_map(g2, "c", show_units=True, lang="en").spec["nodes"]}
    assert en["Department:甲"] != en["Department:乙"]  # wrapped, not cut to the same prefix


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


# --- what an officer sees first: the drawing's own structure ----------------------------------------

def _maps(g):
    """The toy chain with every toggle, both languages, the bundled chains and a capped big chain."""
    from graph.model.dataset import load_graph
    real, _ = load_graph()
    for lang in ("zh", "en"):
        for units, measures in ((False, False), (True, False), (True, True)):
            yield f"toy {lang} {units} {measures}", chain_map(g, "新能源", show_units=units, show_measures=measures, lang=lang)
    for chain in ("新材料", "新能源", "集成电路", "高端装备", "生命健康", "特种纸"):
        yield chain, chain_map(real, chain, show_units=True, show_measures=True)
    yield "big", chain_map(_many(segments=9, firms=30, units=30), "链", show_units=True)


def test_legend_lists_exactly_what_is_drawn_with_the_drawn_shapes_and_colours(g):
    for where, m in _maps(g):
        spec = m.spec
        node_items = [it for it in spec["legend"] if "kind" in it]
        edge_items = [it for it in spec["legend"] if "edge" in it]
        drawn = {(n["group"], n.get("stage")) for n in spec["nodes"]}
        assert {(it["kind"], it["stage"]) for it in node_items} == drawn, where
        assert len(node_items) == len(drawn), where  # each once
        for n in spec["nodes"]:
            it = next(i for i in node_items if (i["kind"], i["stage"]) == (n["group"], n.get("stage")))
            assert (it["shape"], it["bg"], it["border"]) == (n["shape"], n["color"]["background"],
                                                             n["color"]["border"]), (where, n["id"])
        assert {it["edge"] for it in edge_items} == {e["type"] for e in spec["edges"]}, where
        for e in spec["edges"]:
            it = next(i for i in edge_items if i["edge"] == e["type"])
            colour = e["color"]["color"] if isinstance(e["color"], dict) else e["color"]
            assert it["color"] == colour and it["dashes"] == bool(e.get("dashes")), (where, e["type"])
        texts = [it["text"] for it in spec["legend"]]
        assert len(texts) == len(set(texts)), where
    # kinds that are not on a map are not in its legend
    plain = chain_map(g, "新能源").spec
    assert not any(it.get("kind") in ("Department", "Measure", "Cluster") for it in plain["legend"])
    assert any(it.get("kind") == "Leader" for it in plain["legend"])
    stages = {it["stage"] for it in chain_map(g, "特种纸").spec["legend"] if it.get("kind") == "Segment"}
    assert stages == {"upstream"}  # 特种纸 has only an upstream segment here


def test_map_options_draw_still_and_every_node_has_its_place(g):
    for where, m in _maps(g):
        spec = m.spec
        opts = spec["options"]
        assert opts["physics"]["enabled"] is False and opts["physics"]["stabilization"]["enabled"] is False, where
        assert opts["layout"]["hierarchical"]["enabled"] is False and opts["interaction"]["dragNodes"] is False
        ids = [n["id"] for n in spec["nodes"]]
        assert len(ids) == len(set(ids)) == m.n_nodes, where
        assert all(isinstance(n["x"], (int, float)) and isinstance(n["y"], (int, float)) for n in spec["nodes"])
        assert {e["from"] for e in spec["edges"]} | {e["to"] for e in spec["edges"]} <= set(ids), where
        assert not any(e["type"] in ("PART_OF", "SUPPORTS") for e in spec["edges"]), where  # the lanes show it
        stars = {n["id"] for n in spec["nodes"] if n["group"] == "Leader"}
        leads = {e["from"] for e in spec["edges"] if e["type"] == "LEADS"}
        assert leads <= stars and all(m.boxes.get(s) for s in stars), where
        assert not _overlaps(m.boxes), where
        # reading order: every upstream segment left of every midstream one, left of every downstream one
        x = {st: [n["x"] for n in spec["nodes"] if n.get("stage") == st] for st in ("upstream", "midstream", "downstream")}
        for a, b in (("upstream", "midstream"), ("midstream", "downstream")):
            if x[a] and x[b]:
                assert max(x[a]) < min(x[b]), where
    # the same data always gives the same drawing (nothing moves between reruns)
    assert chain_map(g, "新能源", show_units=True).spec == chain_map(g, "新能源", show_units=True).spec


def test_hover_texts_carry_an_officers_facts(g):
    nodes = {n["id"]: n["title"] for n in chain_map(g, "新能源", show_measures=True).spec["nodes"]}
    firm = nodes["Enterprise:f1"]
    assert "链主 Chain leader: 否 no" in firm and "所在环节 Segment: 正极（中游 Midstream）" in firm
    assert "投资项目 Projects: 正极扩产项目" in firm
    assert "链主 Chain leader: 是 yes" in nodes["Enterprise:lead"] and "锂矿（上游 Upstream）" in nodes["Enterprise:lead"]
    project = nodes["Project:p1"]
    assert "投资 Investment: 30 亿元" in project and "项目阶段 Project stage: 已签约 Signed" in project
    assert "所在环节 Segment: 正极（中游 Midstream）" in project and "投资企业 Investor: 正极一厂" in project
    # the units lane is hidden, the hover text still names who serves the project, and at which step
    assert "服务单位 Serving units: 市经信局（立项备案）" in project
    assert "服务单位 Serving units: 未记录 none on record" in nodes["Project:p2"]
    assert "牵头单位 Lead: 市经信局" in nodes["Measure:p#M1"] and "责任单位 Responsible units: 市经信局" in nodes["Measure:p#M1"]
    assert "支撑依据 Basis: 产业链" in nodes["Measure:p#M1"]
    units = {n["id"]: n["title"] for n in chain_map(g, "新能源", show_units=True).spec["nodes"]}
    assert "服务项目 Serves: 正极扩产项目" in units["Department:市经信局"]
    assert "企业 Firms: 1 · 项目 Projects: 1" in nodes["Segment:cat"]
    assert "暂无企业记录" in nodes["Segment:pre"]


def test_no_address_outside_the_machine_in_the_page_or_the_component(g):
    from app.components.chain_map import frontend_dir
    outside = re.compile(r"https?://(?!(127\.0\.0\.1|localhost)[:/])", re.IGNORECASE)
    for where, m in _maps(g):
        assert not outside.search(m.html), (where, outside.search(m.html).group())
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", m.html, re.IGNORECASE), where
        assert "@import" not in m.html and "url(http" not in m.html.replace(" ", "")
    from pathlib import Path
    for f in Path(frontend_dir()).iterdir():
        assert not outside.search(f.read_text(encoding="utf-8")), f.name


def test_a_chain_without_firms_or_segments_says_so():
    g2 = build_graph([Node("Chain", "a", {"name": "空链"}), Node("Chain", "b", {"name": "环节链"}),
                      Node("Segment", "s", {"name": "环节", "stage": "upstream"})],
                     [Rel("PART_OF", ("Segment", "s"), ("Chain", "b"))])
    bare = chain_map(g2, "空链")
    assert bare.n_nodes == 1 and "暂无环节记录" in bare.spec["empty"] and "segments.csv" in bare.spec["empty"]
    assert "No segments" in chain_map(g2, "空链", lang="en").spec["empty"]
    only = chain_map(g2, "环节链")
    assert "暂无企业和项目记录" in only.spec["empty"] and only.spec["note"] is None
    assert [h["text"] for h in place(chain_subgraph(g2, "环节链")).headers] == ["上游", "中游", "下游"]
    assert chain_map(_many(segments=1, firms=1), "链").spec["empty"] is None


def _two_stages(extra=()):
    nodes = [Node("Chain", "c", {"name": "链"})] + [
        Node("Segment", k, {"name": name, "stage": stage}) for k, name, stage in (
            ("a", "A上游", "upstream"), ("b", "B上游", "upstream"),
            ("x", "C中游", "midstream"), ("y", "D中游", "midstream"), ("z", "E中游", "midstream"))]
    rels = [Rel("PART_OF", ("Segment", k), ("Chain", "c")) for k in "abxyz"]
    # by name C would sit above D; C is fed by B and D by A, so the arrows would cross
    rels += [Rel("FEEDS", ("Segment", "b"), ("Segment", "x")), Rel("FEEDS", ("Segment", "a"), ("Segment", "y")),
             *extra]
    pos = chain_layout(chain_subgraph(build_graph(nodes, rels), "c"))
    return {k: pos[f"Segment:{k}"] for k in "abxyz"}


def test_segments_sit_level_with_their_feeders_and_below_feeders_in_their_own_stage():
    pos = _two_stages()
    assert pos["a"][1] < pos["b"][1]  # by name within a stage of equals
    assert pos["y"][1] < pos["x"][1]  # D beside A, C beside B: no crossing
    pos = _two_stages([Rel("FEEDS", ("Segment", "y"), ("Segment", "z"))])  # D feeds E within the stage
    assert pos["y"][1] < pos["z"][1] or pos["y"][0] < pos["z"][0]


def test_a_tall_stage_takes_columns_and_keeps_the_reading_order():
    from graph.present.chainmap.layout import MAX_COLUMNS
    tall = _many(segments=4, firms=4)  # two upstream segments, each a block of 4 firms and 4 projects
    spec = chain_map(tall, "链").spec
    xs = {st: sorted({n["x"] for n in spec["nodes"] if n.get("stage") == st}) for st in ("upstream", "midstream", "downstream")}
    assert sum(len(v) for v in xs.values()) <= MAX_COLUMNS and any(len(v) > 1 for v in xs.values())
    assert max(xs["upstream"]) < min(xs["midstream"]) and max(xs["midstream"]) < min(xs["downstream"])
    heads = sorted(spec["headers"], key=lambda h: h["x"])
    assert [h["text"] for h in heads] == ["上游", "中游", "下游"]
    for h, st in zip(heads, ("upstream", "midstream", "downstream")):  # a heading centred over its columns
        assert min(xs[st]) <= h["x"] <= max(xs[st])
    assert len(xs["upstream"]) == 2 and len(xs["midstream"]) == len(xs["downstream"]) == 1
    small = chain_map(_many(segments=6, firms=1), "链").spec  # a map that fits is not spread out
    assert len({n["x"] for n in small["nodes"] if n["group"] == "Segment"}) == 3
    # when every stage is too tall for the spare columns, widening some would not make the map lower
    even = chain_map(_many(segments=12, firms=4), "链").spec
    assert len({n["x"] for n in even["nodes"] if n["group"] == "Segment"}) == 3
