"""Rendering helpers: highlighted plan text (escaped HTML), tables with CSV download, charts."""
from __future__ import annotations

import html
import re

import streamlit as st

from app.i18n import column, current_lang, t, value

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


HIDDEN = {"id", "span", "type", "_id", "ids"}   # internal fields a table never shows
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def compact(rows: list[dict], columns: list[str]) -> tuple[list[dict], list[str]]:
    """Rows as a person reads them: a column holding one plan id on every row is dropped, and an id
    prefix every value of a column shares ("<plan>#M5-D1") is cut to what differs ("M5-D1")."""
    columns = [c for c in columns if c not in HIDDEN]
    if "plan" in columns and len({str(r.get("plan")) for r in rows}) <= 1:
        columns.remove("plan")
    rows = [dict(r) for r in rows]
    for c in columns:
        values = [r.get(c) for r in rows if isinstance(r.get(c), str) and r.get(c)]
        if not values or len(values) != sum(1 for r in rows if r.get(c) not in (None, "")):
            continue
        prefixes = {v.split("#", 1)[0] for v in values if "#" in v}
        if len(prefixes) == 1 and all("#" in v for v in values):
            for r in rows:
                if isinstance(r.get(c), str):
                    r[c] = r[c].split("#", 1)[1]
    return rows, columns


def frame(rows: list[dict], columns, lang: str | None = None):
    """The DataFrame a table shows: words for codes, headings in the page's language, unique."""
    import pandas as pd
    lang = lang or current_lang()
    rows, columns = compact(rows, list(columns or (rows[0].keys() if rows else [])))
    heads, used = [], set()
    for c in columns:
        values = [r.get(c) for r in rows if r.get(c) is not None]
        counts = bool(values) and all(isinstance(v, int) and not isinstance(v, bool) for v in values)
        h = column(c, lang, counts=counts)
        while h in used:
            h += "·"
        used.add(h)
        heads.append(h)
    data = [[value(c, r.get(c), lang) for c in columns] for r in rows]
    for i, c in enumerate(columns):
        # A number column with gaps would show its gaps as "None": such a column is shown as text.
        cells = [row[i] for row in data]
        if any(x == "" for x in cells) and any(isinstance(x, (int, float)) and not isinstance(x, bool) for x in cells):
            for row in data:
                if isinstance(row[i], float):
                    row[i] = f"{row[i]:g}"
                elif isinstance(row[i], int) and not isinstance(row[i], bool):
                    row[i] = str(row[i])
    return pd.DataFrame(data, columns=heads), dict(zip(heads, columns))


def table(rows: list[dict], columns=None, *, key: str, empty: str, download: bool = True, height=None) -> None:
    """A dataframe of `rows` (column order from `columns`) and a CSV download of the same table.
    No rows: `empty` says why and what to do (every table must say it: a bare "no results" leaves
    an officer guessing)."""
    if not rows:
        st.info(empty)
        return
    df, fields = frame(rows, columns)
    config = {h: st.column_config.TextColumn(width=100) for h, f in fields.items()
              if any(isinstance(x, str) and _DATE.match(x) for x in df[h])}
    kwargs = {"height": height} if height else {}
    st.dataframe(df, hide_index=True, width="stretch", key=f"df_{key}", column_config=config, **kwargs)
    if download:
        st.download_button(t("download_csv"), df.to_csv(index=False).encode("utf-8-sig"),
                           file_name=f"{key}.csv", mime="text/csv", key=f"csv_{key}")


def bar_chart(rows: list[dict], *, label: str, values: list[str], axis: str, title: str = "", height: int | None = None):
    """Horizontal bars of `values` (stacked when several) per `label`, largest total on top; `axis` names
    what the bars count or measure (the x axis's title), and counts get whole-number ticks."""
    import altair as alt
    import pandas as pd
    values = [v for v in values if rows and v in rows[0]]
    if not rows or not values:
        return
    name, series, n = column(label), column("metric"), column("count")
    df = (pd.DataFrame(rows)[[label, *values]].rename(columns={label: name, **{v: column(v, counts=True)
                                                                                 for v in values}})
          .melt(id_vars=[name], var_name=series, value_name=n))
    order = (df.groupby(name)[n].sum().sort_values(ascending=False).index.tolist())
    whole = all(isinstance(r.get(v), int) and not isinstance(r.get(v), bool) for r in rows for v in values)
    ticks = alt.Axis(tickMinStep=1, format="d") if whole else alt.Axis()
    chart = alt.Chart(df, title=title).mark_bar().encode(
        x=alt.X(f"sum({n}):Q", title=axis, axis=ticks),
        y=alt.Y(f"{name}:N", sort=order, title=None),
        color=alt.Color(f"{series}:N", title=None,
                        legend=alt.Legend(orient="bottom") if len(values) > 1 else None),
        tooltip=[alt.Tooltip(f"{name}:N"), alt.Tooltip(f"{series}:N"), alt.Tooltip(f"sum({n}):Q", title=n)],
    ).properties(height=height or alt.Step(22))
    st.altair_chart(chart, width="stretch")


def heatmap(rows: list[dict], *, row: str, col: str, value: str, empty: str, title: str = ""):
    """Cells of `value` per `row` and `col`; month columns ("2024-06", 6) in calendar order as 6月.
    No rows: `empty` says why."""
    import altair as alt
    import pandas as pd
    from graph.present.words import is_month_key, month_label, month_order
    if not rows:
        st.info(empty)
        return
    lang = current_lang()
    df = pd.DataFrame(rows)
    keys = sorted(set(df[col]), key=month_order)
    months = all(is_month_key(k) or str(k).isdigit() for k in keys)
    years = {str(k)[:4] for k in keys if is_month_key(k)}
    names = {k: (month_label(k, lang, year=len(years) > 1) if months else str(k)) for k in keys}
    df[col] = df[col].map(names)
    order = [names[k] for k in keys]
    row_title, col_title, value_title = column(row), column("month" if months else col), column(value)
    df = df.rename(columns={row: row_title, col: col_title, value: value_title})
    rank = df.groupby(row_title)[value_title].sum().sort_values(ascending=False).index.tolist()
    base = alt.Chart(df, title=title).encode(x=alt.X(f"{col_title}:O", sort=order, title=None,
                                                     axis=alt.Axis(orient="top", labelAngle=0)),
                                             y=alt.Y(f"{row_title}:N", sort=rank, title=None))
    rect = base.mark_rect().encode(color=alt.Color(f"{value_title}:Q", scale=alt.Scale(scheme="orangered"), title=None),
                                   tooltip=[f"{row_title}:N", f"{col_title}:O", f"{value_title}:Q"])
    text = base.mark_text(fontSize=10).encode(text=f"{value_title}:Q")
    st.altair_chart((rect + text).properties(height=alt.Step(20)), width="stretch")


def show_notices(ctx) -> None:
    """Banners for what happened while loading: a broken data folder, a Neo4j fallback."""
    from app.i18n import load_error
    for level, (key, kwargs) in ctx.notices:
        if "error" in kwargs and key == "load_failed":
            kwargs = {**kwargs, "error": load_error(kwargs["error"])}
        getattr(st, level)(t(key, **kwargs))
