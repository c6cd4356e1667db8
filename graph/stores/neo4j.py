"""The Neo4j side of the graph: batched idempotent load, named queries, a read-only console.

One `Neo4jStore` holds one driver (one connection pool) built from `graph.stores.settings.Neo4jSettings`.
Everything goes through managed transactions (`session.execute_read` / `execute_write`,
`driver.execute_query` with a routing mode), so `neo4j://` and `neo4j+s://` URIs work against a
single server, a cluster or Aura alike. Every public method turns driver failures into
`graph.errors.StoreUnavailable` with one line naming the problem and the URI, never the password.
The driver sits behind `graph.stores.runner.QueryRunner`: the store writes the Cypher, batches and
translates errors; tests hand it a recording fake runner, or a real server.

Load contract (`Neo4jStore.load`):
  1. uniqueness constraints first, one per label of `graph.model.schema.NODE_KEYS`;
  2. nodes by label, `UNWIND $rows AS row MERGE (n:Label {key: row[0]}) SET n += row[1]`;
  3. relationships by type, `UNWIND $rows AS row MATCH (a:Start {key: row[0]}) MATCH (b:End {key: row[1]})
     MERGE (a)-[r:TYPE {identity: row[3]...}]->(b) SET r += row[2]`, identity being the schema's
     `graph.model.schema.REL_IDENTITY` properties (rank, stage, basis), so parallel edges stay apart;
  each batch of `batch_size` rows is its own write transaction. The records go through
  `graph.model.build.build_graph` first, so Neo4j receives exactly what the networkx graph holds (same
  duplicate merging, same schema checks) and the named queries return the same rows on both.
  MERGE makes a rerun, or a rerun after an interrupted load, end in the same state.
  A first load into a database without project data CREATEs instead, in two sessions
  (`graph.stores.neo4j_fast`, which also keeps the completion marker that tells an interrupted load).

Labels and relationship types cannot be Cypher parameters; they only ever come from the schema
whitelist (`schema.check_label` / `schema.check_rel_type`), never from input.
"""
from __future__ import annotations

import datetime as dt
import logging
import numbers
import re
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

from neo4j import exceptions as nx4j
from neo4j.graph import Node as _GraphNode
from neo4j.graph import Path as _GraphPath
from neo4j.graph import Relationship as _GraphRel

from graph.memory import gc_paused
from graph.model import schema
from graph.model.build import build_graph
from graph.errors import (QueryError, QueryTimeout, QueryTooBig, ReadOnlyViolation, StoreError,
                          StoreUnavailable, UsageError)
from graph.stores.console_guard import check_plan, unexplain
from graph.stores.runner import BoltRunner, QueryRunner
from graph.stores import neo4j_fast
from graph.stores.settings import Neo4jSettings

__all__ = ["Neo4jStore", "ConsoleRows", "plain", "storable", "READ_ONLY_MESSAGE", "CONSOLE_MAX_BYTES"]

# The driver logs connection failures at WARNING/ERROR. Without a handler, Python's last-resort
# handler would print them to stderr next to our one-line message; applications that configure
# logging still receive them through the root logger.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

READ_ONLY_MESSAGE = "the console is read-only: Neo4j refused a write in a read transaction"
WIPE_BATCH = 5000
CONSOLE_MAX_BYTES = 8 * 1024 * 1024  # what a console result may bring over the wire before it is cut
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ACCESS_MODE = "Neo.ClientError.Statement.AccessMode"
_DB_NOT_FOUND = "Neo.ClientError.Database.DatabaseNotFound"
# Bolt only: routing (neo4j) for clusters and Aura, direct (bolt) for a single server.
_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")

Progress = Callable[[str], None]


