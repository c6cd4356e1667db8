"""What the page shows for a chosen node: its relationships and the sentence behind them."""
from __future__ import annotations

import networkx as nx

from graph.present.chainmap.labels import display_name
from graph.present.words import word

__all__ = ["neighbours", "source_sentence"]


def neighbours(g: nx.MultiDiGraph, node: str, lang: str = "zh") -> list[dict]:
    """Every relationship of `node`: direction, type, the other node, and the edge's provenance."""
    rows = []
    for direction, edges in (("out", g.out_edges(node, data=True)), ("in", g.in_edges(node, data=True))):
        for u, v, d in edges:
            other = v if direction == "out" else u
            od = g.nodes[other]
            rows.append({"direction": "→" if direction == "out" else "←", "type": d.get("type"),
                         "relation": word(d.get("type", ""), lang), "label": od.get("label"),
                         "name": display_name(od, lang), "id": other,
                         "detail": {k: d[k] for k in ("rank", "role", "stage", "basis") if d.get(k) not in (None, "")},
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
