"""举措: the measures of the chosen plans, and one measure in detail (highlighted text, units, deadlines, targets)."""
from __future__ import annotations

import streamlit as st

from app.i18n import t
from app.render import highlight_html, legend_html, table
from app.state import context, run_query
from graph.present.views import measure_marks, measure_name, measure_table, milestones_of

__all__ = ["render"]


def render() -> None:
    ctx = context()
    g = ctx.g
    st.title(t("page.measures"))
    rows = measure_table(g)
    st.subheader(t("measures.table"))
    table(rows, ["measure", "title", "pillar", "lead", "units", "milestones", "targets"], key="measures", height=300)

    ids = [r["id"] for r in rows if r["measure"] is not None]  # node ids: numbers repeat across plans
    if not ids:
        return
    m = st.selectbox(t("measures.pick"), ids, key="measure", format_func=lambda n: measure_name(g, n))
    data = g.nodes[m]
    scope = {"measure": data.get("number"), "plan": data.get("plan")}
    st.subheader(measure_name(g, m))
    pillar = next((g.nodes[v].get("name") for _, v, e in g.out_edges(m, data=True) if e.get("type") == "IN_PILLAR"), "")
    st.caption(t("measures.pillar", pillar=pillar))

    text, _, marks = measure_marks(g, m, getattr(ctx.ds, "texts", None))
    st.markdown(f"**{t('measures.text')}** &nbsp; {legend_html()}", unsafe_allow_html=True)
    st.markdown(f'<div class="measure-text" style="line-height:1.9;padding:.6rem .9rem;border-left:4px solid '
                f'#94a3b8;background:#f8fafc">{highlight_html(text, marks)}</div>', unsafe_allow_html=True)

    from graph.named import get_query
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('measures.units')}**")
        try:
            table(run_query(ctx, "departments_for_measure", scope),
                  get_query("departments_for_measure").returns, key="measure_units")
        except ValueError as e:
            st.error(t("query_failed", error=str(e)))
    with right:
        st.markdown(f"**{t('measures.milestones')}**")
        table(milestones_of(g, m), ["due", "as_written", "task"], key="measure_milestones", download=False)
        st.markdown(f"**{t('measures.targets')}**")
        try:
            table(run_query(ctx, "targets_for_measure", scope),
                  get_query("targets_for_measure").returns, key="measure_targets", download=False)
        except ValueError as e:
            st.error(t("query_failed", error=str(e)))


if __name__ == "__main__":
    render()
