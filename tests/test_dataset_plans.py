"""Several plan texts in one data folder: every *.txt is loaded, and the bundled plan's part of the
graph is exactly the graph it gives alone."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.analysis.plans import scope
from graph.model.dataset import load_graph, sources_for
from tests.fixtures.two_plan_folder import BUNDLED_ID, EDITED, two_plan_folder

BUNDLED, FIXTURE = BUNDLED_ID, EDITED


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return two_plan_folder(tmp_path_factory.mktemp("data"))


def test_every_plan_text_in_the_folder_is_loaded(folder):
    sources = sources_for(data_dir=folder)
    assert [p.name for p in sources.plans] == [f"{BUNDLED}.txt", FIXTURE.name]
    _, ds = load_graph(sources)
    assert [p.plan_id for p in ds.plans] == [BUNDLED, FIXTURE.stem]


def test_the_bundled_plan_part_is_todays_graph(folder):
    alone, _ = load_graph(sources_for())
    both, _ = load_graph(sources_for(data_dir=folder))
    part = scope(both, [BUNDLED])
    assert set(part.nodes) == set(alone.nodes)
    assert set(part.edges(keys=True)) == set(alone.edges(keys=True))
    assert all(part.nodes[n] == alone.nodes[n] for n in alone.nodes)
    # every edge of the plan's own nodes is as before; an affiliation between units (市国资委〔衢控集团〕)
    # that both plans state is one shared edge citing the plan read last
    own = [e for e in alone.edges(keys=True) if e[2] != "AFFILIATE_OF"]
    assert own and all(part.edges[e] == alone.edges[e] for e in own)


def test_curated_links_stay_with_their_plan(folder):
    both, _ = load_graph(sources_for(data_dir=folder))
    curated = [u for u, _, d in both.edges(data=True) if d["type"] == "SUPPORTS" and d.get("derived") is False]
    assert curated and all(u.startswith(f"Measure:{BUNDLED}#") for u in curated)
