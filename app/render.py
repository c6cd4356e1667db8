"""Rendering helpers: highlighted plan text (escaped HTML), tables with CSV download, charts."""
from __future__ import annotations

import html

import streamlit as st

from app.i18n import column, t

__all__ = ["MARK_STYLES", "highlight_html", "sentence_html", "legend_html", "table", "bar_chart", "heatmap",
           "show_notices"]

MARK_STYLES = {
    "unit": "background:#ccfbf1;border-bottom:2px solid #0f766e",
    "deadline": "background:#fee2e2;border-bottom:2px solid #b91c1c",
    "target": "background:#fef9c3;border-bottom:2px solid #a16207",
    "span": "background:#fde68a",
}


def highlight_html(text: str, marks: list[tuple[int, int, str, str]]) -> str:
    """`text` as escaped HTML with each (start, end, kind, hover) wrapped in a styled <mark>.

    Overlapping marks: the earlier (then longer) one wins; the other is dropped.

    >>> highlight_html("6月底前,<b>", [(0, 4, "deadline", "2024-06-30")])  # doctest: +ELLIPSIS
    '<mark class="deadline" title="2024-06-30" style="...">6月底前</mark>,&lt;b&gt;'
    """
    out, pos = [], 0
    for start, end, kind, hover in sorted(marks, key=lambda m: (m[0], -(m[1] - m[0]))):
        if start < pos or start >= end or end > len(text):
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark class="{html.escape(kind)}" title="{html.escape(hover or "", quote=True)}" '
                   f'style="{MARK_STYLES.get(kind, MARK_STYLES["span"])}">{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def sentence_html(found) -> str:
    """The (sentence, start, end) from `graph.present.chainmap.source_sentence` with the span marked."""
    sentence, start, end = found
    return highlight_html(sentence, [(start, end, "span", "")])


def legend_html() -> str:
    kinds = ("unit", "deadline", "target")
    return " ".join(f'<mark style="{MARK_STYLES[k]}">{html.escape(t("mark." + k))}</mark>' for k in kinds)


def table(rows: list[dict], columns=None, *, key: str, download: bool = True, height=None) -> None:
    """A dataframe of `rows` (column order from `columns`) and a CSV download of the same rows."""
    import pandas as pd
    columns = list(columns or (rows[0].keys() if rows else []))
    if not rows:
        st.caption(t("no_rows"))
        return
    df = pd.DataFrame([[_cell(r.get(c)) for c in columns] for r in rows], columns=[column(c) for c in columns])
    kwargs = {"height": height} if height else {}
    st.dataframe(df, hide_index=True, width="stretch", key=f"df_{key}", **kwargs)
    if download:
        from graph.present.table import render
        st.download_button(t("download_csv"), render(rows, columns, "csv").encode("utf-8-sig"),
                           file_name=f"{key}.csv", mime="text/csv", key=f"csv_{key}")


def _cell(v):
    if isinstance(v, (list, tuple, set)):
        return "、".join(map(str, v))
    if isinstance(v, dict):
        return ", ".join(f"{k}: {x}" for k, x in v.items())
    return v


def bar_chart(rows: list[dict], *, label: str, values: list[str], title: str = "", height: int | None = None):
    """Horizontal bars of `values` (stacked when several) per `label`, largest total on top."""
    import altair as alt
    import pandas as pd
    values = [v for v in values if rows and v in rows[0]]
    if not rows or not values:
        return
    df = (pd.DataFrame(rows)[[label, *values]].rename(columns={v: column(v) for v in values})
          .melt(id_vars=[label], var_name="series", value_name="n"))
    order = (df.groupby(label)["n"].sum().sort_values(ascending=False).index.tolist())
    chart = alt.Chart(df, title=title).mark_bar().encode(
        x=alt.X("sum(n):Q", title=None),
        y=alt.Y(f"{label}:N", sort=order, title=None),
        color=alt.Color("series:N", title=None,
                        legend=alt.Legend(orient="bottom") if len(values) > 1 else None),
        tooltip=[alt.Tooltip(f"{label}:N"), alt.Tooltip("series:N"), alt.Tooltip("n:Q")],
    ).properties(height=height or alt.Step(22))
    st.altair_chart(chart, width="stretch")


def heatmap(rows: list[dict], *, row: str, col: str, value: str, title: str = ""):
    import altair as alt
    import pandas as pd
    if not rows:
        st.caption(t("no_rows"))
        return
    df = pd.DataFrame(rows)
    df[col] = df[col].astype(str)
    order = df.groupby(row)[value].sum().sort_values(ascending=False).index.tolist()
    base = alt.Chart(df, title=title).encode(x=alt.X(f"{col}:O", title=None),
                                             y=alt.Y(f"{row}:N", sort=order, title=None))
    rect = base.mark_rect().encode(color=alt.Color(f"{value}:Q", scale=alt.Scale(scheme="orangered"), title=None),
                                   tooltip=[f"{row}:N", f"{col}:O", f"{value}:Q"])
    text = base.mark_text(fontSize=10).encode(text=f"{value}:Q")
    st.altair_chart((rect + text).properties(height=alt.Step(20)), width="stretch")


def show_notices(ctx) -> None:
    """Banners for what happened while loading: a broken data folder, a Neo4j fallback."""
    for level, (key, kwargs) in ctx.notices:
        getattr(st, level)(t(key, **kwargs))
