"""Named queries: every file parses, is documented and has a networkx twin returning exactly its columns;
hand-derived rows on the toy graph (tests/fixtures/toy_graph.py) for every query.

Parity with Neo4j is tested elsewhere against a real server; the checks here that read the Cypher text
(labels, types, RETURN columns, ORDER BY) catch header/Cypher drift without one.
"""
from __future__ import annotations

import inspect
import re

import pytest

from graph.model import schema
from graph.named.catalogue import load_catalogue
from graph.named import run_named
from graph.named.twins import TWINS
from tests.test_ask_queries import CASES as ASK_QUERY_CASES

CATALOGUE = load_catalogue()

# Plan and chain queries: one call each that returns rows on the toy graph (the column checks run on
# these; a query not listed runs with no parameters). Each also has hand-derived cases below.
SAMPLE_PARAMS = {
    "departments_for_measure": {"measure": 3},
    "measures_for_department": {"department": "市营商办"},
    "department_workload": {},
    "busiest_in_month": {"month": 6},
    "milestones_due": {},
    "measures_in_pillar": {"pillar": 1},
    "co_responsible_units": {"department": "市营商办"},
    "unit_pairs": {},
    "targets_for_measure": {"measure": 2},
    "overdue_milestones": {"as_of": "2024-07-15"},
    "known_names": {},
    "plans": {},
    "chains": {},
    "chain_overview": {"chain": "新能源"},
    "chain_leaders": {"chain": "新能源"},
    "projects_in_chain": {"chain": "新能源"},
    "units_serving_chain": {"chain": "新能源"},
    "chain_gaps": {},
    "enterprise_profile": {"enterprise": "巨化集团"},
    "milestones_for_measure": {"measure": 9},
    "leads_for_measure": {"measure": 3},
    "measures_led_by": {"department": "市经信局"},
    "problems_for_department": {"department": "市发改委"},
    "deadlines_by_month": {},
    "deadlines_for_department": {"department": "市营商办"},
    "measures_for_chain": {"chain": "新材料"},
}


# --- the catalogue --------------------------------------------------------------------------------

def test_every_query_has_a_twin():
    assert sorted(set(CATALOGUE) - set(TWINS)) == []
    assert sorted(set(TWINS) - set(CATALOGUE)) == []


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_query_is_documented(name):
    q = CATALOGUE[name]
    assert q.description.strip()
    assert q.returns and len(set(q.returns)) == len(q.returns)


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_twin_takes_the_declared_parameters(name):
    if name not in TWINS:
        pytest.fail(f"query {name} has no twin")
    declared = [p.name for p in CATALOGUE[name].params]
    assert list(inspect.signature(TWINS[name]).parameters)[1:] == declared


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_twin_returns_exactly_the_declared_columns(name, toy):
    q = CATALOGUE[name]
    if name not in TWINS:
        pytest.fail(f"query {name} has no twin")
    rows = TWINS[name](toy, **q.bind(SAMPLE_PARAMS.get(name, {})))  # bind names a missing sample
    assert rows or name not in SAMPLE_PARAMS, "the sample parameters should return rows on the toy graph"
    assert all(list(r) == list(q.returns) for r in rows)


def _top_level(text: str, stop: str) -> str:
    """`text` up to the first `stop` keyword outside brackets."""
    depth = 0
    for i, ch in enumerate(text):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if depth == 0 and re.match(rf"\s+{stop}\b", text[i:]):
            return text[:i + 1]
    return text


def _return_columns(cypher: str) -> list[str]:
    """Column names of the final RETURN: alias after AS, else the bare variable."""
    tail = _top_level(cypher[cypher.rindex("RETURN") + len("RETURN"):], "ORDER BY")
    items, depth, start = [], 0, 0
    for i, ch in enumerate(tail + ","):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "," and depth == 0:
            items.append(tail[start:i].strip())
            start = i + 1
    return [re.split(r"\s+AS\s+", item)[-1].strip("`") for item in items]


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_cypher_returns_the_declared_columns_in_a_total_order(name):
    cypher = CATALOGUE[name].cypher
    assert _return_columns(cypher) == list(CATALOGUE[name].returns)
    assert "ORDER BY" in cypher[cypher.rindex("RETURN"):]


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_cypher_uses_only_schema_names_and_no_plugins(name):
    cypher = CATALOGUE[name].cypher
    labels = set(re.findall(r"\(\s*\w*\s*:\s*(\w+)", cypher))
    types = set(re.findall(r"\[\s*\w*\s*:\s*(\w+)", cypher))
    assert labels <= set(schema.NODE_KEYS), labels - set(schema.NODE_KEYS)
    assert types <= set(schema.RELATIONSHIPS), types - set(schema.RELATIONSHIPS)
    assert "apoc." not in cypher.lower()


