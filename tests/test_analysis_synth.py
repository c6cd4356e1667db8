"""The synthetic province generator: counts fixed by the parameters, same schema as the real records."""
from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest

from graph.analysis import co_network, full_report
from graph.model.build import build_graph
from benchmarks.synth import expected_counts, synthetic_records

SMALL = dict(cities=2, firms=40, projects=12, problems=10, units_per_city=12)


@pytest.fixture(scope="module")
def small():
    return synthetic_records(seed=5, **SMALL)


def test_counts_for_a_small_seed(small):
    nodes, _ = small
    # Per city: 26 measures (milestones i % 3 -> 27, targets on even numbers -> 13), 12 units, 6 chains of
    # 8 segments; the provincial plan adds 20 measures (21 milestones, 10 targets) and 20 units.
    assert Counter(n.label for n in nodes) == {
        "Plan": 3, "Pillar": 18, "Measure": 72, "Department": 44, "Milestone": 75, "Target": 36, "Chain": 12,
        "Segment": 96, "Enterprise": 40, "Project": 12, "Problem": 10}
    assert Counter(n.label for n in nodes) == expected_counts(**SMALL)


def test_builds_under_the_schema_and_repeats(small):
    nodes, rels = small
    g = build_graph(nodes, rels)
    assert g.number_of_nodes() == len(nodes)
    again = synthetic_records(seed=5, **SMALL)
    assert [(r.type, r.start, r.end, r.props) for r in again[1]] == [(r.type, r.start, r.end, r.props) for r in rels]
    other = synthetic_records(seed=6, **SMALL)[1]
    assert [(r.start, r.end) for r in other] != [(r.start, r.end) for r in rels]


def test_plan_shape(small):
    nodes, rels = small
    kinds = Counter(n.props["kind"] for n in nodes if n.label == "Department")
    assert kinds["collective"] == 2  # one per city
    leads = Counter(r.end for r in rels if r.type == "RESPONSIBLE_FOR" and r.props["rank"] == 1)
    assert set(leads) == {(("Measure", n.key)) for n in nodes if n.label == "Measure"}  # every measure has a rank 1
    roles = Counter(r.props["role"] for r in rels if r.type == "RESPONSIBLE_FOR")
    assert set(roles) == {"lead", "co", "sole"}


def test_provincial_measures_connect_the_cities(small):
    net = co_network(build_graph(*small))
    giant = max(nx.connected_components(net), key=len)
    assert {u[:2] for u in giant} >= {"杭州", "宁波"}


@pytest.mark.parametrize("scale, low, high", [(1 / 15, 800, 1300), (1, 13_000, 16_000), (7, 90_000, 110_000)])
def test_scale_knob(scale, low, high):
    assert low <= sum(expected_counts(scale=scale).values()) <= high


def test_full_report_runs_on_a_synthetic_graph(small):
    report = full_report(build_graph(*small), as_of=None)
    assert report["brokers"]["exact"].all()
    assert len(report["workload"]) > 0
