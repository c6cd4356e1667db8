"""The last step of `scripts/neo4j-dev import DIR`, once neo4j-admin has built the database offline and
the server runs on it again: add the uniqueness constraints (neo4j-admin Community creates none), set
the empty-list properties the manifest lists (neo4j-admin reads an empty array cell as no property),
check that the database holds what the export's `manifest.json` lists, and write the completion marker,
so a later `load-neo4j` sees a complete database and MERGEs.

    NEO4J_URI=... NEO4J_USER=... NEO4J_PASSWORD=... python -m graph.stores.neo4j_import DIR

Exit code 0 when the counts match, 1 with one line naming what differs, 3 when the server is unavailable.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from graph.errors import StoreUnavailable
from graph.stores import neo4j_fast
from graph.stores.export import MANIFEST
from graph.stores.neo4j import Neo4jStore
from graph.stores.settings import Neo4jSettings

__all__ = ["finish_import", "main"]


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        empty = manifest.get("empty_lists") or {}
        return {"nodes": dict(manifest["nodes"]), "relationships": dict(manifest["relationships"]),
                "empty_nodes": list(empty.get("nodes", [])), "empty_rels": list(empty.get("relationships", []))}
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ValueError(f"{path}: not an export manifest ({e}); write the folder with "
                         f"python -m graph export --format csv --out {folder}") from None


def set_empty_lists(store: Neo4jStore, nodes: list, rels: list) -> int:
    """SET prop = [] on the listed nodes ([label, key, prop]) and relationships
    ([type, start key, end key, identity, prop]); returns how many were set."""
    from graph.model import schema
    from graph.stores.neo4j import _cypher_name as name
    done = 0
    for label, key, prop in nodes:
        label = schema.check_label(label)
        done += store._write(f"MATCH (n:`{label}` {{{name(schema.key_property(label))}: $key}}) "
                             f"SET n.{name(prop)} = [] RETURN count(n) AS n", {"key": key})[0]["n"]
    for t, a, b, ident, prop in rels:
        start, end = schema.RELATIONSHIPS[schema.check_rel_type(t)]
        match = ", ".join(f"{name(k)}: $ident.{name(k)}" for k in ident)
        rel = f"[r:`{t}`{' {' + match + '}' if match else ''}]"
        done += store._write(
            f"MATCH (:`{start}` {{{name(schema.key_property(start))}: $a}})-{rel}->"
            f"(:`{end}` {{{name(schema.key_property(end))}: $b}}) SET r.{name(prop)} = [] RETURN count(r) AS n",
            {"a": a, "b": b, "ident": ident})[0]["n"]
    return done


def finish_import(store: Neo4jStore, folder: Path) -> dict[str, int]:
    """Constraints, empty lists, count check against the manifest, marker; returns the totals."""
    want = read_manifest(folder)
    store.ensure_constraints()
    with store._translate("setting empty lists"):
        listed = len(want["empty_nodes"]) + len(want["empty_rels"])
        if set_empty_lists(store, want["empty_nodes"], want["empty_rels"]) != listed:
            raise ValueError(f"some nodes or relationships that {folder / MANIFEST} lists are not in the database")
    got = store.counts()
    diff = [f"{kind} {name}: {got[kind].get(name, 0)} in the database, {n} in the export"
            for kind in ("nodes", "relationships") for name, n in sorted(want[kind].items())
            if got[kind].get(name, 0) != n]
    diff += [f"{kind} {name}: {n} in the database, none in the export"
             for kind in ("nodes", "relationships") for name, n in sorted(got[kind].items())
             if n and name not in want[kind]]
    if diff:
        raise ValueError(f"the imported database differs from {folder / MANIFEST}: " + "; ".join(diff))
    neo4j_fast.finish_load(store, sum(want["nodes"].values()), sum(want["relationships"].values()))
    return store.totals()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python -m graph.stores.neo4j_import DIR", file=sys.stderr)
        return 2
    folder = Path(argv[0])
    try:
        with Neo4jStore(Neo4jSettings.from_env()) as store:
            totals = finish_import(store, folder)
    except StoreUnavailable as e:
        print(f"error: {e}", file=sys.stderr)
        return 3
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"constraints added; the database holds {totals['nodes']} nodes and {totals['relationships']} "
          f"relationships, as {folder / MANIFEST} lists")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
