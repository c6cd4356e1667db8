"""Which files feed the graph, and how their records meet: aliases, the unit table, caching."""
from __future__ import annotations

import os

from graph.model.dataset import load_dataset, load_graph, sources_for


def _departments(g) -> set[str]:
    return {d["name"] for _, d in g.nodes(data=True) if d["label"] == "Department"}


def test_the_graph_holds_the_units_the_plan_and_ledgers_name():
    g, ds = load_graph()
    units = _departments(g)
    # 47 counted by hand over the 26 responsibility lists, plus 市生态环境局 (环评 in the ledgers).
    assert len(units) == 48 and "市生态环境局" in units
    assert "各部门" in ds.units.units and "各部门" not in units  # table rows nobody names stay out
    assert g.has_edge("Department:衢控集团", "Department:市国资委")


def test_aliases_in_a_plan_resolve_to_the_unit_table_key(tmp_path):
    plan = tmp_path / "demo.txt"
    plan.write_text("一、主要任务\n1.保障供水。8月底前,完成管网改造。(水利部门、市财政局负责)\n", encoding="utf-8")
    ds = load_dataset(sources_for(plans=[plan], year=2024))
    owners = {(r.start[1], r.props.get("written")) for r in ds.rels if r.type == "RESPONSIBLE_FOR"}
    assert owners == {("市水利局", "水利部门"), ("市财政局", None)}


def test_the_built_graph_is_cached_until_a_file_changes(tmp_path):
    plan = tmp_path / "demo.txt"
    plan.write_text("一、主要任务\n1.建设平台。(市发改委负责)\n", encoding="utf-8")
    sources = sources_for(plans=[plan], year=2024)
    first, _ = load_graph(sources)
    assert load_graph(sources)[0] is first
    plan.write_text("一、主要任务\n1.建设平台。(市财政局负责)\n", encoding="utf-8")
    os.utime(plan, ns=(1, 1))  # a different modification time, whatever the clock's resolution
    second, _ = load_graph(sources_for(plans=[plan], year=2024))
    assert second is not first and "市财政局" in _departments(second)
