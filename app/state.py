"""What every page needs, gathered once per rerun: the graph, the backend, language and as-of date.

The sidebar's widgets keep their values in `st.session_state` (keys in `KEYS`); `context()` turns
those values into a `Context`, using cached resources so nothing is re-read or rebuilt on a click:

- the graph: `st.cache_resource`, keyed by data folder and the files' modification stamp
  (`graph.model.dataset.Sources.stamp()`), treated as read-only (the graph is frozen);
- the Neo4j store (its driver pool): `st.cache_resource`, keyed by the settings; sessions are
  opened per query inside the store, never cached; the connection check is cached for 30 s.

Loading errors never stop the app: a broken data folder gives a notice naming file and place,
and the bundled data is used instead.

Several plans: the sidebar's plan picker (`plan_picker`, every loaded plan by default) scopes the
graph every page sees (`Context.g`, `graph.analysis.plans.scope`, cached per plan set); the whole
graph stays in `Context.g_all`. Query rows carrying a `plan` column are kept to the chosen plans on
either backend.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

__all__ = ["KEYS", "Context", "context", "plan_year", "default_as_of", "run_query", "bundled_dir", "plan_picker",
           "plan_label"]

KEYS = {"lang": "lang", "backend": "backend", "as_of": "as_of", "data_dir": "data_dir", "plans": "plans"}


def bundled_dir() -> str:
    """The bundled data folder; relative ("data") when the app runs from the project folder, so the
    sidebar shows a short name rather than this machine's paths."""
    from graph.model.dataset import DATA_DIR
    try:
        return str(DATA_DIR.relative_to(Path.cwd()))
    except ValueError:
        return str(DATA_DIR)


@dataclass
class Context:
    g: object                  # the frozen networkx MultiDiGraph, scoped to the chosen plans
    ds: object                 # graph.model.dataset.Dataset (texts for source sentences)
    stamp: tuple               # cache key of the loaded files and the chosen plans (pages cache by it)
    data_dir: str              # the folder actually loaded
    lang: str = "zh"
    as_of: dt.date = dt.date(2024, 7, 1)
    backend: str = "embedded"  # the backend in use (after any fallback)
    store: object | None = None
    notices: list[tuple[str, str]] = field(default_factory=list)  # (error|warning|info, message)
    g_all: object = None       # the whole graph (every loaded plan)
    plans: list[str] = field(default_factory=list)        # ids of the chosen plans
    plan_rows: list[dict] = field(default_factory=list)   # every loaded plan (rows of the `plans` query)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(data_dir: str, stamp: tuple):
    """(graph, dataset) for `data_dir`, or the error message: a failed load is cached too, so a
    broken folder is not re-read on every click (a changed file changes `stamp`)."""
    from graph.model.dataset import load_graph, sources_for
    try:
        return load_graph(sources_for(data_dir=data_dir))
    except (ValueError, OSError) as e:  # LoadError, SchemaError, missing files: all name file and place
        return f"{type(e).__name__}: {e}"


def _stamp(data_dir: str):
    from graph.model.dataset import sources_for
    try:
        return sources_for(data_dir=data_dir).stamp(), None
    except (ValueError, OSError) as e:
        return None, f"{type(e).__name__}: {e}"


def _empty(data_dir: str) -> bool:
    """An existing folder with nothing in it: loading it would silently give the bundled plan and no chains."""
    p = Path(data_dir)
    return p.is_dir() and p.resolve() != Path(bundled_dir()).resolve() and not any(p.iterdir())


def _graph(data_dir: str, notices: list) -> tuple:
    bundled = bundled_dir()
    if _empty(data_dir):
        notices.append(("warning", ("empty_folder", {"folder": data_dir})))
        data_dir = bundled
    stamp, error = _stamp(data_dir)
    loaded = error if stamp is None else _load(data_dir, stamp)
    if not isinstance(loaded, str):
        if Path(data_dir).resolve() != Path(bundled).resolve() and \
                not any(d.get("label") == "Chain" for _, d in loaded[0].nodes(data=True)):
            notices.append(("warning", ("no_ledgers", {"folder": data_dir})))
        return (*loaded, stamp, data_dir)
    notices.append(("error", ("load_failed", {"folder": data_dir, "error": loaded})))
    if Path(data_dir).resolve() == Path(bundled).resolve():
        raise RuntimeError(loaded)
    stamp, error = _stamp(bundled)
    loaded = error if stamp is None else _load(bundled, stamp)
    if isinstance(loaded, str):
        raise RuntimeError(loaded)
    return (*loaded, stamp, bundled)


def _close(store) -> None:
    store.close()


@st.cache_resource(show_spinner=False, max_entries=2, on_release=_close)
def _store(settings):
    from graph.stores.neo4j import Neo4jStore
    return Neo4jStore(settings)


@st.cache_data(ttl=30, show_spinner=False)
def _check(where: str, _store) -> str | None:
    """None when Neo4j answers, else the store's one-line reason (never the password)."""
    from graph.errors import StoreUnavailable
    try:
        _store.check()
        return None
    except StoreUnavailable as e:
        return str(e)


