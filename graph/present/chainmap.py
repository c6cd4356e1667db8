"""The chain map: one industry chain as an offline vis-network page, built with pyvis.

Segments stand in three columns, upstream → midstream → downstream; each segment's firms sit to
its left and its projects to its right; chain leaders are gold, larger and heavily bordered.
Optionally the units serving the chain's projects (a column on the right) and the plan measures
supporting the chain (a column on the left) are added. Positions are computed here and physics
is off, so a map of thousands of nodes opens at once instead of settling for minutes; above
`cluster_above` firms or projects in one segment, they fold into one cluster node per segment.

Everything here is pure: functions take the (read-only) graph and return a graph, a dict or an
HTML string. Nothing is written to disk and nothing is fetched from the network: the HTML inlines
vis-network and carries no http(s) asset links, so the map works offline and can be downloaded.

A rendered page cannot report clicks back to Streamlit, so the app lets the user pick a node
in a select box; `neighbours` and `source_sentence` give what that box shows.

Examples
--------
>>> from loaders.records import Node, Rel
>>> from graph.model.build import build_graph
>>> g = build_graph(
...     [Node("Chain", "c", {"name": "特种纸", "name_en": "Specialty paper"}),
...      Node("Segment", "s1", {"name": "木浆", "stage": "upstream"}),
...      Node("Segment", "s2", {"name": "原纸", "stage": "downstream"}),
...      Node("Enterprise", "e", {"name": "仙鹤股份", "chain_leader": True})],
...     [Rel("PART_OF", ("Segment", "s1"), ("Chain", "c")), Rel("PART_OF", ("Segment", "s2"), ("Chain", "c")),
...      Rel("FEEDS", ("Segment", "s1"), ("Segment", "s2")), Rel("LEADS", ("Enterprise", "e"), ("Chain", "c")),
...      Rel("OPERATES_IN", ("Enterprise", "e"), ("Segment", "s2"))])
>>> sorted(chain_subgraph(g, "特种纸"))
['Chain:c', 'Enterprise:e', 'Segment:s1', 'Segment:s2']
>>> pos = chain_layout(chain_subgraph(g, "特种纸"))
>>> pos["Segment:s1"][0] < pos["Segment:s2"][0]
True
>>> html = chain_map_html(g, "特种纸")
>>> "Segment:s1" in html and 'src="http' not in html and 'href="http' not in html
True
"""
from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
from pyvis.network import Network

from loaders.vocabulary import STAGES

__all__ = ["STAGE_X", "STYLE", "ChainMap", "find_chain", "chain_subgraph", "chain_layout", "chain_map",
           "chain_map_html", "map_options", "offline_html", "with_focus", "display_name", "node_title",
           "neighbours", "source_sentence", "chain_firms", "supporting_measures"]

BAND = 560                      # horizontal distance between stage columns
STAGE_X = {s: i * BAND for i, s in enumerate(STAGES)}
SIDE = 190                      # firms left of their segment, projects right of it
ROW = 56                        # vertical distance between stacked nodes
DEFAULT_CLUSTER = 30            # fold a segment's firms / projects into one node above this many

# Edges drawn on the map (other edges between the map's nodes, such as RESPONSIBLE_FOR between a
# serving unit and a supporting measure, belong to other views).
MAP_EDGES = ("PART_OF", "FEEDS", "LEADS", "OPERATES_IN", "INVESTS_IN", "IN_SEGMENT", "SERVES", "SUPPORTS")

STAGE_COLOURS = {"upstream": ("#dbeafe", "#2563eb"), "midstream": ("#dcfce7", "#16a34a"),
                 "downstream": ("#fef3c7", "#d97706"), None: ("#f1f5f9", "#64748b")}
