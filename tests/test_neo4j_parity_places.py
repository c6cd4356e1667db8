"""Parity with plans of two cities loaded: the bundled 衢州 plan and the 丽水 excerpt (tests/corpus), whose
units are 丽水's own Department nodes. Every named query is compared on Neo4j and networkx with the
parameter spread of test_neo4j_parity, which then also covers 丽水's units (丽水市发改委, 团市委（丽水市）…)."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.model.lookup import Lookup
from graph.named import run_embedded, run_named
from graph.named.catalogue import load_catalogue
from tests.neo4j_support import plans_dataset, typed
from tests.test_neo4j_parity import PARAMS

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[1]
PLANS = [ROOT / "data" / "quzhou-2024-business-environment-plan.txt",
         ROOT / "tests" / "corpus" / "lishui-2023-gov-report.txt"]


@pytest.fixture(scope="module")
def two_cities():
    return plans_dataset(PLANS)


@pytest.fixture(scope="module")
def loaded(store, two_cities):
    ds, _ = two_cities
    store.load(ds.nodes, ds.rels, wipe=True)
    return store


def test_the_cities_units_are_apart_on_neo4j(loaded):
    rows = run_named("departments_for_measure", {"measure": 1}, store=loaded)
    by_plan = {(r["plan"], r["department"]) for r in rows}
    assert ("lishui-2023-gov-report", "丽水市发改委") in by_plan
    assert ("quzhou-2024-business-environment-plan", "市发改委") in by_plan
    assert ("lishui-2023-gov-report", "市发改委") not in by_plan


def _spread(g, name: str, most: int = 12) -> list[dict]:
    """The parity parameters naming a 丽水 unit or 衢州's 市发改委 (or no unit), at most `most` of
    them, evenly spread: enough to compare both cities' units, few enough to keep the module quick."""
    lishui = {d["key"] for _, d in g.nodes(data=True) if d.get("city") == "丽水市"}
    combos = [p for p in PARAMS[name](g) if p.get("department") in lishui | {None, "市发改委", "没有这个单位"}]
    step = max(1, len(combos) // most)
    return combos[::step]


@pytest.mark.parametrize("name", sorted(load_catalogue()))
def test_same_rows_with_two_cities(name, loaded, two_cities):
    g = two_cities[1]
    for params in _spread(g, name):
        want = run_embedded(g, name, params)
        got = run_named(name, params, store=loaded)
        assert [typed(r) for r in got] == [typed(r) for r in want], f"{name}({params}) differs"


def test_ask_reads_the_same_places_from_neo4j(loaded, two_cities):
    on_neo4j = Lookup(run_named("name_index", {}, store=loaded))
    embedded = Lookup.of_graph(two_cities[1])
    for lk in (on_neo4j, embedded):
        assert lk.find("department", "丽水市发展改革委").key == "丽水市发改委"
        assert lk.get("department", "丽水市发改委").form("city") == "丽水市"
        assert lk.get("plan", "lishui-2023-gov-report").form("city") == "丽水市"
