"""As-of status: a light for every milestone on a given date, and overdue deadlines by lead unit.

Lights: `done` (the status file marks the milestone, or its whole measure, done), `overdue` (due before
the as-of date and not done), `due_soon` (due within `soon_days` from the as-of date, that day
included), `upcoming` (later), `undated` (no deadline in the plan, not done). Status tokens name the
local part of ids ("M9", "M9-D1"), as in `loaders.status`.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pandas as pd

from graph.analysis.index import GraphIndex, local_id
from loaders.status import StatusFile

__all__ = ["LIGHTS", "SOON_DAYS", "milestone_light", "plan_items", "status_lights", "overdue_by_unit"]

LIGHTS = ("done", "overdue", "due_soon", "upcoming", "undated")
SOON_DAYS = 30


def milestone_light(due: dt.date | None, as_of: dt.date, done: bool, soon_days: int = SOON_DAYS) -> str:
    """The light of one milestone.

    >>> d = dt.date(2024, 6, 30)
    >>> [milestone_light(d, x, False) for x in (dt.date(2024, 7, 1), dt.date(2024, 6, 30), dt.date(2024, 5, 31),
    ...                                          dt.date(2024, 5, 30))]
    ['overdue', 'due_soon', 'due_soon', 'upcoming']
    >>> milestone_light(None, d, False), milestone_light(d, dt.date(2025, 1, 1), True)
    ('undated', 'done')
    """
    if done:
        return "done"
    if due is None:
        return "undated"
    if due < as_of:
        return "overdue"
    if (due - as_of).days <= soon_days:
        return "due_soon"
    return "upcoming"


def plan_items(g) -> dict[str, set[str]]:
    """Every loaded plan's measure and milestone tokens ("M9", "M9-D1"), by plan id: what
    `StatusFile.check` compares a progress file with."""
    ix = GraphIndex.of(g)
    items: dict[str, set[str]] = {d["id"]: set() for d in ix.nodes["Plan"].values()}
    for m in ix.measures:
        plan = ix.plan_of(m)
        if plan is not None:
            items[plan].add(local_id(m))
            items[plan].update(local_id(ms) for ms in ix.measure_milestones.get(m, ()))
    return items


def status_lights(g, as_of: dt.date, status: StatusFile | None = None, *,
                  soon_days: int = SOON_DAYS) -> pd.DataFrame:
    """One row per milestone, ordered by due date (undated last), then measure.

    Columns: milestone ("M9-D1"), plan, measure (number), title, due, light, days (due minus as-of;
    negative when late), leads (list of lead or sole units), progress (the status file's word for
    the milestone or its measure: done / in_progress / not_started, else empty), text.
    """
    ix = GraphIndex.of(g)
    items = status.items if status is not None else {}
    rows = []
    for ms, attrs in ix.milestones.items():
        m = ix.milestone_measure.get(ms) or attrs.get("measure")
        mtoken, token = local_id(m) if m else "", local_id(ms)
        # a plan-qualified row ("<plan>#M9-D1", the node key) wins over a bare one for every plan
        tokens = (ms.split(":", 1)[-1], m.split(":", 1)[-1] if m else "", token, mtoken)
        progress = next((items[k] for k in tokens if k in items), "")
        done = progress == "done" or any(items.get(k) == "done" for k in tokens)
        due = ix.due[ms]
        md = ix.measures.get(m, {})
        rows.append({"milestone": token, "plan": md.get("plan"), "measure": md.get("number"),
                     "title": md.get("title"), "due": due.isoformat() if due else None,
                     "light": milestone_light(due, as_of, done, soon_days),
                     "days": (due - as_of).days if due else None,
                     "leads": sorted(ix.leads.get(m, ())), "progress": progress,
                     "text": attrs.get("text"), "_id": ms})
    rows.sort(key=lambda r: (r["due"] is None, r["due"] or "", str(r["plan"]), r["measure"] or 0, r["_id"]))
    df = pd.DataFrame(rows, columns=["milestone", "plan", "measure", "title", "due", "light", "days", "leads",
                                     "progress", "text"])
    df["days"] = df["days"].astype("Int64")
    return df


def overdue_by_unit(g, as_of: dt.date, status: StatusFile | None = None, *, soon_days: int = SOON_DAYS,
                    lights: pd.DataFrame | None = None) -> pd.DataFrame:
    """Overdue (and due-soon) milestones per lead unit: a milestone with two lead units (an affiliate
    pair) counts for both. Only units with something overdue or due soon appear.

    Columns: department, overdue, due_soon, most_days_late, milestones (the overdue ones, "M9-D1"),
    ordered by overdue desc, most_days_late desc, department.
    """
    ix = GraphIndex.of(g)
    lights = status_lights(ix, as_of, status, soon_days=soon_days) if lights is None else lights
    per: dict[str, dict] = defaultdict(lambda: {"overdue": 0, "due_soon": 0, "late": 0, "ids": []})
    for r in lights.itertuples(index=False):
        if r.light not in ("overdue", "due_soon") or not r.leads:
            continue
        for unit in r.leads:
            p = per[unit]
            if r.light == "overdue":
                p["overdue"] += 1
                p["late"] = max(p["late"], -int(r.days))
                label = r.milestone if not ix.multi_plan else f"{r.plan}#{r.milestone}"
                p["ids"].append(label)
            else:
                p["due_soon"] += 1
    rows = [{"department": u, "overdue": p["overdue"], "due_soon": p["due_soon"], "most_days_late": p["late"],
             "milestones": p["ids"]} for u, p in per.items()]
    rows.sort(key=lambda r: (-r["overdue"], -r["most_days_late"], r["department"]))
    return pd.DataFrame(rows, columns=["department", "overdue", "due_soon", "most_days_late", "milestones"])