class ConsoleRows(list):
    """Rows of a console query (a list of dicts) that also says whether a limit cut it short:
    `cut` is None, "rows" (more than `limit` rows) or "bytes" (more than `max_bytes` bytes)."""

    def __init__(self, rows=(), *, truncated: bool = False, limit: int | None = None, cut: str | None = None,
                 max_bytes: int | None = None):
        super().__init__(rows)
        self.truncated = truncated or cut is not None
        self.cut = cut if cut is not None else ("rows" if truncated else None)
        self.limit = limit
        self.max_bytes = max_bytes


def _cypher_name(name: str) -> str:
    """A property name safe to splice into Cypher (it comes from the schema or the data's keys)."""
    if not _IDENT.fullmatch(name):
        raise ValueError(f"property name {name!r} is not a plain identifier")
    return f"`{name}`"


def storable(value, where: str = "a property"):
    """The value Neo4j stores for a graph property, or None to leave the property out.

    Primitives stay as they are, lists stay lists (of one element type), dates and times become
    ISO strings; maps and mixed lists cannot be stored faithfully and raise ValueError.

    >>> storable((1, 2)), storable(dt.date(2024, 6, 30)), storable(None), storable(True)
    ([1, 2], '2024-06-30', None, True)
    """
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [storable(v, where) for v in (sorted(value) if isinstance(value, (set, frozenset)) else value)]
        kinds = {type(v) for v in items}
        if None in items or any(isinstance(v, list) for v in items) or len(kinds) > 1:
            raise ValueError(f"{where} holds {value!r}: Neo4j stores only lists of one primitive type")
        return items
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, dict):
        raise ValueError(f"{where} holds a map {value!r}: Neo4j cannot store maps as properties")
    return str(value)


_PRIMITIVE = (str, int, float, bool)


def _props(attrs: dict, skip: tuple[str, ...], where: str) -> dict:
    out = {}
    for k, v in attrs.items():
        if v is None or k in skip:
            continue
        if type(v) not in _PRIMITIVE:  # the common case skips the call
            v = storable(v, f"{where}.{k}")
            if v is None:
                continue
        out[k] = v
    return out


