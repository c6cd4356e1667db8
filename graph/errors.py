"""Errors of the graph layer that interfaces turn into one-line messages.

One family per layer: loaders raise `loaders.records.LoadError` (file and place); the graph layer
raises these. Every message is one line a user can act on and never holds a password.

    GraphError
    ├── UsageError         options that cannot work together (xlsx without --out, batch size 0)
    ├── QueryError         a query or its parameters cannot run (bad value, refused by Neo4j)
    │   ├── NotFound       a name that is not there; `suggestions` holds close matches
    │   ├── QueryRefused   the console refused a statement (not a plain read)
    │   │   └── ReadOnlyViolation   Neo4j itself refused a write in a read transaction
    │   ├── QueryTimeout   the server stopped a query that ran too long
    │   └── QueryTooBig    the server ran out of memory for a query (its transaction limit)
    └── StoreError         the store cannot do what was asked (load lost nodes, unusable settings)
        └── StoreUnavailable  server down, auth refused, unknown database, connection lost

`UsageError` and `QueryError` are also `ValueError`s and `StoreError` a `RuntimeError`, so callers written against
the built-in types keep working; the CLI catches these types, never every ValueError.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["GraphError", "UsageError", "QueryError", "NotFound", "QueryRefused", "ReadOnlyViolation", "QueryTimeout",
           "QueryTooBig", "StoreError", "StoreUnavailable"]


class GraphError(Exception):
    """Base of the graph layer's errors: `str()` is one line for the user."""


class UsageError(GraphError, ValueError):
    """Options or arguments that cannot work as given; the message names the option."""


class QueryError(GraphError, ValueError):
    """A query or its parameters cannot run."""


class NotFound(QueryError):
    """`what` named `name`, which does not exist; `suggestions` are the closest known names."""

    def __init__(self, what: str, name, known: Iterable[str] = (), *, suggestions: list[str] | None = None,
                 message: str | None = None):
        known = [str(k) for k in known]
        self.what, self.name = what, name
        self.kind = what  # the lookup's word for it: unit, chain, firm, plan, pillar, measure
        self.suggestions = tuple(suggestions if suggestions is not None
                                 else difflib.get_close_matches(str(name), known, n=3, cutoff=0.5))
        if message is None:
            message = f"no {what} named {name!r}"
            if self.suggestions:
                message += f"; did you mean {', '.join(self.suggestions)}?"
            elif known:
                message += f"; known: {', '.join(sorted(known))}"
        super().__init__(message)


class QueryRefused(QueryError):
    """The console refused a statement that is not a plain read (admin command, LOAD CSV, ...)."""


class ReadOnlyViolation(QueryRefused):
    """A console query tried to write; Neo4j refused it in a read transaction."""


class QueryTimeout(QueryError, TimeoutError):
    """The server stopped a query that ran past its timeout."""


class QueryTooBig(QueryError):
    """The server ran out of memory for a query (its per-transaction memory limit)."""


class StoreError(GraphError, RuntimeError):
    """The store cannot do what was asked; the message says what to do instead."""


class StoreUnavailable(StoreError):
    """Neo4j cannot be used: server down, auth refused, unknown database, connection lost.
    The message names the problem and the URI, never the password."""
