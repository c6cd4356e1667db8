"""产业链图谱: the chain map (a two-way component: a click on a node chooses it here), the chosen
node's card, downloads (PNG from the map's toolbar, HTML here), and under it the chain's firms,
projects, supporting measures, serving units, gaps and problems.

URL: /chains?chain=<id or name>&node=<node id>; choosing in the page writes both back.
"""
from __future__ import annotations

from html import escape as html_escape

import streamlit as st

from app.components.chain_map import chain_map_component
from app.i18n import label_name, t, value
from app.links import adopt, publish
from app.render import sentence_html, table
from app.state import context, run_query
from graph.present.chainmap import (ChainMap, chain_firms, chain_map, display_name, find_chain, neighbours,
                                    source_sentence, spec_of, supporting_measures)
from graph.present.views import chain_options, pilot_chains

__all__ = ["render", "node_facts"]

CLICK = "map_click"          # the component's value: the last click on the map
HANDLED = "_map_click_done"  # the click already turned into a choice


@st.cache_data(show_spinner=False, max_entries=64)
def cached_map(stamp: tuple, chain: str, show_units: bool, show_measures: bool, lang: str, _g) -> ChainMap:
    """The map for one chain and toggles; `stamp` (the data files' mtimes) stands for the graph."""
    return chain_map(_g, chain, show_units=show_units, show_measures=show_measures, lang=lang)


def _chain_from_url(g, raw: str):
    try:
        return find_chain(g, raw)
    except ValueError:
        return None


def _chain_changed() -> None:
    """A new chain: its own node list, so the old choice and search go."""
    st.session_state["map_node"] = None
    st.session_state["map_search"] = ""


FACTS = ("stage", "county", "listed", "chain_leader", "investment", "status", "fills_gap", "start", "expected",
         "full_name", "kind", "english", "number", "title")


def node_facts(data: dict, lang: str) -> list[tuple[str, str]]:
    """(heading, value) pairs worth showing on a node's card, in the page's language."""
    from app.i18n import column
    out = []
    for k in FACTS:
        v = data.get(k)
        if v in (None, "", []) or (k == "title" and data.get("label") != "Measure"):
            continue
        out.append((column(k, lang), str(value(k, v, lang))))
    return out


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


def _card(ctx, node: str) -> None:
    """What the chosen node is, its neighbours, and the sentence or ledger row behind it."""
    g = ctx.g
    with st.container(border=True, key="node_card"):
        if node not in g:  # a cluster node: its hover text on the map says what it holds
            st.markdown(f"**{html_escape(node)}**")
            return
        data = g.nodes[node]
        st.markdown(f"#### {display_name(data, ctx.lang)}")
        facts = node_facts(data, ctx.lang)
        st.caption(" · ".join([label_name(data.get("label", ""), ctx.lang)] + [f"{h}：{v}" for h, v in facts]))
        _node_source(ctx, data)
        rows = neighbours(g, node, ctx.lang)
        st.markdown(f"**{t('map.neighbours')}**")
        table(rows, ["direction", "relation", "label", "name", "detail"], key="neighbours", download=False,
              empty=t("map.no_neighbours"))
        cited = [r for r in rows if r["span"] and r["source"] in getattr(ctx.ds, "texts", {})]
        if cited:
            st.markdown(f"**{t('map.source')}**")
            for r in cited[:12]:
                st.caption(f"{r['direction']} {r['relation']} · {r['name']}")
                _node_source(ctx, {}, span=r["span"], source=r["source"])


def _map_notes(cmap: ChainMap, show_units: bool, show_measures: bool, chain_name: str) -> None:
    """Say what the map lacks or leaves out: a chain with nothing to draw, a toggle that adds nothing,
    what the cap folded."""
    spec = cmap.spec
    if spec.get("empty"):
        st.info(spec["empty"], icon=":material/info:")
    kinds = {label for _, label, _ in cmap.nodes} | {n.get("members_label") for n in spec["nodes"] if n.get("members_label")}
    if show_units and "Department" not in kinds:
        st.caption(t("map.units_none", chain=chain_name))
    if show_measures and "Measure" not in kinds:
        st.caption(t("map.measures_none", chain=chain_name))
    if spec.get("note"):
        st.caption(spec["note"])


def _take_click(g, click) -> None:
    """A new click on the map chooses that node (and clears a search that would hide it)."""
    if not click or click == st.session_state.get(HANDLED):
        return
    st.session_state[HANDLED] = click
    node = click.get("node") if isinstance(click, dict) else None
    if node:
        st.session_state["map_node"] = node
        st.session_state["map_search"] = ""