def plain(value):
    """A query result value as plain Python: temporal values become ISO strings, nodes and
    relationships their properties (with `_labels` / `_type`), paths alternating lists of both.

    >>> plain([1, 2.5, "a", None, {"k": True}])
    [1, 2.5, 'a', None, {'k': True}]
    """
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, _GraphNode):
        return {"_labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, _GraphRel):
        return {"_type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, _GraphPath):
        parts = [plain(value.nodes[0])]
        for rel, node in zip(value.relationships, value.nodes[1:]):
            parts += [plain(rel), plain(node)]
        return parts
    if hasattr(value, "iso_format"):  # neo4j.time Date, DateTime, Time, Duration
        return value.iso_format()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _one_line(text, limit: int | None = None) -> str:
    """`text` on one line; cut to `limit` characters when given (for a driver's wordy reasons)."""
    text = " ".join(str(text).split())
    return text if limit is None or len(text) <= limit else text[:limit - 1] + "…"


def _reason(e: Exception) -> str:
    """The driver's own words for a failure, short: the server's message, else the exception text."""
    return _one_line(getattr(e, "message", None) or str(e) or type(e).__name__, 200)


class Neo4jStore:
    """Neo4j access for the project: one runner (one driver, one connection pool), managed
    transactions, one-line errors.

    Parameters
    ----------
    settings : where to connect (`Neo4jSettings.from_env()` in the CLI and app).
    connection_timeout : seconds to wait for a TCP/TLS connection.
    max_retry_time : seconds the driver keeps retrying a transaction after a transient failure
        (lost connection, leader switch) before giving up with `StoreUnavailable`.
    runner : the `QueryRunner` to use instead of a `BoltRunner` on `settings` (tests pass a fake).

    Use it as a context manager, or call `close()`.
    """

    def __init__(self, settings: Neo4jSettings, *, connection_timeout: float = 10.0,
                 max_retry_time: float = 30.0, runner: QueryRunner | None = None):
        self.settings = settings
        self._runner: QueryRunner | None = None
        self._checked = False  # the first operation verifies the server, so a dead one fails fast
        self._refuse_unusable_settings()
        if runner is None:
            with self._translate("connecting"):
                runner = BoltRunner(settings, connection_timeout=connection_timeout,
                                    max_retry_time=max_retry_time)
        self._runner = runner

    def _refuse_unusable_settings(self) -> None:
        """Settings no server can serve, refused before any connection is tried."""
        scheme = self.settings.uri.partition("://")[0].lower()
        if scheme not in _SCHEMES:
            raise self._fail(f"cannot use NEO4J_URI {self.where}: expected a Bolt URI "
                             f"({', '.join(s + '://' for s in _SCHEMES)}), e.g. neo4j+s://xxxx.databases.neo4j.io")
        if "@" in self.settings.uri.partition("://")[2].partition("/")[0]:
            raise self._fail(f"cannot use NEO4J_URI {self.where}: it holds a user name or password "
                             f"(user:password@host); put the user in NEO4J_USER and the password in "
                             f"NEO4J_PASSWORD")
        if self.settings.database.strip().lower() == "system":
            raise self._fail(f"cannot use NEO4J_DATABASE=system at {self.where}: that is Neo4j's "
                             f"administration database and holds no graph; set NEO4J_DATABASE to the "
                             f"project's database (default neo4j)")

    # -- plumbing -----------------------------------------------------------------------------

    def __enter__(self) -> "Neo4jStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._runner is not None:
            self._runner.close()
            self._runner = None

    def __repr__(self) -> str:
        return f"Neo4jStore({self.where})"

    @property
    def runner(self) -> QueryRunner:
        """The runner every statement goes through (refuses when the store is closed)."""
        if self._runner is None:
            raise self._fail(f"the store for {self.where} is closed")
        return self._runner

    @property
    def _driver(self):
        """The driver of a `BoltRunner` (None once closed, or with another runner)."""
        return getattr(self._runner, "driver", None)

    @property
    def where(self) -> str:
        """The URI without any user info, safe to print."""
        uri = self.settings.uri
        try:
            parts = urlsplit(uri)
        except ValueError:
            return uri.rpartition("@")[2]
        if "@" in parts.netloc:
            parts = parts._replace(netloc=parts.netloc.rpartition("@")[2])
        return urlunsplit(parts)

    def _scrub(self, text: str) -> str:
        """Remove anything secret a driver message may echo: the password, URI user info."""
        text = text.replace(self.settings.uri, self.where)
        try:
            secrets = [self.settings.password, urlsplit(self.settings.uri).password]
        except ValueError:
            secrets = [self.settings.password]
        for secret in secrets:
            if secret and len(secret) >= 4:
                text = text.replace(secret, "***")
        return text

    def _fail(self, message: str, kind: type = StoreUnavailable):
        self._checked = False  # after a failure the next operation checks the server again
        return kind(self._scrub(_one_line(message)))

    @contextmanager
    def _translate(self, doing: str):
        """Map driver failures to one-line errors (naming the URI, never the password):
        `StoreUnavailable` for the server and the connection, `QueryTimeout` / `QueryTooBig` for a
        statement the server stopped; other client errors pass through for the caller to word."""
        uri, user, db = self.where, self.settings.user, self.settings.database
        try:
            yield
        except (StoreError, QueryError):
            raise
        except nx4j.AuthError as e:
            raise self._fail(f"authentication failed for user {user} at {uri}") from e
        except nx4j.Forbidden as e:
            raise self._fail(f"user {user} may not do this at {uri} (database {db}): {_reason(e)}") from e
        except nx4j.ClientError as e:
            code = e.code or ""
            if code == _DB_NOT_FOUND:
                raise self._fail(f"database {db!r} does not exist at {uri}") from e
            if code.startswith("Neo.ClientError.Security."):
                raise self._fail(f"Neo4j at {uri} refused user {user}: {_reason(e)}") from e
            if "TransactionTimedOut" in code:
                raise self._fail(f"Neo4j at {uri} stopped the statement while {doing}: it ran past its "
                                 f"timeout", QueryTimeout) from e
            if code.endswith(".Transaction.Terminated"):
                raise self._fail(f"Neo4j at {uri} terminated the transaction while {doing}: {_reason(e)}") from e
            raise
        except (nx4j.TransientError, nx4j.DatabaseError) as e:  # shutting down, leader lost, server fault
            if "OutOfMemory" in (e.code or ""):
                raise self._fail(f"Neo4j at {uri} ran out of memory while {doing} (its per-transaction "
                                 f"limit, db.memory.transaction.max): {_reason(e)}", QueryTooBig) from e
            raise self._fail(f"Neo4j at {uri} could not serve database {db} while {doing}: "
                             f"{_reason(e)}") from e
        except (nx4j.SessionExpired, nx4j.IncompleteCommit) as e:
            raise self._fail(f"lost the connection to Neo4j at {uri} while {doing}: {_reason(e)}") from e
        except nx4j.ServiceUnavailable as e:
            raise self._fail(f"Neo4j at {uri} is unavailable while {doing} (is the server running "
                             f"and reachable?): {_reason(e)}") from e
        except (nx4j.ConfigurationError, nx4j.ConnectionAcquisitionTimeoutError) as e:
            raise self._fail(f"cannot use Neo4j at {uri}: {_reason(e)}") from e
        except OverflowError as e:  # the driver packs integers into 64 bits
            raise self._fail(f"a value is out of the range Neo4j can store while {doing}: {_reason(e)}",
                             QueryError) from e
        except ValueError as e:
            if self._runner is None:  # a URI the driver cannot parse
                raise self._fail(f"cannot use NEO4J_URI {uri}: {_reason(e)}") from e
            raise

    def _session(self, mode: str):
        """A driver session on the configured database (`BoltRunner` only), for code that manages
        its own transactions."""
        from neo4j import WRITE_ACCESS
        return self.runner.session(write=mode == WRITE_ACCESS)

    def _write(self, cypher: str, params: dict | None = None) -> list[dict]:
        return self.runner.run(cypher, params, write=True)[1]

    def _read(self, cypher: str, params: dict | None = None) -> list[dict]:
        return self.runner.run(cypher, params)[1]

    # -- health -------------------------------------------------------------------------------

    def check(self) -> str:
        """The server's agent string ("Neo4j/5.26.30") once Bolt, auth and the database answer."""
        with self._translate("checking the connection"):
            runner = self.runner
            try:
                agent = runner.check()
            except ValueError as e:  # the driver's word for an address it cannot resolve or use
                raise self._fail(f"cannot use NEO4J_URI {self.where}: {_reason(e)}") from e
            self._checked = True
            return agent

    def _ready(self) -> None:
        """Check the server once per store before the first operation: without it a dead server
        would only surface after the driver's transaction retries (`max_retry_time`)."""
        if not self._checked:
            self.check()

    # -- load ---------------------------------------------------------------------------------

    @staticmethod
    def prepare(nodes: Iterable, rels: Iterable) -> tuple[dict[str, list], dict[str, list]]:
        """Rows to write, per label and per type, from the graph `build_graph` makes of the records.

        Rows are lists (they pack smaller than maps): a node row is `[key, props]`, a relationship
        row `[start key, end key, props, *identity]`, where identity holds the values of the schema's
        identity properties (`REL_IDENTITY`, in that order) that MERGE matches on.
        """
        with gc_paused():  # a row per entity, beside the records and the graph (see gc_paused)
            g = build_graph(nodes, rels)
            node_rows: dict[str, list] = {label: [] for label in schema.NODE_KEYS}
            for n, d in g.nodes(data=True):
                node_rows[d["label"]].append([d["key"], _props(d, ("label", "key"), n)])
            rel_rows: dict[str, list] = {t: [] for t in schema.RELATIONSHIPS}
            for u, v, d in g.edges(data=True):
                t = d["type"]
                where = f"{t} {u}->{v}"
                row = [g.nodes[u]["key"], g.nodes[v]["key"], _props(d, ("type",), where)]
                for p in schema.REL_IDENTITY.get(t, ()):
                    value = storable(d.get(p), f"{where}.{p}")
                    if value is None:
                        raise ValueError(f"{where} lacks {p}, which identifies a {t} relationship")
                    row.append(value)
                rel_rows[t].append(row)
            return ({k: v for k, v in node_rows.items() if v}, {k: v for k, v in rel_rows.items() if v})

    @staticmethod
    def _node_cypher(label: str) -> str:
        label = schema.check_label(label)
        key = _cypher_name(schema.key_property(label))
        return (f"UNWIND $rows AS row MERGE (n:`{label}` {{{key}: row[0]}}) SET n += row[1] "
                f"RETURN count(n) AS written")

    @staticmethod
    def _rel_cypher(rel_type: str) -> str:
        rel_type = schema.check_rel_type(rel_type)
        start, end = schema.RELATIONSHIPS[rel_type]
        ident = ", ".join(f"{_cypher_name(p)}: row[{i}]"
                          for i, p in enumerate(schema.REL_IDENTITY.get(rel_type, ()), start=3))
        return (f"UNWIND $rows AS row "
                f"MATCH (a:`{start}` {{{_cypher_name(schema.key_property(start))}: row[0]}}) "
                f"MATCH (b:`{end}` {{{_cypher_name(schema.key_property(end))}: row[1]}}) "
                f"MERGE (a)-[r:`{rel_type}`{' {' + ident + '}' if ident else ''}]->(b) "
                f"SET r += row[2] "
                f"RETURN count(r) AS written")

    @staticmethod
    def _constraint_cypher(label: str) -> tuple[str, str]:
        """(name, statement) of the uniqueness constraint on `label`'s key."""
        key = schema.NODE_KEYS[schema.check_label(label)]
        name = f"quzhou_{label.lower()}_{key}"
        return name, (f"CREATE CONSTRAINT {_cypher_name(name)} IF NOT EXISTS "
                      f"FOR (n:`{label}`) REQUIRE n.{_cypher_name(key)} IS UNIQUE")

    def ensure_constraints(self) -> list[str]:
        """One uniqueness constraint per schema label (IF NOT EXISTS); returns their names."""
        names = []
        self._ready()
        with self._translate("creating constraints"):
            for label in schema.NODE_KEYS:
                name, cypher = self._constraint_cypher(label)
                self._write(cypher)
                names.append(name)
        return names

    def wipe(self, progress: Progress | None = None, *, batch_size: int = WIPE_BATCH) -> int:
        """Delete the nodes carrying this project's labels (and their relationships), in batches of
        `batch_size` per write transaction: relationships first, so a hub node with thousands of them
        never makes one huge transaction. Nodes with other labels only are left alone.
        Returns the number of nodes deleted."""
        if batch_size < 1:
            raise UsageError(f"wipe batch_size must be 1 or more, got {batch_size}")
        say = progress or (lambda _msg: None)
        deleted = 0
        self._ready()
        with self._translate("wiping"):
            for label in schema.NODE_KEYS:
                label = schema.check_label(label)
                for cypher, of_nodes in ((f"MATCH (:`{label}`)-[r]-() WITH DISTINCT r LIMIT $limit "
                                          f"DELETE r RETURN count(r) AS deleted", False),
                                         (f"MATCH (n:`{label}`) WITH n LIMIT $limit "
                                          f"DETACH DELETE n RETURN count(n) AS deleted", True)):
                    while True:
                        n = self._write(cypher, {"limit": batch_size})[0]["deleted"]
                        deleted += n if of_nodes else 0
                        if n < batch_size:
                            break
        say(f"wipe removed {deleted} nodes with this project's labels")
        return deleted

    def load(self, nodes: Iterable, rels: Iterable, *, batch_size: int = 1000, wipe: bool = False,
             progress: Progress | None = None) -> dict[str, int]:
        """Write the records (see the module docstring); returns the project's totals afterwards:
        `{"nodes": int, "relationships": int}`.

        `progress` receives lines such as "nodes Department 51/51" and
        "relationships RESPONSIBLE_FOR 158/158", then a summary with the throughput.
        An exception raised by `progress` stops the load (what was written stays; rerun to finish).
        """
        if batch_size < 1:
            raise UsageError(f"batch_size (--batch-size) must be 1 or more, got {batch_size}")
        say = progress or (lambda _msg: None)
        node_rows, rel_rows = self.prepare(nodes, rels)
        total = sum(map(len, node_rows.values())) + sum(map(len, rel_rows.values()))
        self._ready()
        if wipe:
            self.wipe(say)
        self.ensure_constraints()
        # A first load into an empty database CREATEs (graph.stores.neo4j_fast); any other MERGEs below.
        if neo4j_fast.begin_load(self, say):
            counts = neo4j_fast.first_load(self, node_rows, rel_rows, batch_size=batch_size, progress=say)
            if counts is not None:
                return counts
        done, t0 = 0, time.perf_counter()

        def stopped(e: Exception, advice: str) -> str:
            return f"{e}; the load stopped after {done} of {total} entities, {advice} (loads are idempotent)"
        try:
            with self._translate("loading"):
                for kind, groups, cypher_for in (("nodes", node_rows, self._node_cypher),
                                                 ("relationships", rel_rows, self._rel_cypher)):
                    for name, rows in groups.items():
                        cypher = cypher_for(name)
                        for i in range(0, len(rows), batch_size):
                            batch = rows[i:i + batch_size]
                            written = self._write(cypher, {"rows": batch})[0]["written"]
                            if written != len(batch):  # MATCH found no end node
                                raise self._fail(
                                    f"{kind} {name}: {len(batch) - written} of a batch of {len(batch)} were "
                                    f"not written, their end nodes are gone (was the database wiped during "
                                    f"the load?); the load stopped after {done} of {total} entities, run it "
                                    f"again (loads are idempotent)", StoreError)
                            done += len(batch)
                            say(f"{kind} {name} {i + len(batch)}/{len(rows)}")
        except QueryTooBig as e:
            raise self._fail(stopped(e, "run it again with a smaller --batch-size"), QueryTooBig) from e
        except StoreUnavailable as e:
            raise self._fail(stopped(e, "run it again once the server is back")) from e
        elapsed = time.perf_counter() - t0
        neo4j_fast.finish_load(self, sum(map(len, node_rows.values())), sum(map(len, rel_rows.values())))
        counts = self.totals()
        say(f"wrote {done} entities in {elapsed:.2f} s ({done / max(elapsed, 1e-9):,.0f} entities/s); "
            f"database holds {counts['nodes']} nodes and {counts['relationships']} relationships "
            f"of this project")
        return counts

    # -- counts -------------------------------------------------------------------------------

    def counts(self) -> dict[str, dict[str, int]]:
        """`{"nodes": {label: n}, "relationships": {type: n}}` for every schema label and type."""
        self._ready()
        with self._translate("counting"):
            nodes = {label: self._read(f"MATCH (n:`{schema.check_label(label)}`) RETURN count(n) AS n")[0]["n"]
                     for label in schema.NODE_KEYS}
            rels = {t: self._read(f"MATCH ()-[r:`{schema.check_rel_type(t)}`]->() RETURN count(r) AS n")[0]["n"]
                    for t in schema.RELATIONSHIPS}
        return {"nodes": nodes, "relationships": rels}

    def totals(self) -> dict[str, int]:
        """Nodes carrying a project label (each once) and relationships of project types."""
        self._ready()
        with self._translate("counting"):
            n = self._read("MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) RETURN count(n) AS n",
                           {"labels": list(schema.NODE_KEYS)})[0]["n"]
        return {"nodes": n, "relationships": sum(self.counts()["relationships"].values())}

    # -- queries ------------------------------------------------------------------------------

    @staticmethod
    def _passes_through(e: nx4j.ClientError) -> bool:
        """Client errors that are about the server or the session, not the statement."""
        code = e.code or ""
        return (code == _DB_NOT_FOUND or code.startswith("Neo.ClientError.Security.")
                or code.endswith(".Transaction.Terminated") or "TransactionTimedOut" in code)

    def run_named(self, query, params: dict) -> list[dict]:
        """Rows of a catalogue query (`graph.named.catalogue.Query`) with bound `params`, in a READ
        transaction; each row a dict of the query's `returns` columns with plain Python values."""
        self._ready()
        with self._translate(f"running query {query.name}"):
            try:
                keys, records = self.runner.run(query.cypher, params)
            except nx4j.ClientError as e:
                if self._passes_through(e):
                    raise
                raise QueryError(self._scrub(f"Neo4j refused query {query.name}: {_reason(e)}")) from e
        if set(keys) != set(query.returns):  # a catalogue bug, not bad input
            raise ValueError(f"query {query.name} returns columns {', '.join(keys)} but its header "
                             f"says {', '.join(query.returns)}")
        return [{c: plain(r[c]) for c in query.returns} for r in records]

    def run_read_only(self, cypher: str, params: dict | None = None, *, timeout_s: float = 10.0,
                      limit: int = 1000, max_bytes: int = CONSOLE_MAX_BYTES) -> tuple[list[str], ConsoleRows]:
        """Run console Cypher if Neo4j plans it as a plain read; returns (columns, rows).

        1. `EXPLAIN` first (nothing runs): `graph.stores.console_guard.check_plan` refuses, as
           `QueryRefused`, anything but a read over the graph: writes (`ReadOnlyViolation`),
           administration and transaction commands, `LOAD CSV`, procedures off the allow-list.
        2. Then it runs in a READ transaction (Neo4j refuses a write there too: `ReadOnlyViolation`)
           with a server-side timeout (`QueryTimeout`), never retried.
        3. At most `limit` rows and `max_bytes` bytes from the server are read, then the stream
           stops (`rows.cut` says "rows" or "bytes"); a server out of memory gives `QueryTooBig`.
        Other refusals (syntax, types) raise `QueryError` with Neo4j's message.
        """
        if not cypher or not cypher.strip():
            raise QueryError("the query is empty")
        if limit < 0:
            raise UsageError(f"limit must be 0 or more, got {limit}")
        if max_bytes < 1:
            raise UsageError(f"max_bytes must be 1 or more, got {max_bytes}")
        self._ready()
        with self._translate("running a console query"):
            try:
                plan = self.runner.explain(cypher, params)
            except nx4j.ClientError as e:
                if self._passes_through(e):
                    raise
                raise QueryError(self._scrub(f"Neo4j refused the query: {unexplain(_reason(e))}")) from e
            check_plan(plan)
            try:
                streamed = self.runner.stream(cypher, params, timeout=timeout_s, max_rows=limit,
                                              max_bytes=max_bytes)
            except nx4j.ClientError as e:
                code = e.code or ""
                if code == _ACCESS_MODE:
                    raise ReadOnlyViolation(READ_ONLY_MESSAGE) from e
                if "TransactionTimedOut" in code:
                    raise QueryTimeout(f"the query did not finish within {timeout_s:g} s and Neo4j "
                                       f"stopped it; narrow it down or add a LIMIT") from e
                if self._passes_through(e):
                    raise
                raise QueryError(self._scrub(f"Neo4j refused the query: {_reason(e)}")) from e
        rows = [{k: plain(v) for k, v in r.items()} for r in streamed.records]
        return streamed.columns, ConsoleRows(rows, cut=streamed.cut, limit=limit, max_bytes=max_bytes)
