"""`graph.interface.ask` on the toy graph: questions map to the right named query and parameters, names
are found however people write them, and doubtful questions are declined with a reason, never guessed."""
from __future__ import annotations

import datetime as dt

import pytest

from graph.interface.ask import HELP, REFUSALS, Answer, answer, route
from graph.model.lookup import Lookup
from graph.named import run_named

TODAY = dt.date(2024, 8, 1)

QUESTIONS = [
    # measures
    ("which departments touch measure 9", "departments_for_measure", {"measure": 9}),
    ("第9条举措由哪些部门负责", "departments_for_measure", {"measure": 9}),
    ("措施九", "departments_for_measure", {"measure": 9}),
    ("who owns M3?", "departments_for_measure", {"measure": 3}),
    ("工程建设审批由哪些部门负责", "departments_for_measure", {"measure": 9}),  # words of the title
    ("targets of measure 2", "targets_for_measure", {"measure": 2}),
    ("第2条的目标", "targets_for_measure", {"measure": 2}),
    ("第9条举措的截止时间", "milestones_for_measure", {"measure": 9}),
    ("when is measure 1 due", "milestones_for_measure", {"measure": 1}),
    ("第三条谁牵头", "leads_for_measure", {"measure": 3}),
    ("who leads measure 7", "leads_for_measure", {"measure": 7}),
    # units, by any name
    ("what does 市发改委 own", "measures_for_department", {"department": "市发改委"}),
    ("市发改委负责哪些举措", "measures_for_department", {"department": "市发改委"}),
    ("市发展改革委负责哪些举措", "measures_for_department", {"department": "市发改委"}),  # alias
    ("发改委负责哪些举措", "measures_for_department", {"department": "市发改委"}),  # 市 left out
    ("衢州市发改委负责哪些举措", "measures_for_department", {"department": "市发改委"}),  # 衢州 added
    ("经济和信息化局负责哪些举措", "measures_for_department", {"department": "市经信局"}),  # alias without 市
    ("which measures does 市营商办 lead", "measures_led_by", {"department": "市营商办"}),
    ("市经信局牵头哪些举措", "measures_led_by", {"department": "市经信局"}),
    ("who works with 市营商办", "co_responsible_units", {"department": "市营商办"}),
    ("市营商办和哪些部门协同", "co_responsible_units", {"department": "市营商办"}),
    ("which units work together most", "unit_pairs", {}),
    ("top 5 pairs of units", "unit_pairs", {"limit": 5}),
    ("who is busiest", "department_workload", {}),
    ("哪个部门任务最多", "department_workload", {}),
    ("who is overloaded in June", "busiest_in_month", {"month": 6}),
    ("6月哪个部门最忙", "busiest_in_month", {"month": 6}),
    ("九月份哪个部门压力最大", "busiest_in_month", {"month": 9}),
    # deadlines
    ("what is due in June", "milestones_due", {"month": 6}),
    ("6月底前要完成哪些任务", "milestones_due", {"month": 6}),
    ("deadlines in Sept", "milestones_due", {"month": 9}),
    ("what is due between 2024-06-01 and 2024-09-30", "milestones_due",
     {"start": "2024-06-01", "end": "2024-09-30"}),
    ("what is overdue as of 2024-07-15", "overdue_milestones", {"as_of": "2024-07-15"}),
    ("截至2024年7月15日哪些任务逾期", "overdue_milestones", {"as_of": "2024-07-15"}),
    ("截至7月15日哪些任务逾期", "overdue_milestones", {"as_of": "2024-07-15"}),  # the plan year
    ("what was overdue on July 1", "overdue_milestones", {"as_of": "2024-07-01"}),
    ("what is overdue", "overdue_milestones", {"as_of": "2024-08-01"}),  # today when no date is given
    # pillars, named as the graph names them
    ("pillar 2", "measures_in_pillar", {"pillar": 2}),
    ("第二部分", "measures_in_pillar", {"pillar": 2}),
    ("聚焦育商有哪些举措", "measures_in_pillar", {"pillar": 2}),
    ("招商板块有哪些举措", "measures_in_pillar", {"pillar": 1}),
    # chains and firms
    ("新能源产业链的链主企业有哪些", "chain_leaders", {"chain": "新能源"}),
    ("which units serve the 新能源 chain", "units_serving_chain", {"chain": "新能源"}),
    ("特种纸产业链有哪些短板", "chain_gaps", {"chain": "特种纸"}),
    ("gaps of the special paper chain", "chain_gaps", {"chain": "特种纸"}),  # English name
    ("哪些产业链有短板", "chain_gaps", {}),
    ("新材料产业链概况", "chain_overview", {"chain": "新材料"}),
    ("overview of new-materials", "chain_overview", {"chain": "新材料"}),  # chain id
    ("巨化集团的情况", "enterprise_profile", {"enterprise": "巨化集团"}),
    ("巨化的情况", "enterprise_profile", {"enterprise": "巨化集团"}),  # short name
    ("仙鹤怎么样", "enterprise_profile", {"enterprise": "仙鹤股份"}),
    ("华金新能源材料的情况", "enterprise_profile", {"enterprise": "华金新能源材料"}),  # not the chain 新能源
    ("新能源有哪些项目", "projects_in_chain", {"chain": "新能源"}),
    # problems, and the queries without parameters
    ("新能源产业链有哪些问题", "open_problems", {"chain": "新能源"}),
    ("问题销号率", "problem_closure", {}),
    ("各部门每月的任务节点", "unit_month_matrix", {}),
    ("哪些部门服务项目最多", "pipeline_load", {}),
    ("哪些举措涉及部门最多", "measure_coordination", {}),
]


