"""Folding for big maps: above a threshold, a segment's firms (or projects) become one node."""
from __future__ import annotations

from collections import defaultdict

import networkx as nx

from graph.present.chainmap.selection import is_leader, out_of

__all__ = ["DEFAULT_CLUSTER", "fold"]

DEFAULT_CLUSTER = 30            # fold a segment's firms / projects into one node above this many


def fold(sub: nx.MultiDiGraph, above: int | None) -> tuple[nx.MultiDiGraph, int]:
    """Fold a segment's non-leader firms, and its projects, into one node each when there are more
    than `above`. Returns the new graph and how many nodes were folded away."""
    if not above:
        return sub, 0
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for n, d in sub.nodes(data=True):
        if d.get("label") == "Project":
            segs = out_of(sub, n, "IN_SEGMENT")
            if segs:
                groups[("Project", segs[0])].append(n)
        elif d.get("label") == "Enterprise" and not is_leader(sub, n):
            segs = out_of(sub, n, "OPERATES_IN")
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
