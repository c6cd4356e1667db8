"""The cap that keeps a map readable: each segment names its biggest firms and projects, each side lane
its busiest units and first measures; the rest of each group folds into one "另有 N …" node whose hover
text lists them, and `LeftOut` says what was folded so the page can say so.

Chain leaders are always drawn. Firms rank by the projects they invest in (count, then investment),
projects by investment, serving units by the projects they serve, measures by plan and number; ties
go by name, so the same data always gives the same map.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx


__all__ = ["DEFAULT_CLUSTER", "LANE_CAP", "MAX_DRAWN", "LeftOut", "fold"]

DEFAULT_CLUSTER = 5     # firms (besides leaders) and projects a segment names; the rest fold
LANE_CAP = 8            # serving units / supporting measures a side lane names
MAX_DRAWN = 160         # above this many nodes, segments name fewer members (down to leaders only)


@dataclass(frozen=True)
class LeftOut:
    """What the cap folded away: members per kind ("Enterprise", "Project", "Department", "Measure")
    and how many each segment or lane could name."""
    counts: dict = field(default_factory=dict)
    per_segment: int | None = None
    per_lane: int | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def __bool__(self) -> bool:
        return self.total > 0


def _name(sub, n) -> str:
    d = sub.nodes[n]
    return str(d.get("name") or d.get("title") or d.get("key") or n)


def _groups(sub: nx.MultiDiGraph) -> dict[tuple[str, str | None], list[str]]:
    """(kind, segment or None) -> members in drawing priority, best first (leaders are not members).
    One pass over the edges; a map may hold thousands of members."""
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for u, v, d in sub.edges(data=True):
        out[d.get("type")][u].append(v)
    chain = sub.graph.get("chain")
    serves = {u: len(vs) for u, vs in out["SERVES"].items()}
    money = {}
    for n, d in sub.nodes(data=True):
        if d.get("label") == "Project":
            try:
                money[n] = float(d.get("investment") or 0)
            except (TypeError, ValueError):
                money[n] = 0.0
    invests = out["INVESTS_IN"]
    groups: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for n, d in sub.nodes(data=True):
        label = d.get("label")
        if label == "Project":
            segs = out["IN_SEGMENT"].get(n)
            if segs:
                groups[("Project", min(segs))].append(n)
        elif label == "Enterprise" and not (d.get("chain_leader") or chain in out["LEADS"].get(n, ())):
            segs = out["OPERATES_IN"].get(n)
            if segs:
                groups[("Enterprise", min(segs))].append(n)
        elif label in ("Department", "Measure"):
            groups[(label, None)].append(n)
    for (label, _), members in groups.items():
        if label == "Enterprise":
            members.sort(key=lambda e: (-len(invests.get(e, ())), -sum(money.get(p, 0.0) for p in invests.get(e, ())),
                                        _name(sub, e), e))
        elif label == "Project":
            members.sort(key=lambda p: (-money[p], _name(sub, p), p))
        elif label == "Department":
            members.sort(key=lambda u: (-serves.get(u, 0), _name(sub, u), u))
        else:
            members.sort(key=lambda m: (str(sub.nodes[m].get("plan") or ""), sub.nodes[m].get("number") or 0, m))
    return groups


def _cut(groups, per_segment: int, per_lane: int) -> dict[tuple[str, str | None], list[str]]:
    """The members each group folds: past its cap, when at least two are left (one stays itself)."""
    out = {}
    for key, members in groups.items():
        cap = per_lane if key[1] is None else per_segment
        if len(members) - cap >= 2:
            out[key] = members[cap:]
    return out


def fold(sub: nx.MultiDiGraph, above: int | None = DEFAULT_CLUSTER, *, lane_cap: int | None = LANE_CAP,
         max_drawn: int = MAX_DRAWN) -> tuple[nx.MultiDiGraph, LeftOut]:
    """Cap the map: a segment names at most `above` firms (leaders besides) and `above` projects, a side
    lane `lane_cap` nodes; the rest of each group becomes one Cluster node. While the map would still draw
    more than `max_drawn` nodes, segments name fewer. `above=None` draws everything.

    Edges of folded members are not drawn (the cluster's hover text lists its members; the tables
    under the map have every row). `sub` is changed in place (pass a copy: `chain_subgraph` makes one);
    returns it and what was left out.
    """
    if above is None:
        return sub, LeftOut()
    groups = _groups(sub)
    per_lane = lane_cap if lane_cap is not None else max((len(m) for m in groups.values()), default=0)
    per_segment = max(0, above)
    while True:
        cuts = _cut(groups, per_segment, per_lane)
        drawn = sub.number_of_nodes() - sum(len(m) for m in cuts.values()) + len(cuts)
        if drawn <= max_drawn or per_segment == 0:
            break
        per_segment -= 1
    if not cuts:
        return sub, LeftOut()
    counts: Counter = Counter()
    clusters = []
    for (label, seg), members in cuts.items():
        cid = f"Cluster:{label}:{(seg or 'lane').split(':', 1)[-1]}"
        invest = sum(float(sub.nodes[m].get("investment") or 0) for m in members) if label == "Project" else None
        clusters.append((cid, dict(label="Cluster", key=cid, members_label=label, segment=seg, size=len(members),
                                   sample=[_name(sub, m) for m in members[:12]], investment=invest)))
        counts[label] += len(members)
    # In place (the map's subgraph is its own copy): dropping the folded members is cheaper than copying the rest.
    sub.remove_nodes_from(m for members in cuts.values() for m in members)
    sub.add_nodes_from(clusters)
    return sub, LeftOut(counts=dict(counts), per_segment=per_segment, per_lane=per_lane)
