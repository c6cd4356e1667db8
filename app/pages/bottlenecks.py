"""瓶颈: broker units, crunch months, coordination-heavy measures, chain gaps and the other analyses."""
from __future__ import annotations

import datetime as dt
import re

import streamlit as st

from app.i18n import column, t
from app.render import bar_chart, heatmap, table
from app.state import context, run_query
from graph.present.views import to_long
from graph.present.words import date_label

__all__ = ["render", "cached_report"]

MAIN = ("brokers", "peak_months", "coordination_cost")


@st.cache_data(show_spinner=False, max_entries=16)
def cached_report(stamp: tuple, as_of: dt.date, _g) -> dict:
    """`graph.analysis.report.full_report` for the loaded files and chosen plans (`stamp`) and date; with
    several plans chosen, the per-plan breakdowns too."""
    from graph.analysis.plans import plan_breakdown, plan_ids
    from graph.analysis.report import full_report
    report = full_report(_g, as_of=as_of, top=10)
    if len(plan_ids(_g)) > 1:
        report.update(plan_breakdown(_g, top=10))
    return report


def _rows(df) -> list[dict]:
    return df.to_dict("records") if df is not None else []


def render() -> None:
    ctx = context()
    st.title(t("page.bottlenecks"))
    st.caption(t("bn.intro", as_of=date_label(ctx.as_of, ctx.lang)))
    report = cached_report(ctx.stamp, ctx.as_of, ctx.g)

    left, right = st.columns(2)
    with left:
        st.subheader(t("report.brokers"))
        brokers = _rows(report.get("brokers"))
        if brokers and "betweenness" in brokers[0]:
            bar_chart(brokers, label="department", values=["betweenness"], axis=column("betweenness"))
        table(brokers, key="brokers", empty=t("bn.empty", what=t("report.brokers")))
    with right:
        st.subheader(t("report.peak_months"))
        table(_rows(report.get("peak_months")), key="peak_months", empty=t("bn.no_peaks"))
        crunch = _rows(report.get("crunch_matrix"))
        if crunch:
            months = [{k: v for k, v in r.items() if k == "department" or re.fullmatch(r"\d{4}-\d{2}", str(k))}
                      for r in crunch]
            long, col, value = to_long(months, row_key="department")
            heatmap([r for r in long if r[value]], row="department", col=col, value=value, empty=t("bn.no_peaks"))

    st.subheader(t("report.coordination_cost"))
    table(_rows(report.get("coordination_cost")), key="coordination_cost", empty=t("bn.no_shared"))

    st.subheader(t("bn.gaps"))
    from graph.named import get_query
    table(run_query(ctx, "chain_gaps", {}), get_query("chain_gaps").returns, key="chain_gaps",
          empty=t("bn.no_gaps"))

    st.subheader(t("bn.more"))
    for name, df in report.items():
        if name in MAIN or name == "crunch_matrix":
            continue
        rows = _rows(df)
        if name == "single_points_of_failure":
            from graph.present.words import impact
            rows = [{**r, "summary": impact(r, ctx.lang)} for r in rows]
        with st.expander(t(f"report.{name}")):
            table(rows, key=f"report_{name}", empty=t("bn.empty", what=t(f"report.{name}")))


if __name__ == "__main__":
    render()
