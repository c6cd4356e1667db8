"""Several plans at once: scope the graph to a set of loaded plans, and break the analyses down by plan.

A unit's real load is its share across every plan the city runs. `scope(g, plans)` keeps the chosen
plans' Plan, Pillar, Measure, Milestone and Target nodes (and everything that belongs to no plan:
units, chains, firms, projects, problems), so every analysis in this package runs unchanged on any
set of plans. `plan_breakdown` adds what only shows with several plans: each unit's load per plan,
the deadline months per plan and the crunches that appear only when plans are stacked, brokers per
plan against brokers of the combined network, and single points of failure per plan.
"""
from __future__ import annotations

import weakref
from collections import Counter, defaultdict

import networkx as nx
import pandas as pd

from graph.analysis.coordination import brokers
from graph.analysis.crunch import unit_month_counts
from graph.analysis.index import GraphIndex
from graph.analysis.whatif import single_points_of_failure
from graph.analysis.workload import DEFAULT_WEIGHTS, Weights, unit_loads

__all__ = ["PLAN_LABELS", "plan_ids", "plan_of_node", "chosen_plans", "scope", "plan_breakdown",
           "BREAKDOWN_SECTIONS"]

# Labels whose nodes belong to one plan; their keys are plan-qualified ("<plan>#M9-D1").
PLAN_LABELS = ("Plan", "Pillar", "Measure", "Milestone", "Target")
BREAKDOWN_SECTIONS = ("workload_by_plan", "months_by_plan", "stacked_crunch", "brokers_by_plan",
                      "single_points_by_plan")

_SCOPES: "weakref.WeakKeyDictionary[nx.MultiDiGraph, dict]" = weakref.WeakKeyDictionary()


def plan_ids(g) -> list[str]:
    """Ids of the plans in the graph, sorted."""
    return sorted(d["key"] for _, d in g.nodes(data=True) if d.get("label") == "Plan")


def chosen_plans(g, refs=None) -> list[str]:
    """Ids of the plans `refs` name (ids, years or title words, as `graph.named.run.resolve_plan` reads
    them); every loaded plan when `refs` is empty."""
    if not refs:
        return plan_ids(g)
    from graph.named.run import loaded_plans, resolve_plan
    rows = loaded_plans(graph=g)
    return sorted({resolve_plan(ref, rows) for ref in refs})


def plan_of_node(d: dict) -> str | None:
    """The plan a node belongs to (None for units, chains, firms and the other shared nodes)."""
    label = d.get("label")
    if label == "Plan":
        return d["key"]
    if label in PLAN_LABELS:
        return str(d["key"]).split("#", 1)[0]
    return None


def scope(g: nx.MultiDiGraph, plans=None) -> nx.MultiDiGraph:
    """`g` without the nodes of plans outside `plans` (ids); `g` itself for None or every plan.

    The scoped graph is frozen and cached per graph and plan set (analyses and the app reuse it)."""
    every = plan_ids(g)
    if plans is None:
        return g
    chosen = tuple(sorted(set(plans)))
    unknown = sorted(set(chosen) - set(every))
    if unknown:
        raise ValueError(f"no loaded plan {', '.join(unknown)}; loaded: {', '.join(every) or 'none'}")
    if chosen == tuple(every):
        return g
    cache = _SCOPES.setdefault(g, {})
    if chosen not in cache:
        keep = [n for n, d in g.nodes(data=True) if plan_of_node(d) in (None, *chosen)]
        cache[chosen] = nx.freeze(g.subgraph(keep).copy())
    return cache[chosen]


def _workload_by_plan(g, plans: list[str], weights: Weights) -> pd.DataFrame:
    """Plan work only: the project part of the load score belongs to no plan and is left out here (the
    `workload` section of the report counts it once)."""
    rows = []
    for p in plans:
        for unit, load in unit_loads(scope(g, [p]), weights).items():
            if load.measures == 0:
                continue  # serves projects only
            rows.append({"department": unit, "plan": p, "measures": load.measures, "led": load.led, "co": load.co,
                         "sole": load.sole, "milestones": load.milestones,
                         "score": round(load.score - weights.project * load.projects, 4)})
    plans_of, measures_of, score_of = Counter(), Counter(), Counter()
    for r in rows:  # plans share no measure, so a unit's plan work adds up across them
        plans_of[r["department"]] += 1
        measures_of[r["department"]] += r["measures"]
        score_of[r["department"]] += r["score"]
    for r in rows:
        u = r["department"]
        r.update(plans=plans_of[u], total_measures=measures_of[u], total_score=round(score_of[u], 4),
                 share=round(r["score"] / score_of[u], 4) if score_of[u] else 0.0)
    rows.sort(key=lambda r: (-r["total_score"], r["department"], r["plan"]))
    return pd.DataFrame(rows, columns=["department", "plans", "total_measures", "total_score", "plan", "measures",
                                       "led", "co", "sole", "milestones", "score", "share"])


