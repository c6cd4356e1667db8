"""derive_supports on the real plan: every measure hand-checked, plus tiny texts for each rule.

The plan parser is written elsewhere; here measures are located with a small regex that is good
enough for this one text (measure "n." followed by a Chinese character, cut before the next
pillar heading).
"""
from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import pytest

from loaders.chain_links import derive_supports
from loaders.records import LoadError, Node

DATA = Path(__file__).resolve().parent.parent / "data"
PLAN_TEXT = (DATA / "quzhou-2024-business-environment-plan.txt").read_text(encoding="utf-8")
PLAN = "quzhou-2024-business-environment-plan"

SIX = [("new-materials", "新材料"), ("new-energy", "新能源"), ("ic", "集成电路"),
       ("high-end-equipment", "高端装备"), ("life-health", "生命健康"), ("special-paper", "特种纸")]
CHAINS = [Node("Chain", key, {"name": name, "flagship": True}) for key, name in SIX]
ALL = {key for key, _ in SIX}

# measure -> (chains it supports, basis), read off the plan by hand
EXPECTED = {
    1: (ALL, "六大标志性产业链"),           # 完善六大标志性产业链图谱 (also 按链, 主导产业链)
    3: ({"new-materials"}, "绿色石化与新材料产业集群"),  # 省绿色石化与新材料产业集群专项基金
    4: (ALL, "6+X"),                        # “6+X”先进制造业集群 (title also says 产业链)
    5: (ALL, "链主"),                        # 链主型企业; 一链一院士、一链一团队
    13: (ALL, "产业链"),                     # 产业链预警; 全产业链线上服务效能
    24: (ALL, "链长制"),                     # 产业链链长制; 产业链链主型企业
}


def locate_measures(text: str, plan: str = PLAN) -> list[Node]:
    start, stop = text.index("二、工作举措"), text.index("三、工作保障")
    starts, pos = [], start
    for n in range(1, 27):
        m = re.compile(rf"(?<![0-9.]){n}\.(?=[\u4e00-\u9fff])").search(text, pos)
        starts.append(m.start())
        pos = m.end()
    measures = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else stop
        heading = re.search(r"\n\([一二三四五六]\)", text[s:e])
        e = s + heading.start() if heading else e
        measures.append(Node("Measure", f"{plan}#M{i + 1}", {"number": i + 1, "span": [s, e]}))
    return measures


def links(rels):
    return {(r.start[1], r.end[1]): r for r in rels if r.type == "SUPPORTS"}


@pytest.fixture(scope="module")
def plan_rels():
    return derive_supports(PLAN_TEXT, locate_measures(PLAN_TEXT), CHAINS, source=PLAN)


def test_locator_finds_each_measure_title():
    titles = {1: "完善项目招引落地服务", 8: "持续优化商事登记服务", 12: "优化工业产品管理制度", 26: "弘扬新时代衢州人文精神"}
    measures = locate_measures(PLAN_TEXT)
    for n, title in titles.items():
        s, e = measures[n - 1].props["span"]
        assert PLAN_TEXT[s:e].startswith(f"{n}.{title}")
        assert PLAN_TEXT[s:e].rstrip().endswith("负责)")


@pytest.mark.parametrize("number", range(1, 27))
def test_each_measure(plan_rels, number):
    got = {chain: r.props["basis"] for (m, chain), r in links(plan_rels).items() if m == f"{PLAN}#M{number}"}
    chains, basis = EXPECTED.get(number, (set(), None))
    assert set(got) == chains
    assert set(got.values()) <= {basis}


def test_measure_3_names_the_provincial_cluster(plan_rels):
    r = links(plan_rels)[(f"{PLAN}#M3", "new-materials")]
    assert "绿色石化与新材料" in r.props["basis"]
    assert r.props["rule"] == "chain-alias"


def test_measure_8_business_registration_supports_no_chain(plan_rels):
    assert not [r for r in plan_rels if r.start == ("Measure", f"{PLAN}#M8")]


def test_spans_point_at_the_basis_and_props_are_complete(plan_rels):
    assert len(plan_rels) == 5 * 6 + 1 + 1
    for r in plan_rels:
        s, e = r.props["span"]
        assert re.sub(r"\s+", "", PLAN_TEXT[s:e]) == r.props["basis"]
        assert r.props["source"] == PLAN and r.props["derived"] is True


def test_pilot_chain_from_the_goal_section(plan_rels):
    pilots = [r for r in plan_rels if r.type == "PILOTS"]
    assert [(p.start, p.end, p.props["basis"]) for p in pilots] == [
        (("Plan", PLAN), ("Chain", "new-energy"), "在新能源产业链先行先试")]
    s, _ = pilots[0].props["span"]
    assert s < PLAN_TEXT.index("二、工作举措")


def test_line_breaks_and_full_width_forms_give_the_same_links(plan_rels):
    moved = (PLAN_TEXT.replace("六大标志性产业链", "六大标志性\n产业链").replace("6+X", "６＋Ｘ")
             .replace("绿色石化与新材料", "绿色石化 与新\n材料").replace("新能源产业链先行", "新能\n源产业链先行"))
    rels = derive_supports(moved, locate_measures(moved), CHAINS, source=PLAN)
    before = {k: r.props["basis"] for k, r in links(plan_rels).items()}
    after = {k: unicodedata.normalize("NFKC", r.props["basis"]) for k, r in links(rels).items()}
    assert after == before
    assert [r.props["basis"] for r in rels if r.type == "PILOTS"] == ["在新能源产业链先行先试"]


def test_curated_links_add_to_derived_ones(plan_rels):
    with (DATA / "chains" / "measure_chains.csv").open(encoding="utf-8") as f:
        curated = {(f"{PLAN}#M{row['measure']}", row["chain"]) for row in csv.DictReader(f)}
    assert curated and not curated & set(links(plan_rels))


# ------------------------------------------------------------------ tiny texts, one rule each

def one(text: str, chains=CHAINS):
    return derive_supports(text, [Node("Measure", "p#M1", {"number": 1, "span": [0, len(text)]})],
                           chains, source="p")


def test_named_chain_with_its_suffix_is_not_also_a_general_mention():
    rels = links(one("推进新能源产业链项目。"))
    assert {c for _, c in rels} == {"new-energy"}
    assert rels[("p#M1", "new-energy")].props["basis"] == "新能源产业链"


def test_named_mention_wins_over_general_words_for_that_chain():
    rels = links(one("完善六大标志性产业链，重点支持特种纸。"))
    assert len(rels) == 6
    assert rels[("p#M1", "special-paper")].props["basis"] == "特种纸"
    assert rels[("p#M1", "special-paper")].props["rule"] == "chain-name"
    assert rels[("p#M1", "ic")].props["basis"] == "六大标志性产业链"


def test_lithium_alias_only_when_written():
    assert {c for _, c in links(one("支持锂电材料企业。"))} == {"new-energy"}
    assert links(one("推进全市域光伏发展。")) == {}


def test_general_words_reach_flagship_chains_only():
    chains = CHAINS + [Node("Chain", "home", {"name": "绿色家居", "flagship": False})]
    assert "home" not in {c for _, c in links(one("建立一链一团队。", chains))}
    assert "home" in {c for _, c in links(one("培育江山绿色家居维权中心。", chains))}


def test_measure_without_a_span_is_an_error():
    with pytest.raises(LoadError, match="measure 9"):
        derive_supports("x", [Node("Measure", "p#M9", {"number": 9})], CHAINS, source="p")
