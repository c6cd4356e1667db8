"""Twins of the plan queries: who owns which measure, what is due when, who works with whom.

Each function mirrors `queries/<name>.cypher` row for row: same columns, same ORDER BY, and the same
null handling (Cypher sorts nulls last ascending; `collect`, `count` and `min` skip nulls).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from graph.errors import QueryError
from graph.named.twins import in_edges, nodes_of, out_edges, plan_of, twin

__all__ = ["plans", "departments_for_measure", "measures_for_department", "department_workload", "milestones_due",
           "measures_in_pillar", "co_responsible_units", "unit_pairs", "targets_for_measure",
           "overdue_milestones", "busiest_in_month", "known_names"]

DEFAULT_PAIR_LIMIT = 20


def _measures(g, number: int):
    return [n for n, d in nodes_of(g, "Measure") if d["number"] == number]


def _departments(g, name: str):
    """Departments whose name or one of whose aliases is `name` (as the Cypher's WHERE)."""
    return [n for n, d in nodes_of(g, "Department") if d["name"] == name or name in (d.get("aliases") or [])]


def _nulls_last(value):
    """Sort key for one ascending Cypher ORDER BY item: nulls come after every value."""
    return (value is None, "" if value is None else value)


def _local(node_id_value: str) -> str:
    """The part of a plan-qualified id after '#': "toy#M9-D1" -> "M9-D1" (Cypher: split(id, '#')[-1])."""
    return node_id_value.split("#")[-1]


def _lead(g, measure: str) -> str | None:
    """Rank-1 unit names sorted and joined with 、; None when there is none (Cypher: reduce over head/tail)."""
    names = sorted({g.nodes[u]["name"] for u, e in in_edges(g, measure, "RESPONSIBLE_FOR") if e["rank"] == 1})
    return "、".join(names) or None


def _milestones(g, measure: str) -> list[dict]:
    return [g.nodes[v] for v, _ in out_edges(g, measure, "HAS_MILESTONE")]


def _is_collective(d: dict) -> bool:
    return d.get("kind") == "collective"


@twin("plans")
def plans(g) -> list[dict]:
    counts = defaultdict(int)
    for _, md in nodes_of(g, "Measure"):
        counts[md.get("plan")] += 1
    rows = [{"plan": d.get("id"), "title": d.get("title"), "city": d.get("city"), "year": d.get("year"),
             "issued": d.get("issued"), "measures": counts.get(d.get("id"), 0)} for _, d in nodes_of(g, "Plan")]
    return sorted(rows, key=lambda r: (_nulls_last(r["year"]), _nulls_last(r["plan"])))


@twin("measure_numbers")
def measure_numbers(g, plan: str | None = None) -> list[dict]:
    rows = []
    for m, d in nodes_of(g, "Measure"):
        pid = plan_of(g, m, plan)
        if pid is not None:
            rows.append({"measure": d.get("number"), "title": d.get("title"), "plan": pid})
    return sorted(rows, key=lambda r: (r["plan"], _nulls_last(r["measure"])))


@twin("departments_for_measure")
def departments_for_measure(g, measure: int, plan: str | None = None) -> list[dict]:
    rows = []
    for m in _measures(g, measure):
        pid = plan_of(g, m, plan)
        if pid is None:
            continue
        for u, e in in_edges(g, m, "RESPONSIBLE_FOR"):
            d = g.nodes[u]
            rows.append({"measure": measure, "rank": e["rank"], "department": d["name"],
                         "role": e["role"], "kind": d.get("kind"), "plan": pid})
    return sorted(rows, key=lambda r: (r["plan"], r["rank"], r["department"]))


@twin("measures_for_department")
def measures_for_department(g, department: str, plan: str | None = None) -> list[dict]:
    rows = []
    for u in _departments(g, department):
        for m, e in out_edges(g, u, "RESPONSIBLE_FOR"):
            pid = plan_of(g, m, plan)
            if pid is None:
                continue
            md = g.nodes[m]
            dues = [ms["due"] for ms in _milestones(g, m) if ms.get("due") is not None]
            pillars = [g.nodes[p]["name"] for p, _ in out_edges(g, m, "IN_PILLAR")] or [None]
            for pillar in pillars:  # OPTIONAL MATCH: one row per pillar, or one with null
                rows.append({"measure": md["number"], "title": md.get("title"), "rank": e["rank"],
                             "role": e["role"], "milestones": len(_milestones(g, m)),
                             "first_due": min(dues) if dues else None, "pillar": pillar, "plan": pid})
    return sorted(rows, key=lambda r: (r["plan"], r["measure"], r["rank"]))


@twin("department_workload")
def department_workload(g, plan: str | None = None) -> list[dict]:
    rows = []
    for u, d in nodes_of(g, "Department"):
        by_plan = defaultdict(list)  # one row per (unit, plan), as the Cypher groups by d, pl
        for m, e in out_edges(g, u, "RESPONSIBLE_FOR"):
            pid = plan_of(g, m, plan)
            if pid is not None:
                by_plan[pid].append((m, e))
        for pid, edges in by_plan.items():
            by_role = defaultdict(set)
            for m, e in edges:
                by_role[e["role"]].add(m)
            touched = {m for m, _ in edges}
            owned = by_role["lead"] | by_role["sole"]
            rows.append({"department": d["name"], "kind": d.get("kind"), "measures": len(touched),
                         "led": len(by_role["lead"]), "co": len(by_role["co"]), "sole": len(by_role["sole"]),
                         "milestones": len({v for m in touched for v, _ in out_edges(g, m, "HAS_MILESTONE")}),
                         "targets": len({v for m in owned for v, _ in out_edges(g, m, "HAS_TARGET")}),
                         "plan": pid})
    return sorted(rows, key=lambda r: (-r["measures"], -r["led"], r["department"], r["plan"]))


@twin("busiest_in_month")
def busiest_in_month(g, month: int, limit: int | None = None, plan: str | None = None) -> list[dict]:
    limit = 10 if limit is None else limit
    if limit < 0:
        raise QueryError(f"parameter limit must be 0 or more, got {limit}")  # as Neo4j refuses a negative LIMIT
    due = defaultdict(set)  # (unit, plan) -> {(measure number, milestone id)} due that month
    for u, d in nodes_of(g, "Department"):
        if (d.get("kind") or "") == "collective":
            continue
        for m, _ in out_edges(g, u, "RESPONSIBLE_FOR"):
            pid = plan_of(g, m, plan)
            if pid is None:
                continue
            for ms, _ in out_edges(g, m, "HAS_MILESTONE"):
                when = g.nodes[ms].get("due")
                if when is not None and int(when[5:7]) == month:
                    due[d["name"], pid].add((g.nodes[m]["number"], g.nodes[ms]["id"]))
    rows = [{"department": name, "milestones": len({ms for _, ms in pairs}),
             "measures": sorted({n for n, _ in pairs}), "plan": pid} for (name, pid), pairs in due.items()]
    return sorted(rows, key=lambda r: (-r["milestones"], r["department"], r["plan"]))[:limit]


@twin("milestones_due")
def milestones_due(g, month: int | None = None, start: str | None = None, end: str | None = None,
                   plan: str | None = None) -> list[dict]:
    rows = []
    for m, md in nodes_of(g, "Measure"):
        pid = plan_of(g, m, plan)
        if pid is None:
            continue
        for ms, _ in out_edges(g, m, "HAS_MILESTONE"):
            due = g.nodes[ms].get("due")
            if due is None or (month is not None and int(due[5:7]) != month) \
                    or (start is not None and due < start) or (end is not None and due > end):
                continue
            rows.append({"due": due, "measure": md["number"], "milestone": g.nodes[ms]["id"],
                         "text": g.nodes[ms].get("text"), "lead": _lead(g, m), "plan": pid})
    return sorted(rows, key=lambda r: (r["due"], r["measure"], r["milestone"]))


@twin("measures_in_pillar")
def measures_in_pillar(g, pillar: int, plan: str | None = None) -> list[dict]:
    rows = []
    for p, pd in nodes_of(g, "Pillar"):
        if pd.get("number") != pillar:
            continue
        for pl, _ in out_edges(g, p, "OF_PLAN"):  # the Cypher's path ends at the pillar's Plan node
            pid = g.nodes[pl].get("id")
            if plan is not None and pid != plan:
                continue
            for m, _ in in_edges(g, p, "IN_PILLAR"):
                md = g.nodes[m]
                rows.append({"pillar": pillar, "name": pd.get("name"), "measure": md["number"],
                             "title": md.get("title"), "lead": _lead(g, m), "plan": pid})
    return sorted(rows, key=lambda r: (r["plan"], r["measure"]))


def _shared_measures(g, *, exclude_collective_self: bool, plan: str | None):
    """{(unit, other, plan): set of measure nodes both are responsible for}, non-collective partners only."""
    shared = defaultdict(set)
    for m, _ in nodes_of(g, "Measure"):
        pid = plan_of(g, m, plan)
        if pid is None:
            continue
        units = {u for u, _ in in_edges(g, m, "RESPONSIBLE_FOR")}
        for a in units:
            for b in units - {a}:
                if _is_collective(g.nodes[b]) or (exclude_collective_self and _is_collective(g.nodes[a])):
                    continue
                shared[a, b, pid].add(m)
    return shared


def _numbers(g, measures) -> list[int]:
    return sorted(g.nodes[m]["number"] for m in measures)


@twin("co_responsible_units")
def co_responsible_units(g, department: str, plan: str | None = None) -> list[dict]:
    selves = set(_departments(g, department))
    rows = [{"department": g.nodes[a]["name"], "other": g.nodes[b]["name"], "shared": len(ms),
             "measures": _numbers(g, ms), "plan": pid}
            for (a, b, pid), ms in _shared_measures(g, exclude_collective_self=False, plan=plan).items()
            if a in selves]
    return sorted(rows, key=lambda r: (-r["shared"], r["other"], r["plan"]))


@twin("unit_pairs")
def unit_pairs(g, limit: int | None = None, plan: str | None = None) -> list[dict]:
    limit = DEFAULT_PAIR_LIMIT if limit is None else limit
    if limit < 0:
        raise QueryError(f"parameter limit must be 0 or more, got {limit}")  # Neo4j refuses a negative LIMIT too
    rows = [{"unit_a": g.nodes[a]["name"], "unit_b": g.nodes[b]["name"], "shared": len(ms),
             "measures": _numbers(g, ms), "plan": pid}
            for (a, b, pid), ms in _shared_measures(g, exclude_collective_self=True, plan=plan).items()
            if g.nodes[a]["name"] < g.nodes[b]["name"]]  # str < compares code points, as Cypher does
    return sorted(rows, key=lambda r: (-r["shared"], r["unit_a"], r["unit_b"], r["plan"]))[:limit]


@twin("targets_for_measure")
def targets_for_measure(g, measure: int, plan: str | None = None) -> list[dict]:
    keyed = []  # (target id, row): the order is by id, which is not a returned column
    for m in _measures(g, measure):
        pid = plan_of(g, m, plan)
        if pid is None:
            continue
        for t, _ in out_edges(g, m, "HAS_TARGET"):
            td = g.nodes[t]
            keyed.append((td["id"], {"measure": measure, "metric": td.get("metric"),
                                     "comparator": td.get("comparator"), "value": td.get("value"),
                                     "unit": td.get("unit"), "text": td.get("text"), "plan": pid}))
    return [row for _, row in sorted(keyed, key=lambda kr: kr[0])]


@twin("overdue_milestones")
def overdue_milestones(g, as_of: str, done: list[str] | None = None, plan: str | None = None) -> list[dict]:
    done = set(done or ())
    rows = []
    for m, md in nodes_of(g, "Measure"):
        pid = plan_of(g, m, plan)
        if pid is None or _local(md["id"]) in done or md["id"] in done:
            continue
        for ms, _ in out_edges(g, m, "HAS_MILESTONE"):
            msd = g.nodes[ms]
            due = msd.get("due")
            if due is None or due >= as_of or _local(msd["id"]) in done or msd["id"] in done:
                continue
            rows.append({"milestone": msd["id"], "measure": md["number"], "due": due, "text": msd.get("text"),
                         "lead": _lead(g, m),
                         "days_overdue": (dt.date.fromisoformat(as_of) - dt.date.fromisoformat(due)).days,
                         "plan": pid})
    return sorted(rows, key=lambda r: (r["due"], r["measure"], r["milestone"]))


@twin("known_names")
def known_names(g) -> list[dict]:
    found = set()
    for label, kind, extra in (("Department", "department", "aliases"), ("Chain", "chain", "id"),
                               ("Enterprise", "enterprise", "id")):
        for _, d in nodes_of(g, label):
            more = d.get(extra) or []
            forms = [d.get("name"), *(more if isinstance(more, list) else [more])]
            found |= {(kind, d.get("name"), f) for f in forms if f and d.get("name") is not None}
    return [{"kind": k, "name": n, "alias": a} for k, n, a in sorted(found, key=lambda t: (t[0], t[2], t[1]))]