STYLE = {
    "Chain": {"shape": "box", "color": {"background": "#991b1b", "border": "#450a0a"},
              "font": {"color": "#ffffff", "size": 22}, "borderWidth": 2, "margin": 12},
    "Segment": {"shape": "box", "borderWidth": 2, "margin": 10, "font": {"size": 16}},
    "Enterprise": {"shape": "dot", "size": 11, "color": {"background": "#94a3b8", "border": "#475569"},
                   "borderWidth": 1},
    "Leader": {"shape": "star", "size": 26, "color": {"background": "#facc15", "border": "#b45309"},
               "borderWidth": 4, "font": {"size": 16, "bold": True}},
    "Project": {"shape": "diamond", "color": {"background": "#c4b5fd", "border": "#6d28d9"},
                "borderWidth": 1},
    "GapProject": {"shape": "diamond", "color": {"background": "#c4b5fd", "border": "#dc2626"},
                   "borderWidth": 3},
    "Department": {"shape": "triangle", "size": 13, "color": {"background": "#5eead4", "border": "#0f766e"},
                   "borderWidth": 1},
    "Measure": {"shape": "square", "size": 11, "color": {"background": "#cbd5e1", "border": "#334155"},
                "borderWidth": 1},
    "Cluster": {"shape": "hexagon", "size": 24, "color": {"background": "#e9d5ff", "border": "#7e22ce"},
                "borderWidth": 2, "shapeProperties": {"borderDashes": [4, 3]}},
}
EDGE_STYLE = {
    "PART_OF": {"color": "#cbd5e1", "dashes": True, "width": 1},
    "FEEDS": {"color": "#2563eb", "width": 3},
    "LEADS": {"color": "#b45309", "width": 2},
    "OPERATES_IN": {"color": "#94a3b8", "width": 1},
    "INVESTS_IN": {"color": "#a78bfa", "width": 1},
    "IN_SEGMENT": {"color": "#8b5cf6", "width": 1},
    "SERVES": {"color": "#14b8a6", "width": 1, "dashes": [2, 4]},
    "SUPPORTS": {"color": "#64748b", "width": 1, "dashes": [6, 4]},
}

# Bilingual words: hover titles always show both; labels and legend follow `lang`.
WORDS = {
    "Chain": ("产业链", "Chain"), "Segment": ("环节", "Segment"), "Enterprise": ("企业", "Firm"),
    "Leader": ("链主企业", "Chain leader"), "Project": ("项目", "Project"),
    "GapProject": ("补链项目", "Gap-filling project"), "Department": ("服务单位", "Serving unit"),
    "Measure": ("支撑举措", "Supporting measure"), "Cluster": ("合并节点", "Cluster"),
    "upstream": ("上游", "Upstream"), "midstream": ("中游", "Midstream"), "downstream": ("下游", "Downstream"),
    "PART_OF": ("属于", "part of"), "FEEDS": ("供给", "feeds"), "LEADS": ("链主", "leads"),
    "OPERATES_IN": ("布局于", "operates in"), "INVESTS_IN": ("投资", "invests in"),
    "IN_SEGMENT": ("所属环节", "in segment"), "SERVES": ("服务", "serves"), "SUPPORTS": ("支撑", "supports"),
    "RESPONSIBLE_FOR": ("负责", "responsible for"), "HAS_MILESTONE": ("节点", "milestone"),
    "HAS_TARGET": ("目标", "target"), "IN_PILLAR": ("所属板块", "in pillar"), "OF_PLAN": ("属于方案", "of plan"),
    "AFFILIATE_OF": ("隶属", "affiliate of"), "PILOTS": ("先行先试", "pilots"), "RAISED": ("提出", "raised"),
    "IN_CHAIN": ("所属产业链", "in chain"), "ASSIGNED_TO": ("交办", "assigned to"),
}


def _w(key: str, lang: str) -> str:
    zh, en = WORDS.get(key, (key, key))
    return en if lang == "en" else zh


def _both(key: str) -> str:
    zh, en = WORDS.get(key, (key, key))
    return f"{zh} {en}"


# --- selecting the chain's part of the graph -----------------------------------------------------

def _in(g, node, rel_type):
    return [u for u, _, d in g.in_edges(node, data=True) if d.get("type") == rel_type]


def _out(g, node, rel_type):
    return [v for _, v, d in g.out_edges(node, data=True) if d.get("type") == rel_type]


