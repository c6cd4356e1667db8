"""Twins of the one-measure and lead-only queries: a measure's deadlines and lead units, what a unit leads.

A measure belongs to the plan its `plan` property names (the Cypher's `(pl:Plan {id: m.plan})`), so a
measure whose plan node is missing gives no rows on either side; `plan` keeps one plan's rows.
"""
from __future__ import annotations

from graph.model.lookup import nodes_matching
from graph.named.twins import in_edges, nodes_of, out_edges, twin
from graph.named.twins.plan import _departments, _lead

__all__ = ["milestones_for_measure", "leads_for_measure", "measures_led_by", "deadlines_by_month",
           "problems_for_department", "deadlines_for_department", "measures_for_chain"]

_OWNING = ("lead", "sole")


def _measures(g, number: int | None, plan: str | None):
    """(measure node, plan id) of measures with `number` (any when None) whose plan node exists."""
    plans = {d["id"] for _, d in nodes_of(g, "Plan")}
    return [(m, d["plan"]) for m, d in nodes_of(g, "Measure")
            if (number is None or d["number"] == number) and d.get("plan") in plans
            and (plan is None or d["plan"] == plan)]


def _nulls_last(value):
    return (value is None, "" if value is None else value)


@twin("milestones_for_measure")
def milestones_for_measure(g, measure: int, plan: str | None = None) -> list[dict]:
    rows = []
    for m, pl in _measures(g, measure, plan):
        md = g.nodes[m]
        for ms, _ in out_edges(g, m, "HAS_MILESTONE"):
            d = g.nodes[ms]
            rows.append({"measure": md["number"], "title": md.get("title"), "milestone": d["id"],
                         "due": d.get("due"), "deadline": d.get("raw"), "text": d.get("text"), "plan": pl})
    return sorted(rows, key=lambda r: (r["plan"], _nulls_last(r["due"]), r["milestone"]))


@twin("leads_for_measure")
def leads_for_measure(g, measure: int, plan: str | None = None) -> list[dict]:
    found = set()
    for m, pl in _measures(g, measure, plan):
        for u, e in in_edges(g, m, "RESPONSIBLE_FOR"):
            if e["role"] in _OWNING:
                found.add((pl, m, u, e["role"]))
    rows = [{"measure": g.nodes[m]["number"], "title": g.nodes[m].get("title"),
             "department": g.nodes[u]["name"], "role": role, "kind": g.nodes[u].get("kind"), "plan": pl}
            for pl, m, u, role in found]
    return sorted(rows, key=lambda r: (r["plan"], r["department"], r["role"]))


@twin("measures_led_by")
def measures_led_by(g, department: str, plan: str | None = None) -> list[dict]:
    in_plan = dict(_measures(g, None, plan))
    found = {(in_plan[m], m, u, e["role"]) for u in _departments(g, department)
             for m, e in out_edges(g, u, "RESPONSIBLE_FOR") if e["role"] in _OWNING and m in in_plan}
    rows = []
    for pl, m, u, role in found:
        md = g.nodes[m]
        dues = [g.nodes[ms].get("due") for ms, _ in out_edges(g, m, "HAS_MILESTONE")]
        rows.append({"measure": md["number"], "title": md.get("title"), "department": g.nodes[u]["name"],
                     "role": role, "milestones": len(dues),
                     "first_due": min((d for d in dues if d is not None), default=None), "plan": pl})
    return sorted(rows, key=lambda r: (r["plan"], r["measure"], r["department"], r["role"]))


