"""Hover-text lines about a map node's neighbours, read from the whole graph (so a project names its
serving units even when the units lane is hidden): a firm's segments and projects, a project's segment,
investor and serving units, a unit's projects, a measure's responsible units, a segment's counts.

Each line is "中文 English: value"; long lists are cut after `LIST` names with the count left.
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx

from graph.present.chainmap.selection import in_of
from graph.present.words import word

__all__ = ["LIST", "Neighbours", "chain_projects", "node_facts"]

LIST = 8  # names one hover line lists before "… (N in all)"


def _name(g, n) -> str:
    d = g.nodes[n]
    return str(d.get("name") or d.get("title") or d.get("key") or n)


def _listed(names: list[str]) -> str:
    if len(names) <= LIST:
        return "、".join(names)
    return "、".join(names[:LIST]) + f" … 共 {len(names)} / {len(names)} in all"


def _segment(g, s) -> str:
    stage = g.nodes[s].get("stage")
    return f"{_name(g, s)}（{word(stage)} {word(stage, 'en')}）" if stage else _name(g, s)


class Neighbours:
    """The typed edges of a set of nodes in the whole graph, read in one pass each way (a map asks for
    thousands of nodes' neighbours; one networkx edge view per node and type costs far more)."""

    def __init__(self, g: nx.MultiDiGraph, nodes):
        nodes = [n for n in nodes if n in g]
        self._in, self._out = defaultdict(list), defaultdict(list)
        for u, v, d in g.in_edges(nodes, data=True):
            self._in[(v, d.get("type"))].append((u, d))
        for u, v, d in g.out_edges(nodes, data=True):
            self._out[(u, d.get("type"))].append((v, d))

    def edges(self, n, rel_type, direction="in") -> list:
        return (self._in if direction == "in" else self._out).get((n, rel_type), [])

    def ends(self, n, rel_type, direction="in") -> list:
        return [m for m, _ in self.edges(n, rel_type, direction)]


def chain_projects(g: nx.MultiDiGraph, chain: str) -> set[str]:
    """The projects in `chain`'s segments."""
    return {p for s in in_of(g, chain, "PART_OF") for p in in_of(g, s, "IN_SEGMENT")}


def node_facts(g: nx.MultiDiGraph, n: str, projects_of_chain: set[str] | None = None,
               chain: str | None = None, nb: Neighbours | None = None) -> list[str]:
    """Lines for `n`'s hover text; `projects_of_chain` keeps a unit's list to the map's chain, `chain`
    (its node id) gives a measure's words that link it to the chain; `nb` the neighbours read at once."""
    if n not in g:
        return []
    nb = nb or Neighbours(g, [n])
    label = g.nodes[n].get("label")
    lines: list[str] = []
    if label == "Enterprise":
        segs = sorted(nb.ends(n, "OPERATES_IN", "out"), key=lambda s: _name(g, s))
        lines.append("所在环节 Segment: " + (_listed([_segment(g, s) for s in segs]) or "未记录 none on record"))
        projects = sorted(nb.ends(n, "INVESTS_IN", "out"), key=lambda p: _name(g, p))
        if projects:
            lines.append("投资项目 Projects: " + _listed([_name(g, p) for p in projects]))
    elif label == "Project":
        segs = nb.ends(n, "IN_SEGMENT", "out")
        if segs:
            lines.append("所在环节 Segment: " + "、".join(_segment(g, s) for s in sorted(segs)))
        investors = sorted(nb.ends(n, "INVESTS_IN"), key=lambda e: _name(g, e))
        if investors:
            lines.append("投资企业 Investor: " + _listed([_name(g, e) for e in investors]))
        units: dict[str, list[str]] = {}
        for u, d in nb.edges(n, "SERVES"):
            units.setdefault(_name(g, u), []).append(str(d.get("stage") or ""))
        served = [f"{u}（{'、'.join(sorted(filter(None, st)))}）" if any(st) else u for u, st in sorted(units.items())]
        lines.append("服务单位 Serving units: " + (_listed(served) or "未记录 none on record"))
    elif label == "Department":
        projects = [p for p, _ in nb.edges(n, "SERVES", "out")]
        if projects_of_chain is not None:
            projects = [p for p in projects if p in projects_of_chain]
        if projects:
            lines.append("服务项目 Serves: " + _listed(sorted({_name(g, p) for p in projects})))
    elif label == "Measure":
        rows = sorted(((d.get("rank") or 0, d.get("role") or "", _name(g, u)) for u, d in nb.edges(n, "RESPONSIBLE_FOR")))
        if rows:
            lead = [u for _, role, u in rows if role in ("lead", "sole")]
            if lead:
                lines.append("牵头单位 Lead: " + "、".join(lead))
            lines.append("责任单位 Responsible units: " + _listed([u for _, _, u in rows]))
        basis = sorted({str(d.get("basis")) for v, d in nb.edges(n, "SUPPORTS", "out") if v == chain and d.get("basis")})
        if basis:
            lines.append("支撑依据 Basis: " + "、".join(basis))
    elif label == "Segment":
        firms, projects = nb.ends(n, "OPERATES_IN"), nb.ends(n, "IN_SEGMENT")
        lines.append(f"企业 Firms: {len(firms)} · 项目 Projects: {len(projects)}")
        if not firms:
            lines.append("暂无企业记录 No firms on record")
    return lines
