"""What changed between two plans: measures added, removed and changed, matched by content.

Next year's plan renumbers, merges and rewords its measures, so measures are paired by what they say
(title and text similarity, rapidfuzz), never by number. For each pair the diff lists units added or
removed, a lead that moved, deadlines moved (compared within the plan year, so "6 月底前" in a 2024 and
a 2025 plan is the same deadline), added or dropped, and targets whose value, comparator or unit
changed. Every change carries the span of the words behind it in the old and in the new text.

Works on parsed plans (`loaders.plan.ParsedPlan`, units already resolved to the unit table's names).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

__all__ = ["MATCH_THRESHOLD", "PlanSide", "PlanDiff", "plan_side", "diff_plans", "diff_refs"]

# A pair of measures below this score (0-100, title weighs 0.6, text 0.4) is no match: the old one was
# removed and the new one added. Measured on the bundled plan: no two of its 26 measures score above 39;
# a measure whose title was reworded (全面落实… → 深入落实…制度) scores 87 against its old self.
MATCH_THRESHOLD = 55.0
# Milestones and targets of a matched pair are paired by their own words above this score.
ITEM_THRESHOLD = 50.0

MEASURE_COLUMNS = ["status", "old_measure", "new_measure", "old_title", "new_title", "similarity", "changes",
                   "old_span", "new_span"]
CHANGE_COLUMNS = ["change", "old_measure", "new_measure", "title", "old", "new", "old_span", "new_span"]


@dataclass
class _Measure:
    key: str
    number: int
    title: str
    text: str
    span: list[int] | None
    units: dict[str, dict] = field(default_factory=dict)   # unit -> {"rank", "role", "span"} (first listing)
    milestones: list[dict] = field(default_factory=list)   # node props, in order
    targets: list[dict] = field(default_factory=list)

    @property
    def leads(self) -> set[str]:
        return {u for u, r in self.units.items() if r["role"] in ("lead", "sole")}


@dataclass
class PlanSide:
    """One plan as the diff reads it: id, year, title and its measures in order."""
    plan_id: str
    year: int | None
    title: str | None
    measures: list[_Measure]


def plan_side(parsed) -> PlanSide:
    """Group a parsed plan's records by measure."""
    measures: dict[str, _Measure] = {}
    items: dict[str, dict] = {}
    title = None
    for n in parsed.nodes:
        if n.label == "Measure":
            measures[n.key] = _Measure(n.key, n.props["number"], n.props.get("title") or "",
                                       n.props.get("text") or "", n.props.get("span"))
        elif n.label in ("Milestone", "Target"):
            items[n.key] = n.props
        elif n.label == "Plan":
            title = n.props.get("title")
    for r in parsed.rels:
        m = measures.get(r.end[1]) if r.type == "RESPONSIBLE_FOR" else measures.get(r.start[1])
        if m is None:
            continue
        if r.type == "RESPONSIBLE_FOR" and r.start[1] not in m.units:
            m.units[r.start[1]] = {"rank": r.props.get("rank"), "role": r.props.get("role"),
                                   "span": r.props.get("span")}
        elif r.type == "HAS_MILESTONE":
            m.milestones.append(items[r.end[1]])
        elif r.type == "HAS_TARGET":
            m.targets.append(items[r.end[1]])
    return PlanSide(parsed.plan_id, parsed.year, title, sorted(measures.values(), key=lambda m: m.number))


def _similarity(a: _Measure, b: _Measure) -> float:
    return 0.6 * fuzz.ratio(a.title, b.title) + 0.4 * fuzz.ratio(a.text, b.text)


def _similarities(old: list[_Measure], new: list[_Measure]):
    """Every old x new `_similarity` at once (rapidfuzz's cdist runs the pairs in C)."""
    titles = process.cdist([m.title for m in old], [m.title for m in new], scorer=fuzz.ratio, dtype=np.float64)
    texts = process.cdist([m.text for m in old], [m.text for m in new], scorer=fuzz.ratio, dtype=np.float64)
    return 0.6 * titles + 0.4 * texts


def _pair(old: list, new: list, score, threshold: float, matrix=None) -> list[tuple]:
    """Greedy one-to-one pairing, best score first (ties: earlier items first): (i, j, score) triples.
    `matrix[i][j]`, when given, holds the scores."""
    scored = sorted(((float(matrix[i][j]) if matrix is not None else score(a, b), i, j)
                     for i, a in enumerate(old) for j, b in enumerate(new)),
                    key=lambda t: (-t[0], t[1], t[2]))
    used_i, used_j, pairs = set(), set(), []
    for s, i, j in scored:
        if s < threshold:
            break
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            pairs.append((i, j, s))
    return sorted(pairs, key=lambda t: t[0])