@pytest.fixture(scope="module")
def lookup(toy):
    return Lookup.of_graph(toy)


@pytest.mark.parametrize(("question", "query", "params"), QUESTIONS, ids=[q for q, *_ in QUESTIONS])
def test_question_maps_to_query_and_params(question, query, params, toy, lookup):
    result = answer(question, graph=toy, lookup=lookup, today=TODAY)
    assert (result.query, result.params, result.refusal) == (query, params, None)
    assert result.rows == run_named(query, params, graph=toy)


def test_rows_come_back_with_the_answer(toy):
    result = answer("第9条举措由哪些部门负责", graph=toy)
    assert [r["department"] for r in result.rows] == ["市住建局", "市发改委", "市资源规划局", "市营商办"]


REFUSED = [
    ("what is the weather", "not_understood", ""),
    ("你好", "not_understood", ""),
    ("第十十条", "not_understood", ""),
    ("第26条由哪些部门负责", "no_such_measure", "the plan has 5 measures (1, 2, 3, 7, 9); there is no measure 26"),
    ("第三部分", "no_such_pillar", "the plan has 2 pillars (1–2); there is no pillar 3"),
    ("2024-02-30前哪些任务逾期", "bad_date", "2024-02-30 is not a date"),
    ("2月30日前要完成哪些任务", "bad_date", "2月30日 is not a date"),
    ("13月有哪些任务到期", "bad_date", "there is no month 13 (13月)"),
    ("June 31 deadlines", "bad_date", "june 31 is not a date"),
    ("2030年方案第1条", "no_such_plan", "no plan for 2030 is loaded"),
    ("由哪些部门负责", "missing", "which measure or unit?"),
]


@pytest.mark.parametrize(("question", "refusal", "says"), REFUSED, ids=[q for q, *_ in REFUSED])
def test_doubtful_questions_are_declined_with_the_reason(question, refusal, says, toy, lookup):
    result = answer(question, graph=toy, lookup=lookup, today=TODAY)
    assert (result.query, result.params, result.rows, result.refusal) == (None, {}, [], refusal)
    assert says in result.message
    assert result.help.startswith(HELP)
    assert "departments_for_measure" in result.help and "新能源" in result.help  # kinds, and known chains


