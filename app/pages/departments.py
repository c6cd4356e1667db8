"""部门: workload, unit × month deadlines, unit × measure matrix, and one unit in detail.

URL: /departments?unit=市发改委 (the short name, full name or an alias)."""
from __future__ import annotations

import streamlit as st

from app.i18n import column, t, value as shown
from app.links import adopt, publish
from app.render import bar_chart, heatmap, table
from app.state import context, run_query
from graph.present.views import department_info, department_names, sum_over_plans, to_long, unit_measure_matrix

__all__ = ["render"]


def unit_named(g, raw: str, names: list[str]) -> str | None:
    """The unit `raw` names: its short name as listed, or its full name, English name or an alias."""
    want = raw.strip()
    if want in names:
        return want
    for n in names:
        d = g.nodes.get(f"Department:{n}", {})
        if want in {d.get("full_name"), d.get("english"), *(d.get("aliases") or [])}:
            return n
    return None


def _query(ctx, name, params=None):
    from graph.named import get_query
    return run_query(ctx, name, params or {}), get_query(name).returns


def render() -> None:
    ctx = context()
    g = ctx.g
    st.title(t("page.departments"))

    st.subheader(t("dept.workload"))
    rows, cols = _query(ctx, "department_workload")
    roles = [c for c in ("led", "co", "sole") if c in cols]
    bar_chart(sum_over_plans(rows, ["department", "kind"]), label="department", values=roles or ["measures"],
              axis=column("measures", counts=True))
    with st.expander(t("dept.workload")):
        table(rows, cols, key="workload", empty=t("dept.no_workload"))

    st.subheader(t("dept.crunch"))
    rows, cols = _query(ctx, "unit_month_matrix")
    long, col, value = to_long(sum_over_plans(rows, ["department", "month"]), row_key="department",
                               col_key="month" if "month" in cols else None)
    heatmap(long, row="department", col=col, value=value, empty=t("dept.no_deadlines"))

    st.subheader(t("dept.matrix"))
    st.caption(t("dept.matrix_help"))
    columns, matrix = unit_measure_matrix(g, ctx.lang)
    table(matrix, columns, key="unit_measure", height=360, empty=t("dept.no_workload"))

    names = department_names(g)
    if not names:
        return
    adopt("unit", "department", lambda raw: unit_named(g, raw, names))
    name = st.selectbox(t("dept.pick"), names, key="department")
    publish(unit=name)
    info = department_info(g, name, ctx.lang)
    st.subheader(name)
    st.caption(" · ".join(str(x) for x in (info.get("full_name"), info.get("english"),
                                           t("dept.kind", kind=shown("kind", info.get("kind")))) if x))
    if info.get("city"):
        st.caption(t("dept.place", city=info["city"], written=info.get("written") or name))
    if info.get("serves"):
        st.caption(t("dept.serves", projects="、".join(info["serves"])))
    if info.get("problems"):
        st.caption(t("dept.problems", open=info["problems_open"], total=info["problems"]))
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('dept.measures')}**")
        rows, cols = _query(ctx, "measures_for_department", {"department": name})
        table(rows, cols, key="dept_measures", empty=t("dept.no_measures", unit=name))
    with right:
        st.markdown(f"**{t('dept.partners')}**")
        rows, cols = _query(ctx, "co_responsible_units", {"department": name})
        table(rows, cols, key="dept_partners", empty=t("dept.no_partners", unit=name))


if __name__ == "__main__":
    render()
