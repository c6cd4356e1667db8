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
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["Param", "Query", "CatalogueError", "load_catalogue", "QUERIES_DIR"]

QUERIES_DIR = Path(__file__).resolve().parents[2] / "queries"
_HEADER = re.compile(r"^//\s*(name|description|params|returns):\s*(.*?)\s*$")
_PARAM_USE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_TYPES = ("int", "str", "date", "float", "bool", "list")


class CatalogueError(ValueError):
    """A query file whose header is missing, malformed or disagrees with its Cypher."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    optional: bool

    def coerce(self, value):
        """Turn a CLI/UI string (or already-typed value) into the declared type."""
        if value is None:
            return None
        try:
            if self.type == "int":
                return int(value)
            if self.type == "float":
                return float(value)
            if self.type == "bool":
                return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes", "是")
            if self.type == "date":
                return (value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))).isoformat()
            if self.type == "list":
                return list(value) if isinstance(value, (list, tuple, set)) else \
                    [v.strip() for v in str(value).split(",") if v.strip()]
            return str(value)
        except ValueError:
            raise ValueError(f"parameter {self.name} expects {self.type}, got {value!r}") from None


@dataclass(frozen=True)
class Query:
    name: str
    description: str
    params: tuple[Param, ...]
    returns: tuple[str, ...]
    cypher: str
    path: Path

    def bind(self, given: dict) -> dict:
        """Check and coerce parameters: unknown or missing required ones raise ValueError."""
        known = {p.name: p for p in self.params}
        unknown = set(given) - set(known)
        if unknown:
            raise ValueError(f"query {self.name} has no parameter {', '.join(sorted(unknown))}; "
                             f"it takes: {self.signature() or 'no parameters'}")
        bound = {}
        for p in self.params:
            if given.get(p.name) is None and not p.optional:
                raise ValueError(f"query {self.name} needs --param {p.name}=<{p.type}>")
            bound[p.name] = p.coerce(given.get(p.name))
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
