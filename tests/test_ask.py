"""`graph.interface.ask`: plain questions map to the right named query and parameters; unknown ones get help."""
from __future__ import annotations

import datetime as dt

import pytest

from graph.interface.ask import HELP, Answer, Names, answer, route
from graph.named import run_named

TODAY = dt.date(2024, 8, 1)

QUESTIONS = [
    # measures
    ("which departments touch measure 9", "departments_for_measure", {"measure": 9}),
    ("第9条举措由哪些部门负责", "departments_for_measure", {"measure": 9}),
    ("措施九", "departments_for_measure", {"measure": 9}),
    ("措施二十六", "departments_for_measure", {"measure": 26}),
    ("who owns M3?", "departments_for_measure", {"measure": 3}),
    ("targets of measure 2", "targets_for_measure", {"measure": 2}),
    ("第2条的目标", "targets_for_measure", {"measure": 2}),
    # units
    ("what does 市发改委 own", "measures_for_department", {"department": "市发改委"}),
    ("市发改委负责哪些举措", "measures_for_department", {"department": "市发改委"}),
    ("市发展改革委负责哪些举措", "measures_for_department", {"department": "市发改委"}),  # alias
    ("what does 市发改委 own and when is it due", "measures_for_department", {"department": "市发改委"}),
    ("who is busiest", "department_workload", {}),
    ("who is overloaded in June", "busiest_in_month", {"month": 6}),
    ("6月哪个部门最忙", "busiest_in_month", {"month": 6}),
    ("哪个部门九月任务最多", "busiest_in_month", {"month": 9}),
    ("哪个部门任务最多", "department_workload", {}),
    ("who works with 市营商办", "co_responsible_units", {"department": "市营商办"}),
    ("市营商办和哪些部门协同", "co_responsible_units", {"department": "市营商办"}),
    ("which units work together most", "unit_pairs", {}),
    ("top 5 pairs of units", "unit_pairs", {"limit": 5}),
    # deadlines
    ("what is due in June", "milestones_due", {"month": 6}),
    ("6月底前要完成哪些任务", "milestones_due", {"month": 6}),
    ("六月底前要完成哪些任务", "milestones_due", {"month": 6}),
    ("deadlines in Sept", "milestones_due", {"month": 9}),
    ("what is due between 2024-06-01 and 2024-09-30", "milestones_due",
     {"start": "2024-06-01", "end": "2024-09-30"}),
    ("what is overdue as of 2024-07-15", "overdue_milestones", {"as_of": "2024-07-15"}),
    ("截至2024年7月15日哪些任务逾期", "overdue_milestones", {"as_of": "2024-07-15"}),
    ("what is overdue", "overdue_milestones", {"as_of": "2024-08-01"}),  # today when no date is given
    # pillars
    ("pillar 3", "measures_in_pillar", {"pillar": 3}),
    ("第三部分", "measures_in_pillar", {"pillar": 3}),
    ("聚焦便商 有哪些举措", "measures_in_pillar", {"pillar": 3}),
    ("聚焦育商有哪些举措", "measures_in_pillar", {"pillar": 2}),
    # chains and firms
    ("新能源产业链的链主企业有哪些", "chain_leaders", {"chain": "新能源"}),
    ("which units serve the 新能源 chain", "units_serving_chain", {"chain": "新能源"}),
    ("特种纸产业链有哪些短板", "chain_gaps", {"chain": "特种纸"}),
    ("哪些产业链有短板", "chain_gaps", {}),
    ("新材料产业链概况", "chain_overview", {"chain": "新材料"}),
    ("overview of the 新材料 chain", "chain_overview", {"chain": "新材料"}),
    ("overview of new-materials", "chain_overview", {"chain": "新材料"}),  # chain id
    ("巨化集团的情况", "enterprise_profile", {"enterprise": "巨化集团"}),
    ("profile of 巨化集团", "enterprise_profile", {"enterprise": "巨化集团"}),
    ("华金新能源材料的情况", "enterprise_profile", {"enterprise": "华金新能源材料"}),  # not the chain 新能源
    ("新能源有哪些项目", "projects_in_chain", {"chain": "新能源"}),
]


@pytest.mark.parametrize(("question", "query", "params"), QUESTIONS, ids=[q for q, *_ in QUESTIONS])
def test_question_maps_to_query_and_params(question, query, params, toy):
    result = answer(question, graph=toy, today=TODAY)
    assert (result.query, result.params) == (query, params)
    assert result.rows == run_named(query, params, graph=toy)


def test_rows_come_back_with_the_answer(toy):
    result = answer("第9条举措由哪些部门负责", graph=toy)
    assert [r["department"] for r in result.rows] == ["市住建局", "市发改委", "市资源规划局", "市营商办"]


@pytest.mark.parametrize("question", ["what is the weather", "你好", "measure", "第十十条", "哪个产业链项目最多"])
def test_unmappable_question_gets_help_not_a_guess(question, toy):
    result = answer(question, graph=toy)
    assert result == Answer(None, {}, [], result.help)
    assert result.help.startswith(HELP)
    assert "departments_for_measure" in result.help and "新能源" in result.help  # kinds, and known chains


def test_names_can_be_given(toy):
    names = Names({"department": {"发改": "市发改委"}, "chain": {}, "enterprise": {}})
    assert answer("发改负责哪些举措", graph=toy, names=names).params == {"department": "市发改委"}


def test_route_needs_no_backend():
    names = Names({"department": {}, "chain": {"ev": "新能源"}, "enterprise": {}})
    assert route("projects in EV", names) == ("projects_in_chain", {"chain": "新能源"})


def test_ascii_names_match_whole_words_only():
    names = Names({"department": {}, "chain": {"ic": "集成电路"}, "enterprise": {}})
    assert route("which units work together most", names) == ("unit_pairs", {})  # not the "ic" in "which"
    assert route("IC产业链概况", names) == ("chain_overview", {"chain": "集成电路"})


def test_a_trailing_bracket_may_be_left_out():
    rows = [{"kind": "enterprise", "name": "华金新能源材料（衢州）", "alias": "华金新能源材料（衢州）"},
            {"kind": "chain", "name": "新能源", "alias": "新能源"}]
    assert route("华金新能源材料的情况", Names.from_rows(rows)) == \
        ("enterprise_profile", {"enterprise": "华金新能源材料（衢州）"})


class RecordingStore:
    """Stands in for the Neo4j store: answers with the twins and records what it was asked."""

    def __init__(self, graph):
        self.graph, self.calls = graph, []

    def run_named(self, query, params):
        self.calls.append((query.name, params))
        return run_named(query.name, params, graph=self.graph)


def test_store_supplies_names_and_runs_the_query(toy):
    store = RecordingStore(toy)
    result = answer("who works with 市营商办", store=store)
    assert [name for name, _ in store.calls] == ["known_names", "co_responsible_units"]
    assert store.calls[1][1] == {"department": "市营商办", "plan": None}
    assert result.rows[0]["other"] == "市发改委"


def test_answer_needs_a_backend():
    with pytest.raises(ValueError, match="graph or a store"):
        answer("who is busiest")
