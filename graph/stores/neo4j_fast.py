"""First loads into an empty database: CREATE instead of MERGE, two sessions, positional rows.

`Neo4jStore.load` asks `begin_load` what the database holds once the constraints exist:

- no node with a project label: a first load (`first_load`). Every node is CREATEd (the uniqueness
  constraints still guard every key), then every relationship, with `UNWIND` batches of positional rows
  (one list of values per row, column names once in the statement, so no map keys are packed per row).
  Each node batch returns the internal ids of the nodes it created, and relationship batches find their
  ends by id (`id(a) = r[0]`, with the label checked) instead of seeking the key index: about a third of
  the server's CPU for the load (benchmarks/bench_neo4j.py). `elementId` seeks measured little better
  than the key index; `id()` is deprecated in Neo4j 5 but served by the 5.26 LTS this project pins, and
  the ids are used only while the load runs (a relationship whose end is gone is reported, below).
  Batches run in `SESSIONS` sessions at once: node batches freely (creating distinct nodes takes no
  shared lock), relationship batches only when no other batch under way touches the same node labels,
  so two transactions never wait on (or deadlock over) the same nodes. Relationships start once every
  node batch has committed.
- project data is there: the idempotent MERGE path of `Neo4jStore.load` (a rerun changes nothing).

Completion marker: one `(:LoadMarker {id: "graph"})` node outside the project's labels. `begin_load` sets
its `complete` to false before anything is written; the last step of every load (and of
`scripts/neo4j-dev import`) sets it true with the record counts. A database with project data and no
complete marker holds an interrupted load (or one written by a tool that sets no marker): the next load
says so and MERGEs, which completes it. An interrupted first load cannot leave duplicates behind: each
batch is one transaction, nodes are unique by constraint, and the rerun never CREATEs since data exists.
A first load that meets a key another writer created meanwhile (constraint violation) falls back to MERGE.
"""
from __future__ import annotations

import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Callable

from neo4j import READ_ACCESS, WRITE_ACCESS
from neo4j import exceptions as nx4j

from graph.memory import gc_paused
from graph.model import schema
from graph.errors import QueryTooBig, StoreError, StoreUnavailable

__all__ = ["SESSIONS", "MARKER_LABEL", "NodeIds", "begin_load", "first_load", "finish_load", "marker", "positional"]

SESSIONS = 2  # two cores on the development machine; more sessions mostly add lock waits on a small server
MARKER_LABEL = schema.LOAD_MARKER
MARKER_ID = "graph"
_CONSTRAINT = "Neo.ClientError.Schema.ConstraintValidationFailed"

Progress = Callable[[str], None]


def _name(name: str) -> str:
    from graph.stores.neo4j import _cypher_name  # the store's identifier check, one definition
    return _cypher_name(name)


def _run(store, mode: str, cypher: str, params: dict | None = None) -> list[dict]:
    # Through the store's runner (one managed transaction per call), so a recording fake sees it too.
    return store._write(cypher, params) if mode == WRITE_ACCESS else store._read(cypher, params)


# -- the marker ---------------------------------------------------------------------------------

def marker(store) -> dict | None:
    """The completion marker's properties, or None when the database has none."""
    rows = _run(store, READ_ACCESS, f"MATCH (m:`{MARKER_LABEL}` {{id: $id}}) RETURN properties(m) AS p",
                {"id": MARKER_ID})
    return rows[0]["p"] if rows else None


def _has_project_data(store) -> bool:
    for label in schema.NODE_KEYS:
        if _run(store, READ_ACCESS, f"MATCH (n:`{schema.check_label(label)}`) RETURN 1 AS one LIMIT 1"):
            return True
    return False


def begin_load(store, say: Progress) -> bool:
    """Mark a load as under way; True when the database holds no project data (a first load)."""
    with store._translate("checking what the database holds"):
        empty = not _has_project_data(store)
        before = marker(store)
        if not empty and not (before or {}).get("complete"):
            say("the database holds project data but no complete-load marker (an interrupted load, or one "
                "written without a marker): completing it with MERGE")
        _run(store, WRITE_ACCESS, f"MERGE (m:`{MARKER_LABEL}` {{id: $id}}) SET m.complete = false",
             {"id": MARKER_ID})
    return empty