def _months_by_plan(g, plans: list[str]) -> pd.DataFrame:
    counts: dict[str, Counter] = defaultdict(Counter)  # month -> plan -> milestones
    for p in plans:
        ix = GraphIndex.of(scope(g, [p]))
        for due in ix.due.values():
            if due is not None:
                counts[due.strftime("%Y-%m")][p] += 1
    rows = [{"month": month, "milestones": sum(c.values()), **{p: c.get(p, 0) for p in plans}}
            for month, c in counts.items()]
    rows.sort(key=lambda r: (-r["milestones"], r["month"]))
    return pd.DataFrame(rows, columns=["month", "milestones", *plans])


def _stacked_crunch(g, plans: list[str], min_milestones: int) -> pd.DataFrame:
    """(unit, month) pairs at or over `min_milestones` deadlines across the plans, with each plan's part;
    `stacked` is true when no single plan reaches the threshold there."""
    per_plan = {p: unit_month_counts(scope(g, [p])) for p in plans}
    combined = unit_month_counts(scope(g, plans))
    rows = []
    for unit, months in combined.items():
        for month, n in months.items():
            if n < min_milestones:
                continue
            parts = {p: per_plan[p].get(unit, Counter()).get(month, 0) for p in plans}
            rows.append({"department": unit, "month": month, "milestones": n,
                         "by_plan": "、".join(f"{p}({k})" for p, k in parts.items() if k),
                         "stacked": max(parts.values()) < min_milestones})
    rows.sort(key=lambda r: (-r["milestones"], r["month"], r["department"]))
    return pd.DataFrame(rows, columns=["department", "month", "milestones", "by_plan", "stacked"])


def _brokers_by_plan(g, plans: list[str], top: int | None) -> pd.DataFrame:
    combined = brokers(scope(g, plans), top=None)
    per = {p: brokers(scope(g, [p]), top=None).set_index("department") for p in plans}
    rows = []
    for r in combined.itertuples():
        row = {"rank": r.rank, "department": r.department, "betweenness": r.betweenness}
        for p in plans:
            row[p] = float(per[p].loc[r.department, "betweenness"]) if r.department in per[p].index else None
        rows.append(row)
    rows = rows[:top] if top is not None else rows
    return pd.DataFrame(rows, columns=["rank", "department", "betweenness", *plans])


def _single_points_by_plan(g, plans: list[str]) -> pd.DataFrame:
    frames = []
    for p in plans:
        df = single_points_of_failure(scope(g, [p]))
        df = df[df["kind"] == "unit"].drop(columns=["chains_without_leader", "segments_emptied"], errors="ignore")
        frames.append(df.assign(plan=p))
    cols = ["kind", "name", "plan", "measures_without_lead", "network_parts", "summary"]
    if not frames:
        return pd.DataFrame(columns=cols)
    out = pd.concat(frames, ignore_index=True)
    out = out[[c for c in cols if c in out.columns]]
    return out.sort_values(["name", "plan"], kind="stable").reset_index(drop=True)


def plan_breakdown(g, plans=None, *, top: int | None = 10, min_milestones: int = 3,
                   weights: Weights = DEFAULT_WEIGHTS) -> dict[str, pd.DataFrame]:
    """The per-plan sections, in the order of `BREAKDOWN_SECTIONS`, over `plans` (default: every loaded plan).

    workload_by_plan: a row per unit and plan (measures, roles, milestones, load score there) with the
    unit's totals across the plans and the plan's share of its score. months_by_plan: deadlines per
    month, in all and per plan. stacked_crunch: units with at least `min_milestones` deadlines in a
    month across the plans, each plan's part, and whether only stacking the plans makes it a crunch.
    brokers_by_plan: betweenness in the combined network and within each plan. single_points_by_plan:
    units that are the only lead of measures (or split the network) within each plan.
    """
    plans = sorted(set(plans)) if plans is not None else plan_ids(g)
    scope(g, plans)  # checks the ids
    return {"workload_by_plan": _workload_by_plan(g, plans, weights),
            "months_by_plan": _months_by_plan(g, plans),
            "stacked_crunch": _stacked_crunch(g, plans, min_milestones),
            "brokers_by_plan": _brokers_by_plan(g, plans, top),
            "single_points_by_plan": _single_points_by_plan(g, plans)}
