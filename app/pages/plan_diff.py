"""方案对比: what changed from one plan to another (measures matched by content), with the words behind
each change in both texts."""
from __future__ import annotations

import hashlib
import html

import streamlit as st

from app.i18n import t, value
from app.render import table
from app.state import context, plan_label
from graph.analysis.plan_diff import CHANGE_COLUMNS, MEASURE_COLUMNS, diff_plans

__all__ = ["render"]

UPLOAD = "upload"


@st.cache_data(show_spinner=False, max_entries=8)
def _diff(stamp: tuple, old_id: str, new_id: str, upload_hash: str | None, _plans: dict):
    """(diff, old text, new text), cached by the loaded files, the pair and the upload's content."""
    old, new = _plans[old_id], _plans[new_id]
    return diff_plans(old[0], new[0]), old[1], new[1]


def _excerpt(text: str | None, span, pad: int = 40) -> str:
    """The words a span points at, marked, with a little context either side."""
    if not text or not span:
        return t("diff.none")
    a, b = span
    before, words, after = (html.escape(x) for x in (text[max(0, a - pad):a], text[a:b], text[b:b + pad]))
    return f"…{before}<mark>{words}</mark>{after}…".replace("\n", " ")


def render() -> None:
    ctx = context()
    st.title(t("page.plan_diff"))
    st.caption(t("diff.intro"))
    plans = {p.plan_id: (p, ctx.ds.texts.get(p.plan_id)) for p in ctx.ds.plans}
    names = {r["plan"]: plan_label(r) for r in ctx.plan_rows}
    upload = st.file_uploader(t("diff.upload"), type=["txt"], key="diff_upload")
    digest = None
    if upload is not None:
        from graph.model.dataset import plan_from_text
        from loaders.decoding import decode_bytes
        data = upload.getvalue()
        digest = hashlib.sha256(data).hexdigest()
        try:
            text = decode_bytes(data, upload.name)  # UTF-8, or UTF-16/32 with a BOM; else where it stops
            plans[UPLOAD] = (plan_from_text(text, doc_id=upload.name.rsplit(".", 1)[0], units=ctx.ds.units,
                                            file=upload.name), text)
            names[UPLOAD] = upload.name
        except ValueError as e:  # PlanParseError and the decoding's LoadError are ValueErrors naming the place
            st.error(t("diff.parse_failed", error=str(e)))
    ids = list(plans)
    if len(ids) < 2:
        st.info(t("diff.need_two"))
        return
    by_year = sorted(ids, key=lambda p: (plans[p][0].year or 0, p != UPLOAD))
    left, right = st.columns(2)
    old_id = left.selectbox(t("diff.old"), ids, index=ids.index(by_year[-2]), key="diff_old",
                            format_func=lambda p: names.get(p, p))
    new_id = right.selectbox(t("diff.new"), ids, index=ids.index(UPLOAD if UPLOAD in ids else by_year[-1]),
                             key="diff_new", format_func=lambda p: names.get(p, p))
    if old_id == new_id:
        st.info(t("diff.same"))
        return
    result, old_text, new_text = _diff(ctx.stamp, old_id, new_id, digest if UPLOAD in (old_id, new_id) else None,
                                       plans)
    counts = result.counts()
    cols = st.columns(4)
    for col, key in zip(cols, ("same", "changed", "added", "removed")):
        col.metric(value("status", key), counts[key])

    st.subheader(t("diff.changes"))
    table(result.changes, CHANGE_COLUMNS, key="diff_changes", empty=t("diff.no_changes"))
    if result.changes:
        labels = [f"{value('change', c['change'])} · {c['old_measure'] or '—'} → {c['new_measure'] or '—'} · {c['title']}"
                  for c in result.changes]
        i = st.selectbox(t("diff.pick"), range(len(labels)), format_func=labels.__getitem__, key="diff_change")
        change = result.changes[i]
        a, b = st.columns(2)
        a.markdown(f"**{t('diff.old_text')}**")
        a.markdown(_excerpt(old_text, change["old_span"]), unsafe_allow_html=True)
        b.markdown(f"**{t('diff.new_text')}**")
        b.markdown(_excerpt(new_text, change["new_span"]), unsafe_allow_html=True)

    st.subheader(t("diff.measures"))
    table(result.measures, MEASURE_COLUMNS, key="diff_measures", height=360, empty=t("diff.no_measures"))


if __name__ == "__main__":
    render()
