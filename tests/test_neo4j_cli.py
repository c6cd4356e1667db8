"""The command line against a real Neo4j: `cypher` (the console's guards), Ctrl-C during a load,
settings and parameters Neo4j cannot use. Each ends in one line and a non-zero exit, never a trace."""
from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from graph.errors import StoreError
from graph.interface.cli import main
from tests.neo4j_support import ROOT, graph_snapshot, snapshot, subprocess_env, write

pytestmark = pytest.mark.neo4j


@pytest.fixture
def graph_cli(monkeypatch, capsys):
    """Run `python -m graph ...` in this process (quicker than a subprocess) with NEO4J_* from
    `settings` plus overrides; returns a CompletedProcess-like result."""
    def run(settings, *argv, **env):
        for key in [k for k in os.environ if k.startswith("NEO4J_")]:
            monkeypatch.delenv(key)
        for key, value in subprocess_env(settings, **env).items():
            if key.startswith("NEO4J_"):
                monkeypatch.setenv(key, value)
        capsys.readouterr()
        code = main(list(argv))
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(argv, code, out, err)
    return run


def assert_fails_in_one_line(proc, *words, code=None):
    assert proc.returncode != 0 if code is None else proc.returncode == code, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in proc.stderr, proc.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


# -- cypher ---------------------------------------------------------------------------------------

def test_cypher_runs_a_read_and_prints_the_rows(loaded_real, neo4j_settings, graph_cli):
    proc = graph_cli(neo4j_settings, "cypher", "MATCH (m:Measure) RETURN m.number AS n ORDER BY n LIMIT 3",
                     "--format", "csv")
    assert proc.returncode == 0 and proc.stdout.split() == ["n", "1", "2", "3"], proc.stderr


def test_cypher_passes_parameters_as_text(loaded_real, neo4j_settings, graph_cli):
    proc = graph_cli(neo4j_settings, "cypher", "MATCH (d:Department {name: $unit}) RETURN d.kind AS kind",
                     "--param", "unit=市发改委", "--format", "json")
    assert proc.returncode == 0 and '"government"' in proc.stdout, proc.stderr


@pytest.mark.parametrize("query, words", [
    ("CREATE (:ConsoleProbe)", "read-only"),
    ("SHOW USERS", "AdministrationCommand"),
    ("SHOW SETTINGS", "ShowSettings"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "TerminateTransactions"),
    ("LOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS row RETURN row", "LOAD CSV"),
    ("CALL dbms.listConfig()", "refused: CALL dbms.listConfig"),
    ("MATCH (n RETURN n", "Neo4j refused the query"),
])
def test_cypher_refuses_in_one_line(loaded_real, neo4j_settings, query, words, graph_cli):
    assert_fails_in_one_line(graph_cli(neo4j_settings, "cypher", query), words, code=2)
    assert write(neo4j_settings, "MATCH (p:ConsoleProbe) RETURN count(p) AS n") == [{"n": 0}]