def _in_plan_year(due: str | None, year: int | None) -> tuple | None:
    """A deadline relative to its plan's year: (years after the plan year, month, day)."""
    if not due or year is None:
        return None
    d = dt.date.fromisoformat(due)
    return d.year - year, d.month, d.day


def _deadline(ms: dict) -> str:
    return f"{ms.get('raw') or ''} ({ms['due']})" if ms.get("due") else (ms.get("raw") or "")


def _target(t: dict) -> str:
    value = t.get("value")
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{t.get('metric') or ''} {t.get('comparator') or ''} {shown}{t.get('unit') or ''}".strip()


def _text_score(a: dict, b: dict) -> float:
    return fuzz.ratio(a.get("text") or "", b.get("text") or "")


def _target_score(a: dict, b: dict) -> float:
    if a.get("metric") and a.get("metric") == b.get("metric"):
        return 100.0
    return _text_score(a, b)


@dataclass
class PlanDiff:
    old: PlanSide
    new: PlanSide
    measures: list[dict]   # one row per measure of either plan (MEASURE_COLUMNS)
    changes: list[dict]    # one row per change (CHANGE_COLUMNS)

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in ("same", "changed", "added", "removed")}
        for r in self.measures:
            out[r["status"]] += 1
        return out

    def tables(self) -> dict[str, pd.DataFrame]:
        """`measures` and `changes` as DataFrames (for graph.analysis.report.write_report)."""
        return {"measures": pd.DataFrame(self.measures, columns=MEASURE_COLUMNS),
                "changes": pd.DataFrame(self.changes, columns=CHANGE_COLUMNS)}


def _first_span(m: _Measure, units: set[str]) -> list[int] | None:
    """Span of the best-ranked of `units` on the measure's list (the measure's own span if none)."""
    ranked = sorted(units, key=lambda u: m.units[u]["rank"] or 0)
    return m.units[ranked[0]]["span"] if ranked else m.span


def _measure_changes(a: _Measure, b: _Measure, old: PlanSide, new: PlanSide) -> list[dict]:
    out = []

    def change(kind, old_value, new_value, old_span, new_span):
        out.append({"change": kind, "old_measure": a.number, "new_measure": b.number, "title": b.title,
                    "old": old_value, "new": new_value, "old_span": old_span, "new_span": new_span})

    if a.title != b.title:
        change("title_changed", a.title, b.title, a.span, b.span)
    for u in sorted(set(b.units) - set(a.units), key=lambda u: b.units[u]["rank"] or 0):
        change("unit_added", None, u, None, b.units[u]["span"])
    for u in sorted(set(a.units) - set(b.units), key=lambda u: a.units[u]["rank"] or 0):
        change("unit_removed", u, None, a.units[u]["span"], None)
    if a.leads != b.leads:
        change("lead_moved", "、".join(sorted(a.leads)) or None, "、".join(sorted(b.leads)) or None,
               _first_span(a, a.leads), _first_span(b, b.leads))
    paired = _pair(a.milestones, b.milestones, _text_score, ITEM_THRESHOLD)
    for i, j, _ in paired:
        x, y = a.milestones[i], b.milestones[j]
        moved = (_in_plan_year(x.get("due"), old.year) != _in_plan_year(y.get("due"), new.year)
                 if x.get("due") or y.get("due") else (x.get("raw") or "") != (y.get("raw") or ""))
        if moved:
            change("deadline_moved", _deadline(x), _deadline(y), x.get("span"), y.get("span"))
    for i in sorted(set(range(len(a.milestones))) - {i for i, _, _ in paired}):
        change("deadline_removed", _deadline(a.milestones[i]), None, a.milestones[i].get("span"), None)
    for j in sorted(set(range(len(b.milestones))) - {j for _, j, _ in paired}):
        change("deadline_added", None, _deadline(b.milestones[j]), None, b.milestones[j].get("span"))
    paired = _pair(a.targets, b.targets, _target_score, ITEM_THRESHOLD)
    for i, j, _ in paired:
        x, y = a.targets[i], b.targets[j]
        if (x.get("value"), x.get("comparator"), x.get("unit")) != (y.get("value"), y.get("comparator"), y.get("unit")):
            change("target_changed", _target(x), _target(y), x.get("span"), y.get("span"))
    for i in sorted(set(range(len(a.targets))) - {i for i, _, _ in paired}):
        change("target_removed", _target(a.targets[i]), None, a.targets[i].get("span"), None)
    for j in sorted(set(range(len(b.targets))) - {j for _, j, _ in paired}):
        change("target_added", None, _target(b.targets[j]), None, b.targets[j].get("span"))
    return out


