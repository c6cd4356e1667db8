"""Neo4jStore without a server: a recording fake runner checks the Cypher the store writes, how it
batches, how it guards the console and how it words driver failures. (The same behaviour against
a real Neo4j: test_neo4j_load.py, test_neo4j_faults.py.)"""
from __future__ import annotations

import math
import re

import pytest
from neo4j import exceptions as nx4j

from graph.errors import (QueryError, QueryRefused, QueryTimeout, QueryTooBig, ReadOnlyViolation, StoreError,
                          StoreUnavailable, UsageError)
from graph.model import schema
from graph.stores.console_guard import ALLOWED_PROCEDURES, READ_OPERATORS, check_plan
from graph.stores.neo4j import Neo4jStore
from graph.stores.runner import Plan, Streamed
from graph.stores.settings import Neo4jSettings
from loaders.records import Node, Rel

SECRET = "Fake-pw-never-shown-42"
URI = "neo4j://db.example:7687"


def driver_error(code: str, message: str = "the server says no"):
    """A driver exception as the driver builds it from a server FAILURE."""
    return nx4j.Neo4jError._hydrate_neo4j(code=code, message=message)


class RecordingRunner:
    """Records every call; answers writes with as many `written` as rows sent (or `short` fewer),
    and raises `fail` (an exception, or a function of the call number) when told to."""

    def __init__(self, *, plan: Plan | None = None, streamed: Streamed | None = None):
        self.calls: list[tuple] = []
        self.plan = plan or Plan("r", (("ProduceResults", "x"), ("Projection", "1 AS x")))
        self.streamed = streamed or Streamed(["x"], [{"x": 1}])
        self.fail = None        # exception to raise on the next matching call
        self.fail_on = None     # which call kind ("check", "write", "read", "explain", "stream")
        self.fail_after = 0     # let this many matching calls pass first
        self.short = 0          # rows a write batch "loses"
        self.has_data = True    # the database already holds project data: loads take the MERGE path
        self.closed = False

    def _maybe_fail(self, kind: str):
        if self.fail is not None and self.fail_on in (kind, None):
            if self.fail_after:
                self.fail_after -= 1
            else:
                raise self.fail

    def check(self):
        self.calls.append(("check",))
        self._maybe_fail("check")
        return "Neo4j/5.26.0"

    def run(self, cypher, params=None, *, write=False):
        kind = "write" if write else "read"
        self.calls.append((kind, cypher, params))
        self._maybe_fail(kind)
        if "RETURN 1 AS one" in cypher:  # neo4j_fast asking whether project data is there
            return ["one"], [{"one": 1}] if self.has_data else []
        if "AS ids" in cypher:  # a first load's node batch: the created nodes' internal ids
            n = len(params["rows"]) - self.short
            return ["written", "ids"], [{"written": n, "ids": list(range(n))}]
        if "AS written" in cypher:
            return ["written"], [{"written": len(params["rows"]) - self.short}]
        if "AS deleted" in cypher:
            return ["deleted"], [{"deleted": 0}]
        if "AS n" in cypher:
            return ["n"], [{"n": 0}]
        return [], []

    def explain(self, cypher, params=None):
        self.calls.append(("explain", cypher, params))
        self._maybe_fail("explain")
        return self.plan

    def stream(self, cypher, params=None, *, timeout, max_rows, max_bytes):
        self.calls.append(("stream", cypher, params, timeout, max_rows, max_bytes))
        self._maybe_fail("stream")
        return self.streamed

    def close(self):
        self.closed = True

    def of(self, kind):
        return [c for c in self.calls if c[0] == kind]


def store_with(runner=None, **settings) -> Neo4jStore:
    s = Neo4jSettings(**{"uri": URI, "password": SECRET, "configured": True, **settings})
    return Neo4jStore(s, runner=runner or RecordingRunner())


def assert_one_line(message: str, *parts: str) -> None:
    assert message and "\n" not in message and SECRET not in message, message
    for part in parts:
        assert part in message, (part, message)


# -- Cypher generation and batching --------------------------------------------------------------

def small_records(n_segments: int):
    nodes = [Node("Chain", "c1", {"name": "新能源"})]
    nodes += [Node("Segment", f"s{i}", {"name": f"环节{i}", "stage": "midstream"}) for i in range(n_segments)]
    rels = [Rel("PART_OF", ("Segment", f"s{i}"), ("Chain", "c1")) for i in range(n_segments)]
    return nodes, rels