def find_chain(g: nx.MultiDiGraph, chain: str) -> str:
    """The node id of `chain`, given as node id, key, Chinese or English name."""
    chains = {n: d for n, d in g.nodes(data=True) if d.get("label") == "Chain"}
    want = str(chain).strip().lower()
    for n, d in chains.items():
        names = {n, d.get("key"), d.get("id"), d.get("name"), d.get("name_en")}
        if want in {str(x).strip().lower() for x in names if x}:
            return n
    known = ", ".join(sorted(str(d.get("name")) for d in chains.values())) or "none"
    raise ValueError(f"no chain {chain!r}; known chains: {known}")


def chain_subgraph(g: nx.MultiDiGraph, chain: str, *, show_units: bool = False,
                   show_measures: bool = False) -> nx.MultiDiGraph:
    """The chain, its segments, firms (leaders and those operating in a segment), projects in its
    segments, and optionally units serving those projects and measures supporting the chain.

    Only map edges (`MAP_EDGES`) are kept; node attributes are copied, so the result is a new,
    editable graph and the shared graph stays untouched.
    """
    c = find_chain(g, chain)
    segments = set(_in(g, c, "PART_OF"))
    firms = set(_in(g, c, "LEADS")) | {e for s in segments for e in _in(g, s, "OPERATES_IN")}
    projects = {p for s in segments for p in _in(g, s, "IN_SEGMENT")}
    keep = {c} | segments | firms | projects
    if show_units:
        keep |= {u for p in projects for u in _in(g, p, "SERVES")}
    if show_measures:
        keep |= set(_in(g, c, "SUPPORTS"))
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, dict(g.nodes[n])) for n in keep)
    for u, v, k, d in g.edges(keep, keys=True, data=True):
        if v in keep and d.get("type") in MAP_EDGES:
            sub.add_edge(u, v, key=k, **d)
    sub.graph["chain"] = c
    return sub


def chain_firms(g: nx.MultiDiGraph, chain: str) -> list[dict]:
    """Firms of the chain, leaders first, then by name: name, leader, county, listed, segments."""
    sub = chain_subgraph(g, chain)
    rows = []
    for n, d in sub.nodes(data=True):
        if d.get("label") != "Enterprise":
            continue
        segs = sorted(sub.nodes[s].get("name", s) for s in _out(sub, n, "OPERATES_IN"))
        leader = bool(d.get("chain_leader")) or sub.graph["chain"] in _out(sub, n, "LEADS")
        rows.append({"enterprise": d.get("name", d.get("key")), "chain_leader": leader,
                     "county": d.get("county") or None, "listed": d.get("listed"),
                     "segments": "、".join(segs), "illustrative": d.get("illustrative"), "id": n})
    return sorted(rows, key=lambda r: (not r["chain_leader"], r["enterprise"]))


def supporting_measures(g: nx.MultiDiGraph, chain: str) -> list[dict]:
    """Plan measures that SUPPORT the chain, by plan and number, with the words that justify the link."""
    c = find_chain(g, chain)
    rows = []
    for m, _, d in g.in_edges(c, data=True):
        if d.get("type") != "SUPPORTS":
            continue
        md = g.nodes[m]
        rows.append({"measure": md.get("number"), "title": md.get("title"), "basis": d.get("basis"),
                     "rule": d.get("rule"), "plan": md.get("plan"), "id": m})
    return sorted(rows, key=lambda r: (str(r["plan"]), r["measure"] is None, r["measure"] or 0, r["id"]))


# --- layout ----------------------------------------------------------------------------------------

def _is_leader(sub, n) -> bool:
    d = sub.nodes[n]
    return bool(d.get("chain_leader")) or sub.graph.get("chain") in _out(sub, n, "LEADS")


def _sort_key(sub, n):
    d = sub.nodes[n]
    return (str(d.get("name") or d.get("title") or d.get("key") or n), n)


