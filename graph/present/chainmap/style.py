"""How the chain map looks: shapes and colours per kind of node, edge styles, and vis-network options."""
from __future__ import annotations

import math

__all__ = ["FONT_FACE", "FONT", "STYLE", "EDGE_STYLE", "STAGE_COLOURS", "node_style", "edge_style", "roundness_for",
           "map_options"]

FONT_FACE = "Noto Sans CJK SC, WenQuanYi Micro Hei, Microsoft YaHei, PingFang SC, sans-serif"
FONT = 14                        # label size in map units; the app never draws the map below 11/14 scale

STAGE_COLOURS = {"upstream": ("#dbeafe", "#2563eb"), "midstream": ("#dcfce7", "#16a34a"),
                 "downstream": ("#fef3c7", "#d97706"), None: ("#f1f5f9", "#64748b")}
STYLE = {
    "Chain": {"shape": "box", "color": {"background": "#991b1b", "border": "#450a0a"},
              "font": {"color": "#ffffff", "size": 20}, "borderWidth": 2, "margin": 10},
    "Segment": {"shape": "box", "borderWidth": 2, "margin": 7, "font": {"size": 15}},
    "Enterprise": {"shape": "dot", "size": 8, "color": {"background": "#94a3b8", "border": "#475569"},
                   "borderWidth": 1},
    "Leader": {"shape": "star", "size": 16, "color": {"background": "#facc15", "border": "#b45309"},
               "borderWidth": 3, "font": {"size": 15, "color": "#7c2d12"}},
    "Project": {"shape": "diamond", "size": 9, "color": {"background": "#c4b5fd", "border": "#6d28d9"},
                "borderWidth": 1},
    "GapProject": {"shape": "diamond", "size": 9, "color": {"background": "#c4b5fd", "border": "#dc2626"},
                   "borderWidth": 3},
    "Department": {"shape": "triangle", "size": 10, "color": {"background": "#5eead4", "border": "#0f766e"},
                   "borderWidth": 1},
    "Measure": {"shape": "square", "size": 8, "color": {"background": "#cbd5e1", "border": "#334155"},
                "borderWidth": 1},
    "Cluster": {"shape": "hexagon", "size": 18, "color": {"background": "#e9d5ff", "border": "#7e22ce"},
                "borderWidth": 2, "shapeProperties": {"borderDashes": [4, 3]}},
}
EDGE_STYLE = {
    "PART_OF": {"color": {"color": "#cbd5e1", "opacity": 0.7}, "dashes": True, "width": 1},
    "FEEDS": {"color": "#2563eb", "width": 3},
    "LEADS": {"color": "#b45309", "width": 2},
    "OPERATES_IN": {"color": {"color": "#94a3b8", "opacity": 0.8}, "width": 1},
    "INVESTS_IN": {"color": {"color": "#a78bfa", "opacity": 0.8}, "width": 1},
    "IN_SEGMENT": {"color": {"color": "#8b5cf6", "opacity": 0.8}, "width": 1},
    "SERVES": {"color": {"color": "#14b8a6", "opacity": 0.6}, "width": 1, "dashes": [2, 4]},
    "SUPPORTS": {"color": {"color": "#64748b", "opacity": 0.6}, "width": 1, "dashes": [6, 4]},
}
# Edges inside one lane run top to bottom; curving them keeps them off the labels they pass.
LANE_EDGES = {"OPERATES_IN", "IN_SEGMENT", "INVESTS_IN"}
COLUMN = 200                     # distance between lane columns (layout.LANE)


def node_style(kind: str, d: dict) -> dict:
    """vis-network node options for a node of `kind` (a fresh dict, safe to change)."""
    style = {k: (dict(v) if isinstance(v, dict) else v) for k, v in STYLE[kind].items()}
    style["font"] = {"size": FONT, "face": FONT_FACE, "color": "#0f172a", **style.get("font", {})}
    if kind == "Segment":
        bg, border = STAGE_COLOURS.get(d.get("stage"), STAGE_COLOURS[None])
        style["color"] = {"background": bg, "border": border}
    if kind in ("Project", "GapProject") and d.get("investment") is not None:
        style["size"] = round(min(16, 7 + 1.5 * math.sqrt(max(0.0, float(d["investment"])))), 1)
    return style


def edge_style(rel_type: str, big: bool, start=None, end=None) -> dict:
    """vis-network edge options; with the ends' positions, an edge that would run straight through the
    nodes between its ends (along one row across several columns, or down one column past a block) is
    bowed out of their way."""
    st = dict(EDGE_STYLE.get(rel_type, {}))
    if big:  # vis-network draws dashes segment by segment: 10,000 dashed edges take seconds per frame
        st.pop("dashes", None)
        return st
    if rel_type in LANE_EDGES:
        st["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.35}
    elif start is not None and end is not None:
        dx, dy = abs(end[0] - start[0]), abs(end[1] - start[1])
        if dy < 40 and dx > 1.5 * COLUMN:  # along a row past other segments: just over their boxes
            st["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": roundness_for(math.hypot(dx, dy), 30)}
        elif dx < 1 and dy > 80:           # down its own column past a block: beside its labels
            st["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": roundness_for(dy, 0.47 * COLUMN)}
    return st


def roundness_for(length: float, bow: float) -> float:
    """The `roundness` at which vis-network's curvedCW edge of `length` swings `bow` map units off its
    straight line. vis puts the curve's control point at 0.5(r+1)·length along an angle 0.5(r+1)·pi
    from the chord, so the curve's widest point is 0.25(r+1)·length·sin(r·pi/2) off it."""
    lo, hi = 0.0, 1.0
    for _ in range(30):
        mid = (lo + hi) / 2
        if 0.25 * (mid + 1) * length * math.sin(mid * math.pi / 2) < bow:
            lo = mid
        else:
            hi = mid
    return round(hi, 3)


def map_options(n_nodes: int) -> dict:
    """vis-network options: physics off (positions are precomputed); lighter drawing for big maps."""
    big = n_nodes > 500
    return {
        "physics": {"enabled": False, "stabilization": {"enabled": False}},
        "layout": {"improvedLayout": False, "hierarchical": {"enabled": False}},
        "interaction": {"hover": not big, "tooltipDelay": 150, "hideEdgesOnDrag": big, "dragNodes": False,
                        "hideEdgesOnZoom": big, "multiselect": False, "navigationButtons": False,
                        "zoomSpeed": 0.6},
        "edges": {"smooth": False if big else {"enabled": True, "type": "cubicBezier",
                                               "forceDirection": "horizontal", "roundness": 0.4},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "selectionWidth": 2},
        "nodes": {"font": {"size": FONT, "face": FONT_FACE}},
    }
