"""举措: the measures of the chosen plans, and one measure in detail (highlighted text, units, deadlines, targets).

URL: /measures?measure=9 (a number, the first chosen plan's measure with it) or ?measure=<node id>."""
from __future__ import annotations

import streamlit as st

from app.i18n import t
from app.links import adopt, publish
from app.render import highlight_html, legend_html, table
from app.state import context, run_query
from graph.present.views import measure_marks, measure_name, measure_table, milestones_of

__all__ = ["render"]


def _from_url(ids: list[str], g):
    """The measure a URL names: a node id, or a number (in the first chosen plan that has it)."""
    def parse(raw: str):
        raw = raw.strip()
        if raw in ids:
            return raw
        if raw.isdigit():
            return next((i for i in ids if g.nodes[i].get("number") == int(raw)), None)
        return None
    return parse


def _for_url(ids: list[str], g, m: str):
    """A number when only one chosen plan has it (the short link), else the node id."""
    number = g.nodes[m].get("number")
    return number if sum(g.nodes[i].get("number") == number for i in ids) == 1 else m


def render() -> None:
    ctx = context()
    g = ctx.g
    st.title(t("page.measures"))
    rows = measure_table(g)
    st.subheader(t("measures.table"))
    table(rows, ["measure", "title", "pillar", "lead", "units", "milestones", "targets"], key="measures", height=300,
          empty=t("measures.none"))

    ids = [r["id"] for r in rows if r["measure"] is not None]  # node ids: numbers repeat across plans
    if not ids:
        return
    adopt("measure", "measure", _from_url(ids, g))
    m = st.selectbox(t("measures.pick"), ids, key="measure", format_func=lambda n: measure_name(g, n))
    publish(measure=_for_url(ids, g, m))
    data = g.nodes[m]
    number = data.get("number")
    scope = {"measure": number, "plan": data.get("plan")}
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
                  get_query("departments_for_measure").returns, key="measure_units",
                  empty=t("empty.departments_for_measure", measure=number))
        except ValueError as e:
            st.error(t("query_failed", error=str(e)))
    with right:
        st.markdown(f"**{t('measures.milestones')}**")
        table(milestones_of(g, m), ["due", "as_written", "task"], key="measure_milestones", download=False,
              empty=t("measures.no_milestones", n=number))
        st.markdown(f"**{t('measures.targets')}**")
        try:
            table(run_query(ctx, "targets_for_measure", scope),
                  get_query("targets_for_measure").returns, key="measure_targets", download=False,
                  empty=t("measures.no_targets", n=number))
        except ValueError as e:
            st.error(t("query_failed", error=str(e)))


if __name__ == "__main__":
    render()
