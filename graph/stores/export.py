"""Write the graph as JSON (the contract in ARCHITECTURE.md), GraphML (Gephi, yEd) or a folder of CSV
files that `neo4j-admin database import` turns into the database the driver load builds."""
from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx

from graph.errors import UsageError

__all__ = ["to_json", "to_graphml", "to_csv_files", "FORMATS", "ARGS_FILE", "MANIFEST"]

FORMATS = ("json", "graphml", "csv")


def to_json(g: nx.MultiDiGraph) -> str:
    """`{"nodes": [{"id", "label", ...}], "edges": [{"source", "target", "type", ...}]}`, stable order."""
    # "id" is the graph-wide id ("Chain:ic"); the label's own key stays under "key".
    nodes = [{**{k: v for k, v in d.items() if k != "id"}, "id": n} for n, d in sorted(g.nodes(data=True))]
    # An edge's provenance `source` (document or file:row) is exported as `origin`, since the
    # contract's `source` is the start node.
    edges = [{**{("origin" if k == "source" else k): v for k, v in d.items()}, "source": u, "target": v}
             for u, v, _, d in sorted(g.edges(keys=True, data=True), key=lambda e: e[:3])]
    return json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False, indent=1, default=str)


def _scalar(v):
    """GraphML holds scalars only: lists become JSON text, None is dropped by the caller."""
    return json.dumps(v, ensure_ascii=False) if isinstance(v, (list, tuple, dict)) else v


def to_graphml(g: nx.MultiDiGraph) -> str:
    h = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        h.add_node(n, **{k: _scalar(v) for k, v in d.items() if v is not None and k != "id"})
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **{a: _scalar(b) for a, b in d.items() if b is not None})
    return "\n".join(nx.generate_graphml(h, named_key_ids=True)) + "\n"


# -- neo4j-admin import -------------------------------------------------------------------------
#
# The csv folder is what `neo4j-admin database import full` reads, and it builds the database the driver
# load builds: the same labels, key properties, property values and types (dates as ISO strings, as
# the driver load stores them and the named queries compare them), no extra properties. One file per
# label (`nodes_<Label>.csv`: `<key>:ID(<Label>)`, `:LABEL`, typed property columns) and per type
# (`rels_<TYPE>.csv`: `:START_ID(<Label>)`, `:END_ID(<Label>)` holding the end nodes' plain keys, `:TYPE`,
# typed columns); a label or type whose rows disagree on a property's type gets one file per variant.
# `import.args` holds the neo4j-admin arguments (files, delimiters), `manifest.json` the counts that
# `scripts/neo4j-dev import` checks after the import and the empty lists it sets then (neo4j-admin
# cannot write an empty array).

ARGS_FILE = "import.args"
MANIFEST = "manifest.json"
_ARRAY_DELIMITERS = (";", "|", "¦", "§")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SCALAR_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def _admin_type(value) -> str | None:
    """neo4j-admin column type of one stored value (`storable` output); None for an empty list, which
    fits any array column (neo4j-admin reads an empty array cell as no property, so the manifest lists
    empty lists and `graph.stores.neo4j_import` sets them after the import)."""
    if isinstance(value, list):
        return _SCALAR_TYPES[type(value[0])] + "[]" if value else None
    return _SCALAR_TYPES[type(value)]


