"""Where every node of a chain map sits, and where its label goes.

Lanes run left to right: [supporting measures] · upstream · midstream · downstream · [serving units].
In a stage lane each segment heads a block holding its firms (leaders first) and its projects,
stacked top to bottom; a firm in several segments sits in the first one. Within a stage, segments
follow the FEEDS arrows (a segment below those feeding it); a lane taller than the frame shows is cut
into columns, in order, within `MAX_COLUMNS`. Labels are wrapped to the
lane's width and every node's footprint (shape plus label) is known before it is placed, so blocks
stack without two labels ever sharing space. The chain sits above the lanes with its headings
under it; leaders without a segment stand in the chain's row.

Positions are fixed (physics off), in map units where a 14 px label is 14 units tall: the app draws
the map at a scale that keeps labels at least 11 px on screen.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import product

import networkx as nx

from graph.present.chainmap.labels import display_name, node_kind, text_width, wrap
from graph.present.chainmap.selection import is_leader, out_of
from graph.present.chainmap.style import FONT, STAGE_COLOURS, STYLE
from graph.present.words import word
from loaders.vocabulary import STAGES

__all__ = ["LANE", "LABEL_WIDTH", "Placed", "place", "chain_layout", "lanes_of"]

LANE = 200                      # distance between lane centres
LABEL_WIDTH = 168               # widest label line in a lane
GAP = 12                        # between stacked nodes
BLOCK_GAP = 30                  # between segment blocks
HEAD_SIZE = 16                  # lane headings
LINE = 1.22                     # line height, in font sizes
MAX_COLUMNS = 5                 # lane columns a laptop-wide frame (about 820 px) shows at readable scale
TARGET_HEIGHT = 460             # a lane this tall, with the chain's row and headings, fills the 600 px frame
MAX_LINES = 2                   # a longer name ends in "…" (the hover text has it whole); English words
                                # are wider and break only between words, so English labels get one more


def max_lines(lang: str) -> int:
    return MAX_LINES + (lang == "en")


@dataclass
class Placed:
    """The drawing of one map: node positions, label lines, estimated label boxes (x0, y0, x1, y1),
    lane headings and stage bands, and the bounding box of it all."""
    pos: dict[str, tuple[float, float]] = field(default_factory=dict)
    lines: dict[str, list[str]] = field(default_factory=dict)
    boxes: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    headers: list[dict] = field(default_factory=list)
    bands: list[dict] = field(default_factory=list)
    lanes: list[str] = field(default_factory=list)
    home: dict[str, str] = field(default_factory=dict)  # firm or project -> the segment whose block holds it
    kinds: dict[str, str] = field(default_factory=dict)  # node -> drawing style (see labels.node_kind)
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)


def _sort_key(sub, n):
    d = sub.nodes[n]
    return (str(d.get("name") or d.get("title") or d.get("key") or n), n)


def _font(kind: str) -> float:
    return float(STYLE[kind].get("font", {}).get("size", FONT))


def _label(sub, n, kind: str, lang: str, blank: bool) -> list[str]:
    if blank and kind not in ("Chain", "Segment", "Leader", "Cluster"):
        return []
    name = ("★ " if kind == "Leader" else "") + display_name(sub.nodes[n], lang)
    width = {"Chain": 2 * LABEL_WIDTH, "Segment": LABEL_WIDTH - 2 * STYLE["Segment"]["margin"]}.get(kind, LABEL_WIDTH)
    return wrap(name, width, _font(kind), max_lines=max_lines(lang))


def _footprint(kind: str, lines: list[str]) -> tuple[float, float, float, float]:
    """(above, below, half width, label top offset) of a node centred at y = 0."""
    fs = _font(kind)
    text_h = len(lines) * fs * LINE
    text_w = max((text_width(x, fs) for x in lines), default=0.0)
    st = STYLE[kind]
    if st["shape"] == "box":
        m = st.get("margin", 5) + st.get("borderWidth", 1)
        return text_h / 2 + m, text_h / 2 + m, text_w / 2 + m, -text_h / 2
    r = float(st.get("size", 10))
    return r, r + (3 + text_h if lines else 0), max(r, text_w / 2), r + 3


def lanes_of(sub: nx.MultiDiGraph) -> list[str]:
    """Lane names left to right: "Measure" when measures are shown, the three stages, "Department"."""
    labels = {d.get("members_label") if d.get("label") == "Cluster" else d.get("label")
              for _, d in sub.nodes(data=True)}
    return (["Measure"] if "Measure" in labels else []) + list(STAGES) + \
        (["Department"] if "Department" in labels else [])


def _feed_depth(sub, segments: list[str]) -> dict[str, int]:
    """Each segment's place along the FEEDS arrows (the longest run of feeders before it), so within a
    stage a segment sits below the segments that feed it; cycles stop counting after one pass."""
    feeders = defaultdict(list)
    for u, v, d in sub.edges(data=True):
        if d.get("type") == "FEEDS" and u in sub and v in sub and u != v:
            feeders[v].append(u)
    depth = dict.fromkeys(segments, 0)
    for _ in range(len(segments)):
        changed = False
        for s in segments:
            best = max((depth.get(f, 0) + 1 for f in feeders[s] if f in depth), default=0)
            if best > depth[s] and best < len(segments):
                depth[s], changed = best, True
        if not changed:
            break
    return depth


def _split(heights: list[float], k: int) -> tuple[float, list[int]]:
    """Cut a list of block heights, in order, into at most `k` runs with the lowest tallest run:
    (that height, the start index of each run)."""
    n = len(heights)
    prefix = [0.0]
    for h in heights:
        prefix.append(prefix[-1] + h)
    # best[j][i]: lowest tallest run covering the first i blocks with j runs; cut[j][i]: where the last starts
    best = [[float("inf")] * (n + 1) for _ in range(k + 1)]
    cut = [[0] * (n + 1) for _ in range(k + 1)]
    best[0][0] = 0.0
    for j in range(1, k + 1):
        for i in range(n + 1):
            for c in range(i + 1):
                v = max(best[j - 1][c], prefix[i] - prefix[c])
                if v < best[j][i]:
                    best[j][i], cut[j][i] = v, c
    starts, i = [], n
    for j in range(k, 0, -1):
        starts.append(cut[j][i])
        i = cut[j][i]
    return best[k][n], sorted(set(starts) - {n}) or [0]


def _runs(items: list[str], heights: dict, k: int) -> list[list[str]]:
    """`items`, in order, cut into at most `k` runs of the lowest tallest run (see `_split`)."""
    if k <= 1 or len(items) <= 1:
        return [list(items)]
    _, starts = _split([heights[i] for i in items], k)
    bounds = starts + [len(items)]
    return [items[a:b] for a, b in zip(bounds, bounds[1:])]


def _columns(lanes: list[str], items: dict[str, list[str]], heights: dict) -> dict[str, int]:
    """Columns per lane: a lane whose stack (a stage's segment blocks, a side lane's nodes) is taller than
    `TARGET_HEIGHT` takes more columns, within `MAX_COLUMNS` (what a laptop-wide frame shows with labels
    still readable). Every way to share the spare columns is tried (a handful): the least overshoot wins,
    then the fewest columns, since every column added brings edges across the map."""
    def height(lane, k):
        return _split([heights[i] for i in items[lane]], k)[0] if items[lane] else 0.0

    spare = MAX_COLUMNS - len(lanes)
    split = [lane for lane in lanes if len(items[lane]) > 1]

    def score(k):  # how far the tallest lane overshoots the frame, then how many columns were added
        over = max(0.0, max((height(lane, k.get(lane, 1)) for lane in lanes), default=0.0) - TARGET_HEIGHT)
        return (round(over), sum(k.values()) - len(k))

    best = {}
    for extra in product(range(spare + 1), repeat=len(split)) if spare > 0 else ():
        if sum(extra) > spare or any(e + 1 > len(items[lane]) for lane, e in zip(split, extra)):
            continue
        k = dict(zip(split, (e + 1 for e in extra)))
        if score(k) < score(best):
            best = k
    return {lane: best.get(lane, 1) for lane in lanes}


def _side_lane(sub, lane: str, by_label, pos) -> list[str]:
    """A side lane top to bottom: measures by plan and number; units by the mean height of the projects
    they serve (so their edges run across rather than up and down the map); folded groups last."""
    nodes = by_label[lane]
    if lane == "Department":
        def height(u):
            ys = [pos[v][1] for v in out_of(sub, u, "SERVES") if v in pos]
            return sum(ys) / len(ys) if ys else float("inf")
        order = sorted(nodes, key=lambda n: (height(n), _sort_key(sub, n)))
    else:
        order = sorted(nodes, key=lambda n: (str(sub.nodes[n].get("plan") or ""), sub.nodes[n].get("number") or 0,
                                             _sort_key(sub, n)))
    return order + sorted(c for c in by_label["Cluster"] if sub.nodes[c].get("members_label") == lane)


def place(sub: nx.MultiDiGraph, lang: str = "zh", *, blank_members: bool = False) -> Placed:
    """Lay the map out (see the module text); `blank_members` leaves firms and projects unlabelled
    (for maps of hundreds of nodes, whose names only the hover text shows)."""
    out = Placed(lanes=lanes_of(sub))
    chain = sub.graph.get("chain") or next((n for n, d in sub.nodes(data=True) if d.get("label") == "Chain"), None)
    by_label = defaultdict(list)
    for n, d in sub.nodes(data=True):
        by_label[d.get("label")].append(n)
    kinds = out.kinds = {n: node_kind(sub, n) for n in sub}
    for n in sub:
        out.lines[n] = _label(sub, n, kinds[n], lang, blank_members)
    foot = {n: _footprint(kinds[n], out.lines[n]) for n in sub}

    stage_of = {s: (sub.nodes[s].get("stage") if sub.nodes[s].get("stage") in STAGES else "midstream")
                for s in by_label["Segment"]}
    depth = _feed_depth(sub, list(stage_of))
    feeders = defaultdict(list)
    for u, v, d in sub.edges(data=True):
        if d.get("type") == "FEEDS" and u in stage_of and v in stage_of:
            feeders[v].append(u)
    # Stage by stage: below the segments feeding it, then level with its feeders in the stages before
    # (the mean of their places), so arrows between stages cross as little as they can.
    segs_by_stage, seen = {}, {}
    for st in STAGES:
        def key(s):
            before = [seen[f] for f in feeders[s] if f in seen]
            return (depth[s], sum(before) / len(before) if before else float("inf"), _sort_key(sub, s))
        segs_by_stage[st] = sorted((s for s in stage_of if stage_of[s] == st), key=key)
        seen.update((s, i) for i, s in enumerate(segs_by_stage[st], start=len(seen)))
    rank = {s: i for i, s in enumerate(s for st in STAGES for s in segs_by_stage[st])}
    members = defaultdict(list)
    loose = []
    for e in sorted(by_label["Enterprise"], key=lambda e: (not is_leader(sub, e), _sort_key(sub, e))):
        segs = [s for s in out_of(sub, e, "OPERATES_IN") if s in rank]
        (members[min(segs, key=rank.get)] if segs else loose).append(e)
    for c in sorted(by_label["Cluster"]):
        if sub.nodes[c].get("members_label") == "Enterprise" and sub.nodes[c].get("segment") in rank:
            members[sub.nodes[c]["segment"]].append(c)
    for p in sorted(by_label["Project"], key=lambda p: _sort_key(sub, p)):
        segs = [s for s in out_of(sub, p, "IN_SEGMENT") if s in rank]
        (members[min(segs, key=rank.get)] if segs else loose).append(p)
    for c in sorted(by_label["Cluster"]):
        if sub.nodes[c].get("members_label") == "Project" and sub.nodes[c].get("segment") in rank:
            members[sub.nodes[c]["segment"]].append(c)

    out.home = {m: s for s, ms in members.items() for m in ms}

    def tall(n):
        return foot[n][0] + foot[n][1] + GAP
    block_h = {s: sum(tall(n) for n in [s, *members[s]]) + BLOCK_GAP - GAP for s in stage_of}
    items = {lane: segs_by_stage[lane] if lane in STAGES else _side_lane(sub, lane, by_label, {}) for lane in out.lanes}
    heights = {**block_h, **{n: tall(n) for lane in out.lanes if lane not in STAGES for n in items[lane]}}
    n_cols = _columns(out.lanes, items, heights)
    col_x, lane_x = {}, {}
    i = 0
    for lane in out.lanes:
        xs = [(i + j) * LANE for j in range(n_cols[lane])]
        col_x[lane] = xs
        lane_x[lane] = sum(xs) / len(xs)
        i += len(xs)
    # The chain's row: the chain over the midstream lane, loose leaders in the lanes beside it.
    mid = lane_x["midstream"]
    row = [chain] if chain is not None else []
    others = sorted((x for x in lane_x.values() if x != mid), key=lambda x: (abs(x - mid), x))
    row_x = {chain: mid} if chain is not None else {}
    for i, e in enumerate(loose):
        row.append(e)
        row_x[e] = others[i] if i < len(others) else mid + (i - len(others) + 2) * LANE
    above = max((foot[n][0] for n in row), default=0.0)
    below = max((foot[n][1] for n in row), default=0.0)
    for n in row:
        out.pos[n] = (row_x[n], 0.0)
    head_y = below + 22 + HEAD_SIZE / 2
    top = head_y + HEAD_SIZE / 2 + 20

    def stack(x, nodes, y, gap=GAP):
        for n in nodes:
            y += foot[n][0]
            out.pos[n] = (x, y)
            y += foot[n][1] + gap
        return y

    bottom = top
    for lane in out.lanes:
        if lane in STAGES:
            for x, segs in zip(col_x[lane], _runs(segs_by_stage[lane], heights, n_cols[lane])):
                y = top
                for s in segs:
                    y = stack(x, [s, *members[s]], y) + BLOCK_GAP - GAP
                bottom = max(bottom, y)
        else:  # in the order of the lanes drawn before it (units by their projects' height)
            for x, nodes in zip(col_x[lane], _runs(_side_lane(sub, lane, by_label, out.pos), heights, n_cols[lane])):
                bottom = max(bottom, stack(x, nodes, top))
        out.headers.append({"text": word(lane, lang), "x": lane_x[lane], "y": head_y, "size": HEAD_SIZE})
        if lane in STAGES:
            x0, x1 = col_x[lane][0] - LANE / 2 + 6, col_x[lane][-1] + LANE / 2 - 6
            out.bands.append({"x": x0, "y": head_y - HEAD_SIZE, "w": x1 - x0,
                              "h": bottom - head_y + HEAD_SIZE, "fill": STAGE_COLOURS[lane][0] + "66"})
    for b in out.bands:  # every band down to the lowest lane
        b["h"] = bottom - b["y"]
    for n in sub:  # anything else (should not happen): under the chain's row
        out.pos.setdefault(n, (mid, -above - 40))

    xs, ys = [], []
    for n, (x, y) in out.pos.items():
        up, down, half, label_top = foot[n]
        xs += [x - half, x + half]
        ys += [y - up, y + down]
        if out.lines[n]:
            fs = _font(kinds[n])
            w = max(text_width(t, fs) for t in out.lines[n])
            out.boxes[n] = (x - w / 2, y + label_top, x + w / 2, y + label_top + len(out.lines[n]) * fs * LINE)
    for h in out.headers:
        w = text_width(h["text"], HEAD_SIZE) * 1.1
        xs += [h["x"] - w / 2, h["x"] + w / 2]
        ys += [h["y"] - HEAD_SIZE, h["y"] + HEAD_SIZE]
    for b in out.bands:
        xs += [b["x"], b["x"] + b["w"]]
        ys += [b["y"], b["y"] + b["h"]]
    out.bbox = (min(xs, default=0.0), min(ys, default=0.0), max(xs, default=0.0), max(ys, default=0.0))
    return out


def chain_layout(sub: nx.MultiDiGraph, lang: str = "zh") -> dict[str, tuple[float, float]]:
    """Just the positions of `place`."""
    return place(sub, lang).pos