# --- hand-derived rows on the toy graph -------------------------------------------------------------

PAIRS_BY_SHARED = [
    ("市发改委", "市经信局", 2, [1, 2]), ("市发改委", "市营商办", 2, [1, 9]),
    ("市发改委", "市资源规划局", 2, [2, 9]), ("市经信局", "市营商办", 2, [1, 3]),
    ("市住建局", "市发改委", 1, [9]), ("市住建局", "市营商办", 1, [9]), ("市住建局", "市资源规划局", 1, [9]),
    ("市国资委", "市经信局", 1, [3]), ("市国资委", "市营商办", 1, [3]), ("市国资委", "衢控集团", 1, [3]),
    ("市经信局", "市资源规划局", 1, [2]), ("市经信局", "衢控集团", 1, [3]),
    ("市营商办", "市资源规划局", 1, [9]), ("市营商办", "衢控集团", 1, [3]),
]
OVERDUE_0715 = [
    ("toy#M1-D1", 1, "2024-03-31", "完成产业链图谱编制", "市经信局", 106),
    ("toy#M1-D2", 1, "2024-06-30", "发布产业链图谱", "市经信局", 15),
    ("toy#M2-D1", 2, "2024-06-30", "出台要素保障清单", "市资源规划局", 15),
    ("toy#M9-D1", 9, "2024-06-30", "上线联合审批系统", "市住建局", 15),
]
JUNE = [
    ("2024-06-30", 1, "toy#M1-D2", "发布产业链图谱", "市经信局"),
    ("2024-06-30", 2, "toy#M2-D1", "出台要素保障清单", "市资源规划局"),
    ("2024-06-30", 9, "toy#M9-D1", "上线联合审批系统", "市住建局"),
]
NEW_ENERGY_OVERVIEW = [
    ("新能源", "upstream", "锂电材料", 2, ["华金新能源材料"], 2, 38.0),
    ("新能源", "midstream", "电池制造", 1, ["时代锂电"], 1, 100.0),
    ("新能源", "downstream", "电池回收", 0, [], 1, 5.5),
]
JUHUA = [
    ("巨化集团", "新材料", True, ["氟化工原料", "电子化学品"], ["电子化学品项目"], 12.5, 1),
    ("巨化集团", "新能源", False, ["锂电材料"], ["电解液项目"], 8.0, 1),
]