def _number(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if v != v:
            return "NaN"
        if v in (float("inf"), float("-inf")):
            return "Infinity" if v > 0 else "-Infinity"
        return repr(v)  # shortest text that parses back to the same double
    return str(v)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _cell(v, delimiter: str) -> str:
    """One CSV field: absent -> empty (no property), strings always quoted (so "" stays an empty string)."""
    if v is None or v == []:
        return ""
    if isinstance(v, list):
        return _quoted(delimiter.join(x if isinstance(x, str) else _number(x) for x in v))
    return _quoted(v) if isinstance(v, str) else _number(v)


def _stored(g: nx.MultiDiGraph):
    """(label -> [(key, props)], type -> [(start key, end key, props)]) with the values the driver load
    stores (`graph.stores.neo4j.storable`), in graph order."""
    from graph.model import schema
    from graph.stores.neo4j import storable

    def props(d, skip, where):
        out = {}
        for k, v in d.items():
            if k in skip or v is None:
                continue
            if not _NAME.fullmatch(k):
                raise ValueError(f"{where}: property name {k!r} is not a plain identifier")
            v = storable(v, f"{where}.{k}")
            if v is not None:
                out[k] = v
        return out

    nodes: dict[str, list] = {}
    for n, d in g.nodes(data=True):
        label = schema.check_label(d["label"])
        if not isinstance(d["key"], str):
            raise ValueError(f"{n}: key {d['key']!r} is not text; neo4j-admin ids are strings")
        nodes.setdefault(label, []).append((d["key"], props(d, ("label", "key", schema.key_property(label)), n)))
    rels: dict[str, list] = {}
    for u, v, d in g.edges(data=True):
        t = schema.check_rel_type(d["type"])
        rels.setdefault(t, []).append((g.nodes[u]["key"], g.nodes[v]["key"], props(d, ("type",), f"{t} {u}->{v}")))
    return nodes, rels


def _array_delimiter(groups) -> str:
    """A delimiter no list element contains (neo4j-admin takes one for the whole import)."""
    texts = [x for rows in groups for row in rows for v in row[-1].values() if isinstance(v, list)
             for x in v if isinstance(x, str)]
    if any(x == "" for x in texts):
        raise ValueError("a list holds an empty string, which neo4j-admin import cannot tell from a missing element")
    for d in _ARRAY_DELIMITERS:
        if not any(d in x for x in texts):
            return d
    raise ValueError(f"every array delimiter neo4j-admin could use ({' '.join(_ARRAY_DELIMITERS)}) occurs in list values")


def _variants(rows: list) -> list[tuple[dict[str, str], list]]:
    """Rows split so that each part has one type per property: [(column types, rows)]."""
    types: dict[str, set[str]] = {}
    for row in rows:
        for k, v in row[-1].items():
            types.setdefault(k, set()).add(_admin_type(v))
    for k, ts in types.items():  # an empty list takes its column's array type
        ts.discard(None)
        if not ts:
            ts.add("string[]")
    mixed = sorted(k for k, ts in types.items() if len(ts) > 1)
    parts: dict[tuple, list] = {}
    for row in rows:
        sig = tuple(_admin_type(row[-1][k]) if k in row[-1] else None for k in mixed)
        parts.setdefault(sig, []).append(row)
    out = []
    for sig, part in parts.items():
        cols = {k: next(iter(ts)) for k, ts in sorted(types.items()) if len(ts) == 1}
        cols.update({k: t for k, t in zip(mixed, sig) if t is not None})
        present = {k for row in part for k in row[-1]}
        out.append(({k: t for k, t in sorted(cols.items()) if k in present}, part))
    return out


def to_csv_files(g: nx.MultiDiGraph) -> dict[str, str]:
    """File name -> text of the neo4j-admin import folder (see the comment above)."""
    from graph.model import schema
    nodes, rels = _stored(g)
    delimiter = _array_delimiter(list(nodes.values()) + list(rels.values()))
    files: dict[str, str] = {}
    manifest = {"nodes": {}, "relationships": {}, "array_delimiter": delimiter,
                "empty_lists": {"nodes": [], "relationships": []}}
    # One argument per line (picocli's @-file); the quote character is neo4j-admin's default, '"'.
    args = ["--delimiter=,", f"--array-delimiter={delimiter}", "--multiline-fields=true", "--id-type=string"]

    def table(fixed: list[str], cols: dict[str, str], rows: list, n_fixed: int) -> str:
        lines = [",".join(fixed + [f"{k}:{t}" for k, t in cols.items()])]
        for row in rows:
            lines.append(",".join([*(_cell(x, delimiter) for x in row[:n_fixed]),
                                   *(_cell(row[-1].get(k), delimiter) for k in cols)]))
        return "\n".join(lines) + "\n"

    def add(prefix: str, name: str, i: int, text: str) -> str:
        fname = f"{prefix}_{name}{'' if i == 0 else f'-{i + 1}'}.csv"
        files[fname] = text
        return fname

    for label, rows in nodes.items():
        manifest["nodes"][label] = len(rows)
        manifest["empty_lists"]["nodes"] += [[label, k, name] for k, p in rows for name, v in p.items() if v == []]
        for i, (cols, part) in enumerate(_variants(rows)):
            key = schema.key_property(label)
            text = table([f"{key}:ID({label})", ":LABEL"], cols, [(k, label, p) for k, p in part], 2)
            args.append(f"--nodes={add('nodes', label, i, text)}")
    for t, rows in rels.items():
        manifest["relationships"][t] = len(rows)
        manifest["empty_lists"]["relationships"] += [
            [t, a, b, {i: p[i] for i in schema.REL_IDENTITY.get(t, ())}, name]
            for a, b, p in rows for name, v in p.items() if v == []]
        start, end = schema.RELATIONSHIPS[t]
        for i, (cols, part) in enumerate(_variants(rows)):
            text = table([f":START_ID({start})", f":END_ID({end})", ":TYPE"], cols,
                         [(a, b, t, p) for a, b, p in part], 3)
            args.append(f"--relationships={add('rels', t, i, text)}")
    files[ARGS_FILE] = "\n".join(args) + "\n"
    files[MANIFEST] = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return files


def write(g: nx.MultiDiGraph, fmt: str, out: Path | None) -> str | None:
    """Write to `out` (a file; a folder for csv) or return the text for stdout."""
    if fmt == "csv":
        if out is None:
            raise UsageError("csv export writes one file per label and type: give --out FOLDER")
        files = to_csv_files(g)  # everything checked before the first file is written
        out.mkdir(parents=True, exist_ok=True)
        for stale in out.glob("*.csv"):  # files of an earlier export would be imported too
            if stale.name.startswith(("nodes_", "rels_")) and stale.name not in files:
                stale.unlink()
        for name, text in files.items():
            (out / name).write_text(text, encoding="utf-8")
        return None
    text = to_json(g) if fmt == "json" else to_graphml(g)
    if out is None:
        return text
    out.write_text(text, encoding="utf-8")
    return None