def diff_plans(old, new, *, threshold: float = MATCH_THRESHOLD) -> PlanDiff:
    """The diff from plan `old` to plan `new` (ParsedPlan or PlanSide).

    Measures rows: status same / changed / added / removed, both numbers and titles, the similarity
    (0-100) of a matched pair, how many changes it has, and both spans. Changes rows: one per title
    change, unit added or removed, lead moved, deadline moved / added / removed, target changed / added /
    removed, and a measure added or removed, with the old and new values and spans.
    """
    old = old if isinstance(old, PlanSide) else plan_side(old)
    new = new if isinstance(new, PlanSide) else plan_side(new)
    matrix = _similarities(old.measures, new.measures) if old.measures and new.measures else None
    pairs = _pair(old.measures, new.measures, _similarity, threshold, matrix)
    measures, changes = [], []
    matched_new = {j for _, j, _ in pairs}
    for i, j, score in pairs:
        a, b = old.measures[i], new.measures[j]
        found = _measure_changes(a, b, old, new)
        changes += found
        measures.append({"status": "changed" if found else "same", "old_measure": a.number, "new_measure": b.number,
                         "old_title": a.title, "new_title": b.title, "similarity": round(score, 1),
                         "changes": len(found), "old_span": a.span, "new_span": b.span})
    for i in sorted(set(range(len(old.measures))) - {i for i, _, _ in pairs}):
        a = old.measures[i]
        measures.append({"status": "removed", "old_measure": a.number, "new_measure": None, "old_title": a.title,
                         "new_title": None, "similarity": None, "changes": 1, "old_span": a.span, "new_span": None})
        changes.append({"change": "measure_removed", "old_measure": a.number, "new_measure": None, "title": a.title,
                        "old": a.title, "new": None, "old_span": a.span, "new_span": None})
    for j in sorted(set(range(len(new.measures))) - matched_new):
        b = new.measures[j]
        measures.append({"status": "added", "old_measure": None, "new_measure": b.number, "old_title": None,
                         "new_title": b.title, "similarity": None, "changes": 1, "old_span": None, "new_span": b.span})
        changes.append({"change": "measure_added", "old_measure": None, "new_measure": b.number, "title": b.title,
                        "old": None, "new": b.title, "old_span": None, "new_span": b.span})
    order = {"removed": 0, "changed": 1, "added": 2, "same": 3}
    measures.sort(key=lambda r: (order[r["status"]], r["new_measure"] or 0, r["old_measure"] or 0))
    changes.sort(key=lambda r: (r["new_measure"] is None, r["new_measure"] or 0, r["old_measure"] or 0))
    return PlanDiff(old, new, measures, changes)


def diff_refs(old_ref: str, new_ref: str, *, plans=None, data_dir=None, year: int | None = None):
    """(old plan, new plan, diff) for two references as a user gives them: a plan file, or a plan among
    those loaded (the `plans` files, else the data folder's) by id, year or title words.

    Files named as OLD or NEW are loaded with the others; a reference that fits no loaded plan, or
    several, raises ValueError listing them (`graph.named.run.resolve_plan`)."""
    from pathlib import Path

    from graph.model.dataset import load_dataset, sources_for
    from graph.named.run import resolve_plan
    files = [Path(r) for r in (old_ref, new_ref) if Path(r).is_file()]
    base = [Path(p) for p in plans] if plans else \
        ([] if len(files) == 2 else list(sources_for(None, data_dir).plans))
    seen = {b.resolve() for b in base}
    ds = load_dataset(sources_for(base + [f for f in files if f.resolve() not in seen], data_dir, year))
    rows = [{"plan": p.plan_id, "year": p.year,
             "title": next((n.props.get("title") for n in p.nodes if n.label == "Plan"), None)} for p in ds.plans]
    by_id = {p.plan_id: p for p in ds.plans}
    old, new = (by_id[Path(r).stem if Path(r).is_file() else resolve_plan(r, rows)] for r in (old_ref, new_ref))
    return old, new, diff_plans(old, new)
