"""`graph.model.lookup`: one index finds a unit, chain, firm, plan, pillar or measure by any name the graph
gives it, and by the forms people drop or add; a name it does not hold raises NotFound with suggestions."""
from __future__ import annotations

import pytest

from graph.errors import NotFound
from graph.model.dataset import load_graph
from graph.model.lookup import Lookup, node_matches, nodes_matching, norm


@pytest.fixture(scope="module")
def real():
    g, _ = load_graph()
    return g, Lookup.of_graph(g)


@pytest.mark.parametrize(("kind", "written", "key"), [
    ("department", "市发改委", "市发改委"),  # short name
    ("department", "发改委", "市发改委"),  # 市 left out
    ("department", "衢州市发改委", "市发改委"),  # 衢州 added
    ("department", "衢州市发展和改革委员会", "市发改委"),  # full name
    ("department", "发展和改革委员会", "市发改委"),  # full name without 衢州市
    ("department", "市发展改革委", "市发改委"),  # alias
    ("department", "Municipal Development & Reform Commission", "市发改委"),  # English name
    ("department", "development and reform commission", "市发改委"),  # English, Municipal left out
    ("department", "市监局", "市市场监管局"),  # abbreviation listed in units.csv
    ("department", "市场监管局", "市市场监管局"),
    ("department", "衢州中院", "市法院"),
    ("department", "智造新城", "智造新城管委会"),  # 管委会 left out
    ("department", "组织部", "市委组织部"),
    ("chain", "特种纸", "special-paper"),
    ("chain", "special-paper", "special-paper"),  # id
    ("chain", "Special paper", "special-paper"),  # English name
    ("chain", "special paper", "special-paper"),
    ("enterprise", "仙鹤", "xianhe"),  # short name: bracket and 股份 left out
    ("enterprise", "仙鹤股份", "xianhe"),
    ("enterprise", "巨化", "juhua"),
    ("enterprise", "夏王纸业", "xiawang"),  # 浙江 left out
    ("enterprise", "华金新能源材料", "huajin"),
    ("enterprise", "吉利三电", "geely-3e"),  # quotes left out
    ("plan", "2024", "quzhou-2024-business-environment-plan"),
    ("pillar", "聚焦便商", "quzhou-2024-business-environment-plan#P3"),
    ("measure", "持续深化不动产登记改革", "quzhou-2024-business-environment-plan#M10"),
])
def test_found_by_any_of_its_names(kind, written, key, real):
    assert real[1].find(kind, written).key == key


def test_not_found_carries_the_closest_names(real):
    with pytest.raises(NotFound) as e:
        real[1].find("department", "市发改局")
    assert e.value.suggestions[0] == "市发改委" and "did you mean" in str(e.value)
    with pytest.raises(NotFound) as e:
        real[1].find("chain", "特种纸张")
    assert e.value.suggestions == ("特种纸",) and e.value.kind == "chain"


def test_an_industry_word_is_not_a_firm(real):
    assert real[1].matches("enterprise", "正极材料") == []  # 衢州正极材料（示例） keeps its 衢州


def test_no_form_names_two_entities_silently(real):
    """A written name names one entity; a generated form two share (先导, the brand of 先导电科 and 先导稀材)
    stays in the index as ambiguous, so `ask` asks which one instead of picking one."""
    from graph.interface.ask import route
    every_shared = set()
    for kind in ("department", "chain", "enterprise"):
        shared = {form: es for form, es in real[1].forms(kind).items() if len(es) > 1}
        every_shared |= set(shared)
        for form, es in shared.items():
            assert not any(form in {f for _, f in e.forms} for e in es), (kind, form)
            got = route(f"{form}的情况", real[1])
            assert got.refusal == "ambiguous" and set(got.suggestions) == {e.label() for e in es}, (kind, form)
    assert every_shared == {"先导", "华邦"}  # a new shared form is a decision: check that `ask` handles it


def test_values_are_what_the_queries_take(real):
    lk = real[1]
    assert lk.find("department", "发改委").value == "市发改委"
    assert lk.find("chain", "special paper").value == "特种纸"
    assert lk.find("measure", "持续深化不动产登记改革").value == 10


def test_titles_are_found_by_their_words(real):
    found = real[1].measures_by_title("产业基金这条举措")
    assert [e.number for e, _ in found] == [3]  # 用好用活产业基金: its last words
    assert real[1].measures_by_title("营商环境") == []  # four characters, not the end of 优化营商环境制度供给


def test_exact_matching_as_the_cypher_does(real):
    g, _ = real
    assert node_matches({"id": "ic", "name": "集成电路"}, "ic") and node_matches({"id": "ic"}, None)
    assert not node_matches({"id": "ic", "name": "集成电路"}, "IC")  # the twins match exactly
    assert node_matches({"name": "市发改委", "aliases": ["市发展改革委"]}, "市发展改革委", ("name", "aliases"))
    assert nodes_matching(g, "Chain", "新能源") == ["Chain:new-energy"]


def test_norm_folds_width_case_and_spaces():
    assert norm("ＩＣ　产业链") == "ic产业链" and norm("A  &  B") == "a and b"