@pytest.mark.parametrize(("question", "written", "suggested"), [
    ("市发改局负责哪些举措", "市发改局", "市发改委"),  # close: did you mean …
    ("市经信委牵头哪些举措", "市经信委", "市经信局"),
    ("新能原产业链的链主", "新能原", "新能源"),
    ("华金材料公司的情况", "华金材料公司", "华金新能源材料"),
    ("which measures does the housing bureau own", "housing bureau", None),  # nothing close: closest anyway
])
def test_unknown_names_get_the_closest_known_names(question, written, suggested, toy, lookup):
    result = answer(question, graph=toy, lookup=lookup)
    assert result.refusal == "unknown_name" and result.query is None
    assert repr(written) in result.message and "did you mean" in result.message
    assert result.suggestions
    if suggested:
        assert result.suggestions[0] == suggested


def test_every_named_query_has_an_example_in_the_help():
    from graph.interface.ask import EXAMPLES
    from graph.named.catalogue import load_catalogue
    assert set(EXAMPLES) == set(load_catalogue())


def test_every_refusal_kind_is_documented():
    assert {"not_understood", "unknown_name", "no_such_measure", "bad_date", "ambiguous"} <= set(REFUSALS)


def test_route_needs_no_backend(lookup):
    assert route("projects in the new energy chain", lookup).call == ("projects_in_chain", {"chain": "新能源"})


def test_ascii_names_match_whole_words_only():
    rows = [{"kind": "chain", "key": "ic", "name": "集成电路", "form": "ic", "field": "id", "plan": None}]
    lk = Lookup(rows)
    assert route("which units work together most", lk).call == ("unit_pairs", {})  # not the "ic" in "which"
    assert route("IC产业链概况", lk).call == ("chain_overview", {"chain": "集成电路"})


def test_a_trailing_bracket_may_be_left_out():
    rows = [{"kind": "enterprise", "key": "huajin", "name": "华金新能源材料（衢州）", "form": "华金新能源材料（衢州）",
             "field": "name", "plan": None},
            {"kind": "chain", "key": "ne", "name": "新能源", "form": "新能源", "field": "name", "plan": None}]
    assert route("华金新能源材料的情况", Lookup(rows)).call == \
        ("enterprise_profile", {"enterprise": "华金新能源材料（衢州）"})


def test_a_name_two_units_share_is_asked_about_not_guessed():
    rows = [{"kind": "department", "key": k, "name": k, "form": f, "field": "alias" if f != k else "name",
             "plan": None} for k, f in (("市甲局", "市甲局"), ("市乙局", "市乙局"), ("市甲局", "甲乙办"), ("市乙局", "甲乙办"))]
    d = route("甲乙办负责哪些举措", Lookup(rows))
    assert (d.query, d.refusal) == (None, "ambiguous")
    assert sorted(d.suggestions) == ["市乙局", "市甲局"]


def test_json_object_of_an_answer_and_of_a_refusal(toy, lookup):
    done = answer("第9条举措由哪些部门负责", graph=toy, lookup=lookup).to_json()
    assert set(done) == {"query", "params", "rows"} and done["params"] == {"measure": 9} and len(done["rows"]) == 4
    declined = answer("第26条", graph=toy, lookup=lookup).to_json()
    assert declined["query"] is None and declined["refusal"] == "no_such_measure"
    assert "departments_for_measure" in declined["can_answer"] and "leads_for_measure" in declined["can_answer"]


class RecordingStore:
    """Stands in for the Neo4j store: answers with the twins and records what it was asked."""

    def __init__(self, graph):
        self.graph, self.calls = graph, []

    def run_named(self, query, params):
        self.calls.append((query.name, params))
        return run_named(query.name, params, graph=self.graph)


def test_store_supplies_names_and_runs_the_query(toy):
    store = RecordingStore(toy)
    result = answer("who works with 营商办", store=store)
    assert [name for name, _ in store.calls] == ["name_index", "co_responsible_units"]
    assert store.calls[1][1] == {"department": "市营商办", "plan": None}
    assert result.rows[0]["other"] == "市发改委"


def test_answer_needs_a_backend():
    with pytest.raises(ValueError, match="graph or a store"):
        answer("who is busiest")


def test_answer_is_a_plain_value():
    assert Answer("q", {}, []).to_json() == {"query": "q", "params": {}, "rows": []}
