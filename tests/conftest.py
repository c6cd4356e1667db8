"""Shared fixtures. The toy graph is small and hand-made (tests/fixtures/toy_graph.py); tests derive
their expected rows by hand from its docstring and records."""
from __future__ import annotations

import sys
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # plain `pytest` (not `python -m pytest`) must find graph/, loaders/, tests/
    sys.path.insert(0, str(ROOT))

from tests.fixtures.toy_graph import toy_graph  # noqa: E402


@pytest.fixture(scope="session")
def toy_data():
    """(graph, nodes, rels) of the toy plan and chains; the graph is frozen, so tests cannot alter it."""
    graph, nodes, rels = toy_graph()
    nx.freeze(graph)
    return graph, nodes, rels


@pytest.fixture(scope="session")
def toy(toy_data):
    return toy_data[0]
