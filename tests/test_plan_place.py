"""Whose plan it is (loaders/plan_place.py): the place found in real plan texts, and the key a unit of
another place gets. Expected places are read by hand from the texts (where each says it is noted)."""
from __future__ import annotations

from pathlib import Path

import pytest

from loaders.plan import parse_plan, read_plan
from loaders.plan_place import plan_place, qualify, same_place, scope_of

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"


def city_of(path: Path) -> str | None:
    plan = read_plan(path, strict=False)
    return next(n.props["city"] for n in plan.nodes if n.label == "Plan")


@pytest.mark.parametrize("file,place", [
    ("lishui-2023-gov-report.txt", "丽水市"),             # 信息来源: 丽水市政府; 市发改委 …
    ("sichuan-2022-liutong.txt", "四川省"),               # title 四川省"十四五"…; 省发展改革委 …
    ("gangcheng-2021-fangguanfu.txt", "济南市钢城区"),    # signed 济南市钢城区人民政府办公室; 区司法局 …
    ("guandu-2016-wenzengzhang.txt", "昆明市官渡区"),     # 结合官渡区实际, 《昆明市人民政府…》; 区发改局 …
    ("guangzhou-talent-2012.txt", "广州市"),              # 《中共广州市委、广州市人民政府…》; 市发展改革委 …
    ("anhui-2022-zhongdian.txt", None),                   # 省发展改革委 …, but the excerpt never names 安徽
    ("caidian-2023-gov-report.txt", None),                # 区人民政府办公室 without the district's name
    ("xialu-2020-zhongdian.txt", None),
])
def test_place_of_a_real_plan(file, place):
    assert city_of(CORPUS / file) == place


def test_the_bundled_plan_is_quzhous():
    assert city_of(ROOT / "data" / "quzhou-2024-business-environment-plan.txt") == "衢州市"


def test_the_same_plan_of_another_city_is_that_citys():
    text = (ROOT / "data" / "quzhou-2024-business-environment-plan.txt").read_text(encoding="utf-8")
    for city in ("温州", "湖州", "金华"):
        plan = parse_plan(text.replace("衢州", city), doc_id="p")
        assert next(n.props["city"] for n in plan.nodes if n.label == "Plan") == city + "市"


def test_a_city_named_in_passing_does_not_make_the_place():
    # units at 市 level; 杭州 named once as a model to follow, 嘉兴's own bodies named twice
    text = "嘉兴市人民政府办公室\n学习杭州市委经验。嘉兴市政府决定:\n"
    assert plan_place(None, text, ["市发改委", "市财政局"]) == "嘉兴市"


def test_the_level_of_the_units_decides_what_place_is_meant():
    text = "根据《宁波市人民政府关于…》,结合海曙区实际,海曙区人民政府制定本方案。"
    assert plan_place(None, text, ["区发改局", "区财政局", "市税务局"]) == "宁波市海曙区"
    assert plan_place(None, text, ["市发改委"]) == "宁波市"
    assert plan_place("浙江省数字经济方案", "", ["省发展改革委", "省经信厅"]) == "浙江省"
    assert plan_place(None, "没有地名的方案", ["市发改委"]) is None


@pytest.mark.parametrize("place,written,key", [
    ("丽水市", "市发改委", "丽水市发改委"),
    ("四川省", "省发展改革委", "四川省发展改革委"),
    ("济南市钢城区", "区司法局", "济南市钢城区司法局"),
    ("丽水市", "团市委", "团市委（丽水市）"),
    ("丽水市", "各县(市、区)政府", "各县(市、区)政府（丽水市）"),
    ("四川省", "商务厅", "商务厅（四川省）"),
    ("丽水市", "丽水海关", "丽水海关"),
    ("广州市", "黄埔区政府", "黄埔区政府（广州市）"),
])
def test_qualify(place, written, key):
    assert qualify(place, written) == key


def test_same_place_and_scope():
    assert same_place("衢州", "衢州市") and same_place("四川省", "四川")
    assert not same_place("衢州市", "丽水市") and not same_place(None, "衢州市")
    assert scope_of("昆明市官渡区", "市财政局") == "昆明市"
    assert scope_of("昆明市官渡区", "区财政局") == "昆明市官渡区"
    assert scope_of("官渡区", "市财政局") == "官渡区"  # the city is not known: the county's


@pytest.mark.parametrize("city", ["衢州市", "温州市"])
def test_an_untitled_tables_heading_row_names_its_place(tmp_path, city):
    import csv
    from tests.test_plan_formats import HEADER
    path = tmp_path / "分工表.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([[f"{city}2024年重点工作任务分工表"], HEADER,
                                 ["1", "建设算力中心。", "张三", "市发改委、市算力调度中心", "6月底前"]])
    assert city_of(path) == city