def chain_layout(sub: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Fixed positions: stage columns left to right, each segment's block stacked top to bottom.

    Within a segment's block the segment is centred, its firms (leaders first) stacked at
    x - SIDE and its projects at x + SIDE; a firm in several segments sits at its first one.
    The chain node is centred above the columns; measures form a column on the far left, serving
    units one on the far right. Each column is centred vertically on y = 0.
    """
    chain = sub.graph.get("chain") or next((n for n, d in sub.nodes(data=True) if d.get("label") == "Chain"), None)
    by_label = defaultdict(list)
    for n, d in sub.nodes(data=True):
        by_label[d.get("label")].append(n)
    stage_of = {s: (sub.nodes[s].get("stage") if sub.nodes[s].get("stage") in STAGES else "midstream")
                for s in by_label["Segment"]}
    segs_by_stage = {st: sorted((s for s in stage_of if stage_of[s] == st), key=lambda s: _sort_key(sub, s))
                     for st in STAGES}
    seg_order = [s for st in STAGES for s in segs_by_stage[st]]
    rank = {s: i for i, s in enumerate(seg_order)}

    home_firms, home_projects = defaultdict(list), defaultdict(list)
    loose_firms = []
    for e in sorted(by_label["Enterprise"], key=lambda e: (not _is_leader(sub, e), _sort_key(sub, e))):
        segs = [s for s in _out(sub, e, "OPERATES_IN") if s in rank]
        (home_firms[min(segs, key=rank.get)] if segs else loose_firms).append(e)
    for p in sorted(by_label["Project"], key=lambda p: _sort_key(sub, p)):
        segs = [s for s in _out(sub, p, "IN_SEGMENT") if s in rank]
        if segs:
            home_projects[min(segs, key=rank.get)].append(p)
    for c in sorted(by_label["Cluster"]):
        d = sub.nodes[c]
        (home_firms if d.get("members_label") == "Enterprise" else home_projects)[d["segment"]].append(c)

    pos: dict[str, tuple[float, float]] = {}
    tops = []
    for st in STAGES:
        x0 = STAGE_X[st]
        blocks = [(s, max(1, len(home_firms[s]), len(home_projects[s]))) for s in segs_by_stage[st]]
        total = sum(h for _, h in blocks) * ROW + max(0, len(blocks) - 1) * ROW
        y = -total / 2
        tops.append(y)
        for s, h in blocks:
            height = h * ROW
            pos[s] = (x0, y + height / 2 - ROW / 2)
            for col, members in ((x0 - SIDE, home_firms[s]), (x0 + SIDE, home_projects[s])):
                y_m = y + (height - len(members) * ROW) / 2
                for i, m in enumerate(members):
                    pos[m] = (col, y_m + i * ROW)
            y += height + ROW
    top = min(tops, default=0) - 2.5 * ROW
    mid_x = STAGE_X["midstream"]
    if chain is not None:
        pos[chain] = (mid_x, top - ROW)
    for i, e in enumerate(loose_firms):  # leaders without a segment: a row beside the chain node
        pos[e] = (mid_x - (i + 1) * 1.4 * SIDE, top - ROW)

    def column(nodes, x):
        nodes = sorted(nodes, key=lambda n: (sub.nodes[n].get("number") or 0, _sort_key(sub, n)))
        for i, n in enumerate(nodes):
            pos[n] = (x, (i - (len(nodes) - 1) / 2) * ROW)
    column(by_label["Measure"], STAGE_X["upstream"] - BAND)
    column(by_label["Department"], STAGE_X["downstream"] + BAND)
    for n in sub:  # anything else (should not happen): park it under the chain node
        pos.setdefault(n, (mid_x, top))
    return pos


# --- clustering for big maps ----------------------------------------------------------------------

def _cluster(sub: nx.MultiDiGraph, above: int | None) -> tuple[nx.MultiDiGraph, int]:
    """Fold a segment's non-leader firms, and its projects, into one node each when there are more
    than `above`. Returns the new graph and how many nodes were folded away."""
    if not above:
        return sub, 0
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for n, d in sub.nodes(data=True):
        if d.get("label") == "Project":
            segs = _out(sub, n, "IN_SEGMENT")
            if segs:
                groups[("Project", segs[0])].append(n)
        elif d.get("label") == "Enterprise" and not _is_leader(sub, n):
            segs = _out(sub, n, "OPERATES_IN")
            if segs:
                groups[("Enterprise", min(segs))].append(n)
    folds = {key: members for key, members in groups.items() if len(members) > above}
    if not folds:
        return sub, 0
    alias = {}
    out = nx.MultiDiGraph(**sub.graph)
    for (label, seg), members in folds.items():
        cid = f"Cluster:{label}:{seg.split(':', 1)[-1]}"
        names = sorted((sub.nodes[m].get("name") or m for m in members), key=str)
        invest = sum(float(sub.nodes[m].get("investment") or 0) for m in members)
        out.add_node(cid, label="Cluster", key=cid, members_label=label, segment=seg, size=len(members),
                     sample=names[:8], investment=invest if label == "Project" else None)
        alias.update({m: cid for m in members})
    for n, d in sub.nodes(data=True):
        if n not in alias:
            out.add_node(n, **d)
    seen = set()
    for u, v, k, d in sub.edges(keys=True, data=True):
        u2, v2 = alias.get(u, u), alias.get(v, v)
        if u2 == v2 or (u2, v2, d.get("type")) in seen:
            continue
        seen.add((u2, v2, d.get("type")))
        out.add_edge(u2, v2, key=k, **d)
    return out, len(alias) - len(folds)


# --- labels and hover titles ----------------------------------------------------------------------

def display_name(d: dict, lang: str = "zh") -> str:
    """A node's name for people: the English name where one exists and `lang` is "en"."""
    label = d.get("label")
    if label == "Measure":
        n = d.get("number")
        return f"M{n} {d.get('title', '')}".strip() if lang == "en" else f"举措{n} {d.get('title', '')}".strip()
    if label == "Milestone":
        return f"{d.get('raw') or d.get('due') or ''} {d.get('text') or ''}".strip()
    if label == "Target":
        return str(d.get("text") or d.get("metric") or d.get("key"))
    if label == "Problem":
        return str(d.get("description") or d.get("key"))
    if label == "Pillar":
        return f"{d.get('number')}. {d.get('name', '')}"
    if label == "Cluster":
        n = d.get("size", 0)
        what = "projects" if d.get("members_label") == "Project" else "firms"
        zh = "个项目" if what == "projects" else "家企业"
        return f"{n} {what}" if lang == "en" else f"{n} {zh}"
    if lang == "en":
        for k in ("name_en", "english"):
            if d.get(k):
                return str(d[k])
    return str(d.get("name") or d.get("title") or d.get("key") or "")


def _short(text: str, limit: int = 14) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind(sub, n) -> str:
    d = sub.nodes[n]
    label = d.get("label")
    if label == "Enterprise" and _is_leader(sub, n):
        return "Leader"
    if label == "Project" and d.get("fills_gap"):
        return "GapProject"
    return label


def _yes(v) -> str:
    return "是 yes" if v else "否 no"


def node_title(d: dict, kind: str | None = None) -> str:
    """Plain-text hover text (vis-network shows strings as text, so nothing here is HTML)."""
    kind = kind or d.get("label")
    lines = [f"{_both(kind)}", f"{display_name(d, 'zh')}"]
    en = display_name(d, "en")
    if en != lines[-1]:
        lines.append(en)
    label = d.get("label")
    if label == "Segment" and d.get("stage"):
        lines.append(f"阶段 Stage: {_both(d['stage'])}")
    if label == "Enterprise":
        lines.append(f"链主 Chain leader: {_yes(kind == 'Leader')}")
        if d.get("county"):
            lines.append(f"区县 County: {d['county']}")
        if d.get("listed") is not None:
            lines.append(f"上市 Listed: {_yes(d.get('listed'))}")
    if label == "Project":
        if d.get("investment") is not None:
            lines.append(f"投资 Investment: {d['investment']:g} 亿元 (100M CNY)")
        if d.get("status"):
            lines.append(f"状态 Status: {d['status']}")
        lines.append(f"补链 Fills a gap: {_yes(d.get('fills_gap'))}")
    if label == "Department":
        if d.get("full_name"):
            lines.append(f"全称 Full name: {d['full_name']}")
        if d.get("kind"):
            lines.append(f"类别 Kind: {d['kind']}")
    if label == "Cluster":
        lines.append("含 Includes: " + "、".join(map(str, d.get("sample", []))) + (" …" if d.get("size", 0) > 8 else ""))
        if d.get("investment"):
            lines.append(f"合计投资 Total investment: {d['investment']:g} 亿元")
    if d.get("source"):
        lines.append(f"来源 Source: {d['source']}")
    if d.get("reference"):
        lines.append(f"出处 Reference: {d['reference']}")
    if d.get("illustrative"):
        lines.append("示例数据 Illustrative (not on record)")
    return "\n".join(lines)


def _edge_title(d: dict) -> str:
    parts = [_both(d.get("type", ""))]
    for k in ("stage", "basis", "role", "rank"):
        if d.get(k) not in (None, ""):
            parts.append(f"{k}: {d[k]}")
    return " · ".join(parts)


# --- the HTML ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ChainMap:
    """The map's HTML and what it shows: node ids with label and display name, in drawing order."""
    html: str
    nodes: tuple[tuple[str, str, str], ...]
    n_edges: int
    folded: int = 0  # nodes folded into cluster nodes

    @property
    def n_nodes(self) -> int:
        return len(self.nodes)


def map_options(n_nodes: int) -> dict:
    """vis-network options: physics off (positions are precomputed); lighter drawing for big maps."""
    big = n_nodes > 500
    return {
        "physics": {"enabled": False, "stabilization": {"enabled": False, "iterations": 100}},
        "layout": {"improvedLayout": False, "hierarchical": {"enabled": False}},
        "interaction": {"hover": not big, "tooltipDelay": 150, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "multiselect": False, "navigationButtons": False},
        "edges": {"smooth": False if big else {"enabled": True, "type": "cubicBezier",
                                               "forceDirection": "horizontal", "roundness": 0.4},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "selectionWidth": 2},
        "nodes": {"font": {"size": 14, "face": "Noto Sans CJK SC, WenQuanYi Micro Hei, Microsoft YaHei, sans-serif"}},
    }


_EXTERNAL_TAG = re.compile(
    r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>"            # stylesheets from a CDN
    r"|<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>",  # scripts from a CDN
    re.IGNORECASE | re.DOTALL)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.IGNORECASE)