CASES = [
    ("departments_for_measure", {"measure": 3}, [
        (3, 1, "市国资委", "lead", "government"), (3, 1, "衢控集团", "lead", "soe"),
        (3, 2, "市经信局", "co", "government"), (3, 3, "市营商办", "co", "government")]),
    ("departments_for_measure", {"measure": 1}, [
        (1, 1, "市经信局", "lead", "government"), (1, 2, "市发改委", "co", "government"),
        (1, 3, "市营商办", "co", "government"), (1, 4, "市级各有关部门", "co", "collective")]),

    ("measures_for_department", {"department": "市发改委"}, [
        (1, "完善产业链图谱", 2, "co", 2, "2024-03-31", "聚焦招商"),
        (2, "强化要素保障", 2, "co", 1, "2024-06-30", "聚焦招商"),
        (9, "优化工程建设审批", 2, "co", 2, "2024-06-30", "聚焦育商")]),
    ("measures_for_department", {"department": "市发展改革委"}, [  # an alias finds the same unit
        (1, "完善产业链图谱", 2, "co", 2, "2024-03-31", "聚焦招商"),
        (2, "强化要素保障", 2, "co", 1, "2024-06-30", "聚焦招商"),
        (9, "优化工程建设审批", 2, "co", 2, "2024-06-30", "聚焦育商")]),
    ("measures_for_department", {"department": "市营商办"}, [
        (1, "完善产业链图谱", 3, "co", 2, "2024-03-31", "聚焦招商"),
        (3, "发挥产业基金作用", 3, "co", 1, None, "聚焦招商"),  # its only milestone is undated
        (7, "建立企业会商机制", 1, "sole", 1, "2024-09-30", "聚焦育商"),
        (9, "优化工程建设审批", 4, "co", 2, "2024-06-30", "聚焦育商")]),
    ("measures_for_department", {"department": "市不存在局"}, []),

    # June deadlines: M1-D2 (市经信局 市发改委 市营商办, the collective left out), M2-D1 (市资源规划局
    # 市发改委 市经信局), M9-D1 (市住建局 市发改委 市资源规划局 市营商办). Ties by code point: 经 < 营 < 资.
    ("busiest_in_month", {"month": 6}, [
        ("市发改委", 3, [1, 2, 9]), ("市经信局", 2, [1, 2]), ("市营商办", 2, [1, 9]),
        ("市资源规划局", 2, [2, 9]), ("市住建局", 1, [9])]),
    ("busiest_in_month", {"month": 6, "limit": 2}, [("市发改委", 3, [1, 2, 9]), ("市经信局", 2, [1, 2])]),
    ("busiest_in_month", {"month": 9}, [("市营商办", 1, [7])]),
    ("busiest_in_month", {"month": 1}, []),

    ("department_workload", {}, [
        ("市营商办", "government", 4, 0, 3, 1, 6, 1),
        ("市经信局", "government", 3, 1, 2, 0, 4, 0),
        ("市发改委", "government", 3, 0, 3, 0, 5, 0),
        ("市资源规划局", "government", 2, 1, 1, 0, 3, 2),
        ("市住建局", "government", 1, 1, 0, 0, 2, 1),
        ("市国资委", "government", 1, 1, 0, 0, 1, 1),
        ("衢控集团", "soe", 1, 1, 0, 0, 1, 1),
        ("市级各有关部门", "collective", 1, 0, 1, 0, 2, 0)]),

    ("milestones_due", {"month": 6}, JUNE),
    ("milestones_due", {"month": "12"}, [  # CLI strings are coerced
        ("2024-12-31", 9, "toy#M9-D2", "全面推行联合审批", "市住建局")]),
    ("milestones_due", {"month": 1}, []),
    ("milestones_due", {"start": "2024-06-30", "end": "2024-09-30"}, [  # both ends inclusive
        *JUNE, ("2024-09-30", 7, "toy#M7-D1", "建立重点企业会商机制", "市营商办")]),
    ("milestones_due", {}, [  # every dated milestone; the undated one of measure 3 is left out
        ("2024-03-31", 1, "toy#M1-D1", "完成产业链图谱编制", "市经信局"), *JUNE,
        ("2024-09-30", 7, "toy#M7-D1", "建立重点企业会商机制", "市营商办"),
        ("2024-12-31", 9, "toy#M9-D2", "全面推行联合审批", "市住建局")]),

    ("measures_in_pillar", {"pillar": 1}, [
        (1, "聚焦招商", 1, "完善产业链图谱", "市经信局"),
        (1, "聚焦招商", 2, "强化要素保障", "市资源规划局"),
        (1, "聚焦招商", 3, "发挥产业基金作用", "市国资委、衢控集团")]),  # the affiliate pair leads together
    ("measures_in_pillar", {"pillar": 2}, [
        (2, "聚焦育商", 7, "建立企业会商机制", "市营商办"),
        (2, "聚焦育商", 9, "优化工程建设审批", "市住建局")]),
    ("measures_in_pillar", {"pillar": 3}, []),

    ("co_responsible_units", {"department": "市营商办"}, [  # 市级各有关部门 (collective) is no partner
        ("市营商办", "市发改委", 2, [1, 9]), ("市营商办", "市经信局", 2, [1, 3]),
        ("市营商办", "市住建局", 1, [9]), ("市营商办", "市国资委", 1, [3]),
        ("市营商办", "市资源规划局", 1, [9]), ("市营商办", "衢控集团", 1, [3])]),
    ("co_responsible_units", {"department": "衢控集团"}, [
        ("衢控集团", "市国资委", 1, [3]), ("衢控集团", "市经信局", 1, [3]), ("衢控集团", "市营商办", 1, [3])]),

    ("unit_pairs", {}, PAIRS_BY_SHARED),
    ("unit_pairs", {"limit": 3}, PAIRS_BY_SHARED[:3]),

    ("targets_for_measure", {"measure": 2}, [
        (2, "新增供地", ">=", 4000.0, "亩", "新增供地4000亩以上"),
        (2, "审批时限", "<=", 30.0, "天", "审批时限压缩至30天以内")]),
    ("targets_for_measure", {"measure": 9}, [
        (9, "办理时间", "<=", 15.0, "个工作日", "办理时间压缩至15个工作日")]),
    ("targets_for_measure", {"measure": 1}, []),

    ("overdue_milestones", {"as_of": "2024-07-15"}, OVERDUE_0715),
    ("overdue_milestones", {"as_of": "2024-07-15", "done": ["M1", "M9-D1"]}, [OVERDUE_0715[2]]),
    ("overdue_milestones", {"as_of": "2024-07-15", "done": "M1-D1,M2"}, [OVERDUE_0715[1], OVERDUE_0715[3]]),
    ("overdue_milestones", {"as_of": "2024-06-30"}, [  # due on the day is not yet overdue
        ("toy#M1-D1", 1, "2024-03-31", "完成产业链图谱编制", "市经信局", 91)]),

    ("plans", {}, [("toy", "示例方案", "衢州", 2024, "2023-12-20", 5)]),

    ("known_names", {}, [
        ("chain", "新能源", "new-energy"), ("chain", "新材料", "new-materials"),
        ("chain", "特种纸", "special-paper"), ("chain", "新材料", "新材料"), ("chain", "新能源", "新能源"),
        ("chain", "特种纸", "特种纸"),
        ("department", "市住建局", "市住建局"), ("department", "市发改委", "市发展改革委"),
        ("department", "市发改委", "市发改委"), ("department", "市国资委", "市国资委"),
        ("department", "市级各有关部门", "市级各有关部门"), ("department", "市经信局", "市经信局"),
        ("department", "市经信局", "市经济和信息化局"), ("department", "市资源规划局", "市自然资源和规划局"),
        ("department", "市营商办", "市营商办"), ("department", "市资源规划局", "市资源规划局"),
        ("department", "衢控集团", "衢控集团"),
        ("enterprise", "华金新能源材料", "huajin"), ("enterprise", "巨化集团", "juhua"),
        ("enterprise", "时代锂电", "times"), ("enterprise", "仙鹤股份", "xianhe"),
        ("enterprise", "中天氟硅", "zhongtian"), ("enterprise", "中天氟硅", "中天氟硅"),
        ("enterprise", "仙鹤股份", "仙鹤股份"), ("enterprise", "华金新能源材料", "华金新能源材料"),
        ("enterprise", "巨化集团", "巨化集团"), ("enterprise", "时代锂电", "时代锂电")]),

    ("chains", {}, [  # from the fixture's docstring: segments, firms in them, leaders, projects and 亿元
        ("新能源", "new-energy", "New energy", True, 3, 3, 2, 4, 143.5),
        ("新材料", "new-materials", "New materials", True, 3, 2, 1, 2, 33.3),
        ("特种纸", "special-paper", "Special paper", True, 2, 1, 0, 2, 5.4)]),

    ("chain_overview", {"chain": "新能源"}, NEW_ENERGY_OVERVIEW),
    ("chain_overview", {"chain": "new-energy"}, NEW_ENERGY_OVERVIEW),  # by id
    ("chain_overview", {"chain": "新材料"}, [
        ("新材料", "upstream", "氟化工原料", 1, ["巨化集团"], 0, 0.0),
        ("新材料", "midstream", "有机硅", 1, [], 1, 20.8),
        ("新材料", "downstream", "电子化学品", 1, ["巨化集团"], 1, 12.5)]),
    ("chain_overview", {"chain": "特种纸"}, [
        ("特种纸", "upstream", "木浆", 0, [], 1, 2.7),
        ("特种纸", "midstream", "特种纸制造", 1, [], 1, 2.7)]),
    ("chain_overview", {"chain": "集成电路"}, []),

    ("chain_leaders", {"chain": "新能源"}, [
        ("新能源", "华金新能源材料", "智造新城", False, ["锂电材料"]),
        ("新能源", "时代锂电", "智造新城", False, ["电池制造"])]),
    ("chain_leaders", {"chain": "new-materials"}, [  # its 新能源 segment is not listed here
        ("新材料", "巨化集团", "柯城区", True, ["氟化工原料", "电子化学品"])]),
    ("chain_leaders", {"chain": "特种纸"}, []),

    ("projects_in_chain", {"chain": "新能源"}, [
        ("新能源", "锂电池项目", "时代锂电", "电池制造", "midstream", 100.0, "签约", "2024-03-01", "2026-12-31",
         False),
        ("新能源", "三元前驱体项目", "华金新能源材料", "锂电材料", "upstream", 30.0, "在建", "2023-06-01",
         "2025-06-30", False),
        ("新能源", "电解液项目", "华金新能源材料、巨化集团", "锂电材料", "upstream", 8.0, "在建", "2024-01-01",
         "2025-12-31", False),
        ("新能源", "电池回收项目", None, "电池回收", "downstream", 5.5, "谋划", None, None, True)]),
    ("projects_in_chain", {"chain": "特种纸"}, [  # equal investment: by project name
        ("特种纸", "木浆项目", None, "木浆", "upstream", 2.7, "谋划", None, None, True),
        ("特种纸", "铝化基纸项目", "仙鹤股份", "特种纸制造", "midstream", 2.7, "投产", "2023-01-01", "2024-06-30",
         False)]),

    ("units_serving_chain", {"chain": "新能源"}, [  # project rows belong to no plan
        ("新能源", "市住建局", "project", 1, ["施工许可"], None),
        ("新能源", "市发改委", "measure", 1, [], "toy"),
        ("新能源", "市发改委", "project", 1, ["立项", "能评"], None),  # two steps on one project
        ("新能源", "市级各有关部门", "measure", 1, [], "toy"),
        ("新能源", "市经信局", "measure", 1, [], "toy"),
        ("新能源", "市营商办", "measure", 1, [], "toy"),
        ("新能源", "市资源规划局", "project", 2, ["用地"], None)]),
    ("units_serving_chain", {"chain": "新材料"}, [
        ("新材料", "市发改委", "measure", 1, [], "toy"),
        ("新材料", "市国资委", "measure", 1, [], "toy"),
        ("新材料", "市级各有关部门", "measure", 1, [], "toy"),
        ("新材料", "市经信局", "measure", 2, [], "toy"),
        ("新材料", "市经信局", "project", 1, ["技改备案"], None),
        ("新材料", "市营商办", "measure", 3, [], "toy"),
        ("新材料", "衢控集团", "measure", 1, [], "toy")]),

    ("chain_gaps", {}, [
        ("新能源", "empty_segment", "电池回收", None),
        ("新能源", "gap_filled_by_project", "电池回收", "电池回收项目"),
        ("特种纸", "empty_segment", "木浆", None),
        ("特种纸", "gap_filled_by_project", "木浆", "木浆项目"),
        ("特种纸", "no_leader", None, None)]),
    ("chain_gaps", {"chain": "special-paper"}, [
        ("特种纸", "empty_segment", "木浆", None),
        ("特种纸", "gap_filled_by_project", "木浆", "木浆项目"),
        ("特种纸", "no_leader", None, None)]),
    ("chain_gaps", {"chain": "新材料"}, []),

    ("enterprise_profile", {"enterprise": "巨化集团"}, JUHUA),
    ("enterprise_profile", {"enterprise": "juhua"}, JUHUA),
    ("enterprise_profile", {"enterprise": "华金新能源材料"}, [
        ("华金新能源材料", "新能源", True, ["锂电材料"], ["三元前驱体项目", "电解液项目"], 38.0, 1)]),
    ("enterprise_profile", {"enterprise": "仙鹤股份"}, [
        ("仙鹤股份", "特种纸", False, ["特种纸制造"], ["铝化基纸项目"], 2.7, 0)]),
]

