"""Loading the real graph into a real Neo4j: counts, idempotency, wipe scope, batch sizes,
interrupted loads, value conversion, and the `load-neo4j` command."""
from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import replace
import sys
from collections import Counter

import pytest

from graph.model import schema
from graph.stores.neo4j import Neo4jStore
from loaders.records import Node, Rel
from tests.neo4j_support import ROOT, Interrupt, graph_snapshot, snapshot, stop_after_line, subprocess_env, write

pytestmark = pytest.mark.neo4j


def graph_counts(g) -> dict:
    nodes = Counter(d["label"] for _, d in g.nodes(data=True))
    rels = Counter(d["type"] for *_, d in g.edges(data=True))
    return {"nodes": {label: nodes[label] for label in schema.NODE_KEYS},
            "relationships": {t: rels[t] for t in schema.RELATIONSHIPS}}


@pytest.fixture(scope="module")
def expected(real_graph):
    return graph_snapshot(real_graph)


def test_load_gives_the_networkx_counts_per_label_and_type(fresh_store, real_dataset, real_graph):
    lines = []
    totals = fresh_store.load(real_dataset.nodes, real_dataset.rels, progress=lines.append)
    want = graph_counts(real_graph)
    assert fresh_store.counts() == want
    assert totals == {"nodes": real_graph.number_of_nodes(), "relationships": real_graph.number_of_edges()}
    assert sum(want["nodes"].values()) == totals["nodes"]
    # progress: one line per batch with running/total counts, then a summary with throughput
    n_dep = want["nodes"]["Department"]
    n_resp = want["relationships"]["RESPONSIBLE_FOR"]
    assert f"nodes Department {n_dep}/{n_dep}" in lines
    assert f"relationships RESPONSIBLE_FOR {n_resp}/{n_resp}" in lines
    assert "entities/s" in lines[-1] and f"{totals['nodes']} nodes" in lines[-1]


def test_load_writes_exactly_what_the_graph_holds(fresh_store, real_dataset, real_graph, neo4j_settings,
                                                  expected):
    fresh_store.load(real_dataset.nodes, real_dataset.rels)
    assert snapshot(neo4j_settings) == expected


def test_second_load_changes_nothing(fresh_store, real_dataset, neo4j_settings, expected):
    first = fresh_store.load(real_dataset.nodes, real_dataset.rels)
    counts = fresh_store.counts()
    second = fresh_store.load(real_dataset.nodes, real_dataset.rels)
    assert second == first
    assert fresh_store.counts() == counts
    assert snapshot(neo4j_settings) == expected


def test_constraints_come_first_and_exist_once_per_label(fresh_store, neo4j_settings):
    fresh_store.ensure_constraints()
    fresh_store.ensure_constraints()  # IF NOT EXISTS: a second call is a no-op
    rows = write(neo4j_settings, "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties "
                                 "WHERE name STARTS WITH 'quzhou_' RETURN *")
    got = {(r["labelsOrTypes"][0], r["properties"][0]) for r in rows if r["type"] == "UNIQUENESS"}
    assert got == set(schema.NODE_KEYS.items())
    assert len(rows) == len(schema.NODE_KEYS)


def test_wipe_removes_only_this_projects_labels(fresh_store, real_dataset, neo4j_settings):
    write(neo4j_settings, "CREATE (:Other {name: 'keep me'})-[:LINKS]->(:Other {name: 'me too'})")
    try:
        fresh_store.load(real_dataset.nodes, real_dataset.rels)
        lines = []
        totals = fresh_store.load([], [], wipe=True, progress=lines.append)
        assert totals == {"nodes": 0, "relationships": 0}
        assert any(line.startswith("wipe removed ") for line in lines)
        left = write(neo4j_settings, "MATCH (o:Other)-[:LINKS]->(p:Other) RETURN o.name AS a, p.name AS b")
        assert left == [{"a": "keep me", "b": "me too"}]
    finally:
        write(neo4j_settings, "MATCH (o:Other) DETACH DELETE o")


def test_wipe_in_small_batches(fresh_store, real_dataset):
    fresh_store.load(real_dataset.nodes, real_dataset.rels)
    n = fresh_store.totals()["nodes"]
    assert fresh_store.wipe(batch_size=7) == n
    assert fresh_store.totals() == {"nodes": 0, "relationships": 0}


