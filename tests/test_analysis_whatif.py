"""What-if removals and single points of failure on the analysis graph (see its docstring for the records).

Single leads: M1 市营商办, M2 市发改委, M4 and M5 市市场监管局, M6 市司法局, M7 市营商办; M3 is led by the
affiliate pair 市国资委 + 衢控集团, so neither alone is a single point of failure for it.
Articulation points of the co-responsibility network: 市营商办, 市经信局, 市市场监管局, 市司法局 (2 parts each).
Firms: 巨化集团 is 新材料's only leader and 氟化工原料's only firm; 华金材料 and 时代锂电 co-lead 新能源 and are the
only firms of 锂电材料 and 电池制造.
"""
from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis import single_points_of_failure, whatif_remove_enterprise, whatif_remove_unit
from tests.fixtures.analysis_graph import analysis_graph


@pytest.fixture(scope="module")
def g():
    return nx.freeze(analysis_graph())


def test_removing_a_sole_and_single_lead(g):
    w = whatif_remove_unit(g, "市市场监管局")
    assert w.breaks
    assert w["measures_without_lead"] == ("M4 优化商事登记 (no unit remains)",
                                          "M5 优化工业产品管理 (1 co-unit remains, none leads)")
    assert w["milestones_without_lead"] == ("M4-D1", "M4-D2", "M5-D1")
    assert w["network_split"] == ("2 units: 市司法局、市法院",)
    assert w["projects_unserved"] == ("P4 电池回收项目",)
    assert w["problems_unassigned"] == ()  # its only problem, Q5, is closed
    assert w["co_measures"] == ("M7 畅通政企沟通",)


def test_an_affiliate_pair_shares_the_lead(g):
    w = whatif_remove_unit(g, "市国资委")
    assert not w.breaks
    assert w["measures_without_lead"] == ()
    assert w["lead_shared"] == ("M3 用好产业基金 (衢控集团)",)
    assert w["network_split"] == ()  # 市国资委 sits in the triangle with 市经信局 and 衢控集团
    assert w.lines()[1] == "  nothing is left without an owner."


def test_removing_the_coordinator(g):
    w = whatif_remove_unit(g, "市营商办")
    assert [m.split(" (")[0] for m in w["measures_without_lead"]] == ["M1 完善项目招引服务", "M7 畅通政企沟通"]
    assert w["network_split"] == ("3 units: 市司法局、市市场监管局、市法院",)
    assert w["steps_unserved"] == ("P1: 代办", "P2: 代办", "P3: 代办")
    assert w["projects_unserved"] == ()
    assert w["problems_unassigned"] == ("Q6",)


def test_lines_put_what_breaks_first(g):
    lines = whatif_remove_unit(g, "市司法局").lines()
    assert lines[0] == "Without 市司法局 (unit):"
    assert lines[1].startswith("  BREAKS: measures left without a lead unit (1): M6 完善涉企法律服务")
    assert lines[-1] == "  weakens: measures that lose a co-unit (1): M5 优化工业产品管理"
    assert whatif_remove_unit(g, "市营商办").lines(limit=1)[4] == \
        "  BREAKS: project steps nobody else performs (3): P1: 代办; … 2 more"


def test_a_unit_is_found_by_the_names_people_use_and_an_unknown_one_gets_suggestions(g):
    assert whatif_remove_unit(g, "营商办").subject == whatif_remove_unit(g, "市营商办").subject == "市营商办"
    with pytest.raises(ValueError, match="did you mean 市营商办"):
        whatif_remove_unit(g, "市营商局")


def test_a_firm_is_found_by_its_short_name(g):
    assert whatif_remove_enterprise(g, "巨化").subject == "巨化集团 (e3)"


@pytest.mark.parametrize("firm", ["巨化集团", "e3", "Enterprise:e3"])
def test_removing_a_sole_chain_leader(g, firm):
    w = whatif_remove_enterprise(g, firm)
    assert w.subject == "巨化集团 (e3)"
    assert w["chains_without_leader"] == ("新材料",)
    assert w["segments_emptied"] == ("氟化工原料 (新材料)",)
    assert w["segments_starved"] == ("电子化学品 (新材料)",)  # its only feeder is now empty; 中天材料 remains
    assert w["projects_without_investor"] == ("P3 电子化学品项目",)
    assert w["open_problems"] == ("Q3", "Q4")


def test_removing_a_co_leader(g):
    w = whatif_remove_enterprise(g, "华金材料")
    assert w["chains_without_leader"] == ()
    assert w["leader_shared"] == ("新能源 (时代锂电)",)
    assert w["segments_emptied"] == ("锂电材料 (新能源)",)
    assert w["segments_starved"] == ("电池制造 (新能源)",)


def test_an_already_empty_segment_is_not_starved(g):
    assert whatif_remove_enterprise(g, "e2")["segments_starved"] == ()  # 电池回收 had no firm before


def test_unknown_or_ambiguous_firm(g):
    with pytest.raises(ValueError, match="no firm"):
        whatif_remove_enterprise(g, "不存在")
    h = analysis_graph()
    h.nodes["Enterprise:e4"]["name"] = "巨化集团"
    with pytest.raises(ValueError, match="names 2 firms; use an id: e3, e4"):
        whatif_remove_enterprise(h, "巨化集团")


def test_single_points_of_failure(g):
    df = single_points_of_failure(g)
    rows = df[["kind", "name", "measures_without_lead", "network_parts", "chains_without_leader",
               "segments_emptied"]].values.tolist()
    assert rows == [
        ["unit", "市市场监管局", 2, 2, 0, 0], ["unit", "市营商办", 2, 2, 0, 0], ["unit", "市司法局", 1, 2, 0, 0],
        ["unit", "市经信局", 0, 2, 0, 0], ["unit", "市发改委", 1, 0, 0, 0],
        ["enterprise", "巨化集团 (e3)", 0, 0, 1, 1], ["enterprise", "华金材料 (e1)", 0, 0, 0, 1],
        ["enterprise", "时代锂电 (e2)", 0, 0, 0, 1]]
    assert df.loc[0, "summary"] == "sole lead of 2 measures; splits the co-responsibility network into 2 parts"


def test_table_agrees_with_the_single_what_ifs(g):
    df = single_points_of_failure(g).set_index("name")
    for unit in ("市市场监管局", "市营商办", "市司法局", "市经信局", "市发改委", "市国资委", "市法院"):
        w = whatif_remove_unit(g, unit)
        expected = (len(w["measures_without_lead"]), 2 if w["network_split"] else 0)
        got = tuple(df.loc[unit, ["measures_without_lead", "network_parts"]]) if unit in df.index else (0, 0)
        assert got == expected, unit
