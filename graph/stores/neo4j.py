"""The Neo4j side of the graph: batched idempotent load, named queries, a read-only console.

One `Neo4jStore` holds one driver (one connection pool) built from `graph.stores.settings.Neo4jSettings`.
Everything goes through managed transactions (`session.execute_read` / `execute_write`,
`driver.execute_query` with a routing mode), so `neo4j://` and `neo4j+s://` URIs work against a
single server, a cluster or Aura alike. Every public method turns driver failures into
`graph.errors.StoreUnavailable` with one line naming the problem and the URI, never the password.

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

from neo4j import READ_ACCESS, WRITE_ACCESS, GraphDatabase, RoutingControl, unit_of_work
from neo4j import exceptions as nx4j
from neo4j.graph import Node as _GraphNode
from neo4j.graph import Path as _GraphPath
from neo4j.graph import Relationship as _GraphRel

from graph.model import schema
from graph.model.build import build_graph
from graph.errors import ReadOnlyViolation, StoreUnavailable
from graph.stores import neo4j_fast
from graph.stores.settings import Neo4jSettings

__all__ = ["Neo4jStore", "ConsoleRows", "plain", "storable", "READ_ONLY_MESSAGE"]

# The driver logs connection failures at WARNING/ERROR. Without a handler, Python's last-resort
# handler would print them to stderr next to our one-line message; applications that configure
# logging still receive them through the root logger.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

READ_ONLY_MESSAGE = "the console is read-only: Neo4j refused a write in a read transaction"
WIPE_BATCH = 5000
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ACCESS_MODE = "Neo.ClientError.Statement.AccessMode"
_DB_NOT_FOUND = "Neo.ClientError.Database.DatabaseNotFound"
# Bolt only: routing (neo4j) for clusters and Aura, direct (bolt) for a single server.
_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")

Progress = Callable[[str], None]


class ConsoleRows(list):
    """Rows of a console query (a list of dicts) that also says whether the row limit cut it short."""

    def __init__(self, rows=(), *, truncated: bool = False, limit: int | None = None):
        super().__init__(rows)
        self.truncated = truncated
        self.limit = limit


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
    """Neo4j access for the project: one driver, managed transactions, one-line errors.

    Parameters
    ----------
    settings : where to connect (`Neo4jSettings.from_env()` in the CLI and app).
    connection_timeout : seconds to wait for a TCP/TLS connection.
    max_retry_time : seconds the driver keeps retrying a transaction after a transient failure
        (lost connection, leader switch) before giving up with `StoreUnavailable`.

    Use it as a context manager, or call `close()`.
    """

    def __init__(self, settings: Neo4jSettings, *, connection_timeout: float = 10.0,
                 max_retry_time: float = 30.0):
        self.settings = settings
        self._driver = None
        self._checked = False  # the first operation verifies the server, so a dead one fails fast
        scheme = settings.uri.partition("://")[0].lower()
        if scheme not in _SCHEMES:
            raise self._fail(f"cannot use NEO4J_URI {self.where}: expected a Bolt URI "
                             f"({', '.join(s + '://' for s in _SCHEMES)}), e.g. neo4j+s://xxxx.databases.neo4j.io")
        with self._translate("connecting"):
            self._driver = GraphDatabase.driver(
                settings.uri, auth=(settings.user, settings.password),
                connection_timeout=connection_timeout, max_transaction_retry_time=max_retry_time)
            self._bookmarks = GraphDatabase.bookmark_manager()  # read-your-writes across sessions

    # -- plumbing -----------------------------------------------------------------------------

    def __enter__(self) -> "Neo4jStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def __repr__(self) -> str:
        return f"Neo4jStore({self.where})"

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

    def _fail(self, message: str) -> StoreUnavailable:
        self._checked = False  # after a failure the next operation checks the server again
        return StoreUnavailable(self._scrub(_one_line(message)))

    @contextmanager
    def _translate(self, doing: str):
        """Map driver failures to one-line `StoreUnavailable` (naming the URI, never the password)."""
        uri, user, db = self.where, self.settings.user, self.settings.database
        try:
            yield
        except StoreUnavailable:
            raise
        except nx4j.AuthError as e:
            raise self._fail(f"authentication failed for user {user} at {uri}") from e
        except nx4j.Forbidden as e:
            raise self._fail(f"user {user} may not do this at {uri} (database {db}): {_reason(e)}") from e
        except nx4j.ClientError as e:
            if e.code == _DB_NOT_FOUND:
                raise self._fail(f"database {db!r} does not exist at {uri}") from e
            if (e.code or "").startswith("Neo.ClientError.Security."):
                raise self._fail(f"Neo4j at {uri} refused user {user}: {_reason(e)}") from e
            if (e.code or "").endswith(".Transaction.Terminated"):
                raise self._fail(f"Neo4j at {uri} terminated the transaction while {doing}: {_reason(e)}") from e
            raise
        except (nx4j.SessionExpired, nx4j.IncompleteCommit) as e:
            raise self._fail(f"lost the connection to Neo4j at {uri} while {doing}: {_reason(e)}") from e
        except nx4j.ServiceUnavailable as e:
            raise self._fail(f"Neo4j at {uri} is unavailable while {doing} (is the server running "
                             f"and reachable?): {_reason(e)}") from e
        except (nx4j.TransientError, nx4j.DatabaseError) as e:  # shutting down, leader lost, server fault
            raise self._fail(f"Neo4j at {uri} could not serve database {db} while {doing}: "
                             f"{_reason(e)}") from e
        except (nx4j.ConfigurationError, nx4j.ConnectionAcquisitionTimeoutError) as e:
            raise self._fail(f"cannot use Neo4j at {uri}: {_reason(e)}") from e
        except ValueError as e:
            if self._driver is None:  # a URI the driver cannot parse
                raise self._fail(f"cannot use NEO4J_URI {uri}: {_reason(e)}") from e
            raise

    def _session(self, mode: str):
        if self._driver is None:
            raise self._fail(f"the store for {self.where} is closed")
        return self._driver.session(database=self.settings.database, default_access_mode=mode,
                                    bookmark_manager=self._bookmarks)

    def _write(self, cypher: str, params: dict | None = None) -> list[dict]:
        def work(tx):
            return [r.data() for r in tx.run(cypher, params or {})]
        with self._session(WRITE_ACCESS) as s:
            return s.execute_write(work)

    def _read(self, cypher: str, params: dict | None = None) -> list[dict]:
        def work(tx):
            return [r.data() for r in tx.run(cypher, params or {})]
        with self._session(READ_ACCESS) as s:
            return s.execute_read(work)

    # -- health -------------------------------------------------------------------------------

    def check(self) -> str:
        """The server's agent string ("Neo4j/5.26.30") once Bolt, auth and the database answer."""
        with self._translate("checking the connection"):
            if self._driver is None:
                raise self._fail(f"the store for {self.where} is closed")
            try:
                self._driver.verify_connectivity()
            except ValueError as e:  # the driver's word for an address it cannot resolve or use
                raise self._fail(f"cannot use NEO4J_URI {self.where}: {_reason(e)}") from e
            _, summary, _ = self._driver.execute_query(
                "RETURN 1 AS ok", database_=self.settings.database, routing_=RoutingControl.READ,
                bookmark_manager_=self._bookmarks)
            self._checked = True
            return summary.server.agent

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

    def ensure_constraints(self) -> list[str]:
        """One uniqueness constraint per schema label (IF NOT EXISTS); returns their names."""
        names = []
        self._ready()
        with self._translate("creating constraints"):
            for label, key in schema.NODE_KEYS.items():
                name = f"quzhou_{schema.check_label(label).lower()}_{key}"
                self._write(f"CREATE CONSTRAINT {_cypher_name(name)} IF NOT EXISTS "
                            f"FOR (n:`{label}`) REQUIRE n.{_cypher_name(key)} IS UNIQUE")
                names.append(name)
        return names

    def wipe(self, progress: Progress | None = None, *, batch_size: int = WIPE_BATCH) -> int:
        """Delete the nodes carrying this project's labels (and their relationships), in batches of
        `batch_size` per write transaction: relationships first, so a hub node with thousands of them
        never makes one huge transaction. Nodes with other labels only are left alone.
        Returns the number of nodes deleted."""
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
            raise ValueError(f"batch_size must be 1 or more, got {batch_size}")
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
                                raise RuntimeError(f"{kind} {name}: {len(batch) - written} of a batch of "
                                                   f"{len(batch)} were not written (was a node deleted "
                                                   f"during the load?); run the load again")
                            done += len(batch)
                            say(f"{kind} {name} {i + len(batch)}/{len(rows)}")
        except StoreUnavailable as e:
            raise self._fail(f"{e}; the load stopped after {done} of {total} entities, run it again "
                             f"once the server is back (loads are idempotent)") from e
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

    def run_named(self, query, params: dict) -> list[dict]:
        """Rows of a catalogue query (`graph.named.catalogue.Query`) with bound `params`, in a READ
        transaction; each row a dict of the query's `returns` columns with plain Python values."""
        def work(tx):
            result = tx.run(query.cypher, params)
            keys = tuple(result.keys())
            if set(keys) != set(query.returns):
                raise ValueError(f"query {query.name} returns columns {', '.join(keys)} but its header "
                                 f"says {', '.join(query.returns)}")
            return [{c: plain(record[c]) for c in query.returns} for record in result]
        self._ready()
        with self._translate(f"running query {query.name}"):
            try:
                with self._session(READ_ACCESS) as s:
                    return s.execute_read(work)
            except nx4j.ClientError as e:
                code = e.code or ""
                if code == _DB_NOT_FOUND or code.startswith("Neo.ClientError.Security.") \
                        or code.endswith(".Transaction.Terminated"):
                    raise
                raise ValueError(f"Neo4j refused query {query.name}: {_reason(e)}") from e

    def run_read_only(self, cypher: str, params: dict | None = None, *, timeout_s: float = 10.0,
                      limit: int = 1000) -> tuple[list[str], ConsoleRows]:
        """Run console Cypher in a READ transaction; returns (columns, rows).

        At most `limit` rows are fetched (`rows.truncated` says whether more were there).
        Enforcement is Neo4j's own: a write in a read transaction is refused by the server with
        Neo.ClientError.Statement.AccessMode, raised here as `ReadOnlyViolation`. There is no
        string check in front of it. A query running past `timeout_s` is terminated by the server
        and raised as `TimeoutError`; other refusals (syntax, types) as `ValueError`.
        """
        if not cypher or not cypher.strip():
            raise ValueError("the query is empty")
        if limit < 0:
            raise ValueError(f"limit must be 0 or more, got {limit}")
        self._ready()

        @unit_of_work(timeout=timeout_s)
        def work(tx):
            result = tx.run(cypher, params or {})
            columns = list(result.keys())
            rows, truncated = [], False
            for record in result:  # fetched lazily: stop pulling once past the limit
                if len(rows) >= limit:
                    truncated = True
                    break
                rows.append({k: plain(v) for k, v in record.items()})
            return columns, ConsoleRows(rows, truncated=truncated, limit=limit)

        with self._translate("running a console query"):
            try:
                with self._session(READ_ACCESS) as s:
                    return s.execute_read(work)
            except nx4j.ClientError as e:
                code = e.code or ""
                if code == _ACCESS_MODE:
                    raise ReadOnlyViolation(READ_ONLY_MESSAGE) from e
                if "TransactionTimedOut" in code:
                    raise TimeoutError(f"the query did not finish within {timeout_s:g} s and Neo4j "
                                       f"stopped it; narrow it down or add a LIMIT") from e
                if code == _DB_NOT_FOUND or code.startswith("Neo.ClientError.Security.") \
                        or code.endswith(".Transaction.Terminated"):
                    raise
                raise ValueError(f"Neo4j refused the query: {(e.message or str(e)).strip()}") from e
