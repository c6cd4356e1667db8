"""The chain map as data for the drawing script (`static/chainmap.js`), and as one self-contained,
offline HTML page (vis-network and the script inlined; no http(s) link anywhere)."""
from __future__ import annotations

import hashlib
import html as html_lib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import networkx as nx

from graph.present.chainmap.cluster import DEFAULT_CLUSTER, LeftOut, fold
from graph.present.chainmap.facts import Neighbours, chain_projects, node_facts
from graph.present.chainmap.labels import display_name, edge_title, node_title
from graph.present.chainmap.legend import cap_note, empty_note, legend
from graph.present.chainmap.layout import place
from graph.present.chainmap.selection import chain_subgraph
from graph.present.chainmap.style import FONT, FONT_FACE, edge_style, map_options, node_style
from graph.present.words import word
from loaders.vocabulary import STAGES

__all__ = ["MIN_PX", "ChainMap", "chain_map", "chain_map_html", "map_spec", "page_html", "vis_assets", "offline_text",
           "RENDERER", "spec_of"]

STATIC = Path(__file__).resolve().parent / "static"
RENDERER = STATIC / "chainmap.js"
MIN_PX = 11          # smallest label size on screen
MAX_HEIGHT = 600     # tallest frame (a laptop screen shows it whole under the page's controls); taller maps
                     # are drawn smaller down to MIN_PX labels, then pan inside the frame
BIG = 500            # above this many nodes: no member labels, lighter edges, fit the whole map


@dataclass(frozen=True)
class ChainMap:
    """One drawn map: the spec the drawing script takes, what it shows (node id, label, display
    name, in drawing order), and the downloadable page."""
    spec: dict
    nodes: tuple[tuple[str, str, str], ...]
    n_edges: int
    folded: int = 0  # nodes folded into cluster nodes
    left_out: LeftOut = field(default_factory=LeftOut, compare=False)  # what the cap folded, by kind
    title: str = ""
    boxes: dict = field(default_factory=dict, compare=False)  # estimated label boxes, map units

    @property
    def n_nodes(self) -> int:
        return len(self.nodes)

    @property
    def html(self) -> str:
        return page_html(self.spec, self.title)


def map_spec(g: nx.MultiDiGraph, chain: str, *, show_units: bool = False, show_measures: bool = False,
             lang: str = "zh", cluster_above: int | None = DEFAULT_CLUSTER) -> ChainMap:
    """Build the chain map (see `chain_map`)."""
    sub = chain_subgraph(g, chain, show_units=show_units, show_measures=show_measures)
    before = sub.number_of_nodes()
    sub, left_out = fold(sub, cluster_above)
    folded = before - sub.number_of_nodes()
    big = sub.number_of_nodes() > BIG
    placed = place(sub, lang, blank_members=big)
    chain_node = sub.graph["chain"]
    in_chain = chain_projects(g, chain_node)
    nb = Neighbours(g, sub.nodes)
    nodes, drawn = [], []
    for n, d in sub.nodes(data=True):
        kind = placed.kinds[n]
        x, y = placed.pos[n]
        lines = placed.lines[n]
        nodes.append({"id": n, "label": "\n".join(lines) if lines else " ",
                      "title": node_title(d, kind, node_facts(g, n, in_chain, chain_node, nb)),
                      "x": round(x, 1), "y": round(y, 1), "group": kind, **node_style(kind, d)})
        if kind == "Cluster":
            nodes[-1]["members_label"] = d.get("members_label")
        if kind == "Segment":  # the legend tells stages apart by this
            nodes[-1]["stage"] = d.get("stage") if d.get("stage") in STAGES else None
        drawn.append((n, d.get("label", ""), display_name(d, lang)))
    # What the lanes and blocks already show is not drawn again: a segment's PART_OF its chain, a
    # supporting measure's SUPPORTS (its lane says so; its hover text gives the basis), a leader's LEADS
    # from its segment's block (its gold star says so; leaders outside any block keep theirs), a
    # member's edge to the segment heading its block, a firm's investment in a project of its own block
    # (the two stand one under the other; both hover texts name the other).
    edges = [{"from": u, "to": v, "title": edge_title(d), "arrows": "to", "type": d.get("type"),
              **edge_style(d.get("type"), big, placed.pos[u], placed.pos[v])}
             for u, v, d in sub.edges(data=True)
             if d.get("type") not in ("PART_OF", "SUPPORTS")
             and not (d.get("type") in ("OPERATES_IN", "IN_SEGMENT") and placed.home.get(u) == v)
             and not (d.get("type") == "LEADS" and u in placed.home)
             and not (d.get("type") == "INVESTS_IN" and placed.home.get(u) is not None
                      and placed.home.get(u) == placed.home.get(v))]
    cd = g.nodes[chain_node]
    name = display_name(cd, lang)
    title = f"{name} · {word('map_title', lang)}"
    spec = {
        "chain": cd.get("key", chain_node), "nodes": nodes, "edges": edges, "options": map_options(len(nodes)),
        "headers": placed.headers, "bands": placed.bands, "bbox": [round(v, 1) for v in placed.bbox],
        "legend": legend(nodes, edges, lang), "note": cap_note(left_out, lang), "empty": empty_note(sub, name, lang), "face": FONT_FACE, "font": FONT, "min_px": MIN_PX, "max_scale": 1.0,
        "max_height": MAX_HEIGHT, "big": big, "focus": None, "file": f"chain-map-{cd.get('key', 'chain')}",
        "words": {"fit": word("fit", lang), "png": word("png", lang), "pan": word("pan_hint", lang)}, "lang": lang,
    }
    spec["key"] = hashlib.sha1(json.dumps([nodes, edges, lang], sort_keys=True, ensure_ascii=False)
                               .encode("utf-8")).hexdigest()[:16]
    return ChainMap(spec=spec, nodes=tuple(drawn), n_edges=len(edges), folded=folded, title=title,
                    boxes=placed.boxes, left_out=left_out)


