"""Shared fixtures. The toy graph is small and hand-made (tests/fixtures/toy_graph.py); tests derive
their expected rows by hand from its docstring and records."""
from __future__ import annotations

import networkx as nx
import pytest

from tests.fixtures.toy_graph import toy_graph

# Neo4j fixtures (settings from the environment, a store, the real graph loaded): see that module.
pytest_plugins = ["tests.neo4j_support"]


@pytest.fixture(scope="session")
def toy_data():
    """(graph, nodes, rels) of the toy plan and chains; the graph is frozen, so tests cannot alter it."""
    graph, nodes, rels = toy_graph()
    nx.freeze(graph)
    return graph, nodes, rels


@pytest.fixture(scope="session")
def toy(toy_data):
    return toy_data[0]
