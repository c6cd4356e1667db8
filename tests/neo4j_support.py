"""Fixtures and helpers for the tests that need a real Neo4j (marker `neo4j`).

The server comes from the environment (`scripts/test` starts one and exports NEO4J_URI, NEO4J_USER,
NEO4J_PASSWORD). Without a configured, reachable server the tests skip with a loud reason, except
under CI=true, where they fail: CI must run them.

Registered as a pytest plugin in tests/conftest.py, so every test module can use these fixtures.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from graph.model import schema
from graph.errors import StoreUnavailable
from graph.stores.neo4j import Neo4jStore, storable
from graph.stores.settings import Neo4jSettings

__all__ = ["ROOT", "Interrupt", "stop_after_line", "typed", "unavailable", "neo4j_settings", "store", "fresh_store", "real_dataset", "real_graph",
           "loaded_real", "snapshot", "graph_snapshot", "write", "free_port", "private_server",
           "PrivateServer", "subprocess_env", "plans_dataset"]

ROOT = Path(__file__).resolve().parents[1]
NEO4J_DEV = ROOT / "scripts" / "neo4j-dev"


def unavailable(reason: str):
    """Skip loudly; under CI=true fail instead, so a CI run cannot pass without Neo4j."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and the Neo4j tests cannot run: {reason}", pytrace=False)
    pytest.skip(f"NEO4J TESTS SKIPPED: {reason}")


@pytest.fixture(scope="session")
def neo4j_settings() -> Neo4jSettings:
    """Settings of the test server from the environment, checked to answer."""
    settings = Neo4jSettings.from_env()
    if not settings.configured:
        unavailable("NEO4J_URI is not set; run the suite with scripts/test, or start a server with "
                    "scripts/neo4j-dev start && eval \"$(scripts/neo4j-dev env)\"")
    reason = None
    try:
        with Neo4jStore(settings) as s:
            s.check()
    except StoreUnavailable as e:
        reason = str(e)  # reported outside the except block: no chained driver traceback
    if reason:
        unavailable(reason)
    return settings


@pytest.fixture(scope="module")
def store(neo4j_settings):
    """A store on the test server, wiped of this project's labels when the module starts."""
    with Neo4jStore(neo4j_settings) as s:
        s.wipe()
        yield s


@pytest.fixture
def fresh_store(store):
    """The module's store, wiped before the test."""
    store.wipe()
    return store


@pytest.fixture(scope="session")
def real_dataset():
    from graph.model.dataset import load_dataset, sources_for
    return load_dataset(sources_for())


@pytest.fixture(scope="session")
def real_graph(real_dataset):
    from graph.model.build import build_graph
    return build_graph(real_dataset.nodes, real_dataset.rels)


def plans_dataset(plans) -> tuple:
    """(dataset, graph) of these plan files with the bundled unit table and ledgers."""
    from graph.model.build import build_graph
    from graph.model.dataset import load_dataset, sources_for
    ds = load_dataset(sources_for(plans))
    return ds, build_graph(ds.nodes, ds.rels)


@pytest.fixture(scope="module")
def loaded_real(store, real_dataset):
    """The module's store holding the real graph (one load per module)."""
    store.load(real_dataset.nodes, real_dataset.rels, wipe=True)
    return store


def typed(value):
    """The value with its type spelled out, recursively, so the comparison is exact."""
    if isinstance(value, list):
        return ["list", [typed(v) for v in value]]
    if isinstance(value, dict):
        return ["dict", {k: typed(v) for k, v in value.items()}]
    return [type(value).__name__, value]


def write(settings: Neo4jSettings, cypher: str, params: dict | None = None) -> list[dict]:
    """Run setup Cypher on the test server directly (not through the store under test)."""
    with GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password)) as driver:
        records, _, _ = driver.execute_query(cypher, params or {}, database_=settings.database)
        return [r.data() for r in records]


