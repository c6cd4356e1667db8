"""Errors of the graph layer that interfaces turn into one-line messages."""
from __future__ import annotations

__all__ = ["StoreUnavailable", "ReadOnlyViolation", "NotFound"]


class StoreUnavailable(RuntimeError):
    """Neo4j cannot be used: server down, auth refused, unknown database, connection lost.
    The message names the problem and the URI, never the password."""


class ReadOnlyViolation(RuntimeError):
    """A console query tried to write; Neo4j refused it in a read transaction."""


class NotFound(ValueError):
    """A name (unit, chain, firm, plan, pillar or measure) the graph does not hold.

    `suggestions` lists the closest names it does hold, best first, so a message can say
    "did you mean …" instead of guessing."""

    def __init__(self, kind: str, name: str, suggestions=(), message: str | None = None):
        self.kind, self.name, self.suggestions = kind, name, tuple(suggestions)
        if message is None:
            message = f"no {kind} named {name!r}"
            if self.suggestions:
                message += f"; did you mean {' / '.join(self.suggestions)}?"
        super().__init__(message)
