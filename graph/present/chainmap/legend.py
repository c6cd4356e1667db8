"""What the map says about itself: a legend made from what is drawn (each kind of node with its own
shape and colours, each stage of segment, each kind of edge; nothing that is not on the map), the note
on what the cap left out, and the note for a chain with nothing to draw."""
from __future__ import annotations

from graph.present.chainmap.cluster import LeftOut
from graph.present.chainmap.labels import CLUSTER_WORDS
from graph.present.words import word
from loaders.vocabulary import STAGES

__all__ = ["NODE_ORDER", "EDGE_ORDER", "legend", "cap_note", "empty_note"]

NODE_ORDER = ("Chain", "Segment", "Leader", "Enterprise", "Project", "GapProject", "Department", "Measure", "Cluster")
EDGE_ORDER = ("FEEDS", "LEADS", "OPERATES_IN", "IN_SEGMENT", "INVESTS_IN", "SERVES", "SUPPORTS")


def _colour(value) -> str:
    return value.get("color") if isinstance(value, dict) else value


def legend(nodes: list[dict], edges: list[dict], lang: str = "zh") -> list[dict]:
    """One item per kind of drawn node (per stage for segments) and per drawn edge type, in reading order.

    A node item carries the drawn `shape`, `bg`, `border` and `bw` (border width) of that kind; an edge
    item its `color`, `width` and `dashes`, so the swatch is the drawing itself."""
    seen: dict[tuple, dict] = {}
    for n in nodes:
        kind = n["group"]
        stage = n.get("stage") if kind == "Segment" else None
        key = (kind, stage)
        if key in seen:
            continue
        text = f"{word('Segment', lang)}·{word(stage, lang)}" if kind == "Segment" and stage else word(kind, lang)
        seen[key] = {"kind": kind, "stage": stage, "text": text, "shape": n["shape"],
                     "bg": n["color"]["background"], "border": n["color"]["border"],
                     "bw": n.get("borderWidth", 1), "dashes": bool((n.get("shapeProperties") or {}).get("borderDashes"))}
    stage_rank = {s: i for i, s in enumerate(STAGES)}
    items = sorted(seen.values(), key=lambda it: (NODE_ORDER.index(it["kind"]) if it["kind"] in NODE_ORDER else 99,
                                                  stage_rank.get(it["stage"], 9)))
    drawn_edges: dict[str, dict] = {}
    for e in edges:
        t = e.get("type")
        if t and t not in drawn_edges:
            drawn_edges[t] = {"edge": t, "text": word(t, lang), "color": _colour(e.get("color")),
                              "width": e.get("width", 1), "dashes": bool(e.get("dashes"))}
    items += sorted(drawn_edges.values(), key=lambda it: EDGE_ORDER.index(it["edge"]) if it["edge"] in EDGE_ORDER else 99)
    return items


def cap_note(left: LeftOut, lang: str = "zh") -> str | None:
    """What the cap left out, in words (only the caps that took effect); None when everything is drawn."""
    if not left:
        return None
    c, k, n = left.counts, left.per_segment, left.per_lane
    en = lang == "en"
    rules = []
    if c.get("Enterprise"):
        rules.append(f"each segment names its {k} firms with the most projects (every chain leader besides)" if en
                     else f"每个环节只列出投资项目最多的 {k} 家企业（链主企业全部列出）")
    if c.get("Project"):
        rules.append(f"each segment its {k} largest projects" if en else f"每个环节只列出投资额最大的 {k} 个项目")
    if c.get("Department"):
        rules.append(f"the {n} serving units with the most projects" if en else f"服务单位只列出服务项目最多的 {n} 个")
    if c.get("Measure"):
        rules.append(f"the first {n} supporting measures" if en else f"支撑举措只列出前 {n} 项")
    order = list(CLUSTER_WORDS)
    parts = [(c[kind], CLUSTER_WORDS[kind]) for kind in sorted(c, key=order.index) if c[kind]]
    if en:
        what = ", ".join(f"{m} {w[1]}" for m, w in parts)
        return (f"To keep the map readable: {'; '.join(rules)}. The other {what} are folded into the dashed "
                "“… more” nodes (hover for their names; the tables under the map list every row).")
    what = "、".join(f"{m} {w[0]}" for m, w in parts)
    return (f"为便于阅读，{'；'.join(rules)}；其余 {what}已合并为虚线“另有…”节点（悬停可看名单，图下表格列出全部）。")


def empty_note(sub, chain_name: str, lang: str = "zh") -> str | None:
    """What a map with nothing but its chain (or only segments) is missing, and where to add it."""
    labels = {d.get("label") for _, d in sub.nodes(data=True)}
    if "Segment" not in labels:
        return (f"No segments on record for the {chain_name} chain, so the map shows only the chain: add its segments "
                "to chains/segments.csv in the data folder." if lang == "en" else
                f"{chain_name}产业链暂无环节记录，图中只有产业链本身：请在数据文件夹的 chains/segments.csv 中补充环节。")
    if not labels & {"Enterprise", "Project", "Cluster"}:
        return (f"No firms or projects on record for the {chain_name} chain yet: the map shows its segments only "
                "(chains/enterprises.csv, chains/projects.csv)." if lang == "en" else
                f"{chain_name}产业链暂无企业和项目记录，图中只显示各环节（可在 chains/enterprises.csv、chains/projects.csv 中补充）。")
    return None
