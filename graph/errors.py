"""Errors of the graph layer that interfaces turn into one-line messages."""
from __future__ import annotations

__all__ = ["StoreUnavailable", "ReadOnlyViolation"]


class StoreUnavailable(RuntimeError):
    """Neo4j cannot be used: server down, auth refused, unknown database, connection lost.
    The message names the problem and the URI, never the password."""


class ReadOnlyViolation(RuntimeError):
    """A console query tried to write; Neo4j refused it in a read transaction."""
