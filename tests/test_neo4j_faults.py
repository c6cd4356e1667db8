"""What users see when Neo4j is down, refuses them, or goes away mid-load; and the read-only console.

Every failure must be one line naming the problem and the URI, never the password, in the library
(`StoreUnavailable`) and in the CLI (stderr, non-zero exit).
"""
from __future__ import annotations

import subprocess
import sys
import threading
import time
from dataclasses import replace

import pytest

from graph.named.catalogue import load_catalogue
from graph.errors import ReadOnlyViolation, StoreUnavailable
from graph.stores.neo4j import READ_ONLY_MESSAGE, Neo4jStore
from graph.stores.settings import Neo4jSettings
from tests.neo4j_support import ROOT, free_port, graph_snapshot, private_server, snapshot, subprocess_env, write

pytestmark = pytest.mark.neo4j

SECRET = "Sup3r-s3cret-pw-9f2c"  # a password that must never show up anywhere


def assert_one_line(message: str, *must_name: str) -> None:
    assert message and "\n" not in message.strip(), message
    for part in must_name:
        assert part in message, f"{part!r} not in {message!r}"
    assert SECRET not in message


def call_every_method(store: Neo4jStore):
    """Each public method, one by one (each must raise StoreUnavailable on its own)."""
    q = load_catalogue()["departments_for_measure"]
    return [lambda: store.check(), lambda: store.counts(), lambda: store.totals(), lambda: store.wipe(),
            lambda: store.ensure_constraints(), lambda: store.load([], []),
            lambda: store.run_named(q, {"measure": 9}), lambda: store.run_read_only("RETURN 1 AS x")]


# -- server down, wrong password, unknown database ------------------------------------------------

@pytest.mark.parametrize("scheme", ["neo4j", "bolt"])
def test_server_down_names_the_uri_not_the_password(scheme):
    uri = f"{scheme}://127.0.0.1:{free_port()}"
    with Neo4jStore(Neo4jSettings(uri=uri, password=SECRET, configured=True), max_retry_time=0.5) as s:
        for call in call_every_method(s):
            with pytest.raises(StoreUnavailable) as e:
                call()
            assert_one_line(str(e.value), uri, "unavailable")


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "127.0.0.1:7687", "neo4j://127.0.0.1:notaport"])
def test_unusable_uri_is_a_store_error(uri):
    with pytest.raises(StoreUnavailable) as e:
        with Neo4jStore(Neo4jSettings(uri=uri, password=SECRET, configured=True)) as s:
            s.check()
    assert_one_line(str(e.value), "NEO4J_URI" if "notaport" not in uri else "127.0.0.1")


def test_wrong_password(neo4j_settings):
    with Neo4jStore(replace(neo4j_settings, password=SECRET)) as s:
        for call in call_every_method(s):
            with pytest.raises(StoreUnavailable) as e:
                call()
            assert_one_line(str(e.value), f"authentication failed for user {neo4j_settings.user} at "
                                          f"{neo4j_settings.uri}")
            assert neo4j_settings.password not in str(e.value)


def test_unknown_database(neo4j_settings):
    with Neo4jStore(replace(neo4j_settings, database="nosuchdb")) as s:
        for call in call_every_method(s):
            with pytest.raises(StoreUnavailable) as e:
                call()
            assert_one_line(str(e.value), "'nosuchdb'", "does not exist", neo4j_settings.uri)
            assert neo4j_settings.password not in str(e.value)


def test_a_closed_store_says_so(neo4j_settings):
    s = Neo4jStore(neo4j_settings)
    s.close()
    with pytest.raises(StoreUnavailable, match="closed"):
        s.check()


def test_uri_user_info_is_not_shown():
    uri = f"neo4j:{SECRET}@127.0.0.1:{free_port()}"
    for scheme in ("neo4j", "bolt"):
        with pytest.raises(StoreUnavailable) as e:
            with Neo4jStore(Neo4jSettings(uri=f"{scheme}://{uri}", password="other-pw", configured=True)) as s:
                s.check()
        assert_one_line(str(e.value), "127.0.0.1")


