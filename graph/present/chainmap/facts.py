"""Hover-text lines about a map node's neighbours, read from the whole graph (so a project names its
serving units even when the units lane is hidden): a firm's segments and projects, a project's segment,
investor and serving units, a unit's projects, a measure's responsible units, a segment's counts.

Each line is "中文 English: value"; long lists are cut after `LIST` names with the count left.
"""
from __future__ import annotations

import networkx as nx

from graph.present.chainmap.selection import in_of, out_of
from graph.present.words import word

__all__ = ["LIST", "chain_projects", "node_facts"]

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


def _edges(g, n, rel_type, direction="in"):
    edges = g.in_edges(n, data=True) if direction == "in" else g.out_edges(n, data=True)
    return [(u if direction == "in" else v, d) for u, v, d in edges if d.get("type") == rel_type]


def chain_projects(g: nx.MultiDiGraph, chain: str) -> set[str]:
    """The projects in `chain`'s segments."""
    return {p for s in in_of(g, chain, "PART_OF") for p in in_of(g, s, "IN_SEGMENT")}


def node_facts(g: nx.MultiDiGraph, n: str, projects_of_chain: set[str] | None = None,
               chain: str | None = None) -> list[str]:
    """Lines for `n`'s hover text; `projects_of_chain` keeps a unit's list to the map's chain, `chain`
    (its node id) gives a measure's words that link it to the chain."""
    if n not in g:
        return []
    label = g.nodes[n].get("label")
    lines: list[str] = []
    if label == "Enterprise":
        segs = sorted(out_of(g, n, "OPERATES_IN"), key=lambda s: _name(g, s))
        lines.append("所在环节 Segment: " + (_listed([_segment(g, s) for s in segs]) or "未记录 none on record"))
        projects = sorted(out_of(g, n, "INVESTS_IN"), key=lambda p: _name(g, p))
        if projects:
            lines.append("投资项目 Projects: " + _listed([_name(g, p) for p in projects]))
    elif label == "Project":
        segs = out_of(g, n, "IN_SEGMENT")
        if segs:
            lines.append("所在环节 Segment: " + "、".join(_segment(g, s) for s in sorted(segs)))
        investors = sorted(in_of(g, n, "INVESTS_IN"), key=lambda e: _name(g, e))
        if investors:
            lines.append("投资企业 Investor: " + _listed([_name(g, e) for e in investors]))
        units: dict[str, list[str]] = {}
        for u, d in _edges(g, n, "SERVES"):
            units.setdefault(_name(g, u), []).append(str(d.get("stage") or ""))
        served = [f"{u}（{'、'.join(sorted(filter(None, st)))}）" if any(st) else u for u, st in sorted(units.items())]
        lines.append("服务单位 Serving units: " + (_listed(served) or "未记录 none on record"))
    elif label == "Department":
        projects = [p for p, _ in _edges(g, n, "SERVES", "out")]
        if projects_of_chain is not None:
            projects = [p for p in projects if p in projects_of_chain]
        if projects:
            lines.append("服务项目 Serves: " + _listed(sorted({_name(g, p) for p in projects})))
    elif label == "Measure":
        rows = sorted(((d.get("rank") or 0, d.get("role") or "", _name(g, u)) for u, d in _edges(g, n, "RESPONSIBLE_FOR")))
        if rows:
            lead = [u for _, role, u in rows if role in ("lead", "sole")]
            if lead:
                lines.append("牵头单位 Lead: " + "、".join(lead))
            lines.append("责任单位 Responsible units: " + _listed([u for _, _, u in rows]))
        basis = sorted({str(d.get("basis")) for v, d in _edges(g, n, "SUPPORTS", "out") if v == chain and d.get("basis")})
        if basis:
            lines.append("支撑依据 Basis: " + "、".join(basis))
    elif label == "Segment":
        firms, projects = in_of(g, n, "OPERATES_IN"), in_of(g, n, "IN_SEGMENT")
        lines.append(f"企业 Firms: {len(firms)} · 项目 Projects: {len(projects)}")
        if not firms:
            lines.append("暂无企业记录 No firms on record")
    return lines
