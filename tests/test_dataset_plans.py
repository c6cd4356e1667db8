"""Several plans in one data folder: every *.txt and *.docx is loaded, and the bundled plan's part of the
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


def word_copy_of_the_fixture(folder: Path) -> None:
    """The fixture plan as a Word document beside it, one paragraph per line."""
    import docx
    d = docx.Document()
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        d.add_paragraph(line)
    d.save(folder / f"{FIXTURE.stem}.docx")


def test_word_plans_in_the_folder_are_loaded_and_word_lock_files_are_not(tmp_path):
    folder = two_plan_folder(tmp_path)
    word_copy_of_the_fixture(folder)
    (folder / FIXTURE.name).unlink()
    (folder / f"~${FIXTURE.stem}.docx").write_bytes(b"\x00lock")  # Word's lock file, while the plan is open
    sources = sources_for(data_dir=folder)
    assert [p.name for p in sources.plans] == [f"{BUNDLED}.txt", f"{FIXTURE.stem}.docx"]
    _, ds = load_graph(sources)
    assert [p.plan_id for p in ds.plans] == [BUNDLED, FIXTURE.stem]
    assert len([n for n in ds.nodes if n.label == "Measure"]) > 26  # the Word plan's measures are there


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


def test_a_text_and_a_word_file_of_the_same_name_are_refused_in_one_line(tmp_path):
    from loaders.records import LoadError
    folder = two_plan_folder(tmp_path)
    word_copy_of_the_fixture(folder)
    with pytest.raises(LoadError) as e:
        load_graph(sources_for(data_dir=folder))
    assert "same id" in str(e.value) and FIXTURE.stem in str(e.value) and "\n" not in str(e.value)