def test_cypher_result_is_bounded_in_bytes(neo4j_settings):
    """`RETURN range(1, 10000000)` is one 50 MB record (about 500 MB as Python objects): the command
    stops reading after --max-mb and says so, and the process stays near its size at rest."""
    proc = subprocess.run([sys.executable, "-c", PEAK, "cypher", "RETURN range(1, 10000000) AS r", "--max-mb", "1"],
                          cwd=ROOT, env=subprocess_env(neo4j_settings), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "larger than 1 MB" in proc.stderr and "(0 rows)" in proc.stdout
    rest, peak = (int(x) for x in proc.stderr.strip().splitlines()[-1].split())
    assert peak - rest < 100 * 1024, (rest, peak)  # KB: a full read would add 500 MB


# Runs the CLI and prints the process's peak memory before and after the command (KB).
PEAK = """
import resource, sys
from graph.interface.cli import main
import graph.stores.neo4j, graph.present.table
rest = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
code = main(sys.argv[1:])
print(rest, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def test_cypher_says_when_rows_were_cut(neo4j_settings, graph_cli):
    proc = graph_cli(neo4j_settings, "cypher", "UNWIND range(1, 50) AS x RETURN x", "--limit", "5",
                     "--format", "csv")
    assert proc.returncode == 0 and proc.stdout.split() == ["x", "1", "2", "3", "4", "5"]
    assert "first 5 rows" in proc.stderr


def test_cypher_needs_neo4j(neo4j_settings, graph_cli):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    proc = subprocess.run([sys.executable, "-m", "graph", "cypher", "RETURN 1"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert_fails_in_one_line(proc, "NEO4J_URI", code=2)


# -- settings and parameters Neo4j cannot take ------------------------------------------------------

@pytest.mark.parametrize("command", [["load-neo4j"], ["query", "--backend", "neo4j", "department_workload"],
                                     ["cypher", "RETURN 1"]])
def test_the_system_database_is_refused(neo4j_settings, command, graph_cli):
    assert_fails_in_one_line(graph_cli(neo4j_settings, *command, NEO4J_DATABASE="system"),
                             "NEO4J_DATABASE=system", code=3)


def test_user_and_password_in_the_uri_are_refused_without_showing_them(neo4j_settings, graph_cli):
    secret = "uri-pw-" + neo4j_settings.password[-6:]
    host = neo4j_settings.uri.split("://", 1)[1]
    proc = graph_cli(neo4j_settings, "query", "--backend", "neo4j", "department_workload",
                     NEO4J_URI=f"neo4j://neo4j:{secret}@{host}")
    line = assert_fails_in_one_line(proc, "NEO4J_USER", "NEO4J_PASSWORD", host, code=3)
    assert secret not in proc.stdout + proc.stderr and "neo4j:" + secret not in line


@pytest.mark.parametrize("value", ["999999999999999999999", "-9223372036854775809"])
def test_an_int_neo4j_cannot_hold_is_a_parameter_error(loaded_real, neo4j_settings, value, graph_cli):
    proc = graph_cli(neo4j_settings, "query", "--backend", "neo4j", "departments_for_measure",
                     "--param", f"measure={value}")
    assert_fails_in_one_line(proc, "parameter measure", "out of range", code=2)


@pytest.mark.parametrize("params, words", [
    (["milestones_due", "--param", "month=13"], ("parameter month", "1 to 12")),
    (["departments_for_measure", "--param", "measure=0"], ("parameter measure", "1 or more")),
    (["departments_for_measure", "--param", "measure=9", "--param", "plan=2030"], ("plan", "2030")),
    (["departments_for_measure", "--param", "measure=30"], ("no loaded plan has a measure 30", "measures 1-26")),
    (["milestones_for_measure", "--param", "measure=27", "--param", "plan=2024"], ("has no measure 27",)),
])
def test_parameters_out_of_range_are_refused_before_neo4j_runs(loaded_real, neo4j_settings, params, words,
                                                                graph_cli):
    proc = graph_cli(neo4j_settings, "query", "--backend", "neo4j", *params)
    assert_fails_in_one_line(proc, *words, code=2)


# -- loads interrupted or undercut ------------------------------------------------------------------

def test_ctrl_c_during_a_load_says_rerun_and_the_rerun_converges(store, neo4j_settings, real_dataset, real_graph):
    store.wipe()
    proc = subprocess.Popen([sys.executable, "-m", "graph", "load-neo4j", "--batch-size", "3"], cwd=ROOT,
                            env=subprocess_env(neo4j_settings), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    for n, line in enumerate(proc.stderr, start=1):
        if n == 20:  # mid-way through the nodes
            proc.send_signal(signal.SIGINT)
            break
    out, rest = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert "Traceback" not in rest
    last = rest.strip().splitlines()
    assert len(last) == 1 and "run the same command again" in last[0] and "converges" in last[0], rest
    partial = store.totals()
    assert 0 < partial["nodes"] < real_graph.number_of_nodes()
    store.load(real_dataset.nodes, real_dataset.rels)  # the rerun (what the command does)
    assert snapshot(neo4j_settings) == graph_snapshot(real_graph)


def test_a_wipe_during_a_load_stops_it_with_one_line_saying_rerun(store, neo4j_settings, real_dataset, real_graph):
    store.wipe()
    wiped = []

    def progress(line):
        if line.startswith("relationships") and not wiped:  # another user wipes the project's nodes now
            wiped.append(write(neo4j_settings, "MATCH (n:Segment) DETACH DELETE n RETURN count(n) AS n"))

    with pytest.raises(StoreError) as e:
        store.load(real_dataset.nodes, real_dataset.rels, batch_size=50, progress=progress)
    message = str(e.value)
    assert "\n" not in message and "wiped during the load" in message and "run it again" in message
    store.load(real_dataset.nodes, real_dataset.rels)
    assert snapshot(neo4j_settings) == graph_snapshot(real_graph)
