"""Twins of the chain queries: segments, leader firms, projects, serving units, gaps, firm profiles.

A chain (or enterprise) parameter matches the node's id or its name, as the Cypher's
`c.id = $chain OR c.name = $chain`. Sums of investment are rounded to 6 decimals on both sides, so
the order in which each backend adds floats cannot change a row.
"""
from __future__ import annotations

from graph.model.lookup import nodes_matching
from graph.named.twins import in_edges, out_edges, plan_of, twin

__all__ = ["chains", "chain_overview", "chain_leaders", "projects_in_chain", "units_serving_chain", "chain_gaps",
           "enterprise_profile"]

_STAGE_ORDER = {"upstream": 0, "midstream": 1, "downstream": 2}


def _by_id_or_name(g, label: str, value: str | None):
    return nodes_matching(g, label, value, ("id", "name"))


def _nulls_last(value):
    """Sort key for one ascending Cypher ORDER BY item: nulls come after every value."""
    return (value is None, "" if value is None else value)


def _money(values) -> float:
    return round(float(sum(v or 0.0 for v in values)), 6)


def _joined(names) -> str | None:
    """Distinct names sorted and joined with 、; None for none (Cypher: reduce over head/tail)."""
    return "、".join(sorted(set(names))) or None


def _segments(g, chain: str):
    return [s for s, _ in in_edges(g, chain, "PART_OF") if g.nodes[s]["label"] == "Segment"]


def _leads(g, enterprise: str, chain: str) -> bool:
    return any(c == chain for c, _ in out_edges(g, enterprise, "LEADS"))


def _chain_projects(g, chain: str):
    """(project, segment) pairs of projects in the chain's segments."""
    return [(p, s) for s in _segments(g, chain) for p, _ in in_edges(g, s, "IN_SEGMENT")]


@twin("chains")
def chains(g) -> list[dict]:
    rows = []
    for c, cd in g.nodes(data=True):
        if cd.get("label") != "Chain":
            continue
        segments = _segments(g, c)
        projects = {p for p, _ in _chain_projects(g, c)}
        rows.append({"chain": cd.get("name"), "id": cd.get("id"), "english": cd.get("name_en"),
                     "flagship": cd.get("flagship"), "segments": len(segments),
                     "enterprises": len({e for s in segments for e, _ in in_edges(g, s, "OPERATES_IN")}),
                     "leaders": len({e for e, _ in in_edges(g, c, "LEADS")}),
                     "projects": len(projects), "investment": _money(g.nodes[p].get("investment") for p in projects)})
    return sorted(rows, key=lambda r: _nulls_last(r["id"]))


@twin("chain_overview")
def chain_overview(g, chain: str) -> list[dict]:
    rows = []
    for c in _by_id_or_name(g, "Chain", chain):
        for s in _segments(g, c):
            sd = g.nodes[s]
            firms = {e for e, _ in in_edges(g, s, "OPERATES_IN")}
            projects = {p for p, _ in in_edges(g, s, "IN_SEGMENT")}
            rows.append({"chain": g.nodes[c]["name"], "stage": sd.get("stage"), "segment": sd.get("name"),
                         "enterprises": len(firms),
                         "leaders": sorted({g.nodes[e]["name"] for e in firms if _leads(g, e, c)}),
                         "projects": len(projects),
                         "investment": _money(g.nodes[p].get("investment") for p in projects)})
    return sorted(rows, key=lambda r: (_STAGE_ORDER.get(r["stage"], 3), r["segment"], r["chain"]))


@twin("chain_leaders")
def chain_leaders(g, chain: str) -> list[dict]:
    rows = []
    for c in _by_id_or_name(g, "Chain", chain):
        own_segments = set(_segments(g, c))
        for e, _ in in_edges(g, c, "LEADS"):
            ed = g.nodes[e]
            rows.append({"chain": g.nodes[c]["name"], "enterprise": ed["name"], "county": ed.get("county"),
                         "listed": ed.get("listed"),
                         "segments": sorted({g.nodes[s]["name"] for s, _ in out_edges(g, e, "OPERATES_IN")
                                             if s in own_segments})})
    return sorted(rows, key=lambda r: (r["enterprise"], r["chain"]))