CLI_COMMANDS = {
    "load-neo4j": ["load-neo4j"],
    "query": ["query", "--backend", "neo4j", "departments_for_measure", "--param", "measure=9"],
}


@pytest.mark.parametrize("command", CLI_COMMANDS)
@pytest.mark.parametrize("fault", ["down", "password", "database"])
def test_cli_prints_one_line_and_exits_non_zero(neo4j_settings, command, fault):
    if fault == "down":
        env = subprocess_env(neo4j_settings, NEO4J_URI=f"neo4j://127.0.0.1:{free_port()}", NEO4J_PASSWORD=SECRET)
        named = env["NEO4J_URI"]
    elif fault == "password":
        env = subprocess_env(neo4j_settings, NEO4J_PASSWORD=SECRET)
        named = "authentication failed"
    else:
        env = subprocess_env(neo4j_settings, NEO4J_DATABASE="nosuchdb")
        named = "'nosuchdb' does not exist"
    proc = subprocess.run([sys.executable, "-m", "graph", *CLI_COMMANDS[command]], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: ") and named in lines[0]
    assert "Traceback" not in proc.stderr
    for secret in (SECRET, neo4j_settings.password):
        assert secret not in proc.stdout + proc.stderr


# -- the server going away in the middle of a load --------------------------------------------------

def test_server_stopped_mid_load_then_rerun(neo4j_settings, tmp_path, real_dataset, real_graph):
    """A private server is stopped (SIGTERM, from another thread) while a load with small batches is
    running: the load ends with one line naming the URI and how far it got, no password, no trace.
    Started again on the same data, a rerun ends in exactly the state of an uninterrupted load.
    (It asks for `neo4j_settings` only to run when the Neo4j tests are on; the server is its own.)"""
    expected = graph_snapshot(real_graph)
    with private_server(tmp_path) as server:
        stopper = threading.Thread(target=server.stop)
        lines = []

        def progress(line):
            lines.append(line)
            if len(lines) == 40:
                stopper.start()
            elif len(lines) > 40:
                time.sleep(0.05)  # keep batches coming while the server shuts down

        with Neo4jStore(server.settings, max_retry_time=1.0) as s:
            with pytest.raises(StoreUnavailable) as e:
                s.load(real_dataset.nodes, real_dataset.rels, batch_size=5, progress=progress)
        stopper.join(timeout=120)
        message = str(e.value)
        assert_one_line(message, server.settings.uri, "the load stopped after", "run it again")
        assert server.password not in message

        server.start()  # same port, data dir and password
        with Neo4jStore(server.settings) as s:
            partial = s.totals()
            assert 0 < partial["nodes"] + partial["relationships"] < len(expected[0]) + len(expected[1])
            s.load(real_dataset.nodes, real_dataset.rels, batch_size=5)
        assert snapshot(server.settings) == expected


# -- the read-only console ----------------------------------------------------------------------

WRITES = [
    "CREATE (:ConsoleProbe)",
    "MERGE (p:ConsoleProbe {k: 1}) RETURN p",
    "MATCH (m:Measure) SET m.touched = true",
    "MATCH (m:Measure) DETACH DELETE m",
    "MATCH (d:Department) REMOVE d.kind",
    # hidden from a naive keyword check: a subquery, odd casing behind a comment, FOREACH, a procedure
    "CALL { CREATE (:ConsoleProbe) }",
    "MATCH (m:Measure) WITH m LIMIT 1 CALL (m) { SET m.touched = 1 } RETURN m.number AS n",
    "/* just reading */ cReAtE (:ConsoleProbe)",
    "UNWIND [1] AS i FOREACH (x IN [i] | MERGE (:ConsoleProbe {k: x}))",
    "CALL db.createLabel('ConsoleProbe')",
    "CREATE INDEX console_probe IF NOT EXISTS FOR (n:ConsoleProbe) ON (n.k)",
    "ALTER USER neo4j SET PASSWORD 'changed-by-console'",
]


@pytest.fixture(scope="module")
def before(loaded_real, neo4j_settings):
    return snapshot(neo4j_settings)


@pytest.mark.parametrize("cypher", WRITES)
def test_console_writes_are_refused_by_neo4j(loaded_real, neo4j_settings, before, cypher):
    """The store has no keyword filter: these all reach Neo4j, which refuses them in READ mode."""
    with pytest.raises(ReadOnlyViolation) as e:
        loaded_real.run_read_only(cypher)
    assert str(e.value) == READ_ONLY_MESSAGE
    assert e.value.__cause__.code == "Neo.ClientError.Statement.AccessMode"  # Neo4j's own refusal
    assert snapshot(neo4j_settings) == before
    assert write(neo4j_settings, "MATCH (p:ConsoleProbe) RETURN count(p) AS n") == [{"n": 0}]
    assert loaded_real.check().startswith("Neo4j/")  # the password was not changed either


def test_console_read_returns_columns_and_rows(loaded_real, real_graph):
    n = sum(1 for _, d in real_graph.nodes(data=True) if d["label"] == "Measure")
    columns, rows = loaded_real.run_read_only("MATCH (m:Measure) RETURN m.number AS number, m.title AS title "
                                              "ORDER BY number")
    assert columns == ["number", "title"]
    assert [r["number"] for r in rows] == list(range(1, n + 1))
    assert rows.truncated is False


def test_console_values_are_plain_python(loaded_real):
    columns, rows = loaded_real.run_read_only(
        "MATCH (p:Pillar {number: $n}) RETURN p, date('2024-06-30') AS d, datetime('2024-06-30T08:00:00Z') AS t, "
        "[1, 2] AS xs, {a: 1.5} AS m, null AS nothing", {"n": 1})
    assert columns == ["p", "d", "t", "xs", "m", "nothing"]
    (row,) = rows
    assert row["p"]["_labels"] == ["Pillar"] and row["p"]["number"] == 1
    assert row["d"] == "2024-06-30" and row["t"].startswith("2024-06-30T08:00:00")
    assert row["xs"] == [1, 2] and row["m"] == {"a": 1.5} and row["nothing"] is None


def test_console_row_limit_truncates(loaded_real):
    columns, rows = loaded_real.run_read_only("UNWIND range(1, 5000) AS x RETURN x", limit=100)
    assert columns == ["x"] and [r["x"] for r in rows] == list(range(1, 101))
    assert rows.truncated is True and rows.limit == 100
    _, exact = loaded_real.run_read_only("UNWIND range(1, 100) AS x RETURN x", limit=100)
    assert len(exact) == 100 and exact.truncated is False


def test_console_stops_consuming_after_the_limit(loaded_real):
    """A billion rows, ten wanted: the store stops pulling, so this returns long before the timeout."""
    t0 = time.perf_counter()
    _, rows = loaded_real.run_read_only("UNWIND range(1, 1000000000) AS x RETURN x", limit=10, timeout_s=20)
    assert len(rows) == 10 and rows.truncated
    assert time.perf_counter() - t0 < 10


def test_console_timeout(loaded_real):
    t0 = time.perf_counter()
    with pytest.raises(TimeoutError, match="within 0.5 s"):
        loaded_real.run_read_only("UNWIND range(1, 1000000000) AS x RETURN count(x)", timeout_s=0.5)
    assert time.perf_counter() - t0 < 15


def test_console_syntax_error_is_a_value_error(loaded_real):
    with pytest.raises(ValueError, match="Neo4j refused the query"):
        loaded_real.run_read_only("MATCH (n RETURN n")
    with pytest.raises(ValueError, match="empty"):
        loaded_real.run_read_only("   ")


def test_console_cannot_read_local_files(loaded_real, tmp_path):
    # A READ transaction allows LOAD CSV; the launcher turns file URLs off so the console cannot
    # read the server's files (a server not started by scripts/neo4j-dev needs the same setting).
    secret = tmp_path / "secret.csv"
    secret.write_text("token\nabc\n", encoding="utf-8")
    with pytest.raises(ValueError, match="(?i)file"):
        loaded_real.run_read_only(f"LOAD CSV FROM 'file://{secret}' AS row RETURN row")