def test_constraints_first_then_nodes_then_relationships_in_batches():
    runner = RecordingRunner()
    store = store_with(runner)
    nodes, rels = small_records(7)
    lines = []
    counts = store.load(nodes, rels, batch_size=3, progress=lines.append)
    writes = [c[1] for c in runner.of("write")]
    n_constraints = len(schema.NODE_KEYS)
    assert all(w.startswith("CREATE CONSTRAINT") and "IF NOT EXISTS" in w for w in writes[:n_constraints])
    for label, key in schema.NODE_KEYS.items():
        assert any(f"FOR (n:`{label}`) REQUIRE n.`{key}` IS UNIQUE" in w for w in writes[:n_constraints])
    data = [c for c in runner.of("write")[n_constraints:] if schema.LOAD_MARKER not in c[1]]
    chain, segments, part_of = data[:1], data[1:4], data[4:]
    assert f"MERGE (n:`Chain` {{`{schema.key_property('Chain')}`: row[0]}}) SET n += row[1]" in chain[0][1]
    assert [len(c[2]["rows"]) for c in segments] == [3, 3, 1]  # 7 rows in batches of 3
    assert all("MERGE (n:`Segment`" in c[1] for c in segments)
    assert [len(c[2]["rows"]) for c in part_of] == [3, 3, 1]
    assert all("MATCH (a:`Segment`" in c[1] and "MATCH (b:`Chain`" in c[1] and "MERGE (a)-[r:`PART_OF`]->(b)" in c[1]
               for c in part_of)
    sent = sorted(row[0] for c in segments for row in c[2]["rows"])
    assert sent == sorted(f"s{i}" for i in range(7))  # every row once, none twice
    assert "nodes Segment 7/7" in lines and "relationships PART_OF 3/7" in lines
    assert counts == {"nodes": 0, "relationships": 0}  # what the fake database reports afterwards


def test_relationship_identity_goes_into_the_merge_pattern():
    cypher = Neo4jStore._rel_cypher("RESPONSIBLE_FOR")
    ident = schema.REL_IDENTITY["RESPONSIBLE_FOR"]
    assert ident and all(f"`{p}`: row[{i}]" in cypher for i, p in enumerate(ident, start=3))
    with pytest.raises(ValueError):
        Neo4jStore._rel_cypher("NOT_A_TYPE`]->() DETACH DELETE a //")
    with pytest.raises(ValueError):
        Neo4jStore._node_cypher("Chain` {id: 1}) DETACH DELETE n //")


def test_wipe_removes_relationships_first_in_batches():
    runner = RecordingRunner()
    store_with(runner).wipe(batch_size=10)
    writes = runner.of("write")
    assert len(writes) == 2 * len(schema.NODE_KEYS)
    assert all(w[2] == {"limit": 10} for w in writes)
    assert all(" DELETE r " in a[1] and "DETACH DELETE n" in b[1] for a, b in zip(writes[::2], writes[1::2]))


@pytest.mark.parametrize("batch_size", [0, -5])
def test_bad_batch_size_is_a_usage_error_before_any_call(batch_size):
    runner = RecordingRunner()
    with pytest.raises(UsageError, match="--batch-size"):
        store_with(runner).load(*small_records(2), batch_size=batch_size)
    assert runner.calls == []


def test_end_nodes_gone_mid_load_is_a_store_error_saying_rerun():
    runner = RecordingRunner()
    runner.short = 1
    with pytest.raises(StoreError) as e:
        store_with(runner).load(*small_records(4), batch_size=10)
    assert not isinstance(e.value, StoreUnavailable)
    assert_one_line(str(e.value), "wiped during the load", "run it again")


# -- error translation ---------------------------------------------------------------------------

FAULTS = [
    (nx4j.ServiceUnavailable("Couldn't connect to db.example:7687"), StoreUnavailable, "is unavailable"),
    (nx4j.SessionExpired("gone"), StoreUnavailable, "lost the connection"),
    (driver_error("Neo.ClientError.Security.Unauthorized"), StoreUnavailable, "authentication failed"),
    (driver_error("Neo.ClientError.Database.DatabaseNotFound"), StoreUnavailable, "does not exist"),
    (driver_error("Neo.TransientError.General.DatabaseUnavailable"), StoreUnavailable, "could not serve"),
    (driver_error("Neo.TransientError.General.MemoryPoolOutOfMemoryError", "limit 128.0 MiB"), QueryTooBig,
     "ran out of memory"),
    (driver_error("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"), QueryTimeout, "timeout"),
    (OverflowError("int too large to convert"), QueryError, "out of the range"),
]


@pytest.mark.parametrize("error, kind, words", FAULTS, ids=[type(f[0]).__name__ + ":" + f[2] for f in FAULTS])
def test_driver_failures_become_one_line_errors_of_the_layer(error, kind, words):
    runner = RecordingRunner()
    runner.fail, runner.fail_on = error, "read"
    store = store_with(runner)
    with pytest.raises(kind) as e:
        store.counts()
    assert_one_line(str(e.value), words)