@pytest.mark.parametrize("batch_size", [1, 7, 1000])
def test_batch_size_does_not_change_the_result(fresh_store, real_dataset, real_graph, neo4j_settings, expected,
                                               batch_size):
    lines = []
    fresh_store.load(real_dataset.nodes, real_dataset.rels, batch_size=batch_size, progress=lines.append)
    assert snapshot(neo4j_settings) == expected
    # one progress line per batch: ceil(n / batch_size) per label and type
    batches = Counter(line.rsplit(" ", 1)[0] for line in lines if line.startswith(("nodes ", "relationships ")))
    want = graph_counts(real_graph)
    assert batches == {f"{kind} {name}": -(-n // batch_size)
                       for kind, counts in want.items() for name, n in counts.items() if n}


@pytest.mark.parametrize("stop_after", [3, 60], ids=["during-nodes", "during-relationships"])
def test_interrupted_load_then_rerun_equals_an_uninterrupted_load(fresh_store, real_dataset, neo4j_settings,
                                                                  expected, stop_after):
    progress = stop_after_line(stop_after)
    with pytest.raises(Interrupt) as stopped:
        fresh_store.load(real_dataset.nodes, real_dataset.rels, batch_size=7, progress=progress)
    partial = fresh_store.totals()
    assert 0 < partial["nodes"] + partial["relationships"] < len(expected[0]) + len(expected[1])
    assert stopped.value.args[0].startswith("nodes" if stop_after == 3 else "relationships")
    fresh_store.load(real_dataset.nodes, real_dataset.rels, batch_size=7)
    assert snapshot(neo4j_settings) == expected


def test_values_are_stored_as_the_graph_holds_them(fresh_store, neo4j_settings):
    nodes = [Node("Plan", "t-plan", {"issued": dt.date(2023, 12, 20), "year": 2024, "gone": None,
                                     "span": (3, 9), "aliases": [], "ratio": 0.5, "ok": True}),
             Node("Pillar", "t-plan#P1", {"number": 1, "name": "聚焦招商"})]
    rels = [Rel("OF_PLAN", ("Pillar", "t-plan#P1"), ("Plan", "t-plan"), {"span": [1, 2], "note": None})]
    fresh_store.load(nodes, rels)
    got = write(neo4j_settings, "MATCH (pl:Plan {id: 't-plan'})<-[r:OF_PLAN]-(p:Pillar) "
                                "RETURN properties(pl) AS plan, properties(r) AS rel, properties(p) AS pillar")
    assert got == [{"plan": {"id": "t-plan", "issued": "2023-12-20", "year": 2024, "span": [3, 9], "aliases": [],
                             "ratio": 0.5, "ok": True},
                    "rel": {"span": [1, 2]},
                    "pillar": {"id": "t-plan#P1", "number": 1, "name": "聚焦招商"}}]


def test_relationship_identity_keeps_parallel_edges(fresh_store):
    """A unit listed twice for one measure (two ranks) gives two RESPONSIBLE_FOR relationships."""
    nodes = [Node("Department", "市A局", {}), Node("Measure", "t#M1", {"number": 1})]
    rels = [Rel("RESPONSIBLE_FOR", ("Department", "市A局"), ("Measure", "t#M1"), {"rank": 1, "role": "lead"}),
            Rel("RESPONSIBLE_FOR", ("Department", "市A局"), ("Measure", "t#M1"), {"rank": 3, "role": "co"})]
    for _ in range(2):
        assert fresh_store.load(nodes, rels) == {"nodes": 2, "relationships": 2}


def test_bad_records_fail_before_anything_is_written(fresh_store):
    with pytest.raises(ValueError, match="Neo4j cannot store maps"):
        fresh_store.load([Node("Chain", "c1", {"meta": {"a": 1}})], [])
    with pytest.raises(ValueError, match="does not exist"):
        fresh_store.load([Node("Chain", "c1", {})], [Rel("PART_OF", ("Segment", "nope"), ("Chain", "c1"))])
    assert fresh_store.totals() == {"nodes": 0, "relationships": 0}
    with pytest.raises(ValueError, match="batch_size"):
        fresh_store.load([], [], batch_size=0)


def test_routing_uri_works(neo4j_settings, real_dataset):
    """The store works over a routing (neo4j://) URI, as it must for a cluster or Aura."""
    host = neo4j_settings.uri.split("://", 1)[1]
    with Neo4jStore(replace(neo4j_settings, uri=f"neo4j://{host}")) as s:
        assert s.check().startswith("Neo4j/")
        assert s.load(real_dataset.nodes[:5], [], wipe=True)["nodes"] > 0
        s.wipe()


def test_cli_load_neo4j_prints_progress_and_counts(neo4j_settings, store, real_graph):
    proc = subprocess.run([sys.executable, "-m", "graph", "load-neo4j", "--wipe", "--batch-size", "20"],
                          cwd=ROOT, env=subprocess_env(neo4j_settings), capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    n, r = real_graph.number_of_nodes(), real_graph.number_of_edges()
    assert f"neo4j now holds {n} nodes and {r} relationships" in proc.stdout
    units = sum(1 for _, d in real_graph.nodes(data=True) if d["label"] == "Department")
    assert f"nodes Department 20/{units}" in proc.stderr and "entities/s" in proc.stderr  # one line a batch
    assert neo4j_settings.password not in proc.stdout + proc.stderr
    assert store.totals() == {"nodes": n, "relationships": r}