def plan_year(g) -> int:
    years = [d.get("year") for _, d in g.nodes(data=True) if d.get("label") == "Plan" and d.get("year")]
    return int(min(years)) if years else 2024


def default_as_of(g, today: dt.date | None = None) -> dt.date:
    """Today, clipped into the plan year: during the year it is today; afterwards the year's end
    (what was due by the close), before it the first day."""
    today = today or dt.date.today()
    year = plan_year(g)
    return min(max(today, dt.date(year, 1, 1)), dt.date(year, 12, 31))


def _inputs() -> tuple:
    ss = st.session_state
    return ((ss.get(KEYS["data_dir"]) or "").strip() or bundled_dir(), ss.get(KEYS["lang"]) or "zh",
            ss.get(KEYS["as_of"]), ss.get(KEYS["backend"]) or "embedded")


def context(fresh: bool = False) -> Context:
    """The current Context, from the sidebar's values in session state (defaults if unset).

    Built once per rerun: the router asks for a fresh one (the data files' stamps are checked
    again), every later call in the same run with the same sidebar values gets that one back."""
    ss = st.session_state
    memo = ss.get("_context")
    if not fresh and memo is not None and memo[0] == _inputs():
        return memo[1]
    ctx = _build()
    ss["_context"] = (_inputs(), ctx)
    return ctx


def _build() -> Context:
    ss = st.session_state
    notices: list = []
    data_dir = (ss.get(KEYS["data_dir"]) or "").strip() or bundled_dir()
    g_all, ds, stamp, used = _graph(data_dir, notices)
    from graph.analysis.plans import scope
    from graph.named.run import loaded_plans
    plan_rows = loaded_plans(graph=g_all)
    every = [r["plan"] for r in plan_rows]
    chosen = [p for p in (ss.get(KEYS["plans"]) or []) if p in every] or every
    g = scope(g_all, chosen)
    lang = ss.get(KEYS["lang"]) or "zh"
    as_of = ss.get(KEYS["as_of"]) or default_as_of(g)
    ctx = Context(g=g, ds=ds, stamp=(stamp, tuple(chosen)), data_dir=used, lang=lang, as_of=as_of, notices=notices, g_all=g_all,
                  plans=chosen, plan_rows=plan_rows)
    if ss.get(KEYS["backend"]) == "neo4j":
        from graph.stores.settings import Neo4jSettings
        settings = Neo4jSettings.from_env()
        try:
            store = _store(settings)
            problem = _check(settings.describe(), store)
        except Exception as e:  # the driver refusing the URI, a missing module: still fall back
            store, problem = None, f"{type(e).__name__}: {e}"
        if problem is None:
            ctx.backend, ctx.store = "neo4j", store
            notices.append(("info", ("neo4j_connected", {"where": settings.describe()})))
        else:
            notices.append(("warning", ("neo4j_fallback", {"error": problem})))
    return ctx


def plan_label(row: dict) -> str:
    """How the picker names a plan: its title and year, else its id."""
    title, year = row.get("title"), row.get("year")
    return f"{title} ({year})" if title and year and str(year) not in title else (title or row["plan"])


def plan_picker(ctx: Context) -> None:
    """The sidebar's plan multiselect (shown when more than one plan is loaded); every plan by default."""
    from app.i18n import t
    ss = st.session_state
    every = [r["plan"] for r in ctx.plan_rows]
    if len(every) < 2:
        return
    if KEYS["plans"] not in ss or not set(ss[KEYS["plans"]]) <= set(every):
        ss[KEYS["plans"]] = every
    names = {r["plan"]: plan_label(r) for r in ctx.plan_rows}
    st.multiselect(t("sidebar.plans"), every, key=KEYS["plans"], format_func=lambda p: names.get(p, p),
                   help=t("sidebar.plans_help"))
    if not ss[KEYS["plans"]]:
        st.caption(t("sidebar.plans_none"))


def _chosen(ctx: Context, rows: list[dict]) -> list[dict]:
    """Rows of the chosen plans; rows without a plan (projects, chains) are kept."""
    if len(ctx.plans) == len(ctx.plan_rows):
        return rows
    keep = set(ctx.plans)
    return [r for r in rows if r.get("plan") is None or r["plan"] in keep]


def run_query(ctx: Context, name: str, params: dict) -> list[dict]:
    """Rows of a named query on the context's backend, kept to the chosen plans; if Neo4j drops out
    mid-session, warn and answer from the embedded graph. Bad parameters raise ValueError for the
    page to show."""
    from graph.errors import StoreUnavailable
    from graph.named import run_named
    if ctx.store is not None:
        try:
            return _chosen(ctx, run_named(name, params, store=ctx.store))
        except StoreUnavailable as e:
            from app.i18n import t
            st.warning(t("neo4j_fallback", error=str(e)))
    return run_named(name, params, graph=ctx.g)
