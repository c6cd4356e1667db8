"""Write the graph as JSON (the contract in ARCHITECTURE.md), GraphML (Gephi, yEd) or CSV
with neo4j-admin import headers (one file per label and per relationship type)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx

__all__ = ["to_json", "to_graphml", "to_csv_files", "FORMATS"]

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


def _admin_type(values) -> str:
    """neo4j-admin import column type for a column's values."""
    vals = [v for v in values if v is not None]
    if vals and all(isinstance(v, bool) for v in vals):
        return "boolean"
    if vals and all(isinstance(v, int) and not isinstance(v, bool) for v in vals):
        return "long"
    if vals and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals):
        return "double"
    if vals and all(isinstance(v, (list, tuple)) for v in vals):
        inner = [x for v in vals for x in v]
        return ("long[]" if inner and all(isinstance(x, int) for x in inner) else "string[]")
    return "string"


def _cell(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple)):
        return ";".join(map(str, v))  # neo4j-admin's default array delimiter
    return v


def _table(fixed: list[str], rows: list[dict], skip: set[str]) -> str:
    props = sorted({k for r in rows for k in r} - skip)
    header = fixed + [f"{p}:{_admin_type([r.get(p) for r in rows])}" for p in props]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow([r["__fixed"][i] for i in range(len(fixed))] + [_cell(r.get(p)) for p in props])
    return buf.getvalue()


def to_csv_files(g: nx.MultiDiGraph) -> dict[str, str]:
    """File name -> CSV text: `nodes_<Label>.csv` (id:ID, :LABEL) and `rels_<TYPE>.csv`."""
    files: dict[str, list[dict]] = {}
    for n, d in g.nodes(data=True):
        props = {k: v for k, v in d.items() if k != "id"}
        files.setdefault(f"nodes_{d['label']}.csv", []).append({"__fixed": [n, d["label"]], **props})
    for u, v, d in g.edges(data=True):
        files.setdefault(f"rels_{d['type']}.csv", []).append({"__fixed": [u, v, d["type"]], **d})
    out = {}
    for name, rows in sorted(files.items()):
        fixed = ["id:ID", ":LABEL"] if name.startswith("nodes_") else [":START_ID", ":END_ID", ":TYPE"]
        out[name] = _table(fixed, rows, {"__fixed", "label", "type"})
    return out


def write(g: nx.MultiDiGraph, fmt: str, out: Path | None) -> str | None:
    """Write to `out` (a file; a folder for csv) or return the text for stdout."""
    if fmt == "csv":
        if out is None:
            raise ValueError("csv export writes one file per label and type: give --out FOLDER")
        out.mkdir(parents=True, exist_ok=True)
        for name, text in to_csv_files(g).items():
            (out / name).write_text(text, encoding="utf-8")
        return None
    text = to_json(g) if fmt == "json" else to_graphml(g)
    if out is None:
        return text
    out.write_text(text, encoding="utf-8")
    return None
