"""The chain map: one industry chain drawn with vis-network, offline.

Lanes run left to right, upstream → midstream → downstream, with the supporting measures before
and the serving units after them; each segment heads a block of its firms (leaders as gold stars)
and projects. Positions and wrapped labels are computed here, physics is off, so a map opens at
once and never moves; each segment names at most `cluster_above` firms and projects and each side
lane `LANE_CAP` nodes, the rest folding into one "另有 N …" node per group, with a note saying so.

The parts, each doing one thing:

- `selection`: which nodes and edges belong to a chain's map (`find_chain`, `chain_subgraph`);
- `tables`: the tables under the map (firms, supporting measures);
- `cluster`: the cap that keeps big maps readable, and what it left out;
- `labels`: names, wrapped labels, hover texts;
- `facts`: hover-text lines about a node's neighbours in the whole graph;
- `layout`: lanes, columns, blocks and label boxes;
- `style`: shapes, colours, vis-network options;
- `legend`: the legend of what is drawn, the cap note, the empty-chain note;
- `html`: the spec the drawing script (`static/chainmap.js`) takes, and the downloadable page;
- `details`: a chosen node's relationships and source sentence.

Words come from `graph.present.words`, the translation table the app uses too. Everything is pure:
functions take the (read-only) graph and return data or HTML; nothing is fetched from the network.

Examples
--------
>>> from loaders.records import Node, Rel
>>> from graph.model.build import build_graph
>>> g = build_graph(
...     [Node("Chain", "c", {"name": "特种纸", "name_en": "Specialty paper"}),
...      Node("Segment", "s1", {"name": "木浆", "stage": "upstream"}),
...      Node("Segment", "s2", {"name": "原纸", "stage": "downstream"}),
...      Node("Enterprise", "e", {"name": "仙鹤股份", "chain_leader": True})],
...     [Rel("PART_OF", ("Segment", "s1"), ("Chain", "c")), Rel("PART_OF", ("Segment", "s2"), ("Chain", "c")),
...      Rel("FEEDS", ("Segment", "s1"), ("Segment", "s2")), Rel("LEADS", ("Enterprise", "e"), ("Chain", "c")),
...      Rel("OPERATES_IN", ("Enterprise", "e"), ("Segment", "s2"))])
>>> sorted(chain_subgraph(g, "特种纸"))
['Chain:c', 'Enterprise:e', 'Segment:s1', 'Segment:s2']
>>> pos = chain_layout(chain_subgraph(g, "特种纸"))
>>> pos["Segment:s1"][0] < pos["Segment:s2"][0]
True
>>> html = chain_map_html(g, "特种纸")
>>> "Segment:s1" in html and "<title>特种纸 · 产业链图谱</title>" in html and 'src="http' not in html
True
"""
from graph.present.chainmap.cluster import DEFAULT_CLUSTER
from graph.present.chainmap.details import neighbours, source_sentence
from graph.present.chainmap.html import MIN_PX, ChainMap, chain_map, chain_map_html, page_html, spec_of
from graph.present.chainmap.labels import display_name, node_title, wrap
from graph.present.chainmap.layout import LANE, chain_layout, lanes_of, place
from graph.present.chainmap.selection import chain_subgraph, find_chain
from graph.present.chainmap.style import STYLE, map_options
from graph.present.chainmap.tables import chain_firms, supporting_measures

__all__ = ["DEFAULT_CLUSTER", "MIN_PX", "LANE", "STYLE", "ChainMap", "find_chain", "chain_subgraph", "chain_layout",
           "place", "lanes_of", "chain_map", "chain_map_html", "page_html", "spec_of", "map_options", "display_name",
           "node_title", "wrap", "neighbours", "source_sentence", "chain_firms", "supporting_measures"]
