"""产业链图谱: the chain map (pyvis, offline HTML) with search, node inspection and download,
and under it the chain's firms, projects, supporting measures, serving units, gaps and problems."""
from __future__ import annotations

from html import escape as html_escape

import streamlit as st

from app.i18n import t
from app.render import sentence_html, table
from app.state import context, run_query
from graph.present.views import chain_options, pilot_chains
from graph.present.chainmap import ChainMap, chain_firms, chain_map, display_name, neighbours, source_sentence, \
    supporting_measures, with_focus

__all__ = ["render", "MAP_HEIGHT"]

MAP_HEIGHT = 650


@st.cache_data(show_spinner=False, max_entries=64)
def cached_map(stamp: tuple, chain: str, show_units: bool, show_measures: bool, lang: str, _g) -> ChainMap:
    """The map for one chain and toggles; `stamp` (the data files' mtimes) stands for the graph."""
    return chain_map(_g, chain, show_units=show_units, show_measures=show_measures,
                     height=f"{MAP_HEIGHT}px", lang=lang)


def _node_source(ctx, data: dict, span=None, source=None) -> None:
    """Show where a node or edge comes from: the plan sentence, or the ledger row."""
    source = source or data.get("source")
    span = span or data.get("span")
    text = ctx.ds.texts.get(source) if source and getattr(ctx.ds, "texts", None) else None
    found = source_sentence(text, span) if text and span else None
    if found:
        st.markdown(f"> {sentence_html(found)}", unsafe_allow_html=True)
    elif source:
        st.caption(t("map.ledger_source", source=source))
    if data.get("reference"):
        st.caption(t("map.reference", reference=data["reference"]))
    if data.get("illustrative"):
        st.caption(t("map.illustrative"))


def _inspect(ctx, cmap: ChainMap) -> str | None:
    """Search box + node select; shows the chosen node's neighbours and source sentences."""
    left, right = st.columns([1, 2])
    query = left.text_input(t("map.search"), key="map_search", help=t("map.search_help")).strip().lower()
    options = [n for n, label, name in cmap.nodes
               if not query or query in name.lower() or query in n.lower()]
    labels = {n: f"[{label}] {name}" for n, label, name in cmap.nodes}
    chosen = right.selectbox(t("map.node"), [None, *options], key="map_node",
                             format_func=lambda n: t("map.none", lang=ctx.lang) if n is None else labels.get(n, n))
    return chosen


def _details(ctx, node: str) -> None:
    g = ctx.g
    if node not in g:  # a cluster node: nothing more to show than its hover text
        return
    data = g.nodes[node]
    st.markdown(f"**{display_name(data, ctx.lang)}** · `{node}`")
    _node_source(ctx, data)
    rows = neighbours(g, node, ctx.lang)
    st.markdown(f"**{t('map.neighbours')}**")
    table(rows, ["direction", "relation", "label", "name", "detail", "source"], key="neighbours", download=False)
    cited = [r for r in rows if r["span"] and r["source"] in getattr(ctx.ds, "texts", {})]
    if cited:
        st.markdown(f"**{t('map.source')}**")
        for r in cited[:12]:
            st.caption(f"{r['direction']} {r['relation']} · {r['name']}")
            _node_source(ctx, {}, span=r["span"], source=r["source"])


def render() -> None:
    ctx = context()
    g = ctx.g
    st.title(t("page.chains"))
    chains = chain_options(g)
    if not chains:
        st.info(t("no_rows"))
        return
    pilots = pilot_chains(g)
    c1, c2, c3 = st.columns([2, 1, 1])
    chain = c1.selectbox(t("map.chain"), chains, key="map_chain",
                         format_func=lambda c: display_name(g.nodes[c], ctx.lang) + (t("map.pilot", lang=ctx.lang)
                                                                                   if c in pilots else ""))
    show_units = c2.toggle(t("map.units"), value=True, key="map_units")
    show_measures = c3.toggle(t("map.measures"), value=False, key="map_measures")
    chain_key = g.nodes[chain].get("key", chain)

    cmap = cached_map(ctx.stamp, chain_key, show_units, show_measures, ctx.lang, g)
    focus = _inspect(ctx, cmap)
    count = t("map.count", n=cmap.n_nodes, e=cmap.n_edges)
    if cmap.folded:
        count += t("map.folded", k=cmap.folded)
    st.markdown(f'<span id="node-count" data-nodes="{cmap.n_nodes}" data-chain="{html_escape(chain_key)}">{count}</span>',
                unsafe_allow_html=True)
    html = with_focus(cmap.html, focus)
    st.iframe(html, height=MAP_HEIGHT + 20)
    st.download_button(t("map.download"), cmap.html.encode("utf-8"), file_name=f"chain-map-{chain_key}.html",
                       mime="text/html", key="map_download")
    if focus:
        _details(ctx, focus)

    firms, projects, measures, units, gaps, problems, overview = st.tabs(
        [t("map.firms"), t("map.projects"), t("map.supporting"), t("map.serving"), t("map.gaps"),
         t("map.problems"), t("map.overview")])
    from graph.named import get_query

    def named(tab, name, key):
        with tab:
            try:
                table(run_query(ctx, name, {"chain": chain_key}), get_query(name).returns, key=key)
            except ValueError as e:
                st.error(t("query_failed", error=str(e)))

    with firms:
        table(chain_firms(g, chain_key), ["enterprise", "chain_leader", "county", "listed", "segments", "illustrative"],
              key="firms")
    named(projects, "projects_in_chain", "projects")
    with measures:
        table(supporting_measures(g, chain_key), ["measure", "title", "basis", "rule", "plan"], key="supporting")
    named(units, "units_serving_chain", "serving")
    named(gaps, "chain_gaps", "gaps")
    named(problems, "open_problems", "problems")
    named(overview, "chain_overview", "chain_overview")
    st.caption(t("illustrative_note"))


if __name__ == "__main__":
    render()
