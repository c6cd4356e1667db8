"""The chain problem ledger (问题清单): open problems by chain and unit, closure rate (销号率) and speed.

A problem assigned to two units counts for each of them; a problem counts for every chain it is
filed under. Closure rate = closed / all problems of the unit (or chain); days to close = closed date
minus raised date, over closed problems that have both dates. With an as-of date the ledger is read
as it stood that day: problems raised later are left out, and one closed later counts as open.
"""
from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from graph.analysis.index import GraphIndex, parse_date
from graph.model.lookup import node_matches

__all__ = ["round_half_up", "open_problem_rows", "problem_closure_rows", "problems_by_chain", "problems_by_unit"]


def round_half_up(x: float, digits: int = 4) -> float:
    """Round as Cypher's `round(x, digits)` does: on the shortest decimal form of the double, ties away
    from zero. Python's `round` rounds the binary value half-to-even, so 1/32 would differ.

    >>> round_half_up(1 / 32), round(1 / 32, 4), round_half_up(2 / 3)
    (0.0313, 0.0312, 0.6667)
    """
    return float(Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def _null_last(v):
    return (v is None, v if v is not None else "")


def open_problem_rows(g, chain: str | None = None) -> list[dict]:
    """Rows of the named query `open_problems`: chain (name), department, open, closed, total, for
    problems filed under a chain and assigned to a unit; `chain` filters by chain id or name."""
    ix = GraphIndex.of(g)
    groups: dict[tuple, set[str]] = defaultdict(set)
    for p, chains in ix.problem_chains.items():
        for c in chains:
            if not node_matches(ix.chains[c], chain, ("id", "name")):
                continue
            for unit in ix.problem_units.get(p, ()):
                groups[ix.chains[c].get("name"), unit].add(p)
    rows = [{"chain": c, "department": u,
             "open": sum(1 for p in ps if ix.problems[p].get("status") == "open"),
             "closed": sum(1 for p in ps if ix.problems[p].get("status") == "closed"),
             "total": len(ps)} for (c, u), ps in groups.items()]
    return sorted(rows, key=lambda r: (_null_last(r["chain"]), r["department"]))


def problem_closure_rows(g) -> list[dict]:
    """Rows of the named query `problem_closure`: department, total, closed, closure_rate
    (closed/total rounded to 4 decimals as Cypher rounds), ordered by department."""
    ix = GraphIndex.of(g)
    per: dict[str, set[str]] = defaultdict(set)
    for p, units in ix.problem_units.items():
        for u in units:
            per[u].add(p)
    rows = []
    for u, ps in per.items():
        closed = sum(1 for p in ps if ix.problems[p].get("status") == "closed")
        rows.append({"department": u, "total": len(ps), "closed": closed,
                     "closure_rate": round_half_up(closed / len(ps), 4)})
    return sorted(rows, key=lambda r: r["department"])


def _state(attrs: dict, as_of: dt.date | None) -> tuple | None:
    """(status, raised, closed) of a problem as the ledger stood on `as_of`, dates parsed: not raised yet
    -> None; closed later -> still open."""
    status = attrs.get("status")
    raised = parse_date(attrs.get("raised"), "raised")
    closed = parse_date(attrs.get("closed"), "closed")
    if as_of is not None:
        if raised and raised > as_of:
            return None
        if status == "closed" and closed and closed > as_of:
            return "open", raised, None
    return status, raised, closed


def _states(ix: GraphIndex, ps, as_of: dt.date | None) -> dict[str, tuple | None]:
    """`_state` of every problem in `ps`, each read once (a problem counts for several units and chains)."""
    return {p: _state(ix.problems[p], as_of) for p in ps}


def _summary(states: list[tuple], as_of: dt.date | None) -> dict | None:
    if not states:
        return None
    closed = sum(1 for s in states if s[0] == "closed")
    opened = sum(1 for s in states if s[0] == "open")
    days = [(c - r).days for status, r, c in states if status == "closed" and r and c]
    row = {"problems": len(states), "open": opened, "closed": closed,
           "closure_rate": round_half_up(closed / len(states), 4),
           "median_days_to_close": float(statistics.median(days)) if days else None}
    if as_of is not None:
        ages = [(as_of - r).days for status, r, _ in states if status == "open" and r]
        row["oldest_open_days"] = max(ages) if ages else None
    return row


def _summaries(ix: GraphIndex, per: dict[str, set[str]], as_of: dt.date | None) -> dict[str, dict]:
    """Summary per group (unit or chain) of its problems; groups without a problem as of then are left out."""
    states = _states(ix, {p for ps in per.values() for p in ps}, as_of)
    out = {}
    for group, ps in per.items():
        summary = _summary([s for s in map(states.get, ps) if s is not None], as_of)
        if summary:
            out[group] = summary
    return out


def problems_by_chain(g, *, as_of: dt.date | None = None) -> pd.DataFrame:
    """Chains with the most open problems (堵点) first.

    Columns: chain, problems, open, closed, closure_rate, median_days_to_close, and with `as_of`
    oldest_open_days. Ordered by open desc, problems desc, chain.
    """
    ix = GraphIndex.of(g)
    per: dict[str, set[str]] = defaultdict(set)
    for p, chains in ix.problem_chains.items():
        for c in chains:
            per[c].add(p)
    rows = [{"chain": ix.chains[c].get("name") or ix.chains[c].get("key"), **summary}
            for c, summary in _summaries(ix, per, as_of).items()]
    cols = ["chain", "problems", "open", "closed", "closure_rate", "median_days_to_close"]
    cols += ["oldest_open_days"] if as_of is not None else []
    rows.sort(key=lambda r: (-r["open"], -r["problems"], str(r["chain"])))
    df = pd.DataFrame(rows, columns=cols)
    if as_of is not None:
        df["oldest_open_days"] = df["oldest_open_days"].astype("Int64")
    return df


def problems_by_unit(g, *, as_of: dt.date | None = None) -> pd.DataFrame:
    """Units by open problems assigned to them, with their closure rate (销号率) and median days to close.

    Columns: department, problems, open, closed, closure_rate, median_days_to_close (and with `as_of`
    oldest_open_days). Ordered by open desc, problems desc, department.
    """
    ix = GraphIndex.of(g)
    per: dict[str, set[str]] = defaultdict(set)
    for p, units in ix.problem_units.items():
        for u in units:
            per[u].add(p)
    rows = [{"department": u, **summary} for u, summary in _summaries(ix, per, as_of).items()]
    cols = ["department", "problems", "open", "closed", "closure_rate", "median_days_to_close"]
    cols += ["oldest_open_days"] if as_of is not None else []
    rows.sort(key=lambda r: (-r["open"], -r["problems"], r["department"]))
    df = pd.DataFrame(rows, columns=cols)
    if as_of is not None:
        df["oldest_open_days"] = df["oldest_open_days"].astype("Int64")
    return df