@twin("deadlines_by_month")
def deadlines_by_month(g, plan: str | None = None) -> list[dict]:
    per: dict[tuple[str, str], tuple[set, set, set]] = {}  # (month, plan) -> (milestones, measures, units)
    for m, pid in _measures(g, None, plan):
        units = {g.nodes[u]["name"] for u, _ in in_edges(g, m, "RESPONSIBLE_FOR")
                 if (g.nodes[u].get("kind") or "") != "collective"}
        for ms, _ in out_edges(g, m, "HAS_MILESTONE"):
            due = g.nodes[ms].get("due")
            if due is None:
                continue
            milestones, measures, names = per.setdefault((due[:7], pid), (set(), set(), set()))
            milestones.add(ms)
            measures.add(m)
            names |= units
    rows = [{"month": month, "milestones": len(a), "measures": len(b), "units": len(c), "plan": pid}
            for (month, pid), (a, b, c) in per.items()]
    return sorted(rows, key=lambda r: (-r["milestones"], r["month"], r["plan"]))


def _joined(names) -> str | None:
    """Distinct names sorted and joined with 、; None for none (Cypher: reduce over head/tail)."""
    return "、".join(sorted(set(names))) or None


@twin("problems_for_department")
def problems_for_department(g, department: str) -> list[dict]:
    found = {(u, p) for u in _departments(g, department) for p, _ in in_edges(g, u, "ASSIGNED_TO")
             if g.nodes[p]["label"] == "Problem"}
    rows = []
    for u, p in found:
        d = g.nodes[p]
        rows.append({"department": g.nodes[u]["name"], "problem": d["id"], "description": d.get("description"),
                     "chain": _joined(g.nodes[c]["name"] for c, _ in out_edges(g, p, "IN_CHAIN")),
                     "enterprise": _joined(g.nodes[e]["name"] for e, _ in in_edges(g, p, "RAISED")),
                     "raised": d.get("raised"), "status": d.get("status"), "closed": d.get("closed")})
    return sorted(rows, key=lambda r: (r["status"] != "open", _nulls_last(r["raised"]), r["problem"],
                                       r["department"]))


@twin("deadlines_for_department")
def deadlines_for_department(g, department: str, month: int | None = None, start: str | None = None,
                             end: str | None = None, plan: str | None = None) -> list[dict]:
    in_plan = dict(_measures(g, None, plan))
    found = set()
    for u in _departments(g, department):
        for m, e in out_edges(g, u, "RESPONSIBLE_FOR"):
            if m not in in_plan:
                continue
            for ms, _ in out_edges(g, m, "HAS_MILESTONE"):
                due = g.nodes[ms].get("due")
                if (month is not None and (due is None or int(due[5:7]) != month)) \
                        or (start is not None and (due is None or due < start)) \
                        or (end is not None and (due is None or due > end)):
                    continue
                found.add((in_plan[m], u, m, e["role"], ms))
    rows = []
    for pl, u, m, role, ms in found:
        md, msd = g.nodes[m], g.nodes[ms]
        rows.append({"department": g.nodes[u]["name"], "measure": md["number"], "title": md.get("title"),
                     "role": role, "milestone": msd["id"], "due": msd.get("due"), "deadline": msd.get("raw"),
                     "text": msd.get("text"), "plan": pl})
    return sorted(rows, key=lambda r: (_nulls_last(r["due"]), r["plan"], r["measure"], r["milestone"],
                                       r["department"], r["role"]))


@twin("measures_for_chain")
def measures_for_chain(g, chain: str, plan: str | None = None) -> list[dict]:
    in_plan = dict(_measures(g, None, plan))
    rows = []
    for c in nodes_matching(g, "Chain", chain, ("id", "name")):
        bases: dict[str, set] = {}
        for m, e in in_edges(g, c, "SUPPORTS"):
            if m in in_plan:
                bases.setdefault(m, set()).update([e["basis"]] if e.get("basis") is not None else [])
        for m, words in bases.items():
            md = g.nodes[m]
            rows.append({"chain": g.nodes[c]["name"], "measure": md["number"],
                         "title": md.get("title"), "basis": sorted(words), "lead": _lead(g, m), "plan": in_plan[m]})
    return sorted(rows, key=lambda r: (r["plan"], r["measure"], r["chain"]))
