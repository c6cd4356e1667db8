"""First loads (graph/stores/neo4j_fast.py): the CREATE path into an empty database, the MERGE path on
reruns, the completion marker, interrupted and contended first loads, and the batch scheduler."""
from __future__ import annotations

import threading
import time
from collections import deque

import pytest

from graph.model import schema
from graph.stores import neo4j_fast
from graph.stores.neo4j_fast import _Batch, _run_phase
from tests.neo4j_support import Interrupt, snapshot, stop_after_line, write


# -- the scheduler, with a fake store (no server) ------------------------------------------------

class Log:
    """Which batches ran at the same time."""

    def __init__(self):
        self.lock = threading.Lock()
        self.now: list = []
        self.overlaps: list[tuple] = []
        self.most = 0
        self.by_cypher: dict = {}

    def enter(self, batch):
        with self.lock:
            self.overlaps += [(batch, other) for other in self.now]
            self.now.append(batch)
            self.most = max(self.most, len(self.now))

    def leave(self, batch):
        with self.lock:
            self.now.remove(batch)


class FakeStore:
    """Answers the store's `_write` (what the fast path calls per batch) and logs overlaps."""

    def __init__(self):
        self.log = Log()

    def _write(self, cypher, params):
        batch = self.log.by_cypher[cypher]
        self.log.enter(batch)
        time.sleep(0.002)
        self.log.leave(batch)
        return [{"written": len(params["rows"])}]


def rel_queues(store, sizes: dict[str, int], batch: int) -> list[deque]:
    queues = []
    for t, n in sizes.items():
        q = deque()
        for i in range(0, n, batch):
            cypher = f"{t} {i}"
            b = _Batch("relationships", t, frozenset(schema.RELATIONSHIPS[t]), cypher, [["a", "b"]] * min(batch, n - i),
                       min(i + batch, n), n)
            store.log.by_cypher[cypher] = b
            q.append(b)
        queues.append(q)
    return queues


def test_relationship_batches_that_share_a_node_label_never_run_together():
    from concurrent.futures import ThreadPoolExecutor
    store = FakeStore()
    sizes = {"OPERATES_IN": 40, "ASSIGNED_TO": 40, "SERVES": 30, "RAISED": 30, "IN_CHAIN": 20, "FEEDS": 10}
    lines, done = [], [0]
    with ThreadPoolExecutor(2) as pool:
        _run_phase(store, pool, rel_queues(store, sizes, 5), lines.append, 2, done, neo4j_fast.NodeIds())
    assert done[0] == sum(sizes.values())
    assert store.log.most == 2  # disjoint types did run side by side
    for a, b in store.log.overlaps:
        assert not (a.labels & b.labels), (a.name, b.name)
    assert sorted(lines) == sorted(f"relationships {t} {min(i + 5, n)}/{n}" for t, n in sizes.items()
                                   for i in range(0, n, 5))


def test_relationship_rows_carry_the_ids_their_node_batches_returned():
    ids = neo4j_fast.NodeIds()
    ids.record("Enterprise", [["e1", "x"], ["e2", "y"]], [10, 11])
    ids.record("Segment", [["s1"]], [20])
    assert ids.ends("OPERATES_IN", [["e2", "s1", "p"], ["e1", "s9"]]) == [[11, 20, "p"], [10, None]]
    with pytest.raises(ValueError):  # a node batch that answers with the wrong number of ids
        ids.record("Segment", [["s2"], ["s3"]], [21])


def test_positional_rows_spread_maps_into_columns():
    cols, rows = neo4j_fast.positional([["k1", {"b": 2}], ["k2", {"a": 1, "id": "k2"}]], 1, skip="id")
    assert cols == ["a", "b"] and rows == [["k1", None, 2], ["k2", 1, None]]


# -- on a real server --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def expected(real_graph):
    from tests.neo4j_support import graph_snapshot
    return graph_snapshot(real_graph)


@pytest.mark.neo4j
def test_first_load_creates_then_reruns_merge_and_change_nothing(fresh_store, real_dataset, neo4j_settings,
                                                                 expected, real_graph):
    first, second = [], []
    fresh_store.load(real_dataset.nodes, real_dataset.rels, progress=first.append)
    assert "first load: CREATE" in first[-1]
    assert snapshot(neo4j_settings) == expected
    mark = neo4j_fast.marker(fresh_store)
    assert mark["complete"] is True
    assert (mark["nodes"], mark["relationships"]) == (real_graph.number_of_nodes(), real_graph.number_of_edges())
    fresh_store.load(real_dataset.nodes, real_dataset.rels, progress=second.append)
    assert "first load" not in second[-1] and not any("MERGE" in line for line in second)
    assert snapshot(neo4j_settings) == expected
    assert neo4j_fast.marker(fresh_store) == mark


@pytest.mark.neo4j
@pytest.mark.parametrize("stop_after", [2, 40])
def test_interrupted_first_load_is_told_and_completed_by_merge(fresh_store, real_dataset, neo4j_settings,
                                                               expected, stop_after):
    progress = stop_after_line(stop_after)
    with pytest.raises(Interrupt):
        fresh_store.load(real_dataset.nodes, real_dataset.rels, batch_size=9, progress=progress)
    assert neo4j_fast.marker(fresh_store)["complete"] is False
    lines = []
    fresh_store.load(real_dataset.nodes, real_dataset.rels, batch_size=9, progress=lines.append)
    assert any("no complete-load marker" in line and "MERGE" in line for line in lines)
    assert "first load" not in lines[-1]
    assert snapshot(neo4j_settings) == expected
    assert neo4j_fast.marker(fresh_store)["complete"] is True


@pytest.mark.neo4j
def test_a_node_deleted_before_its_relationships_are_written_stops_the_first_load(fresh_store, real_dataset,
                                                                                  neo4j_settings):
    # Relationship batches find their ends by the ids node batches returned: an end deleted in between
    # (a wipe by another client) must be reported, never skipped.
    from graph.errors import StoreError
    node_rows, _ = fresh_store.prepare(real_dataset.nodes, real_dataset.rels)
    node_lines = []

    def delete_a_measure_once_every_node_is_written(line):
        if line.startswith("nodes "):
            node_lines.append(line)
            if len(node_lines) == len(node_rows):
                write(neo4j_settings, "MATCH (m:Measure) WITH m LIMIT 1 DETACH DELETE m")
    with pytest.raises(StoreError) as e:
        fresh_store.load(real_dataset.nodes, real_dataset.rels, batch_size=10_000,
                         progress=delete_a_measure_once_every_node_is_written)
    assert "end nodes are gone" in str(e.value) and "\n" not in str(e.value)
    assert neo4j_fast.marker(fresh_store)["complete"] is False


@pytest.mark.neo4j
def test_a_first_load_that_meets_existing_keys_falls_back_to_merge(fresh_store, real_dataset, neo4j_settings,
                                                                   expected):
    # Another writer created a node after the emptiness check: CREATE hits the constraint.
    fresh_store.ensure_constraints()
    node_rows, rel_rows = fresh_store.prepare(real_dataset.nodes, real_dataset.rels)
    label, rows = next(iter(node_rows.items()))
    write(neo4j_settings, f"CREATE (:`{label}` {{`{schema.key_property(label)}`: $k}})", {"k": rows[-1][0]})
    lines = []
    assert neo4j_fast.first_load(fresh_store, node_rows, rel_rows, batch_size=10_000, progress=lines.append) is None
    assert "completing it with MERGE" in lines[-1]
    fresh_store.load(real_dataset.nodes, real_dataset.rels)
    assert snapshot(neo4j_settings) == expected
