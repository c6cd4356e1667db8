"""Department workload: what each unit owns in the plan and in the project pipeline, and a load score.

A unit "touches" a measure when it is on the measure's responsibility list; listed twice, it counts
once at its strongest role (sole > lead > co). It inherits every milestone of every measure it touches
(the plan gives deadlines per measure, not per unit), and the targets of the measures it leads.
The score weights are in `Weights` and documented in docs/metrics.md.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from graph.analysis.index import GraphIndex

__all__ = ["Weights", "DEFAULT_WEIGHTS", "UnitLoad", "unit_loads", "ranked_units", "workload"]


@dataclass(frozen=True)
class Weights:
    """Load-score weights. Leading (or owning alone) a measure means convening the others, drafting and
    reporting, so it weighs three co-responsibilities; each deadline, target and served project adds a
    half: real work, but inside a measure already counted."""
    lead: float = 3.0
    sole: float = 3.0
    co: float = 1.0
    milestone: float = 0.5
    target: float = 0.5
    project: float = 0.5


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class UnitLoad:
    unit: str
    kind: str | None
    collective: bool
    measures: int = 0
    led: int = 0
    co: int = 0
    sole: int = 0
    milestones: int = 0
    undated: int = 0
    by_month: dict[str, int] = field(default_factory=dict)  # "2024-06" -> milestones due that month
    targets: int = 0
    projects: int = 0
    chains: int = 0
    steps: tuple[str, ...] = ()
    score: float = 0.0


def unit_loads(g, weights: Weights = DEFAULT_WEIGHTS) -> dict[str, UnitLoad]:
    """Load of every unit that touches a measure or serves a project (collective units included,
    flagged), by unit name.

    Examples
    --------
    >>> from loaders.records import Node, Rel
    >>> from graph.model.build import build_graph
    >>> g = build_graph([Node("Department", "A"), Node("Department", "B"), Node("Measure", "P#M1", {"number": 1})],
    ...                 [Rel("RESPONSIBLE_FOR", ("Department", "A"), ("Measure", "P#M1"), {"rank": 1, "role": "lead"}),
    ...                  Rel("RESPONSIBLE_FOR", ("Department", "B"), ("Measure", "P#M1"), {"rank": 2, "role": "co"})])
    >>> loads = unit_loads(g)
    >>> loads["A"].score, loads["B"].score
    (3.0, 1.0)
    """
    ix = GraphIndex.of(g)
    out: dict[str, UnitLoad] = {}
    for unit in sorted(set(ix.unit_measures) | set(ix.unit_projects)):
        roles = Counter(ix.unit_measures.get(unit, {}).values())
        touched = ix.unit_measures.get(unit, {})
        milestones = {ms for m in touched for ms in ix.measure_milestones.get(m, ())}
        months = Counter(ix.due[ms].strftime("%Y-%m") for ms in milestones if ix.due[ms] is not None)
        targets = sum(len(ix.measure_targets.get(m, ())) for m, r in touched.items() if r in ("lead", "sole"))
        served = ix.unit_projects.get(unit, {})
        chains = {c for p in served for c in ix.project_chains.get(p, ())}
        steps = tuple(sorted({s for stages in served.values() for s in stages if s is not None}))
        score = (weights.lead * roles["lead"] + weights.sole * roles["sole"] + weights.co * roles["co"]
                 + weights.milestone * len(milestones) + weights.target * targets
                 + weights.project * len(served))
        attrs = ix.units.get(unit, {})
        out[unit] = UnitLoad(
            unit=unit, kind=attrs.get("kind"), collective=unit in ix.collective, measures=len(touched),
            led=roles["lead"], co=roles["co"], sole=roles["sole"], milestones=len(milestones),
            undated=sum(1 for ms in milestones if ix.due[ms] is None), by_month=dict(sorted(months.items())),
            targets=targets, projects=len(served), chains=len(chains), steps=steps, score=float(score))
    return out


def ranked_units(loads: dict[str, UnitLoad]) -> list[UnitLoad]:
    """Non-collective units, heaviest first (score, then measures touched, then name)."""
    return sorted((x for x in loads.values() if not x.collective),
                  key=lambda x: (-x.score, -x.measures, x.unit))


def _months_text(by_month: dict[str, int]) -> str:
    return ", ".join(f"{m}:{n}" for m, n in by_month.items())


def workload(g, weights: Weights = DEFAULT_WEIGHTS, loads: dict[str, UnitLoad] | None = None) -> pd.DataFrame:
    """One row per unit: ranked units first (rank 1 = heaviest), then collective units without a rank.

    Columns: rank, department, kind, measures, led, co, sole, milestones, by_month, targets, projects,
    chains, steps, score.
    """
    loads = unit_loads(g, weights) if loads is None else loads
    ranked = ranked_units(loads)
    collective = sorted((x for x in loads.values() if x.collective), key=lambda x: (-x.score, x.unit))
    rows = [{"rank": i if not x.collective else None, "department": x.unit, "kind": x.kind,
             "measures": x.measures, "led": x.led, "co": x.co, "sole": x.sole, "milestones": x.milestones,
             "by_month": _months_text(x.by_month), "targets": x.targets, "projects": x.projects,
             "chains": x.chains, "steps": list(x.steps), "score": x.score}
            for i, x in enumerate([*ranked, *collective], start=1)]
    df = pd.DataFrame(rows, columns=["rank", "department", "kind", "measures", "led", "co", "sole", "milestones",
                                     "by_month", "targets", "projects", "chains", "steps", "score"])
    df["rank"] = df["rank"].astype("Int64")
    return df
