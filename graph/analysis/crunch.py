"""Deadline crunch: milestones per unit and month, the city's peak months, and units over a threshold.

The plan sets deadlines per measure ("6 月底前 ..."), not per unit, so every unit on a measure's list
gets every milestone of that measure: the matrix counts deadlines a unit must contribute to.
A milestone counts once per unit even when the unit is listed twice for its measure. Undated
milestones are left out of the month counts.
"""
from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from graph.analysis.index import GraphIndex

__all__ = ["unit_month_rows", "unit_month_counts", "crunch_matrix", "peak_months", "crunch_hotspots"]


def unit_month_rows(g, plan: str | None = None) -> list[dict]:
    """Rows of the named query `unit_month_matrix`: department, month (1-12), milestones, plan; every unit
    (collective ones too), one row per plan, ordered by department, month, plan; only `plan` when given.
    The month is read from the ISO string as the Cypher does (`toInteger(substring(ms.due, 5, 2))`), so
    months of different years add up."""
    ix = GraphIndex.of(g)
    rows = []
    for unit, touched in ix.unit_measures.items():
        by_plan = defaultdict(set)
        for m in touched:
            pid = ix.plan_of(m)
            if pid is not None and (plan is None or pid == plan):
                by_plan[pid].update(ix.measure_milestones.get(m, ()))
        for pid, seen in by_plan.items():
            months = Counter(int(str(ix.milestones[ms]["due"])[5:7]) for ms in seen
                             if ix.milestones[ms].get("due") is not None)
            rows += [{"department": unit, "month": month, "milestones": n, "plan": pid}
                     for month, n in months.items()]
    return sorted(rows, key=lambda r: (r["department"], r["month"], r["plan"]))


def unit_month_counts(g, *, include_collective: bool = False) -> dict[str, Counter]:
    """unit -> Counter of "YYYY-MM" -> milestones due that month."""
    ix = GraphIndex.of(g)
    out: dict[str, Counter] = {}
    for unit, touched in ix.unit_measures.items():
        if unit in ix.collective and not include_collective:
            continue
        seen = {ms for m in touched for ms in ix.measure_milestones.get(m, ())}
        out[unit] = Counter(ix.due[ms].strftime("%Y-%m") for ms in seen if ix.due[ms] is not None)
    return out


def _month_span(months) -> list[str]:
    """Every month from the first to the last, so the matrix shows quiet months too."""
    months = sorted(months)
    if not months:
        return []
    (y, m), (y2, m2) = map(int, months[0].split("-")), map(int, months[-1].split("-"))
    span = []
    while (y, m) <= (y2, m2):
        span.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return span


def crunch_matrix(g, *, include_collective: bool = False) -> pd.DataFrame:
    """Unit x month matrix of milestones: a row per unit (busiest first), a column per month ("2024-06")
    from the first to the last deadline, and `total`."""
    counts = unit_month_counts(g, include_collective=include_collective)
    months = _month_span({m for c in counts.values() for m in c})
    rows = [{"department": u, **{m: c.get(m, 0) for m in months}, "total": sum(c.values())}
            for u, c in counts.items() if c]
    df = pd.DataFrame(rows, columns=["department", *months, "total"])
    return df.sort_values(["total", "department"], ascending=[False, True], ignore_index=True)


def peak_months(g, *, min_milestones: int = 3) -> pd.DataFrame:
    """City-wide load per month, busiest first.

    Columns: month, milestones (distinct deadlines due), measures (measures with a deadline that month),
    units (non-collective units with at least one), hot_units (units with at least `min_milestones`
    that month, "name(count)").
    """
    ix = GraphIndex.of(g)
    by_month: dict[str, set[str]] = defaultdict(set)
    for ms, due in ix.due.items():
        if due is not None:
            by_month[due.strftime("%Y-%m")].add(ms)
    counts = unit_month_counts(ix)
    rows = []
    for month, mss in by_month.items():
        hot = sorted(((u, c[month]) for u, c in counts.items() if c.get(month, 0) >= min_milestones),
                     key=lambda x: (-x[1], x[0]))
        rows.append({"month": month, "milestones": len(mss),
                     "measures": len({ix.milestone_measure.get(ms) for ms in mss} - {None}),
                     "units": sum(1 for c in counts.values() if c.get(month)),
                     "hot_units": "、".join(f"{u}({n})" for u, n in hot)})
    df = pd.DataFrame(rows, columns=["month", "milestones", "measures", "units", "hot_units"])
    return df.sort_values(["milestones", "units", "month"], ascending=[False, False, True], ignore_index=True)


def crunch_hotspots(g, n: int = 3) -> pd.DataFrame:
    """(unit, month) pairs with at least `n` milestones, heaviest first; columns department, month,
    milestones, measures (the measures those deadlines belong to)."""
    ix = GraphIndex.of(g)
    rows = []
    for unit, touched in ix.unit_measures.items():
        if unit in ix.collective:
            continue
        per_month: dict[str, set[str]] = defaultdict(set)
        for m in touched:
            for ms in ix.measure_milestones.get(m, ()):
                if ix.due[ms] is not None:
                    per_month[ix.due[ms].strftime("%Y-%m")].add(ms)
        for month, mss in per_month.items():
            if len(mss) >= n:
                measures = sorted({ix.milestone_measure[ms] for ms in mss}, key=ix.measure_key)
                rows.append({"department": unit, "month": month, "milestones": len(mss),
                             "measures": [ix.measure_label(m) for m in measures]})
    df = pd.DataFrame(rows, columns=["department", "month", "milestones", "measures"])
    return df.sort_values(["milestones", "month", "department"], ascending=[False, True, True], ignore_index=True)
