"""查询: run any named query from a form built from its declared parameters; with Neo4j
connected, a read-only Cypher console."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from app.i18n import column, current_lang, t
from app.query_words import param_label, query_description, query_title
from app.links import adopt, publish
from app.render import table
from app.state import context, run_query
from graph.present.views import chain_options, department_names, nodes_of

__all__ = ["render", "param_choices", "empty_answer"]


def empty_answer(name: str, params: dict, g=None) -> str:
    """Why a query found nothing, in words: "新能源产业链暂无链主企业记录"."""
    key = f"empty.{name}"
    fields = {k: str(v) for k, v in params.items()}
    if g is not None and params.get("chain"):
        from graph.present.chainmap import display_name, find_chain
        try:
            fields["chain"] = display_name(g.nodes[find_chain(g, params["chain"])])
        except ValueError:
            pass
    from app.i18n import STRINGS
    if key in STRINGS:
        try:
            return t(key, **fields)
        except KeyError:  # an optional parameter left empty
            pass
    shown = "，".join(f"{k}={v}" for k, v in fields.items()) or "—"
    return t("empty.query", params=shown)


def param_choices(g, name: str, type_: str) -> list | None:
    """Known values for parameters that name something in the graph (a select box beats typing)."""
    if name == "measure" and type_ == "int":
        return sorted(d.get("number") for _, d in nodes_of(g, "Measure") if d.get("number") is not None)
    if name == "pillar" and type_ == "int":
        return sorted(d.get("number") for _, d in nodes_of(g, "Pillar") if d.get("number") is not None)
    if name == "department" and type_ == "str":
        return department_names(g)
    if name == "chain" and type_ == "str":
        return [g.nodes[c].get("key") for c in chain_options(g)]
    if name == "enterprise" and type_ == "str":
        return sorted(str(d.get("name")) for _, d in nodes_of(g, "Enterprise"))
    if name == "plan" and type_ == "str":
        return sorted(str(d.get("key")) for _, d in nodes_of(g, "Plan"))
    if name == "month" and type_ == "int":
        return list(range(1, 13))
    return None


def _input(ctx, query, p):
    """One widget per parameter; optional ones may stay empty (None)."""
    label = param_label(p.name, current_lang()) + (t("q.optional") if p.optional else "")
    key = f"q_{query}_{p.name}"
    choices = param_choices(ctx.g, p.name, p.type)
    if choices:
        options = ([None] if p.optional else []) + choices
        return st.selectbox(label, options, key=key, format_func=lambda v: "—" if v is None else str(v))
    if p.type == "date":
        default = None if p.optional else ctx.as_of
        return st.date_input(label, value=default, key=key)
    if p.type == "int":
        return st.number_input(label, value=None if p.optional else 10, step=1, key=key)
    if p.type == "float":
        return st.number_input(label, value=None if p.optional else 0.0, key=key)
    if p.type == "bool":
        return st.checkbox(label, key=key)
    value = st.text_input(label, key=key, placeholder="a, b, c" if p.type == "list" else "")
    return value.strip() or None


def _console(ctx) -> None:
    st.subheader(t("q.console"))
    if ctx.store is None:
        st.caption(t("q.console_off"))
        return
    from graph.errors import QueryRefused, StoreUnavailable
    st.caption(t("q.console_help"))
    with st.form("cypher_form"):
        cypher = st.text_area(t("q.cypher"), value="MATCH (m:Measure) RETURN m.number AS measure, m.title AS title "
                                                   "ORDER BY measure LIMIT 5", key="cypher")
        submitted = st.form_submit_button(t("q.cypher_run"))
    if not submitted:
        return
    try:
        columns, rows = ctx.store.run_read_only(cypher, timeout_s=10, limit=1000)
    except QueryRefused as e:  # writes, administration commands, LOAD CSV, procedures off the list
        st.error(t("q.readonly", error=str(e)))
        return
    except StoreUnavailable as e:
        st.warning(t("neo4j_fallback", error=str(e)))
        return
    except Exception as e:  # a syntax error or a timeout: show the database's message
        st.error(t("query_failed", error=str(e)))
        return
    if getattr(rows, "cut", None) == "bytes":
        st.caption(t("q.truncated_bytes", n=len(rows), mb=round(rows.max_bytes / 2 ** 20)))
    elif getattr(rows, "truncated", False):
        st.caption(t("q.truncated", n=len(rows)))
    table([r if isinstance(r, dict) else dict(zip(columns, r)) for r in rows], columns, key="cypher_rows", empty=t("q.cypher_none"))


def render() -> None:
    ctx = context()
    st.title(t("page.queries"))
    from graph.named.catalogue import load_catalogue
    catalogue = load_catalogue()
    names = sorted(catalogue)
    adopt("query", "q_name", lambda raw: raw if raw in catalogue else None)
    name = st.selectbox(t("q.pick"), names, key="q_name",
                        format_func=lambda n: f"{query_title(n, ctx.lang)} · {n}")
    publish(query=name)
    query = catalogue[name]
    st.caption(query_description(name, query.description, ctx.lang))
    st.caption(t("q.returns", columns="、".join(column(c) for c in query.returns) if ctx.lang != "en"
                 else ", ".join(column(c) for c in query.returns)))
    with st.form(f"q_form_{name}"):
        values = {p.name: _input(ctx, name, p) for p in query.params}
        submitted = st.form_submit_button(t("q.run"))
    if submitted:
        params = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in values.items() if v is not None}
        try:
            rows = run_query(ctx, name, params)
        except ValueError as e:
            st.error(t("query_failed", error=str(e)))
        else:
            st.caption(t("q.rows", n=len(rows)))
            table(rows, query.returns, key=f"result_{name}", empty=empty_answer(name, params, ctx.g))
    _console(ctx)


if __name__ == "__main__":
    render()
