"""Everyday wording `ask` reads as a class, on the bundled plan and ledgers: two-character unit names
(法院, 人行, 海关), English names shortened to their first field ("Housing Bureau"), "soon" as the next 30
days, 年中 as the first half, an English "month 13", gap words (缺哪些), counts of units, every month,
units sharing measures; and what is declined instead of guessed."""
from __future__ import annotations

import datetime as dt

import pytest

from graph.interface.ask import route
from graph.model.dataset import load_graph, sources_for
from graph.model.lookup import Lookup

TODAY = dt.date(2024, 8, 1)


@pytest.fixture(scope="module")
def lookup():
    return Lookup.of_graph(load_graph(sources_for())[0])


@pytest.mark.parametrize("written, key", [
    ("法院", "市法院"), ("人行", "市人行"), ("海关", "衢州海关"),  # 市/衢州 dropped, an institution is left
    ("人民银行", "市人行"), ("国际贸易促进委员会", "市贸促会"),  # a national body's branch, by the body
    ("housing bureau", "市住建局"), ("Agriculture Bureau", "市农业农村局"),  # the first of paired fields
    ("culture bureau", "市文旅局"), ("human resources bureau", "市人力社保局"),
    ("Big Data Bureau", "市大数据局"), ("big data development bureau", "市大数据局"),  # opening words of a field
])
def test_short_forms_people_write(lookup, written, key):
    assert lookup.find("department", written).key == key


@pytest.mark.parametrize("written", [
    "监局",  # 市监局 is an abbreviation already: without 市 it is no name
    "监管",  # a two-character rest that does not end like an institution
    "financial committee",  # "… Commission of the Municipal People's Congress …" is not shortened
    "commission for commission",  # "Commission for Discipline Inspection & …" is no pair of fields
])
def test_forms_that_would_mislead_are_not_names(lookup, written):
    assert lookup.matches("department", written) == []


@pytest.mark.parametrize("written, keys", [
    ("华金", ["huajin"]), ("鹏辉", ["penghui"]), ("康鹏", ["kangpeng"]), ("五洲", ["wuzhou"]),  # brand before
    ("先导", ["xiandao-dianke", "xiandao-rare"]),  # two firms share the brand: ambiguous, never one of them
    ("一道", []), ("时代", []), ("一道新", []),  # everyday words, not brands; no half of 新能源
    ("衢州正极", []),  # a name opening with a place names an industry
])
def test_firms_by_their_brand(lookup, written, keys):
    assert [e.key for e in lookup.matches("enterprise", written)] == keys


def test_a_shared_brand_is_asked_about(lookup):
    got = route("先导的项目", lookup, today=TODAY)
    assert got.refusal == "ambiguous" and set(got.suggestions) == {"先导电科", "先导稀材"}


