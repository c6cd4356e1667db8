"""The query-runner seam: everything `Neo4jStore` asks of a database, in five calls.

`Neo4jStore` writes Cypher, splits loads into batches, guards the console and turns failures into
one-line errors; a `QueryRunner` only carries statements to a server and rows back. `BoltRunner` is
the real one (the neo4j driver, managed transactions, routing URIs); tests give the store a
recording fake to check the Cypher, the batching and the error translation without a server.

A runner raises the driver's own exceptions (`neo4j.exceptions.*`); translating them is the
store's job, so a fake raises the same ones.
"""
from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any, Protocol

__all__ = ["Plan", "Streamed", "QueryRunner", "BoltRunner"]


@dataclass(frozen=True)
class Plan:
    """What the server says a statement would do, from `EXPLAIN`: its query type ("r" read,
    "rw" read-write, "w" write, "s" schema or administration) and the operators of its plan
    (name without the `@database` suffix, and the operator's details text)."""
    query_type: str
    operators: tuple[tuple[str, str], ...] = ()


@dataclass
class Streamed:
    """Rows of a streamed read: column names, records as dicts of driver values, and why the stream
    was cut short: None (it was not), "rows" (more than `max_rows`) or "bytes" (more than
    `max_bytes` arrived from the server)."""
    columns: list[str]
    records: list[dict] = field(default_factory=list)
    cut: str | None = None


class QueryRunner(Protocol):
    """What the store needs from a database."""

    def check(self) -> str:
        """Verify Bolt, auth and the database answer; return the server's agent ("Neo4j/5.26.x")."""

    def run(self, cypher: str, params: dict | None = None, *, write: bool = False) -> tuple[list[str], list[dict]]:
        """Run one statement in one managed transaction (retried on transient failures);
        return (columns, records as dicts of driver values)."""

    def explain(self, cypher: str, params: dict | None = None) -> Plan:
        """`EXPLAIN` the statement in a read transaction: nothing runs."""

    def stream(self, cypher: str, params: dict | None = None, *, timeout: float, max_rows: int,
               max_bytes: int) -> Streamed:
        """Run a read in one transaction with a server-side `timeout`, never retried, pulling at most
        `max_rows` records and at most `max_bytes` bytes from the server, then stopping."""

    def close(self) -> None:
        """Release connections."""


# -- the real runner ---------------------------------------------------------------------------

_NO_RETRY = ("MemoryPoolOutOfMemoryError", "OutOfMemoryError")  # retrying cannot make memory appear


class _Unretried(Exception):
    """Carries a driver error out of a managed transaction function so the driver does not retry it
    (the driver retries only its own transient errors)."""

    def __init__(self, error: Exception):
        super().__init__(str(error))
        self.error = error


def _rows(result) -> tuple[list[str], list[dict]]:
    keys = list(result.keys())
    return keys, [dict(zip(keys, record.values())) for record in result]


class _ByteCounter:
    """Stands in for a connection's socket while a console result streams in: counts the bytes the
    server sends and breaks the connection (an OSError, as a lost socket would) past the budget.
    The driver then drops that connection from its pool; nothing half-read is reused."""

    def __init__(self, sock, budget: int):
        self._sock, self.budget, self.received, self.over = sock, budget, 0, False

    def recv_into(self, buffer, nbytes=0):
        n = self._sock.recv_into(buffer, nbytes)
        self.received += n
        if self.received > self.budget:
            self.over = True
            raise OSError(f"result larger than {self.budget} bytes")
        return n

    def __getattr__(self, name):
        return getattr(self._sock, name)


def _count_bytes(tx, budget: int) -> Callable[[], _ByteCounter | None]:
    """Put a `_ByteCounter` between the transaction's connection and its socket; returns a function
    that restores the socket and gives the counter. Relies on the driver's connection internals
    (`tx._connection.inbox._socket`); when those are not there, records are counted instead."""
    inbox = getattr(getattr(tx, "_connection", None), "inbox", None)
    sock = getattr(inbox, "_socket", None)
    if sock is None or not hasattr(sock, "recv_into"):
        return lambda: None
    counter = _ByteCounter(sock, budget)
    inbox._socket = counter

    def restore():
        inbox._socket = sock
        return counter
    return restore