CASES += ASK_QUERY_CASES  # the one-measure and lead-only queries


@pytest.mark.parametrize(("name", "params", "expected"), CASES,
                         ids=[f"{name}-{i}" for i, (name, *_) in enumerate(CASES)])
def test_rows_on_the_toy_graph(name, params, expected, toy):
    columns = CATALOGUE[name].returns
    # the toy graph holds one plan, "toy": rows written without their plan column belong to it
    want = [dict(zip(columns, row + ("toy",) if len(row) == len(columns) - 1 and columns[-1] == "plan" else row,
                     strict=True)) for row in expected]
    assert run_named(name, params, graph=toy) == want
    # the twin itself, not only the projection run_named makes, returns exactly these rows
    assert TWINS[name](toy, **CATALOGUE[name].bind(params)) == want


def test_every_plan_and_chain_query_has_a_hand_derived_case():
    assert set(SAMPLE_PARAMS) <= set(CATALOGUE)
    assert {name for name, *_ in CASES} == set(SAMPLE_PARAMS)


def test_value_types_are_plain(toy):
    """Floats stay floats (Neo4j returns 38.0, not 38) and no row holds a node or a tuple."""
    rows = run_named("chain_overview", {"chain": "新材料"}, graph=toy)
    assert all(type(r["investment"]) is float for r in rows)
    plain = (str, int, float, bool, list, type(None))
    for name, params in SAMPLE_PARAMS.items():
        for row in run_named(name, params, graph=toy):
            assert all(isinstance(v, plain) for v in row.values()), (name, row)


def test_unit_pairs_rejects_a_negative_limit(toy):
    with pytest.raises(ValueError, match="limit"):
        run_named("unit_pairs", {"limit": -1}, graph=toy)