@pytest.mark.parametrize("question, query, params", [
    ("法院牵头哪些举措", "measures_led_by", {"department": "市法院"}),
    ("海关和哪些部门合作", "co_responsible_units", {"department": "衢州海关"}),
    ("人行的时间节点", "deadlines_for_department", {"department": "市人行"}),
    ("what does the Science Bureau own", "measures_for_department", {"department": "市科技局"}),
    # soon: from today, 30 days on
    ("哪些任务即将到期", "milestones_due", {"start": "2024-08-01", "end": "2024-08-31"}),
    ("马上要截止的节点", "milestones_due", {"start": "2024-08-01", "end": "2024-08-31"}),
    ("upcoming deadlines", "milestones_due", {"start": "2024-08-01", "end": "2024-08-31"}),
    ("市营商办近期有哪些节点", "deadlines_for_department",
     {"department": "市营商办", "start": "2024-08-01", "end": "2024-08-31"}),
    ("10月快到期的任务", "milestones_due", {"month": 10}),  # a time written wins over "soon"
    # mid-year: the first half
    ("年中之前有哪些节点", "milestones_due", {"start": "2024-01-01", "end": "2024-06-30"}),
    ("what is due by mid-year", "milestones_due", {"start": "2024-01-01", "end": "2024-06-30"}),
    ("what is due in month 6", "milestones_due", {"month": 6}),
    # due words beside 任务/tasks ask for a unit's deadlines, not its measures
    ("市经信局有哪些任务到期", "deadlines_for_department", {"department": "市经信局"}),
    ("what tasks of 市住建局 are due", "deadlines_for_department", {"department": "市住建局"}),
    ("市营商办负责哪些任务", "measures_for_department", {"department": "市营商办"}),
    # has a measure been done: its deadlines answer it
    ("第十条做完了吗", "milestones_for_measure", {"measure": 10}),
    ("is measure 5 finished", "milestones_for_measure", {"measure": 5}),
    # month/day with a slash, mid-month, this/next quarter and week (today is Thursday 2024-08-01)
    ("截至6/30哪些任务逾期", "overdue_milestones", {"as_of": "2024-06-30"}),
    ("截至10月中旬哪些节点没完成", "overdue_milestones", {"as_of": "2024-10-15"}),
    ("what was overdue by mid-July", "overdue_milestones", {"as_of": "2024-07-15"}),
    ("下个季度有哪些任务到期", "milestones_due", {"start": "2024-10-01", "end": "2024-12-31"}),
    ("what is due this quarter", "milestones_due", {"start": "2024-07-01", "end": "2024-09-30"}),
    ("本周有哪些节点", "milestones_due", {"start": "2024-07-29", "end": "2024-08-04"}),
    ("deadlines next week", "milestones_due", {"start": "2024-08-05", "end": "2024-08-11"}),
    # a unit's problems closed or not: its problems; a rate: every unit's closure
    ("市科技局的问题都销号了吗", "problems_for_department", {"department": "市科技局"}),
    ("市科技局问题销号率", "problem_closure", {}),
    ("哪些部门服务的项目比较多", "pipeline_load", {}),
    # dates with the year in Chinese digits; a unit named by its alias without 部门
    ("截至二〇二四年九月一日哪些任务逾期", "overdue_milestones", {"as_of": "2024-09-01"}),
    ("二〇二四年6月30日前的节点", "milestones_due", {"end": "2024-06-30"}),
    ("生态环境负责哪些举措", "measures_for_department", {"department": "市生态环境局"}),
    # measures for a chain, however the question orders it
    ("和特种纸产业链有关的措施", "measures_for_chain", {"chain": "特种纸"}),
    ("集成电路链的配套政策是哪些", "measures_for_chain", {"chain": "集成电路"}),
    # a title quoted with a word left out
    ("减轻企业负担由谁牵头", "leads_for_measure", {"measure": 21}),
    ("鹏辉投了什么项目", "enterprise_profile", {"enterprise": "鹏辉能源"}),
    ("有哪些补链项目", "chain_gaps", {}),
    ("市资源规划局和市住建局合作得多吗", "co_responsible_units", {"department": "市资源规划局"}),  # the first named
    ("8月上旬前要完成哪些任务", "milestones_due", {"end": "2024-08-01"}),
    ("what is due before mid-October", "milestones_due", {"end": "2024-10-15"}),
    ("8月中旬有哪些节点", "milestones_due", {"month": 8}),  # during, not before: the month
    ("节点最多的是几月", "deadlines_by_month", {}),
    # English: an ordinal pillar, deadlines that pile up, policies that support a chain
    ("what is in the second pillar", "measures_in_pillar", {"pillar": 2}),
    ("in which months do the deadlines bunch up", "deadlines_by_month", {}),
    ("measures that help the IC chain", "measures_for_chain", {"chain": "集成电路"}),
    ("高端装备链哪些环节没企业", "chain_gaps", {"chain": "高端装备"}),
    # gaps, counts, month by month, pairs
    ("特种纸链还缺什么企业", "chain_gaps", {"chain": "特种纸"}),
    ("新能源链缺了哪些环节", "chain_gaps", {"chain": "新能源"}),
    ("方案里有几个单位", "department_workload", {}),
    ("各个月每个单位有多少节点", "unit_month_matrix", {}),
    ("which two units share the most", "unit_pairs", {}),
    ("哪些部门共同负责的举措最多", "unit_pairs", {}),
])
def test_everyday_questions(lookup, question, query, params):
    got = route(question, lookup, today=TODAY)
    assert (got.query, got.params) == (query, params), got.message


@pytest.mark.parametrize("question, refusal", [
    ("deadlines in month 13", "bad_date"),
    ("what was overdue in month 0", "bad_date"),
    ("两个月内哪个部门最忙", "missing"),  # busiest is counted per month, not over a run of days
    ("upcoming: who is busiest", "missing"),
    ("市住建局和市资源规划局共同负责哪些措施", "missing"),  # no query gives the measures two units share
    ("市教育厅负责哪些举措", "unknown_name"),  # looks like a unit (…厅), is none: closest names offered
    ("市卫生院参与哪些措施", "unknown_name"),
    ("衢州的GDP目标是多少", "not_understood"),  # the city is no measure, unit or firm
    ("第3条和第4条的截止时间", "missing"),  # one measure at a time, not the first of two
    ("measures 5 and measure 6 who leads", "missing"),
    ("第二部分和第五部分的举措", "missing"),
    ("二〇二四年二月三十日前的任务", "bad_date"),
    ("水利负责哪些", "missing"),  # 水利 alone is a topic, not 市水利局
    ("市住建局服务过几个项目", "missing"),  # no query lists one unit's projects
    ("哪些企业提的问题最多", "not_understood"),  # problems are counted per chain and unit, not per firm
    ("你可以回答哪些问题", "not_understood"),  # help: declined with the list of what can be asked
    ("what can I ask", "not_understood"),
    ("what are the targets for Quzhou", "not_understood"),
])
def test_declined_not_guessed(lookup, question, refusal):
    got = route(question, lookup, today=TODAY)
    assert (got.query, got.refusal) == (None, refusal), f"{got.query} {got.params}"
    assert got.message
