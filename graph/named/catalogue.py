"""Named queries: one `queries/<name>.cypher` file each, with a header the catalogue checks.

Header lines (before the Cypher):
    // name: departments_for_measure
    // description: Units responsible for a measure, in the plan's order.
    // params: measure:int            (comma-separated name:type, `?` = optional; or "none")
    // returns: rank, department, role, kind
The loader refuses a file whose name differs from its `name:`, or whose declared parameters differ
from the `$params` the Cypher uses, so a query cannot silently ignore or miss an argument.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graph.errors import QueryError

__all__ = ["Param", "Query", "CatalogueError", "load_catalogue", "QUERIES_DIR", "RANGES"]

QUERIES_DIR = Path(__file__).resolve().parents[2] / "queries"
_HEADER = re.compile(r"^//\s*(name|description|params|returns):\s*(.*?)\s*$")
_PARAM_USE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_INT64 = (-2 ** 63, 2 ** 63 - 1)
_TYPES = ("int", "str", "date", "float", "bool", "list")
_TRUE, _FALSE = ("1", "true", "yes", "y", "是"), ("0", "false", "no", "n", "否")

# What a parameter name means is the same in every query that takes it, so its range is checked here,
# once, before either backend runs: a month 13 or a measure 0 would otherwise return no rows, silently.
RANGES: dict[str, tuple[int | None, int | None]] = {
    "month": (1, 12),  # a calendar month
    "measure": (1, None),  # measure numbers start at 1
    "pillar": (1, None),  # so do pillar numbers
    "limit": (0, None),  # Neo4j refuses a negative LIMIT
}
# done tokens of overdue_milestones: M9 (a measure), M9-D1 (a milestone), optionally "<plan>#" before
_DONE_TOKEN = re.compile(r"(?:[^#\s]+#)?M\d+(?:-D\d+)?")


def _range_text(low, high) -> str:
    return f"{low} to {high}" if high is not None else f"{low} or more"


class CatalogueError(QueryError):
    """A query file whose header is missing, malformed or disagrees with its Cypher."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    optional: bool

    def coerce(self, value):
        """Turn a CLI/UI string (or already-typed value) into the declared type and check its range
        (RANGES); an empty string is no value. Raises QueryError naming the parameter."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        value = self._typed(value)
        if self.name in RANGES and value is not None:
            low, high = RANGES[self.name]
            if (low is not None and value < low) or (high is not None and value > high):
                raise QueryError(f"parameter {self.name} must be {_range_text(low, high)}, got {value}")
        if self.name == "done":
            bad = [t for t in value if not _DONE_TOKEN.fullmatch(t)]
            if bad:
                raise QueryError(f"parameter done: {', '.join(map(repr, bad))} is not a measure (M9) or "
                                 f"milestone (M9-D1) id, optionally after '<plan>#'")
        return value

    def _typed(self, value):
        try:
            if self.type == "int":
                if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                    raise ValueError(value)
                number = int(value)
                if not _INT64[0] <= number <= _INT64[1]:  # what Neo4j (and Bolt) can hold
                    raise QueryError(f"parameter {self.name} expects int, got {value!r}: out of range "
                                     f"({_INT64[0]} to {_INT64[1]})")
                return number
            if self.type == "float":
                number = float(value)
                if not math.isfinite(number):
                    raise QueryError(f"parameter {self.name} expects a finite float, got {value!r}")
                return number
            if self.type == "bool":
                if isinstance(value, bool):
                    return value
                word = str(value).strip().lower()
                if word not in _TRUE + _FALSE:
                    raise ValueError(value)
                return word in _TRUE
            if self.type == "date":
                return (value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))).isoformat()
            if self.type == "list":
                return list(value) if isinstance(value, (list, tuple, set)) else \
                    [v.strip() for v in str(value).split(",") if v.strip()]
            return str(value)
        except QueryError:
            raise
        except (ValueError, TypeError, OverflowError):
            raise QueryError(f"parameter {self.name} expects {self.type}, got {value!r}") from None


@dataclass(frozen=True)
class Query:
    name: str
    description: str
    params: tuple[Param, ...]
    returns: tuple[str, ...]
    cypher: str
    path: Path

    def bind(self, given: dict) -> dict:
        """Check and coerce parameters: unknown or missing required ones raise QueryError."""
        known = {p.name: p for p in self.params}
        unknown = set(given) - set(known)
        if unknown:
            raise QueryError(f"query {self.name} has no parameter {', '.join(sorted(unknown))}; "
                             f"it takes: {self.signature() or 'no parameters'}")
        bound = {}
        for p in self.params:
            bound[p.name] = p.coerce(given.get(p.name))
            if bound[p.name] is None and not p.optional:
                raise QueryError(f"query {self.name} needs --param {p.name}=<{p.type}>")
        start, end = bound.get("start"), bound.get("end")
        if start is not None and end is not None and start > end:  # ISO dates compare as text
            raise QueryError(f"parameter start ({start}) is after end ({end})")
        return bound

    def signature(self) -> str:
        return ", ".join(f"{p.name}:{p.type}{'?' if p.optional else ''}" for p in self.params)


def _parse_params(spec: str, path: Path) -> tuple[Param, ...]:
    if spec.strip().lower() in ("", "none"):
        return ()
    params = []
    for item in spec.split(","):
        m = re.fullmatch(r"\s*([A-Za-z_]\w*)\s*:\s*(\w+)(\?)?\s*", item)
        if not m or m.group(2) not in _TYPES:
            raise CatalogueError(f"{path}: bad parameter {item.strip()!r}; expected name:type[?] "
                                 f"with type in {', '.join(_TYPES)}")
        params.append(Param(m.group(1), m.group(2), bool(m.group(3))))
    return tuple(params)


def parse_query(path: Path) -> Query:
    header, body = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _HEADER.match(line)
        if m and not body:
            header[m.group(1)] = m.group(2)
        elif line.strip() and not line.lstrip().startswith("//"):
            body.append(line)
    missing = {"name", "description", "params", "returns"} - set(header)
    if missing:
        raise CatalogueError(f"{path}: header lacks {', '.join(sorted(missing))}")
    if header["name"] != path.stem:
        raise CatalogueError(f"{path}: name {header['name']!r} differs from the file name")
    params = _parse_params(header["params"], path)
    cypher = "\n".join(body)
    used = set(_PARAM_USE.findall(cypher))
    declared = {p.name for p in params}
    if used != declared:
        raise CatalogueError(f"{path}: declared parameters {sorted(declared)} but the Cypher uses {sorted(used)}")
    returns = tuple(c.strip() for c in header["returns"].split(",") if c.strip())
    return Query(header["name"], header["description"], params, returns, cypher, path)


@cache
def load_catalogue(folder: Path = QUERIES_DIR) -> dict[str, Query]:
    """All named queries in `folder`, by name (cached: the files ship with the code)."""
    return {q.name: q for q in map(parse_query, sorted(Path(folder).glob("*.cypher")))}
