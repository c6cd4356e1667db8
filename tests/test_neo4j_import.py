"""`scripts/neo4j-dev import DIR` of `export --format csv`: neo4j-admin builds, offline, the database the
driver load builds. A private server (own state, port, data dir) receives the import; the session's
server holds the driver-loaded graph; counts, every property and every named query are compared."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from graph.model import schema
from graph.named import run_named
from graph.stores import export, neo4j_fast
from graph.stores.neo4j import Neo4jStore
from tests.neo4j_support import NEO4J_DEV, PrivateServer, snapshot, typed, unavailable, write
from tests.test_neo4j_parity import CATALOGUE, PARAMS

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def imported(tmp_path_factory, real_graph, neo4j_settings):
    if not (shutil.which("java") and shutil.which("mvn")):
        unavailable("java or mvn missing: cannot run neo4j-admin")
    base = tmp_path_factory.mktemp("admin-import")
    export.write(real_graph, "csv", base / "csv")
    server = PrivateServer(base)  # not started: `import` starts one to import into
    try:
        proc = subprocess.run([str(NEO4J_DEV), "import", str(base / "csv")], env=server.env, capture_output=True,
                              text=True, timeout=600)
        server._record_pid()
        assert proc.returncode == 0, proc.stderr[-2000:]
        with Neo4jStore(server.settings) as store:
            yield store, server, proc.stdout
    finally:
        server.stop()
        server.end_leftovers()
        shutil.rmtree(server.data, ignore_errors=True)


def test_admin_import_holds_exactly_the_driver_loaded_graph(imported, loaded_real, neo4j_settings):
    store, server, out = imported
    assert store.counts() == loaded_real.counts()
    assert snapshot(server.settings) == snapshot(neo4j_settings)
    assert "neo4j-admin imported" in out and "constraints added" in out


@pytest.mark.parametrize("name", CATALOGUE)
def test_every_named_query_gives_the_same_rows(name, imported, loaded_real, real_graph):
    store = imported[0]
    non_empty = 0
    for params in PARAMS[name](real_graph):
        want = run_named(name, params, store=loaded_real)
        assert [typed(r) for r in run_named(name, params, store=store)] == [typed(r) for r in want], \
            f"{name}({params}) differs"
        non_empty += bool(want)
    assert non_empty, f"{name}: every parameter gave no rows"


def test_import_adds_the_constraints_and_marks_the_load_complete(imported, real_dataset):
    store, server, _ = imported
    rows = write(server.settings, "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type RETURN *")
    assert {(r["labelsOrTypes"][0], r["properties"][0]) for r in rows if r["type"] == "UNIQUENESS"} \
        == set(schema.NODE_KEYS.items())
    assert neo4j_fast.marker(store)["complete"] is True
    # a driver load over the imported database MERGEs and changes nothing
    before = snapshot(server.settings)
    lines = []
    store.load(real_dataset.nodes, real_dataset.rels, progress=lines.append)
    assert "first load" not in lines[-1] and not any("interrupted" in line for line in lines)
    assert snapshot(server.settings) == before


def test_import_refuses_a_folder_that_is_not_an_export(tmp_path):
    proc = subprocess.run([str(NEO4J_DEV), "import", str(tmp_path)], capture_output=True, text=True, timeout=60,
                          env={**PrivateServer(tmp_path).env})
    assert proc.returncode == 2 and "python -m graph export --format csv" in proc.stderr