_COMMENTED_ASSETS = re.compile(r"<!--(?:(?!-->).)*?<(?:link|script)\b.*?-->", re.IGNORECASE | re.DOTALL)


def offline_html(html: str) -> str:
    """Drop every external <link href> and <script src> (pyvis's template links Bootstrap from a
    CDN even when vis-network is inlined) and pyvis's empty headings."""
    return _COMMENTED_ASSETS.sub("", _EMPTY_HEADING.sub("", _EXTERNAL_TAG.sub("", html)))


def _legend_html(lang: str, kinds: list[str]) -> str:
    def swatch(kind):
        st = STYLE[kind]
        colour = st["color"]["background"]
        border = st["color"]["border"]
        shape = {"box": "2px", "dot": "50%", "star": "50%", "diamond": "0", "triangle": "0",
                 "square": "0", "hexagon": "30%"}[st["shape"]]
        rotate = "transform:rotate(45deg);" if st["shape"] == "diamond" else ""
        return (f'<span style="display:inline-block;width:11px;height:11px;margin-right:5px;'
                f'vertical-align:middle;background:{colour};border:{min(st.get("borderWidth", 1), 3)}px '
                f'solid {border};border-radius:{shape};{rotate}"></span>')
    items = []
    for kind in kinds:
        items.append(f"<div>{swatch(kind)}{_w(kind, lang)}</div>")
    for stage in STAGES:
        bg, border = STAGE_COLOURS[stage]
        items.append(f'<div><span style="display:inline-block;width:11px;height:11px;margin-right:5px;'
                     f'vertical-align:middle;background:{bg};border:2px solid {border}"></span>'
                     f"{_w('Segment', lang)} · {_w(stage, lang)}</div>")
    title = "图例" if lang != "en" else "Legend"
    return ('<div id="chainmap-legend" style="position:absolute;top:8px;left:8px;z-index:10;'
            "background:rgba(255,255,255,.92);border:1px solid #cbd5e1;border-radius:6px;padding:6px 9px;"
            'font:12px/1.55 sans-serif;color:#1e293b;pointer-events:none">'
            f"<b>{title}</b>{''.join(items)}</div>")


