"""The chain map as data for the drawing script (`static/chainmap.js`), and as one self-contained,
offline HTML page (vis-network and the script inlined; no http(s) link anywhere)."""
from __future__ import annotations

import hashlib
import html as html_lib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import networkx as nx

from graph.present.chainmap.cluster import DEFAULT_CLUSTER, fold
from graph.present.chainmap.labels import display_name, edge_title, node_title
from graph.present.chainmap.layout import place
from graph.present.chainmap.selection import chain_subgraph
from graph.present.chainmap.style import FONT, FONT_FACE, STAGE_COLOURS, STYLE, edge_style, map_options, node_style
from graph.present.words import word
from loaders.vocabulary import STAGES

__all__ = ["MIN_PX", "ChainMap", "chain_map", "chain_map_html", "map_spec", "page_html", "vis_assets",
           "RENDERER", "spec_of"]

STATIC = Path(__file__).resolve().parent / "static"
RENDERER = STATIC / "chainmap.js"
MIN_PX = 11          # smallest label size on screen
MAX_HEIGHT = 1400    # tallest frame; taller maps scroll inside it
BIG = 500            # above this many nodes: no member labels, lighter edges, fit the whole map


@dataclass(frozen=True)
class ChainMap:
    """One drawn map: the spec the drawing script takes, what it shows (node id, label, display
    name, in drawing order), and the downloadable page."""
    spec: dict
    nodes: tuple[tuple[str, str, str], ...]
    n_edges: int
    folded: int = 0  # nodes folded into cluster nodes
    title: str = ""
    boxes: dict = field(default_factory=dict, compare=False)  # estimated label boxes, map units

    @property
    def n_nodes(self) -> int:
        return len(self.nodes)

    @property
    def html(self) -> str:
        return page_html(self.spec, self.title)


def _legend(kinds: list[str], lang: str) -> list[dict]:
    radius = {"box": "2px", "dot": "50%", "star": "50%", "diamond": "0", "triangle": "0", "square": "0",
              "hexagon": "30%"}
    items = []
    for kind in kinds:
        st = STYLE[kind]
        items.append({"text": word(kind, lang), "bg": st["color"]["background"], "border": st["color"]["border"],
                      "bw": min(st.get("borderWidth", 1), 3), "radius": radius[st["shape"]],
                      "rotate": st["shape"] == "diamond"})
    for stage in STAGES:
        bg, border = STAGE_COLOURS[stage]
        items.append({"text": f"{word('Segment', lang)}·{word(stage, lang)}", "bg": bg, "border": border, "bw": 2,
                      "radius": "2px", "rotate": False})
    return items


def map_spec(g: nx.MultiDiGraph, chain: str, *, show_units: bool = False, show_measures: bool = False,
             lang: str = "zh", cluster_above: int | None = DEFAULT_CLUSTER) -> ChainMap:
    """Build the chain map (see `chain_map`)."""
    sub, folded = fold(chain_subgraph(g, chain, show_units=show_units, show_measures=show_measures), cluster_above)
    big = sub.number_of_nodes() > BIG
    placed = place(sub, lang, blank_members=big)
    nodes, drawn = [], []
    for n, d in sub.nodes(data=True):
        kind = placed.kinds[n]
        x, y = placed.pos[n]
        lines = placed.lines[n]
        nodes.append({"id": n, "label": "\n".join(lines) if lines else " ", "title": node_title(d, kind),
                      "x": round(x, 1), "y": round(y, 1), "group": kind, **node_style(kind, d)})
        drawn.append((n, d.get("label", ""), display_name(d, lang)))
    # A member's edge to the segment heading its block is what the block already shows: not drawn.
    edges = [{"from": u, "to": v, "title": edge_title(d), "arrows": "to", **edge_style(d.get("type"), big)}
             for u, v, d in sub.edges(data=True)
             if not (d.get("type") in ("OPERATES_IN", "IN_SEGMENT") and placed.home.get(u) == v)]
    chain_node = sub.graph["chain"]
    cd = g.nodes[chain_node]
    name = display_name(cd, lang)
    title = f"{name} · {word('map_title', lang)}"
    kinds = [k for k in ("Chain", "Leader", "Enterprise", "Project", "GapProject", "Department", "Measure", "Cluster")
             if any(nd["group"] == k for nd in nodes)]
    spec = {
        "chain": cd.get("key", chain_node), "nodes": nodes, "edges": edges, "options": map_options(len(nodes)),
        "headers": placed.headers, "bands": placed.bands, "bbox": [round(v, 1) for v in placed.bbox],
        "legend": _legend(kinds, lang), "face": FONT_FACE, "font": FONT, "min_px": MIN_PX, "max_scale": 1.0,
        "max_height": MAX_HEIGHT, "big": big, "focus": None, "file": f"chain-map-{cd.get('key', 'chain')}",
        "words": {"fit": word("fit", lang), "png": word("png", lang)}, "lang": lang,
    }
    spec["key"] = hashlib.sha1(json.dumps([nodes, edges, lang], sort_keys=True, ensure_ascii=False)
                               .encode("utf-8")).hexdigest()[:16]
    return ChainMap(spec=spec, nodes=tuple(drawn), n_edges=len(edges), folded=folded, title=title,
                    boxes=placed.boxes)


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


@lru_cache(maxsize=1)
def _inline_assets() -> tuple[str, str, str]:
    js, css = vis_assets()
    return (js.read_text(encoding="utf-8"), css.read_text(encoding="utf-8"), RENDERER.read_text(encoding="utf-8"))


def _script_json(value) -> str:
    """JSON safe inside <script>: no "</" can close the element early."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


PAGE_CSS = """
body{margin:0;font-family:%s;color:#0f172a;background:#fff}
h1{font-size:18px;margin:10px 12px 4px}
#bar{display:flex;flex-wrap:wrap;justify-content:space-between;gap:6px;padding:4px 12px;font-size:12px}
.chainmap-legend span{margin-right:12px;white-space:nowrap;line-height:22px}
.chainmap-buttons button{font:inherit;margin-left:6px;padding:2px 10px;border:1px solid #cbd5e1;border-radius:6px;
background:#f8fafc;cursor:pointer}
#map{width:100%%;height:400px}
div.vis-tooltip{white-space:pre-line;font-size:13px;max-width:420px}
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
