"""The records every loader returns, and the one error type loaders raise.

A record names its node by (label, key); the graph layer turns that into an id
"Label:key" and checks labels, keys and relationship types against `graph.model.schema`.
Provenance lives in props: `source` (document id or "file:row") and, for text,
`span` = [start, end] character offsets into the source document.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Node", "Rel", "LoadError", "node_id"]


def node_id(label: str, key: Any) -> str:
    """The id a node has in every sink (networkx, JSON export, Neo4j `_id`)."""
    return f"{label}:{key}"


@dataclass(frozen=True)
class Node:
    label: str
    key: Any
    props: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def id(self) -> str:
        return node_id(self.label, self.key)


@dataclass(frozen=True)
class Rel:
    type: str
    start: tuple[str, Any]  # (label, key)
    end: tuple[str, Any]
    props: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def start_id(self) -> str:
        return node_id(*self.start)

    @property
    def end_id(self) -> str:
        return node_id(*self.end)


class LoadError(ValueError):
    """Bad input: says which file, where in it, and what was expected.

    `problems` holds every problem found (validation reports them all at once);
    `str()` is a single readable block naming file and place for each.
    """

    def __init__(self, file: str, problems: list[tuple[str, str]] | str, where: str = ""):
        if isinstance(problems, str):
            problems = [(where, problems)]
        self.file = file
        self.problems = problems
        lines = [f"{file}: {loc + ': ' if loc else ''}{msg}" for loc, msg in problems]
        super().__init__("\n".join(lines))