def _overlay_script(headers: list[dict], bands: list[dict]) -> str:
    """Column headings and faint stage bands drawn on the canvas (not nodes: the count stays true).
    The first drawing happened before this handler existed, so fit and redraw once."""
    return ("<script type=\"text/javascript\">(function(){\n"
            f"var HEADERS = {json.dumps(headers, ensure_ascii=False)}, BANDS = {json.dumps(bands)};\n"
            "network.on('beforeDrawing', function(ctx){ctx.save();"
            "BANDS.forEach(function(b){ctx.fillStyle=b.fill;ctx.fillRect(b.x,b.y,b.w,b.h);});"
            "ctx.font='bold 22px sans-serif';ctx.textAlign='center';ctx.fillStyle='#475569';"
            "HEADERS.forEach(function(h){ctx.fillText(h.text,h.x,h.y);});ctx.restore();});\n"
            "network.fit({animation:false});network.redraw();\n"
            "})();</script>\n")


def with_focus(html: str, node_id: str | None) -> str:
    """The same page with `node_id` selected and zoomed to (for the app's search box)."""
    if not node_id:
        return html
    script = ("<script type=\"text/javascript\">(function(){var id=" + json.dumps(node_id) + ";"
              "if(nodes.get(id)){network.selectNodes([id]);"
              "network.focus(id,{scale:1.1,animation:false});}})();</script>\n")
    return html.replace("</body>", script + "</body>", 1)