def finish_load(store, nodes: int, relationships: int) -> None:
    """Written last: the load is complete, with the numbers of records it wrote."""
    with store._translate("marking the load complete"):
        _run(store, WRITE_ACCESS,
             f"MERGE (m:`{MARKER_LABEL}` {{id: $id}}) SET m.complete = true, m.nodes = $nodes, "
             f"m.relationships = $rels, m.schema_version = $version",
             {"id": MARKER_ID, "nodes": nodes, "rels": relationships, "version": schema.SCHEMA_VERSION})


# -- statements ---------------------------------------------------------------------------------

def positional(rows: list[list], first: int, skip: str | None = None) -> tuple[list[str], list[list]]:
    """(columns, rows) with each row's property map (at index `first`) spread into one value per column
    (None where a row lacks the property; CREATE sets no property for a null). `skip` names a property
    left out because the row already carries it (the node key).

    >>> positional([["a", {"x": 1}], ["b", {"y": 2, "x": 3}]], 1)
    (['x', 'y'], [['a', 1, None], ['b', 3, 2]])
    """
    cols = sorted({k for r in rows for k in r[first]} - {skip})
    return cols, [[*r[:first], *(r[first].get(c) for c in cols)] for r in rows]


def _props_map(cols: list[str], offset: int) -> str:
    return ", ".join(f"{_name(c)}: r[{i}]" for i, c in enumerate(cols, start=offset))


def node_create(label: str, cols: list[str]) -> str:
    """CREATE a batch of nodes; returns how many, and their internal ids in the order of the rows."""
    key = _name(schema.key_property(label))
    extra = _props_map(cols, 1)
    return (f"UNWIND $rows AS r CREATE (n:`{schema.check_label(label)}` {{{key}: r[0]{', ' + extra if extra else ''}}}) "
            f"RETURN count(*) AS written, collect(id(n)) AS ids")


def rel_create(rel_type: str, cols: list[str]) -> str:
    """CREATE a batch of relationships between nodes given by internal id (rows: [start id, end id, …])."""
    start, end = schema.RELATIONSHIPS[schema.check_rel_type(rel_type)]
    props = _props_map(cols, 2)
    return (f"UNWIND $rows AS r "
            f"MATCH (a:`{start}`) WHERE id(a) = r[0] "
            f"MATCH (b:`{end}`) WHERE id(b) = r[1] "
            f"CREATE (a)-[:`{rel_type}`{' {' + props + '}' if props else ''}]->(b) "
            f"RETURN count(*) AS written")


class NodeIds:
    """Internal id of every node the load created, per label and key: filled as node batches commit
    (in the thread that schedules them), then only read by relationship batches."""

    def __init__(self):
        self._ids: dict[str, dict] = {}

    def record(self, label: str, rows: list[list], ids: list[int]) -> None:
        if len(ids) != len(rows):
            raise ValueError(f"{label}: {len(ids)} ids for a batch of {len(rows)} nodes")
        self._ids.setdefault(label, {}).update(zip((r[0] for r in rows), ids))

    def ends(self, rel_type: str, rows: list[list]) -> list[list]:
        """Relationship rows with their two end keys replaced by the ends' internal ids."""
        start, end = schema.RELATIONSHIPS[rel_type]
        a, b = self._ids.get(start, {}), self._ids.get(end, {})
        return [[a.get(r[0]), b.get(r[1]), *r[2:]] for r in rows]  # a missing end (None) matches nothing


@dataclass(frozen=True)
class _Batch:
    kind: str            # "nodes" or "relationships"
    name: str            # label or type
    labels: frozenset    # node labels whose nodes the batch locks (relationships only)
    cypher: str
    rows: list
    upto: int            # rows of this label/type written once the batch commits
    total: int


def _batches(node_rows: dict, rel_rows: dict, batch_size: int) -> tuple[list[deque], list[deque]]:
    """Per label and per type, a queue of batches; biggest groups first so they start early."""
    def queues(groups, kind, make):
        out = []
        for name, rows in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            cypher, flat, labels = make(name, rows)
            out.append(deque(_Batch(kind, name, labels, cypher, flat[i:i + batch_size],
                                    min(i + batch_size, len(flat)), len(flat))
                             for i in range(0, len(flat), batch_size)))
        return out

    def node(label, rows):
        cols, flat = positional(rows, 1, schema.key_property(label))
        return node_create(label, cols), flat, frozenset()

    def rel(rel_type, rows):
        cols, flat = positional([r[:3] for r in rows], 2)
        return rel_create(rel_type, cols), flat, frozenset(schema.RELATIONSHIPS[rel_type])

    return queues(node_rows, "nodes", node), queues(rel_rows, "relationships", rel)


