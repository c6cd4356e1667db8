"""Pipeline chokepoints: units that serve many projects, and projects that wait on busy units.

A project's chains come from the segments it sits in. A project is exposed when the units that must
act on it (approval and service steps) are the ones the plan already loads most: it is ranked by the
highest load score among its serving units, then by their sum.
"""
from __future__ import annotations

import pandas as pd

from graph.analysis.index import GraphIndex
from graph.analysis.workload import UnitLoad, unit_loads

__all__ = ["pipeline_load_rows", "pipeline_chokepoints"]


def pipeline_load_rows(g) -> list[dict]:
    """Rows of the named query `pipeline_load`: department, projects (distinct projects served), chains
    (distinct chains of those projects' segments), steps (sorted distinct steps), ordered by projects
    desc, department."""
    ix = GraphIndex.of(g)
    rows = []
    for unit, served in ix.unit_projects.items():
        chains = {c for p in served for c in ix.project_chains.get(p, ())}
        steps = sorted({s for stages in served.values() for s in stages if s is not None})
        rows.append({"department": unit, "projects": len(served), "chains": len(chains), "steps": steps})
    return sorted(rows, key=lambda r: (-r["projects"], r["department"]))


def pipeline_chokepoints(g, *, top: int | None = 10, loads: dict[str, UnitLoad] | None = None) -> pd.DataFrame:
    """Projects whose serving units carry the heaviest plan load.

    Columns: project, name, chains, investment, units (serving units), max_load, sum_load, busiest
    (the serving unit with the highest score), serving ("unit: step, step" per unit). Collective units
    are listed but do not count in max_load / sum_load. Ordered by max_load desc, sum_load desc, project.
    """
    ix = GraphIndex.of(g)
    loads = unit_loads(ix) if loads is None else loads
    # Rank on the scores first and describe only the projects kept (the report keeps the top 10 of ~10^4).
    ranked = []
    for p, units in ix.project_units.items():
        scored = sorted(((loads[u].score if u in loads else 0.0, u) for u in units if u not in ix.collective),
                        key=lambda x: (-x[0], x[1]))
        ranked.append((-(scored[0][0] if scored else 0.0), -sum(s for s, _ in scored),
                       str(ix.projects[p].get("key")), p, scored))
    ranked.sort(key=lambda r: r[:3])
    rows = []
    for neg_max, neg_sum, _, p, scored in ranked[:top] if top is not None else ranked:
        attrs, units = ix.projects[p], ix.project_units[p]
        rows.append({
            "project": attrs.get("key"), "name": attrs.get("name"),
            "chains": sorted(ix.chains[c].get("name") or c for c in ix.project_chains.get(p, ())),
            "investment": attrs.get("investment"), "units": len(units),
            "max_load": -neg_max, "sum_load": -neg_sum,
            "busiest": scored[0][1] if scored else None,
            "serving": [f"{u}: {', '.join(sorted(s for s in units[u] if s is not None))}" for u in sorted(units)]})
    return pd.DataFrame(rows, columns=["project", "name", "chains", "investment", "units", "max_load", "sum_load",
                                       "busiest", "serving"])