def chain_map(g: nx.MultiDiGraph, chain: str, *, show_units: bool = False, show_measures: bool = False,
              height: str = "650px", lang: str = "zh", cluster_above: int | None = DEFAULT_CLUSTER) -> ChainMap:
    """Build the chain map: the offline HTML and the list of nodes it draws."""
    sub, folded = _cluster(chain_subgraph(g, chain, show_units=show_units, show_measures=show_measures),
                           cluster_above)
    pos = chain_layout(sub)
    n_nodes = sub.number_of_nodes()
    big = n_nodes > 500
    net = Network(height=height, width="100%", directed=True, cdn_resources="in_line", bgcolor="#ffffff")
    net.set_options(json.dumps(map_options(n_nodes)))

    nodes, node_ids, drawn = [], [], []
    for n, d in sub.nodes(data=True):
        kind = _kind(sub, n)
        name = display_name(d, lang)
        style = {k: (dict(v) if isinstance(v, dict) else v) for k, v in STYLE[kind].items()}
        if kind == "Segment":
            bg, border = STAGE_COLOURS.get(d.get("stage"), STAGE_COLOURS[None])
            style["color"] = {"background": bg, "border": border}
        if kind in ("Project", "GapProject") and d.get("investment") is not None:
            style["size"] = round(min(30, 9 + 3 * math.sqrt(max(0.0, float(d["investment"])))), 1)
        label = ("★ " if kind == "Leader" else "") + _short(name, 12 if kind != "Chain" else 20)
        x, y = pos[n]
        node = {"id": n, "label": label, "title": node_title(d, kind), "x": round(x, 1), "y": round(y, 1),
                "group": kind, **style}
        if big:
            node["label"] = label if kind in ("Chain", "Segment", "Leader", "Cluster") else " "
        nodes.append(node)
        node_ids.append(n)
        drawn.append((n, d.get("label", ""), name))
    edges = []
    for u, v, d in sub.edges(data=True):
        st = EDGE_STYLE.get(d.get("type"), {})
        if big:  # vis-network draws dashes segment by segment: 10,000 dashed edges take seconds per frame
            st = {k: x for k, x in st.items() if k != "dashes"}
        edges.append({"from": u, "to": v, "title": _edge_title(d), "arrows": "to", **st})
    # Filled directly rather than through add_node / add_edge, whose duplicate checks scan lists
    # (quadratic: minutes at 10,000 nodes). These are the lists generate_html() renders.
    net.nodes, net.edges, net.node_ids = nodes, edges, node_ids
    net.node_map = {n["id"]: n for n in nodes}

    kinds = [k for k in ("Chain", "Leader", "Enterprise", "Project", "GapProject", "Department", "Measure",
                         "Cluster") if any(nd["group"] == k for nd in nodes)]
    ys = [y for _, y in pos.values()] or [0]
    top, bottom = min(ys), max(ys)
    seg_ys = [pos[n][1] for n, d in sub.nodes(data=True) if d.get("label") == "Segment"] or [0]
    head_y = min(seg_ys) - 1.2 * ROW
    headers = [{"text": _w(s, lang), "x": STAGE_X[s], "y": head_y} for s in STAGES]
    if any(d.get("label") == "Measure" for _, d in sub.nodes(data=True)):
        headers.append({"text": _w("Measure", lang), "x": STAGE_X["upstream"] - BAND, "y": head_y})
    if any(d.get("label") == "Department" for _, d in sub.nodes(data=True)):
        headers.append({"text": _w("Department", lang), "x": STAGE_X["downstream"] + BAND, "y": head_y})
    bands = [{"x": STAGE_X[s] - BAND / 2 + 8, "y": min(top, head_y) - ROW, "w": BAND - 16,
              "h": bottom - min(top, head_y) + 2 * ROW, "fill": STAGE_COLOURS[s][0] + "55"} for s in STAGES]

    html = offline_html(net.generate_html())
    html = html.replace("<body>", "<body>\n" + _legend_html(lang, kinds), 1)
    html = html.replace("</body>", _overlay_script(headers, bands) + "</body>", 1)
    return ChainMap(html=html, nodes=tuple(drawn), n_edges=len(edges), folded=folded)