def _canon(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def snapshot(settings: Neo4jSettings) -> tuple[list[str], list[str]]:
    """A canonical export of this project's part of the database, read with a driver of its own:
    sorted JSON lines of nodes (labels, properties) and relationships (type, end keys, properties).
    Two databases hold the same project graph exactly when their snapshots are equal."""
    labels = list(schema.NODE_KEYS)
    nodes = write(settings, "MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) "
                            "RETURN labels(n) AS labels, properties(n) AS props", {"labels": labels})
    rels = write(settings, "MATCH (a)-[r]->(b) WHERE type(r) IN $types "
                           "RETURN type(r) AS type, labels(a) AS a, properties(a) AS ap, "
                           "labels(b) AS b, properties(b) AS bp, properties(r) AS props",
                 {"types": list(schema.RELATIONSHIPS)})

    def end(lbls, props):
        label = next(lbl for lbl in lbls if lbl in schema.NODE_KEYS)
        return [label, props[schema.NODE_KEYS[label]]]

    return (sorted(_canon([sorted(n["labels"]), n["props"]]) for n in nodes),
            sorted(_canon([r["type"], end(r["a"], r["ap"]), end(r["b"], r["bp"]), r["props"]]) for r in rels))


def graph_snapshot(g) -> tuple[list[str], list[str]]:
    """What `snapshot` must return after loading the networkx graph `g` (derived independently of
    the store: every attribute but the builder's own `label`/`key`/`type`, None left out)."""
    def props(d, skip):
        return {k: storable(v) for k, v in d.items() if k not in skip and v is not None}
    nodes = sorted(_canon([[d["label"]], props(d, ("label", "key"))]) for _, d in g.nodes(data=True))
    rels = sorted(_canon([d["type"], [g.nodes[u]["label"], g.nodes[u]["key"]],
                          [g.nodes[v]["label"], g.nodes[v]["key"]], props(d, ("type",))])
                  for u, v, d in g.edges(data=True))
    return nodes, rels


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def subprocess_env(settings: Neo4jSettings, **overrides) -> dict:
    """The environment for `python -m graph ...` pointing at `settings` (plus overrides)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(NEO4J_URI=settings.uri, NEO4J_USER=settings.user, NEO4J_PASSWORD=settings.password,
               NEO4J_DATABASE=settings.database, PYTHONPATH=str(ROOT))
    env.update(overrides)
    return env


class PrivateServer:
    """A Neo4j of the test's own (own port, state and data dir) that it may stop and start."""

    def __init__(self, base: Path):
        self.port = free_port()
        self.password = "pw-" + uuid.uuid4().hex
        self.state = base / "state"
        self.data = base / "data"
        self.env = {**os.environ, "NEO4J_DEV_PORT": str(self.port), "NEO4J_DEV_STATE": str(self.state),
                    "NEO4J_DEV_DATA": str(self.data), "NEO4J_PASSWORD": self.password,
                    # C1 only: quicker start and query compilation for a short-lived server
                    "NEO4J_DEV_JAVA_OPTS": f"-XX:TieredStopAtLevel=1 {os.environ.get('NEO4J_DEV_JAVA_OPTS', '')}"}
        self.settings = Neo4jSettings(uri=f"neo4j://127.0.0.1:{self.port}", password=self.password,
                                      configured=True)
        self.pids: set[int] = set()

    def run(self, command: str, timeout: float = 180) -> subprocess.CompletedProcess:
        proc = subprocess.run([str(NEO4J_DEV), command], env=self.env, capture_output=True, text=True,
                              timeout=timeout)
        if proc.returncode != 0 and command != "stop":
            raise RuntimeError(f"scripts/neo4j-dev {command} failed ({proc.returncode}): "
                               f"{proc.stderr.strip()[-2000:]}")
        return proc

    def _record_pid(self) -> None:
        try:
            self.pids.add(int((self.state / "neo4j.pid").read_text()))
        except (OSError, ValueError):
            pass

    def start(self):
        try:
            self.run("start")
        finally:
            self._record_pid()

    def stop(self):
        self.run("stop")

    def restart(self):
        try:
            self.run("restart")
        finally:
            self._record_pid()

    def end_leftovers(self) -> None:
        """After `stop`: end any server this object started that still runs (by pid, and only if
        its command line names this server's own data dir)."""
        for pid in self.pids:
            try:
                if str(self.data).encode() not in Path(f"/proc/{pid}/cmdline").read_bytes():
                    continue
                os.kill(pid, signal.SIGTERM)
                for _ in range(60):
                    time.sleep(0.5)
                    os.kill(pid, 0)
                os.kill(pid, signal.SIGKILL)
            except (OSError, ProcessLookupError):
                continue


@contextmanager
def private_server(base: Path):
    """Start a private server under `base`; always stopped (and its data dir removed) afterwards."""
    if not (shutil.which("java") and shutil.which("mvn")):
        unavailable("java or mvn missing: cannot start a private Neo4j for the fault tests")
    server = PrivateServer(base)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        server.end_leftovers()
        shutil.rmtree(server.data, ignore_errors=True)


class Interrupt(Exception):
    """Raised by `stop_after_line`'s progress callback: a load stopped part-way, as Ctrl-C would."""


def stop_after_line(n: int):
    """A progress callback that raises `Interrupt` on the n-th line it is given."""
    seen = []

    def progress(line):
        seen.append(line)
        if len(seen) == n:
            raise Interrupt(line)
    return progress