def _write_batch(store, batch: _Batch, ids: NodeIds) -> tuple[int, list | None]:
    """(rows written, ids of the nodes created); the runner opens one session per call."""
    if batch.kind == "nodes":
        row = store._write(batch.cypher, {"rows": batch.rows})[0]
        return row["written"], row["ids"]
    return store._write(batch.cypher, {"rows": ids.ends(batch.name, batch.rows)})[0]["written"], None


def _run_phase(store, pool: ThreadPoolExecutor, queues: list[deque], say: Progress, sessions: int,
               done: list[int], ids: NodeIds) -> None:
    """Run every batch of the queues, at most `sessions` at once and never two whose node labels meet.
    Progress is reported from this thread, so an exception from `say` stops the load here (batches under
    way still commit; a rerun completes the load)."""
    running: dict[Future, _Batch] = {}
    try:
        while any(queues) or running:
            busy = set().union(*(b.labels for b in running.values())) if running else set()
            for q in queues:
                if len(running) >= sessions:
                    break
                if q and not (q[0].labels & busy):
                    batch = q.popleft()
                    busy |= batch.labels
                    running[pool.submit(_write_batch, store, batch, ids)] = batch
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for f in finished:
                batch = running.pop(f)
                written, created = f.result()
                if written != len(batch.rows):
                    raise store._fail(f"{batch.kind} {batch.name}: {len(batch.rows) - written} of a batch of "
                                      f"{len(batch.rows)} were not written, their end nodes are gone (was the "
                                      f"database wiped during the load?); the load stopped after {done[0]} "
                                      f"entities, run it again (loads are idempotent)", StoreError)
                if created is not None:
                    ids.record(batch.name, batch.rows, created)
                done[0] += written
                say(f"{batch.kind} {batch.name} {batch.upto}/{batch.total}")
    finally:
        for q in queues:
            q.clear()
        wait(running)  # let batches under way finish before the caller reports or retries


def first_load(store, node_rows: dict, rel_rows: dict, *, batch_size: int, progress: Progress,
               sessions: int | None = None) -> dict[str, int] | None:
    """CREATE every row into a database that holds no project data (see the module docstring).
    Returns the totals afterwards, or None when another writer's keys got in the way: then nothing is
    lost (every batch is atomic) and the caller MERGEs the whole load."""
    sessions = sessions or SESSIONS
    with gc_paused():  # positional rows: a new list per row (see gc_paused)
        node_q, rel_q = _batches(node_rows, rel_rows, batch_size)
    n_nodes, n_rels = sum(map(len, node_rows.values())), sum(map(len, rel_rows.values()))
    total = n_nodes + n_rels
    done, t0 = [0], time.perf_counter()
    try:
        # gc paused: relationship batches get a new row each (the ends' ids), hundreds of thousands in all
        with store._translate("loading"), gc_paused(), \
                ThreadPoolExecutor(sessions, thread_name_prefix="neo4j-load") as pool:
            ids = NodeIds()
            _run_phase(store, pool, node_q, progress, sessions, done, ids)
            _run_phase(store, pool, rel_q, progress, sessions, done, ids)
    except nx4j.ClientError as e:
        if e.code != _CONSTRAINT:
            raise
        progress("another writer created some of these keys during the first load: completing it with MERGE")
        return None
    except QueryTooBig as e:
        raise store._fail(f"{e}; the load stopped after {done[0]} of {total} entities, run it again with a "
                          f"smaller --batch-size (loads are idempotent)", QueryTooBig) from e
    except StoreUnavailable as e:
        raise store._fail(f"{e}; the load stopped after {done[0]} of {total} entities, run it again "
                          f"once the server is back (loads are idempotent)") from e
    elapsed = time.perf_counter() - t0
    finish_load(store, n_nodes, n_rels)
    counts = store.totals()
    progress(f"wrote {done[0]} entities in {elapsed:.2f} s ({done[0] / max(elapsed, 1e-9):,.0f} entities/s; first load: "
             f"CREATE, {sessions} sessions); database holds {counts['nodes']} nodes and "
             f"{counts['relationships']} relationships of this project")
    return counts
