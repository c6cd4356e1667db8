"""`export --format csv`: the folder neo4j-admin imports (layout, types, quoting), checked without a server.
The import itself, compared with a driver load, is tests/test_neo4j_import.py."""
from __future__ import annotations

import csv
import io
import json

import pytest

from graph.model.build import build_graph
from graph.stores.export import ARGS_FILE, MANIFEST, to_csv_files
from loaders.records import Node, Rel


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def tricky():
    nodes = [Node("Department", "市营商办", {"kind": "government", "aliases": ["营商办", "市营商环境办"], "note": ""}),
             Node("Department", '市"引号"局', {"kind": "government", "aliases": [], "full_name": "a,b\nc"}),
             Node("Measure", "P#M1", {"number": 1, "title": "完善", "span": (3, 9)}),
             Node("Measure", "P#M2", {"number": 2, "weight": 1.5}),
             Node("Project", "p1", {"investment": 30, "status": "在建"}),
             Node("Project", "p2", {"investment": 2.5})]
    rels = [Rel("RESPONSIBLE_FOR", ("Department", "市营商办"), ("Measure", "P#M1"), {"rank": 1, "role": "lead"}),
            Rel("RESPONSIBLE_FOR", ("Department", "市营商办"), ("Measure", "P#M1"), {"rank": 2, "role": "co"}),
            Rel("SERVES", ("Department", '市"引号"局'), ("Project", "p1"), {"stage": "立项"})]
    return build_graph(nodes, rels)


def test_headers_are_neo4j_admin_id_spaces_with_typed_columns(tricky):
    files = to_csv_files(tricky)
    dep = rows(files["nodes_Department.csv"])
    assert dep[0] == ["name:ID(Department)", ":LABEL", "aliases:string[]", "full_name:string", "kind:string",
                      "note:string"]
    meas = rows(files["nodes_Measure.csv"])
    assert meas[0] == ["id:ID(Measure)", ":LABEL", "number:long", "span:long[]", "title:string", "weight:double"]
    assert meas[1] == ["P#M1", "Measure", "1", "3;9", "完善", ""] and meas[2] == ["P#M2", "Measure", "2", "", "", "1.5"]
    rel = rows(files["rels_RESPONSIBLE_FOR.csv"])
    assert rel[0] == [":START_ID(Department)", ":END_ID(Measure)", ":TYPE", "rank:long", "role:string"]
    assert sorted(rel[1:]) == [["市营商办", "P#M1", "RESPONSIBLE_FOR", "1", "lead"],
                               ["市营商办", "P#M1", "RESPONSIBLE_FOR", "2", "co"]]


def test_no_extra_properties(tricky):
    for name, text in to_csv_files(tricky).items():
        if name.endswith(".csv"):
            header = rows(text)[0]
            assert not any(h.split(":")[0] in ("key", "label", "type") for h in header), (name, header)
            assert sum(":ID(" in h for h in header) == (1 if name.startswith("nodes_") else 0)


def test_strings_survive_quotes_commas_newlines_and_stay_distinct_from_missing(tricky):
    text = to_csv_files(tricky)["nodes_Department.csv"]
    by_key = {r[0]: r for r in rows(text)[1:]}
    assert by_key['市"引号"局'][3] == "a,b\nc"
    assert '"市""引号""局"' in text  # quotes doubled inside a quoted field
    # an empty string is written "" (neo4j-admin keeps it), a missing property as an empty field
    line = next(line for line in text.splitlines() if line.startswith('"市营商办"'))
    assert line.endswith(',"government",""') and ',,' in line


def test_a_property_with_two_types_gets_one_file_per_variant(tricky):
    files = to_csv_files(tricky)
    a, b = rows(files["nodes_Project.csv"]), rows(files["nodes_Project-2.csv"])
    assert {a[0][2], b[0][2]} == {"investment:long", "investment:double"}
    args = files[ARGS_FILE].splitlines()
    assert "--nodes=nodes_Project.csv" in args and "--nodes=nodes_Project-2.csv" in args
    assert json.loads(files[MANIFEST])["nodes"]["Project"] == 2


def test_empty_lists_are_listed_for_after_the_import(tricky):
    files = to_csv_files(tricky)
    assert json.loads(files[MANIFEST])["empty_lists"]["nodes"] == [["Department", '市"引号"局', "aliases"]]
    by_key = {r[0]: r for r in rows(files["nodes_Department.csv"])[1:]}
    assert by_key['市"引号"局'][2] == ""


def test_array_delimiter_avoids_the_values():
    g = build_graph([Node("Department", "A", {"aliases": ["x;y", "z"]})], [])
    files = to_csv_files(g)
    assert "--array-delimiter=|" in files[ARGS_FILE].splitlines()
    assert rows(files["nodes_Department.csv"])[1][2] == "x;y|z"


def test_the_bundled_graph_exports_every_label_and_type(real_graph):
    files = to_csv_files(real_graph)
    manifest = json.loads(files[MANIFEST])
    assert sum(manifest["nodes"].values()) == real_graph.number_of_nodes()
    assert sum(manifest["relationships"].values()) == real_graph.number_of_edges()
    body = sum(len(rows(t)) - 1 for n, t in files.items() if n.endswith(".csv"))
    assert body == real_graph.number_of_nodes() + real_graph.number_of_edges()