def test_a_failure_mid_load_says_how_far_it_got():
    runner = RecordingRunner()
    runner.fail, runner.fail_on = nx4j.ServiceUnavailable("connection refused"), "write"
    runner.fail_after = len(schema.NODE_KEYS) + 3  # constraints, the load marker and two batches pass
    with pytest.raises(StoreUnavailable) as e:
        store_with(runner).load(*small_records(6), batch_size=2)
    assert_one_line(str(e.value), URI, "the load stopped after 3 of 13 entities", "run it again")


def test_memory_error_mid_load_says_to_lower_the_batch_size():
    runner = RecordingRunner()
    runner.fail = driver_error("Neo.TransientError.General.MemoryPoolOutOfMemoryError")
    runner.fail_on, runner.fail_after = "write", len(schema.NODE_KEYS) + 1  # past the load marker
    with pytest.raises(QueryTooBig) as e:
        store_with(runner).load(*small_records(6), batch_size=2)
    assert_one_line(str(e.value), "ran out of memory", "smaller --batch-size")


def test_a_first_load_creates_nodes_then_relationships_and_marks_completion_last():
    runner = RecordingRunner()
    runner.has_data = False
    store_with(runner).load(*small_records(7), batch_size=3, progress=lambda _: None)
    data = runner.of("write")[len(schema.NODE_KEYS):]
    assert "SET m.complete = false" in data[0][1] and "SET m.complete = true" in data[-1][1]
    batches = data[1:-1]
    assert all("CREATE" in c[1] and "MERGE" not in c[1] for c in batches)
    kinds = ["rel" if "MATCH (a:" in c[1] else "node" for c in batches]
    assert all("WHERE id(a) = r[0]" in c[1] for c in batches if "MATCH (a:" in c[1])  # ends found by id
    assert kinds == sorted(kinds, key=lambda k: k == "rel")  # every node batch before any relationship
    assert sorted(row[0] for c in batches if "CREATE (n:`Segment`" in c[1] for row in c[2]["rows"]) == \
        sorted(f"s{i}" for i in range(7))


def test_memory_error_in_a_first_load_says_to_lower_the_batch_size():
    runner = RecordingRunner()
    runner.has_data = False
    runner.fail = driver_error("Neo.TransientError.General.MemoryPoolOutOfMemoryError")
    runner.fail_on, runner.fail_after = "write", len(schema.NODE_KEYS) + 1
    with pytest.raises(QueryTooBig) as e:
        store_with(runner).load(*small_records(6), batch_size=2)
    assert_one_line(str(e.value), "ran out of memory", "smaller --batch-size")


def test_the_password_is_scrubbed_from_driver_messages():
    runner = RecordingRunner()
    runner.fail, runner.fail_on = nx4j.ServiceUnavailable(f"cannot reach neo4j:{SECRET}@db.example"), "check"
    with pytest.raises(StoreUnavailable) as e:
        store_with(runner).check()
    assert_one_line(str(e.value), "***")


@pytest.mark.parametrize("settings, words", [
    ({"uri": f"neo4j://neo4j:{SECRET}@db.example:7687"}, "NEO4J_USER"),
    ({"uri": "neo4j://admin@db.example:7687"}, "NEO4J_PASSWORD"),
    ({"database": "system"}, "NEO4J_DATABASE=system"),
    ({"database": "SYSTEM"}, "NEO4J_DATABASE=system"),
    ({"uri": "http://db.example:7474"}, "Bolt URI"),
])
def test_unusable_settings_are_refused_before_any_connection(settings, words):
    runner = RecordingRunner()
    with pytest.raises(StoreUnavailable) as e:
        store_with(runner, **settings)
    assert_one_line(str(e.value), words)
    assert "db.example" in str(e.value) and runner.calls == []


def test_a_named_query_refused_by_neo4j_is_a_query_error():
    from graph.named.catalogue import load_catalogue
    runner = RecordingRunner()
    runner.fail, runner.fail_on = driver_error("Neo.ClientError.Statement.TypeError", "Type mismatch"), "read"
    with pytest.raises(QueryError, match="Neo4j refused query departments_for_measure: Type mismatch"):
        store_with(runner).run_named(load_catalogue()["departments_for_measure"], {"measure": 9})


# -- the console ---------------------------------------------------------------------------------

def test_console_explains_first_and_streams_with_the_limits():
    runner = RecordingRunner()
    store = store_with(runner)
    columns, rows = store.run_read_only("RETURN $x AS x", {"x": 1}, timeout_s=3, limit=50, max_bytes=4096)
    assert columns == ["x"] and rows == [{"x": 1}] and rows.cut is None
    kinds = [c[0] for c in runner.calls if c[0] != "check"]
    assert kinds == ["explain", "stream"]
    assert runner.of("stream")[0][3:] == (3, 50, 4096)


