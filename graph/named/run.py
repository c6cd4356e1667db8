"""Run a named query by name on either backend: the networkx twin or Neo4j.

A query that declares `plan` takes what a user would type: a plan id, a year ("2024") or words of the
title ("一号改革工程"). The reference is resolved here, against the plans the backend holds, before
either backend runs, so both see the same plan id and a reference that fits none or several fails
with the list of loaded plans.
"""
from __future__ import annotations

from collections import defaultdict

import re
import unicodedata

import networkx as nx

from graph.errors import NotFound, QueryError
from graph.named.catalogue import Query, load_catalogue
from graph.named.twins import TWINS

__all__ = ["get_query", "run_embedded", "run_named", "resolve_plan", "loaded_plans"]


def get_query(name: str) -> Query:
    catalogue = load_catalogue()
    if name not in catalogue:
        raise NotFound("query", name, catalogue,
                       message=None if name else "no query name given; see `python -m graph queries`")
    return catalogue[name]


def _fold(text: str) -> str:
    """Full-width to half-width, no spaces, lower case: how plan references are compared."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def _described(plans: list[dict]) -> str:
    if not plans:
        return "no plan is loaded"
    return "; ".join(f"{p['plan']} ({p.get('year') or '?'}, {p.get('title') or 'untitled'})" for p in plans)


def resolve_plan(ref, plans: list[dict]) -> str | None:
    """The id of the one plan in `plans` (rows of the `plans` query) that `ref` names.

    `ref` is a plan id, a four-digit year, or words of the title (all of them must occur in it, spaces
    and full-/half-width forms ignored). None or "" gives None (every plan). Raises ValueError naming
    the loaded plans when `ref` fits none or more than one.

    >>> rows = [{"plan": "qz-2024", "year": 2024, "title": "衢州市2024年优化营商环境实施方案"},
    ...         {"plan": "qz-1hao", "year": 2024, "title": "营商环境优化提升“一号改革工程”实施方案"}]
    >>> resolve_plan("qz-2024", rows), resolve_plan("一号改革", rows), resolve_plan("优化营商 2024年", rows)
    ('qz-2024', 'qz-1hao', 'qz-2024')
    """
    if ref is None or not str(ref).strip():
        return None
    ref = str(ref).strip()
    exact = [p for p in plans if p["plan"] == ref]
    if exact:
        return ref
    if re.fullmatch(r"(19|20)\d\d", ref):
        found = [p for p in plans if p.get("year") == int(ref)]
    else:
        words = [_fold(w) for w in ref.split()]
        found = [p for p in plans
                 if all(w in _fold(p.get("title") or "") or w in _fold(p["plan"]) for w in words)]
    if len(found) == 1:
        return found[0]["plan"]
    if not found:
        raise NotFound("plan", ref, suggestions=[],
                       message=f"plan {ref!r} matches no loaded plan; loaded: {_described(plans)}")
    raise QueryError(f"plan {ref!r} matches {len(found)} loaded plans: {_described(found)}; "
                     f"name one by its id")


def loaded_plans(*, graph: nx.MultiDiGraph | None = None, store=None) -> list[dict]:
    """Rows of the `plans` query on the backend given (the store when both are)."""
    return _rows("plans", graph=graph, store=store)


def _with_plan(query: Query, params: dict, *, graph, store) -> dict:
    """`params` with the plan reference resolved to an id; a measure number no loaded plan (or not the
    plan named) has is refused here, on either backend, rather than answered with no rows."""
    names = {p.name for p in query.params}
    wants_plan = "plan" in names and params.get("plan") not in (None, "")
    measure = query.bind(params).get("measure") if "measure" in names else None
    if not wants_plan and measure is None:
        return params
    out = {**params, "plan": resolve_plan(params["plan"], loaded_plans(graph=graph, store=store))} \
        if wants_plan else params
    if measure is not None:
        numbers = defaultdict(set)
        for r in _rows("measure_numbers", graph=graph, store=store):  # every plan's: the message names them
            if not wants_plan or r["plan"] == out["plan"]:
                numbers[r["plan"]].add(r["measure"])
        if not any(measure in ns for ns in numbers.values()):
            ranges = "; ".join(f"{p}: measures {_spans(ns)}" for p, ns in sorted(numbers.items())) or \
                ("it has no measures" if wants_plan else "no plan is loaded")
            where = f"plan {out['plan']!r} has no" if wants_plan else "no loaded plan has a"
            raise NotFound("measure", str(measure), suggestions=[], message=f"{where} measure {measure} ({ranges})")
    return out


def _rows(name: str, *, graph, store) -> list[dict]:
    """Rows of a catalogue query with its parameters left out, on the backend given (the store when
    both are)."""
    query = get_query(name)
    if store is not None:
        return store.run_named(query, query.bind({}))
    return TWINS[name](graph, **query.bind({}))


def _spans(numbers: set[int]) -> str:
    """1-5, 7, 9: runs of consecutive numbers.

    >>> _spans({1, 2, 3, 4, 5, 7, 9})
    '1-5, 7, 9'
    """
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def run_embedded(g: nx.MultiDiGraph, name: str, params: dict) -> list[dict]:
    query = get_query(name)
    bound = query.bind(_with_plan(query, params, graph=g, store=None))
    rows = TWINS[name](g, **bound)
    return [{c: r.get(c) for c in query.returns} for r in rows]


def run_named(name: str, params: dict, *, graph: nx.MultiDiGraph | None = None, store=None) -> list[dict]:
    """Rows of `name` with `params` (strings are coerced to the declared types; `plan` is resolved).

    `store` (a `graph.stores.neo4j.Neo4jStore`) takes precedence; otherwise the embedded `graph`.
    """
    if store is not None:
        query = get_query(name)
        query.bind(params)  # unknown or missing parameters fail before any round trip
        return store.run_named(query, query.bind(_with_plan(query, params, graph=None, store=store)))
    if graph is None:
        raise ValueError("run_named needs a graph or a store")
    return run_embedded(graph, name, params)