chain_map = map_spec


def spec_of(cmap: ChainMap, focus: str | None = None) -> dict:
    """The spec with `focus` selected (a new dict; the cached map stays as it was)."""
    return {**cmap.spec, "focus": focus if focus and any(n == focus for n, _, _ in cmap.nodes) else None}


@lru_cache(maxsize=1)
def vis_assets() -> tuple[Path, Path]:
    """vis-network's script and stylesheet as pyvis ships them (the same files its pages inline)."""
    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed (pip install -r requirements.txt)")
    lib = Path(next(iter(spec.submodule_search_locations))) / "lib"
    folder = max(lib.glob("vis-*"), key=lambda p: tuple(int(x) for x in p.name[4:].split(".") if x.isdigit()))
    return folder / "vis-network.min.js", folder / "vis-network.css"


_SVG_NS = '"http://www.w3.org/2000/svg"'


def offline_text(text: str) -> str:
    """A script or stylesheet without any http(s) address, so a scan of the page for outside hosts finds
    none: vis-network names addresses only in its licence header and error messages (kept, without the
    scheme) and as the SVG namespace, a name that is never fetched (kept, built from two strings)."""
    text = text.replace(_SVG_NS, '"http:/"+"/www.w3.org/2000/svg"')
    return re.sub(r"https?://", "", text)


@lru_cache(maxsize=1)
def _inline_assets() -> tuple[str, str, str]:
    js, css = vis_assets()
    return tuple(offline_text(p.read_text(encoding="utf-8")) for p in (js, css, RENDERER))


def _script_json(value) -> str:
    """JSON safe inside <script>: no "</" can close the element early."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


PAGE_CSS = """
body{margin:0;font-family:%s;color:#0f172a;background:#fff}
h1{font-size:18px;margin:10px 12px 4px}
#bar{display:flex;flex-wrap:wrap;justify-content:space-between;gap:6px;padding:4px 12px;font-size:12px}
.chainmap-legend span{margin-right:12px;white-space:nowrap;line-height:22px}
.chainmap-note{flex-basis:100%%;color:#475569;line-height:18px}
.chainmap-buttons button{font:inherit;margin-left:6px;padding:2px 10px;border:1px solid #cbd5e1;border-radius:6px;
background:#f8fafc;cursor:pointer}
#map{width:100%%;height:400px;border:1px solid #e2e8f0;box-sizing:border-box}
div.vis-tooltip{white-space:pre-line;font-size:13px;line-height:1.45;max-width:420px;font-family:inherit}
"""


def page_html(spec: dict, title: str) -> str:
    """The map as one page that works offline; opened in a browser it draws exactly as in the app."""
    vis_js, vis_css, renderer = _inline_assets()
    lang = "en" if spec.get("lang") == "en" else "zh-CN"
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html_lib.escape(title)}</title>\n"
            f"<style>{vis_css}</style>\n<style>{PAGE_CSS % FONT_FACE}</style>\n"
            f"<script>{vis_js}</script>\n<script>{renderer}</script>\n</head>\n<body>\n"
            f"<h1>{html_lib.escape(title)}</h1>\n<div id=\"bar\"></div>\n<div id=\"map\"></div>\n"
            f'<script type="application/json" id="chainmap-spec">{_script_json(spec)}</script>\n'
            "<script>var view = new ChainMapView(document.getElementById('map'), document.getElementById('bar'));\n"
            "view.render(JSON.parse(document.getElementById('chainmap-spec').textContent));</script>\n"
            "</body>\n</html>\n")


def chain_map_html(g: nx.MultiDiGraph, chain: str, *, show_units: bool = False, show_measures: bool = False,
                   lang: str = "zh", cluster_above: int | None = DEFAULT_CLUSTER) -> str:
    """The chain map as one self-contained HTML page (see `map_spec`)."""
    return map_spec(g, chain, show_units=show_units, show_measures=show_measures, lang=lang,
                    cluster_above=cluster_above).html