def _approx_size(value: Any) -> int:
    """Rough encoded size of a value, for the fallback byte budget."""
    if isinstance(value, (str, bytes)):
        return len(value) + 5
    if isinstance(value, dict):
        return sum(len(str(k)) + _approx_size(v) for k, v in value.items()) + 5
    if isinstance(value, (list, tuple)):
        return sum(map(_approx_size, value)) + 5
    if hasattr(value, "items") and callable(value.items):  # nodes and relationships
        return sum(len(str(k)) + _approx_size(v) for k, v in value.items()) + 20
    return 9


class BoltRunner:
    """The neo4j driver behind the seam: one driver (one connection pool), managed transactions
    with the driver's retries for loads and named queries, one unmanaged transaction for a console
    read (a timeout there must not be retried), bookmarks for read-your-writes across sessions."""

    def __init__(self, settings, *, connection_timeout: float = 10.0, max_retry_time: float = 30.0):
        from neo4j import GraphDatabase
        self.settings = settings
        self.driver = GraphDatabase.driver(
            settings.uri, auth=(settings.user, settings.password),
            connection_timeout=connection_timeout, max_transaction_retry_time=max_retry_time)
        self.bookmarks = GraphDatabase.bookmark_manager()

    def session(self, write: bool = False):
        """A session on the configured database (other loaders may open several in parallel).

        Writes are only the project's own load statements; the first load's `id()` (deprecated, chosen
        for speed: graph/stores/neo4j_fast.py) would otherwise log a server warning for every batch."""
        from neo4j import READ_ACCESS, WRITE_ACCESS, NotificationDisabledClassification
        quiet = {"notifications_disabled_classifications": [NotificationDisabledClassification.DEPRECATION]}
        return self.driver.session(database=self.settings.database,
                                   default_access_mode=WRITE_ACCESS if write else READ_ACCESS,
                                   bookmark_manager=self.bookmarks, **(quiet if write else {}))

    def close(self) -> None:
        self.driver.close()

    def check(self) -> str:
        from neo4j import RoutingControl
        self.driver.verify_connectivity()
        _, summary, _ = self.driver.execute_query(
            "RETURN 1 AS ok", database_=self.settings.database, routing_=RoutingControl.READ,
            bookmark_manager_=self.bookmarks)
        return summary.server.agent

    def run(self, cypher, params=None, *, write=False):
        from neo4j.exceptions import Neo4jError

        def work(tx):
            try:
                return _rows(tx.run(cypher, params or {}))
            except Neo4jError as e:
                if any(code in (e.code or "") for code in _NO_RETRY):
                    raise _Unretried(e) from e
                raise
        try:
            with self.session(write) as s:
                return s.execute_write(work) if write else s.execute_read(work)
        except _Unretried as e:
            raise e.error from None

    def explain(self, cypher, params=None):
        from graph.stores.console_guard import explained
        def work(tx):
            summary = tx.run(explained(cypher), params or {}).consume()
            ops: list[tuple[str, str]] = []

            def walk(plan):
                name = str(plan.get("operatorType", "")).split("@", 1)[0]
                ops.append((name, str((plan.get("args") or {}).get("Details") or "")))
                for child in plan.get("children") or ():
                    walk(child)
            if summary.plan:
                walk(summary.plan)
            return Plan(summary.query_type or "", tuple(ops))
        with self.session() as s:
            return s.execute_read(work)

    def stream(self, cypher, params=None, *, timeout, max_rows, max_bytes):
        from neo4j.exceptions import DriverError, Neo4jError
        with self.session() as s:
            tx = s.begin_transaction(timeout=timeout)
            restore = _count_bytes(tx, max_bytes)
            out = Streamed([])
            approx = 0
            try:
                result = tx.run(cypher, params or {})
                out.columns = list(result.keys())
                for record in result:  # fetched lazily: stop pulling once past a limit
                    if len(out.records) >= max_rows:
                        out.cut = "rows"
                        break
                    row = dict(zip(out.columns, record.values()))
                    approx += sum(map(_approx_size, row.values()))
                    if approx > max_bytes:  # the fallback when the socket cannot be counted
                        out.cut = "bytes"
                        break
                    out.records.append(row)
            except (OSError, DriverError, Neo4jError):
                counter = restore()
                if counter is not None and counter.over:
                    out.cut = "bytes"
                    return out
                raise
            finally:
                counter = restore()
                with suppress(Exception):  # a read: nothing to commit; a broken connection is dropped
                    tx.close()
            return out