@twin("projects_in_chain")
def projects_in_chain(g, chain: str) -> list[dict]:
    rows = []
    for c in _by_id_or_name(g, "Chain", chain):
        for p, s in _chain_projects(g, c):
            pd, sd = g.nodes[p], g.nodes[s]
            investment = pd.get("investment")
            rows.append({"chain": g.nodes[c]["name"], "project": pd["name"],
                         "enterprise": _joined(g.nodes[e]["name"] for e, _ in in_edges(g, p, "INVESTS_IN")),
                         "segment": sd.get("name"), "stage": sd.get("stage"),
                         "investment": None if investment is None else float(investment),
                         "status": pd.get("status"), "start": pd.get("start"), "expected": pd.get("expected"),
                         "fills_gap": bool(pd.get("fills_gap") or False)})
    # ORDER BY investment DESC: in Cypher nulls sort first when descending
    return sorted(rows, key=lambda r: (r["investment"] is not None, -(r["investment"] or 0.0),
                                       r["project"], r["segment"]))


@twin("units_serving_chain")
def units_serving_chain(g, chain: str, plan: str | None = None) -> list[dict]:
    rows = []
    for c in _by_id_or_name(g, "Chain", chain):
        name = g.nodes[c]["name"]
        served = {}  # department -> (projects, steps)
        for p, _ in _chain_projects(g, c):
            for u, e in in_edges(g, p, "SERVES"):
                projects, steps = served.setdefault(u, (set(), set()))
                projects.add(p)
                if e.get("stage") is not None:
                    steps.add(e["stage"])
        rows += [{"chain": name, "department": g.nodes[u]["name"], "via": "project", "count": len(projects),
                  "steps": sorted(steps), "plan": None} for u, (projects, steps) in served.items()]
        supporting = {}  # (department, plan) -> measures supporting the chain
        for m, _ in in_edges(g, c, "SUPPORTS"):
            pid = plan_of(g, m, plan)
            if pid is None:
                continue
            for u, _ in in_edges(g, m, "RESPONSIBLE_FOR"):
                supporting.setdefault((u, pid), set()).add(m)
        rows += [{"chain": name, "department": g.nodes[u]["name"], "via": "measure", "count": len(ms),
                  "steps": [], "plan": pid} for (u, pid), ms in supporting.items()]
    return sorted(rows, key=lambda r: (r["department"], r["via"], r["chain"], _nulls_last(r["plan"])))


@twin("chain_gaps")
def chain_gaps(g, chain: str | None = None) -> list[dict]:
    rows = []
    for c in _by_id_or_name(g, "Chain", chain):
        name = g.nodes[c]["name"]
        if not any(True for _ in in_edges(g, c, "LEADS")):
            rows.append({"chain": name, "gap": "no_leader", "segment": None, "detail": None})
        for s in _segments(g, c):
            if any(True for _ in in_edges(g, s, "OPERATES_IN")):
                continue
            segment = g.nodes[s].get("name")
            rows.append({"chain": name, "gap": "empty_segment", "segment": segment, "detail": None})
            rows += [{"chain": name, "gap": "gap_filled_by_project", "segment": segment,
                      "detail": g.nodes[p].get("name")}
                     for p, _ in in_edges(g, s, "IN_SEGMENT") if g.nodes[p].get("fills_gap") is True]
    return sorted(rows, key=lambda r: tuple(_nulls_last(r[k]) for k in ("chain", "gap", "segment", "detail")))


@twin("enterprise_profile")
def enterprise_profile(g, enterprise: str) -> list[dict]:
    rows = []
    for e in _by_id_or_name(g, "Enterprise", enterprise):
        segments = [s for s, _ in out_edges(g, e, "OPERATES_IN")]
        chains = {c for c, _ in out_edges(g, e, "LEADS")} | \
                 {c for s in segments for c, _ in out_edges(g, s, "PART_OF")}
        for c in chains:
            own = set(_segments(g, c))
            projects = {p for p, _ in out_edges(g, e, "INVESTS_IN")
                        if any(s in own for s, _ in out_edges(g, p, "IN_SEGMENT"))}
            problems = [pr for pr, _ in out_edges(g, e, "RAISED")
                        if g.nodes[pr].get("status") == "open"
                        and any(x == c for x, _ in out_edges(g, pr, "IN_CHAIN"))]
            rows.append({"enterprise": g.nodes[e]["name"], "chain": g.nodes[c]["name"], "leader": _leads(g, e, c),
                         "segments": sorted({g.nodes[s]["name"] for s in segments if s in own}),
                         "projects": sorted(g.nodes[p]["name"] for p in projects),
                         "investment": _money(g.nodes[p].get("investment") for p in projects),
                         "problems_open": len(problems)})
    return sorted(rows, key=lambda r: (r["chain"], r["enterprise"]))