@pytest.mark.parametrize("plan, refused", [
    (Plan("w", (("ProduceResults", ""), ("Create", "(n:X)"))), ReadOnlyViolation),
    (Plan("rw", (("ProduceResults", "x"), ("SubqueryForeach", ""), ("Create", "(:P)"))), ReadOnlyViolation),
    (Plan("s", (("AdministrationCommand", ""),)), QueryRefused),
    (Plan("r", (("ProduceResults", "x"), ("TerminateTransactions", "transactions(neo4j-transaction-1)"))),
     QueryRefused),
    (Plan("r", (("ProduceResults", "name, value"), ("ShowSettings", "allSettings"))), QueryRefused),
    (Plan("r", (("ProduceResults", "r"), ("LoadCSV", "r"))), QueryRefused),
    (Plan("r", (("ProduceResults", "x"), ("ProcedureCall", "apoc.load.json($url) :: (value :: MAP)"))), QueryRefused),
    (Plan("r", (("ProduceResults", "x"), ("SomeFutureOperator", ""))), QueryRefused),
    (Plan("r", ()), QueryRefused),
])
def test_console_refuses_what_the_plan_shows_is_not_a_plain_read(plan, refused):
    runner = RecordingRunner(plan=plan)
    with pytest.raises(refused) as e:
        store_with(runner).run_read_only("anything at all")
    assert_one_line(str(e.value), "console")
    assert runner.of("stream") == []  # refused before it ran


def test_console_allows_the_read_operators_and_schema_procedures():
    for proc in sorted(ALLOWED_PROCEDURES):
        check_plan(Plan("r", (("ProduceResults", "x"), ("ProcedureCall", f"{proc}() :: (x :: STRING)"))))
    check_plan(Plan("r", tuple((op, "") for op in sorted(READ_OPERATORS - {"ProcedureCall"}))))


def test_console_reports_a_byte_cut():
    runner = RecordingRunner(streamed=Streamed(["r"], [], cut="bytes"))
    _, rows = store_with(runner).run_read_only("RETURN range(1, 30000000) AS r", max_bytes=1024)
    assert rows.cut == "bytes" and rows.truncated and rows.max_bytes == 1024 and list(rows) == []


def test_console_syntax_errors_point_into_the_users_text():
    runner = RecordingRunner()
    runner.fail, runner.fail_on = driver_error(
        "Neo.ClientError.Statement.SyntaxError",
        "Invalid input 'RETURN' (line 1, column 18 (offset: 17))\n\"EXPLAIN MATCH (n RETURN n\"\n ^"), "explain"
    with pytest.raises(QueryError) as e:
        store_with(runner).run_read_only("MATCH (n RETURN n")
    assert_one_line(str(e.value), "column 10 (offset: 9)", '"MATCH (n RETURN n"')
    assert "EXPLAIN" not in str(e.value)


def test_console_empty_query_and_bad_limits():
    store = store_with()
    with pytest.raises(QueryError, match="empty"):
        store.run_read_only("  \n ")
    with pytest.raises(UsageError):
        store.run_read_only("RETURN 1", limit=-1)
    with pytest.raises(UsageError):
        store.run_read_only("RETURN 1", max_bytes=0)


def test_a_closed_store_refuses_and_closes_its_runner():
    runner = RecordingRunner()
    store = store_with(runner)
    store.close()
    assert runner.closed
    with pytest.raises(StoreUnavailable, match="closed"):
        store.counts()


def test_the_check_runs_once_then_again_after_a_failure():
    runner = RecordingRunner()
    store = store_with(runner)
    store.counts()
    store.totals()
    assert len(runner.of("check")) == 1
    runner.fail, runner.fail_on = nx4j.ServiceUnavailable("down"), "read"
    with pytest.raises(StoreUnavailable):
        store.counts()
    runner.fail = None
    store.counts()
    assert len(runner.of("check")) == 2


def test_int_parameters_are_bounded_to_what_neo4j_holds():
    from graph.named.catalogue import load_catalogue
    q = load_catalogue()["departments_for_measure"]
    assert q.bind({"measure": str(2 ** 63 - 1)})["measure"] == 2 ** 63 - 1
    for value in (str(2 ** 63), "999999999999999999999", str(-2 ** 63 - 1)):
        with pytest.raises(QueryError, match=re.escape("out of range")):
            q.bind({"measure": value})


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_float_parameters_must_be_finite(value):
    from graph.named.catalogue import Param
    with pytest.raises(QueryError, match="finite"):
        Param("x", "float", False).coerce(value)
    assert math.isfinite(Param("x", "float", False).coerce("1e300"))