def render() -> None:
    ctx = context()
    g = ctx.g
    ss = st.session_state
    st.title(t("page.chains"))
    chains = chain_options(g)
    if not chains:
        st.info(t("map.no_chains"))
        return
    if adopt("chain", "map_chain", lambda raw: _chain_from_url(g, raw)):
        ss["map_node"], ss["map_search"] = None, ""
    adopt("node", "map_node", lambda raw: raw if raw in g else None)
    if ss.get("map_chain") not in chains:
        ss["map_chain"] = chains[0]
    pilots = pilot_chains(g)
    c1, c2, c3 = st.columns([2, 1, 1])
    chain = c1.selectbox(t("map.chain"), chains, key="map_chain", on_change=_chain_changed,
                         format_func=lambda c: display_name(g.nodes[c], ctx.lang) + (t("map.pilot", lang=ctx.lang)
                                                                                   if c in pilots else ""))
    # Serving units start hidden: their edges cross every lane, and each project's hover text names them.
    show_units = c2.toggle(t("map.units"), value=False, key="map_units")
    show_measures = c3.toggle(t("map.measures"), value=False, key="map_measures")
    chain_key = g.nodes[chain].get("key", chain)
    chain_name = display_name(g.nodes[chain], ctx.lang)

    cmap = cached_map(ctx.stamp, chain_key, show_units, show_measures, ctx.lang, g)
    drawn = {n for n, _, _ in cmap.nodes}
    count = t("map.count", n=cmap.n_nodes, e=cmap.n_edges)  # what was folded: the note under it
    st.markdown(f'<span id="node-count" data-nodes="{cmap.n_nodes}" data-chain="{html_escape(chain_key)}">{count}'
                f' · {t("map.click_hint")}</span>', unsafe_allow_html=True)
    _map_notes(cmap, show_units, show_measures, chain_name)
    _take_click(g, ss.get(CLICK))  # the click that started this run (the component's value)
    focus = ss.get("map_node") if ss.get("map_node") in drawn else None
    _take_click(g, chain_map_component(spec_of(cmap, focus), key=CLICK))
    st.download_button(t("map.download"), cmap.html.encode("utf-8"), file_name=f"chain-map-{chain_key}.html",
                       mime="text/html", key="map_download")

    left, right = st.columns([1, 2])
    query = left.text_input(t("map.search"), key="map_search", help=t("map.search_help")).strip().lower()
    kind = "{name} ({label})" if ctx.lang == "en" else "{name}（{label}）"
    labels = {n: kind.format(name=name, label=label_name(label, ctx.lang)) for n, label, name in cmap.nodes}
    other = "en" if ctx.lang == "zh" else "zh"  # a name in either language finds the node
    options = [n for n, label, name in cmap.nodes if not query or query in name.lower() or query in n.lower()
               or (n in g and query in display_name(g.nodes[n], other).lower())]
    chosen_before = ss.get("map_node")
    if chosen_before is not None and chosen_before not in options:
        options = [chosen_before, *options] if chosen_before in drawn or chosen_before in g else options
        if chosen_before not in options:
            ss["map_node"] = None
    node = right.selectbox(t("map.node"), [None, *options], key="map_node",
                           format_func=lambda n: t("map.none", lang=ctx.lang) if n is None else labels.get(
                               n, display_name(g.nodes[n], ctx.lang) if n in g else n))
    if query and not options:
        st.caption(t("map.search_none", query=query))
    if node:
        _card(ctx, node)
    publish(chain=chain_key, node=node)

    firms, projects, measures, units, gaps, problems, overview = st.tabs(
        [t("map.firms"), t("map.projects"), t("map.supporting"), t("map.serving"), t("map.gaps"),
         t("map.problems"), t("map.overview")])
    from graph.named import get_query

    def named(tab, name, key, empty):
        with tab:
            try:
                table(run_query(ctx, name, {"chain": chain_key}), get_query(name).returns, key=key, empty=empty)
            except ValueError as e:
                st.error(t("query_failed", error=str(e)))

    with firms:
        table(chain_firms(g, chain_key), ["enterprise", "chain_leader", "county", "listed", "segments", "illustrative"],
              key="firms", empty=t("map.no_firms", chain=chain_name))
    named(projects, "projects_in_chain", "projects", t("map.no_projects", chain=chain_name))
    with measures:
        table(supporting_measures(g, chain_key), ["measure", "title", "basis", "rule", "plan"], key="supporting",
              empty=t("map.no_supporting", chain=chain_name))
    named(units, "units_serving_chain", "serving", t("map.no_serving", chain=chain_name))
    named(gaps, "chain_gaps", "gaps", t("map.no_gaps", chain=chain_name))
    named(problems, "open_problems", "problems", t("map.no_problems", chain=chain_name))
    named(overview, "chain_overview", "chain_overview", t("map.no_segments", chain=chain_name))
    st.caption(t("illustrative_note"))


if __name__ == "__main__":
    render()
