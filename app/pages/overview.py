"""Overview: what the graph holds, the six pillars, and a question box.

URL: /?ask=<question> answers that question."""
from __future__ import annotations

import streamlit as st

from app.i18n import column, label_name, t
from app.links import adopt, publish
from app.render import bar_chart, table
from app.state import context
from graph.present.views import label_counts, pillar_table, plans_info, rel_counts
from graph.present.words import date_label

__all__ = ["render"]


def render() -> None:
    ctx = context()
    plans = plans_info(ctx.g)
    places = {p.get("city") for p in plans}
    # The title names the place whose plans are loaded (one place), never a fixed city.
    place = places.pop() if len(places) == 1 else None
    st.title(t("app.title_place", place=place) if place else t("app.title"))
    for plan in plans:
        st.caption(t("overview.plan", title=plan.get("title", ""), issued=date_label(plan.get("issued"), ctx.lang),
                     year=plan.get("year", "")))
    counts = {r["label"]: r["count"] for r in label_counts(ctx.g)}
    cols = st.columns(6)
    for col, label in zip(cols, ("Measure", "Department", "Milestone", "Chain", "Enterprise", "Project")):
        col.metric(t(f"label.{label}"), counts.get(label, 0))

    left, right = st.columns([3, 2])
    with left:
        st.subheader(t("overview.pillars"))
        pillars = pillar_table(ctx.g)
        several = len({r["plan"] for r in pillars}) > 1
        table(pillars, ["number", "pillar", "theme", "measures"] + ["plan"] * several, key="pillars", download=False,
              empty=t("overview.no_pillars"))
        bar_chart(pillars, label="pillar", values=["measures"], axis=column("measures", counts=True))
    with right:
        st.subheader(t("overview.counts"))
        table([{**r, "label": label_name(r["label"], ctx.lang)} for r in label_counts(ctx.g)], key="labels",
              download=False, empty=t("overview.no_nodes"))
        with st.expander(t("overview.rels")):
            table(rel_counts(ctx.g), key="rels", download=False, empty=t("overview.no_nodes"))

    st.subheader(t("overview.ask"))
    if adopt("ask", "question", lambda raw: raw.strip() or None):
        st.session_state["_asked"] = st.session_state["question"]
    with st.form("ask_form"):
        question = st.text_input(t("overview.ask_label"), key="question")
        if st.form_submit_button(t("overview.ask_button")):
            st.session_state["_asked"] = question.strip() or None
    question = st.session_state.get("_asked")
    publish(ask=question)
    if question:
        from graph.interface.ask import answer
        from graph.errors import StoreUnavailable
        from graph.named import get_query
        try:
            result = answer(question, graph=ctx.g, store=ctx.store, today=ctx.as_of)
        except StoreUnavailable as e:
            st.warning(t("neo4j_fallback", error=str(e)))
            result = answer(question, graph=ctx.g, today=ctx.as_of)
        except ValueError as e:
            st.error(t("query_failed", error=str(e)))
            return
        if result.query is None:
            st.info(result.message or t("overview.ask_none"))
            if result.help:
                st.code(result.help, language=None)
            return
        params = ", ".join(f"{k}={v}" for k, v in result.params.items()) or "—"
        st.markdown(t("overview.ask_chose", query=result.query, params=params))
        from app.pages.queries import empty_answer
        table(result.rows, get_query(result.query).returns, key="answer",
              empty=empty_answer(result.query, result.params, ctx.g))


if __name__ == "__main__":
    render()
