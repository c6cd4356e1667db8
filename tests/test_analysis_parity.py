"""The analysis queries return the same rows on Neo4j and on their networkx twins, on graphs built to
exercise their corners: an affiliate pair sharing a rank, a unit listed twice on a measure, a problem
filed under two chains (the analysis fixture); several plans whose measure numbers collide (synthetic);
a project outside any segment, a problem neither open nor closed, a chain
without a name, a measure without a number (edge cases). The real graph is covered by
tests/test_neo4j_parity.py.
"""
from __future__ import annotations

import pytest

from graph.model.build import build_graph
from graph.named import run_embedded, run_named
from benchmarks.synth import synthetic_records
from loaders.records import Node, Rel
from tests.fixtures.analysis_graph import analysis_records
from tests.neo4j_support import typed


pytestmark = pytest.mark.neo4j

QUERIES = ("unit_month_matrix", "open_problems", "problem_closure", "pipeline_load", "measure_coordination")


def _edge_cases():
    nodes, rels = analysis_records()
    nodes += [Node("Project", "P5", {"name": "无段项目"}), Node("Chain", "nameless", {}),
              Node("Problem", "Q8", {"status": "pending", "raised": "2024-01-01"}),
              Node("Problem", "Q9", {"status": "open", "raised": "2024-01-01"}),
              Node("Measure", "fx#MX", {"title": "无编号"})]
    rels += [Rel("SERVES", ("Department", "市经信局"), ("Project", "P5"), {"stage": "代办"}),
             Rel("ASSIGNED_TO", ("Problem", "Q8"), ("Department", "市经信局")),
             Rel("IN_CHAIN", ("Problem", "Q9"), ("Chain", "nameless")),
             Rel("ASSIGNED_TO", ("Problem", "Q9"), ("Department", "市经信局")),
             Rel("RESPONSIBLE_FOR", ("Department", "市经信局"), ("Measure", "fx#MX"), {"rank": 1, "role": "lead"}),
             Rel("RESPONSIBLE_FOR", ("Department", "市法院"), ("Measure", "fx#MX"), {"rank": 2, "role": "co"})]
    return nodes, rels


GRAPHS = {
    "fixture": analysis_records,
    "synthetic": lambda: synthetic_records(cities=3, firms=90, projects=40, problems=60, units_per_city=15, seed=2),
    "edge_cases": _edge_cases,
}


@pytest.mark.parametrize("which", GRAPHS)
def test_same_rows_on_neo4j_and_networkx(which, store):
    nodes, rels = GRAPHS[which]()
    g = build_graph(nodes, rels)
    store.load(nodes, rels, wipe=True)
    chains = sorted({d.get(k) for _, d in g.nodes(data=True) if d["label"] == "Chain"
                     for k in ("id", "name")} - {None})
    cases = [(name, {}) for name in QUERIES] + [("open_problems", {"chain": c}) for c in [*chains, "no-such-chain"]]
    for name, params in cases:
        want = run_embedded(g, name, params)
        got = run_named(name, params, store=store)
        assert typed(got) == typed(want), f"{which}: {name}({params}) differs"
    assert all(run_embedded(g, name, {}) for name in QUERIES)