def chain_map_html(g: nx.MultiDiGraph, chain: str, *, show_units: bool = False, show_measures: bool = False,
                   height: str = "650px", lang: str = "zh", cluster_above: int | None = DEFAULT_CLUSTER) -> str:
    """The chain map as one self-contained HTML page (see `chain_map`)."""
    return chain_map(g, chain, show_units=show_units, show_measures=show_measures, height=height, lang=lang,
                     cluster_above=cluster_above).html


# --- what the app shows for a selected node --------------------------------------------------------

def neighbours(g: nx.MultiDiGraph, node: str, lang: str = "zh") -> list[dict]:
    """Every relationship of `node`: direction, type, the other node, and the edge's provenance."""
    rows = []
    for direction, edges in (("out", g.out_edges(node, data=True)), ("in", g.in_edges(node, data=True))):
        for u, v, d in edges:
            other = v if direction == "out" else u
            od = g.nodes[other]
            rows.append({"direction": "→" if direction == "out" else "←", "type": d.get("type"),
                         "relation": _w(d.get("type", ""), lang), "label": od.get("label"),
                         "name": display_name(od, lang), "id": other,
                         "detail": " · ".join(f"{k}={d[k]}" for k in ("rank", "role", "stage", "basis")
                                              if d.get(k) not in (None, "")),
                         "source": d.get("source"), "span": d.get("span")})
    return sorted(rows, key=lambda r: (r["type"] or "", r["direction"], str(r["name"])))


_SENTENCE_END = "。！？；;!?\n"


def source_sentence(text: str, span, *, limit: int = 400) -> tuple[str, int, int] | None:
    """The sentence around `span` = [start, end] in `text`, with the span's offsets inside it.

    The sentence runs from just after the previous 。！？； (or line break) to the next one,
    inclusive; a closing "负责)" also ends it (the plan's lists of units close a measure).

    >>> source_sentence("一、目标。6 月底前,建立专家库;完善机制。", [5, 10])
    ('6 月底前,建立专家库;', 0, 5)
    """
    if not text or not span or len(span) != 2:
        return None
    start, end = int(span[0]), int(span[1])
    if not (0 <= start <= end <= len(text)):
        return None
    left = max((text.rfind(ch, 0, start) for ch in _SENTENCE_END), default=-1) + 1
    candidates = [i + 1 for ch in _SENTENCE_END if (i := text.find(ch, max(end, left))) >= 0]
    for close in ("负责)", "负责）"):
        i = text.find(close, max(end - len(close), left))
        if i >= 0:
            candidates.append(i + len(close))
    right = min(candidates, default=len(text))
    right = max(right, end)
    if right - left > limit:  # keep long passages readable around the span
        left = max(left, start - limit // 2)
        right = min(right, max(end, left + limit))
    sentence = text[left:right]
    return sentence.rstrip("\n"), start - left, end - left
