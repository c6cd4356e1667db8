"""`ask` on Neo4j reads the same names (the name_index query) and gives the same answers as embedded:
every question of the benchmark's bundled section is routed alike on both."""
from __future__ import annotations

import pytest

from benchmarks.bench_ask import TODAY, load_cases
from graph.interface.ask import answer, route
from graph.model.lookup import Lookup
from graph.named import run_named

pytestmark = pytest.mark.neo4j


def test_neo4j_names_route_every_question_alike(loaded_real, real_graph):
    on_neo4j = Lookup(run_named("name_index", {}, store=loaded_real))
    embedded = Lookup.of_graph(real_graph)
    cases = [c for c in load_cases() if c.graph == "bundled"]
    assert cases
    for c in cases:
        assert route(c.question, on_neo4j, today=TODAY) == route(c.question, embedded, today=TODAY), c.question


@pytest.mark.parametrize("question", ["发改委牵头哪些举措", "第9条举措的截止时间", "哪个月任务最集中", "资规局有哪些问题"])
def test_answers_on_neo4j_equal_embedded(question, loaded_real, real_graph):
    assert answer(question, store=loaded_real, today=TODAY) == answer(question, graph=real_graph, today=TODAY)
