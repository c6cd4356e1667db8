"""Rules `ask` applies to whole classes of wording, on the bundled plan and ledgers: traditional characters
and spoken words, a year counted from today before a month or period (明年6月 as 明年的方案 is read),
unit nicknames and English names read from units.csv, lists of measure numbers, deadline words that are
no subject, and questions about measures *without* something, which no query answers."""
from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from graph.interface.ask import route
from graph.interface.ask_text import read_text
from graph.model.dataset import load_graph, sources_for
from graph.model.lookup import Lookup

TODAY = dt.date(2024, 8, 1)


@pytest.fixture(scope="module")
def graph():
    return load_graph(sources_for())[0]


@pytest.fixture(scope="module")
def lookup(graph):
    return Lookup.of_graph(graph)


def call(q, lookup, today=TODAY):
    d = route(q, lookup, today=today)
    return d.call if d.query else ("!", d.refusal)


# --- how the question is written ----------------------------------------------------------------------

@pytest.mark.parametrize("traditional, simplified", [
    ("第十二條由哪些部門負責", "第十二条由哪些部门负责"), ("發改委負責哪些舉措", "发改委负责哪些举措"),
    ("新能源產業鏈的鏈主", "新能源产业链的链主"), ("現在有哪些逾期", "现在有哪些逾期"),
])
def test_traditional_characters_are_read_as_simplified(lookup, traditional, simplified):
    assert read_text(traditional) == simplified
    assert call(traditional, lookup) == call(simplified, lookup)


def test_simplified_names_are_left_as_they_are(lookup):
    """The t2s table must not touch any name the graph holds (else a name would stop matching itself)."""
    for kind in ("department", "chain", "enterprise", "plan", "pillar", "measure"):
        for e in lookup.entities(kind):
            for _, form in e.forms:
                assert read_text(form) == unicodedata.normalize("NFKC", form).lower(), form


@pytest.mark.parametrize("spoken, written", [
    ("第二十三条啥时候完成", "第二十三条什么时候完成"), ("经信局牵头啥", "经信局牵头什么"), ("咋办", "怎么办"),
])
def test_spoken_words_are_read_as_written_ones(spoken, written):
    assert read_text(spoken) == written


def test_a_spoken_when_asks_for_deadlines(lookup):
    assert call("第二十三条啥时候完成", lookup) == ("milestones_for_measure", {"measure": 23})


# --- a year counted from today before a month or a period ---------------------------------------------

@pytest.fixture(scope="module")
def two_plans():
    from pathlib import Path
    extra = Path(__file__).parent / "fixtures" / "plans" / "second_plan_2025.txt"
    return Lookup.of_graph(load_graph(sources_for([*sources_for().plans, extra]))[0])


@pytest.mark.parametrize("q, want", [
    ("明年6月有哪些节点", {"start": "2025-06-01", "end": "2025-06-30"}),  # 明年 from today, as 明年的方案
    ("2025年6月有哪些任务到期", {"start": "2025-06-01", "end": "2025-06-30"}),
    ("明年上半年有哪些节点", {"start": "2025-01-01", "end": "2025-06-30"}),
    ("2025年三季度有哪些节点", {"start": "2025-07-01", "end": "2025-09-30"}),
    ("what's due in June next year", {"start": "2025-06-01", "end": "2025-06-30"}),
    ("what's due next June", {"start": "2025-06-01", "end": "2025-06-30"}),  # June has passed: 2025's
    ("2024年6月有哪些节点", {"start": "2024-06-01", "end": "2024-06-30"}),  # two plan years: the month's days
])
def test_a_month_of_a_year_with_its_plan_loaded(two_plans, q, want):
    assert call(q, two_plans) == ("milestones_due", want)


@pytest.mark.parametrize("q", ["明年6月有哪些节点", "2025年6月有哪些任务到期", "明年上半年有哪些节点",
                               "what's due in June next year", "what's due next June", "去年底前要完成哪些",
                               "营商办明年6月的节点", "明年6月哪个部门最忙"])
def test_a_month_of_a_year_no_plan_covers_declines(lookup, q):
    """With the 2024 plan alone, June 2025 is declined as 明年的方案 is, not answered with the plan's June."""
    d = route(q, lookup, today=TODAY)
    assert (d.query, d.refusal) == (None, "no_such_plan") and "2024" in d.message


@pytest.mark.parametrize("q, want", [
    ("今年4月有哪些节点", {"month": 4}), ("今年下半年有哪些节点", {"start": "2024-07-01", "end": "2024-12-31"}),
    ("what's due next October", {"month": 10}),  # the nearest October after August: the plan year's
    ("what was due last June", {"month": 6}),
])
def test_a_month_of_the_plan_year(lookup, q, want):
    assert call(q, lookup) == ("milestones_due", want)


def test_the_year_is_counted_from_today_not_from_the_plan(lookup):
    assert call("明年6月有哪些节点", lookup, today=dt.date(2023, 12, 25)) == ("milestones_due", {"month": 6})
    assert call("下个月有哪些节点", lookup, today=dt.date(2024, 12, 5)) == ("!", "no_such_plan")


def test_a_unit_month_and_the_busiest_of_a_year_with_its_plan(two_plans):
    assert call("营商办明年6月的节点", two_plans) == \
        ("deadlines_for_department", {"department": "市营商办", "start": "2025-06-01", "end": "2025-06-30"})
    assert call("明年6月哪个部门最忙", two_plans) == ("busiest_in_month", {"month": 6, "plan": "second_plan_2025"})


def test_overdue_as_of_a_day_of_another_year_is_still_answered(lookup):
    assert call("截至明年6月底哪些任务逾期", lookup) == ("overdue_milestones", {"as_of": "2025-06-30"})


# --- periods and months written without a number ------------------------------------------------------

@pytest.mark.parametrize("q, want", [
    ("前三季度有哪些节点", {"start": "2024-01-01", "end": "2024-09-30"}),  # not the third quarter alone
    ("前两个季度的节点", {"start": "2024-01-01", "end": "2024-06-30"}),
    ("first three quarters deadlines", {"start": "2024-01-01", "end": "2024-09-30"}),
    ("H1 deadlines", {"start": "2024-01-01", "end": "2024-06-30"}),
    ("what is due in H2", {"start": "2024-07-01", "end": "2024-12-31"}),
    ("月底前要完成哪些", {"month": 8}),  # 月底 without a number: this month's
    ("近两个月到期的任务", {"start": "2024-08-01", "end": "2024-10-01"}),
    ("本月到期的节点有哪些", {"month": 8}),  # 到期 is the wording, not a thing the question is about
    ("6月至9月到期的节点", {"start": "2024-06-01", "end": "2024-09-30"}),
])
def test_periods(lookup, q, want):
    assert call(q, lookup) == ("milestones_due", want)


# --- wording classes ----------------------------------------------------------------------------------

@pytest.mark.parametrize("q", ["哪些单位和经信局共担举措", "经信局和哪些部门协作", "who co-owns measures with 市经信局",
                               "which units work jointly with 市经信局"])
def test_sharing_words_ask_for_partners(lookup, q):
    assert call(q, lookup) == ("co_responsible_units", {"department": "市经信局"})


@pytest.mark.parametrize("q", ["为特种纸产业链项目提供服务的部门", "特种纸产业链项目的服务单位有哪些"])
def test_units_asked_for_at_the_end(lookup, q):
    assert call(q, lookup) == ("units_serving_chain", {"chain": "特种纸"})


def test_a_units_led_measures_with_their_deadlines(lookup):
    """牵头 narrows a unit's measures to those it leads; measures_led_by shows each one's first deadline."""
    assert call("市住建局牵头的举措及完成时限", lookup) == ("measures_led_by", {"department": "市住建局"})
    assert call("市住建局的完成时限", lookup) == ("deadlines_for_department", {"department": "市住建局"})


@pytest.mark.parametrize("q", ["哪些举措没有设定完成时限", "哪些措施没有截止时间", "哪些举措没有牵头单位",
                               "which measures have no deadline", "measures without a target"])
def test_measures_lacking_something_decline(lookup, q):
    assert call(q, lookup) == ("!", "not_understood")


def test_a_units_measures_lacking_deadlines_are_its_measures(lookup):
    assert call("市发改委哪些举措没有时限", lookup) == ("measures_for_department", {"department": "市发改委"})


def test_no_leader_is_still_a_chain_gap(lookup):
    assert call("which chains have no leader", lookup) == ("chain_gaps", {})


@pytest.mark.parametrize("q", ["who leads measures 9 and 10", "who leads measure 9 and measure 10", "措施9和10谁负责",
                               "M9/M10 deadlines", "措施九、十由谁负责"])
def test_two_measure_numbers_in_a_row_decline(lookup, q):
    assert call(q, lookup) == ("!", "missing")


@pytest.mark.parametrize("q, query", [("措施9到6月底完成了吗", "milestones_for_measure"),
                                      ("measure 9 in June", "milestones_for_measure"),
                                      ("第9条和10月的节点", "milestones_for_measure")])
def test_a_number_after_a_measure_that_is_a_month_is_no_second_measure(lookup, q, query):
    assert call(q, lookup) == (query, {"measure": 9})


# --- unit nicknames, from units.csv -------------------------------------------------------------------

@pytest.mark.parametrize("q, want", [
    ("发改牵头哪些", ("measures_led_by", {"department": "市发改委"})),
    ("经信负责什么", ("measures_for_department", {"department": "市经信局"})),
    ("市监牵头哪些举措", ("measures_led_by", {"department": "市市场监管局"})),
    ("资规负责哪些", ("measures_for_department", {"department": "市资源规划局"})),
    ("住建有哪些任务", ("measures_for_department", {"department": "市住建局"})),
    ("人社和谁合作最多", ("co_responsible_units", {"department": "市人力社保局"})),
    ("文旅6月的节点", ("deadlines_for_department", {"department": "市文旅局", "month": 6})),
])
def test_contractions_of_a_units_name(lookup, q, want):
    assert call(q, lookup) == want


@pytest.mark.parametrize("q", [
    "水利负责哪些",  # 衢州市水利局 spells 水利 out: a word, a topic as much as a unit
    "科技创新有哪些举措",  # a contraction inside a longer word is no name
    "营商环境方案有哪些举措",  # 营商 is a word of the plan's own title
    "聚焦招商有哪些举措",
])
def test_words_that_are_no_nicknames(lookup, q):
    assert "department" not in route(q, lookup, today=TODAY).params


def test_contractions_come_from_the_data():
    from graph.model.nicknames import chinese_stems
    assert chinese_stems(["市住建局"], "衢州市住房和城乡建设局") == {"住建"}
    assert chinese_stems(["市住建局"], None) == set()  # no full name: nothing to check the contraction by
    assert chinese_stems(["市总商会"], "衢州市工商业联合会") == set()  # 总 is no character of the full name
    assert chinese_stems(["市发改委"], "衢州市发展和改革委员会", "发改工作要点") == set()  # a word of a title


@pytest.mark.parametrize("q, want", [
    ("what does the court do", ("measures_for_department", {"department": "市法院"})),
    ("what does the procuratorate lead", ("measures_led_by", {"department": "市检察院"})),
    ("what is the customs responsible for", ("measures_for_department", {"department": "衢州海关"})),
    ("what does the people's bank do", ("measures_for_department", {"department": "市人行"})),
    ("what does the financial regulator do", ("measures_for_department", {"department": "市银保监局"})),
    ("what does the tax bureau own", ("measures_for_department", {"department": "市税务局"})),  # 局: a bureau
    ("which units co-own measures with the market regulator",
     ("co_responsible_units", {"department": "市市场监管局"})),
    ("what does the planning bureau lead", ("measures_led_by", {"department": "市资源规划局"})),
])
def test_english_names_people_shorten(lookup, q, want):
    assert call(q, lookup) == want


@pytest.mark.parametrize("q", ["what does the education bureau do", "who works with the commerce office",
                               "what does the development bureau do"])
def test_english_names_that_fit_no_one_unit_decline(lookup, q):
    assert call(q, lookup) == ("!", "unknown_name")


def test_english_ends_need_a_unit_of_their_own():
    """A last word many units end with (bureau) or that describes firms (company) is no unit's name; one a
    single unit ends with counts only where it says what its Chinese name says (法院: court)."""
    from graph.model.nicknames import english_heads
    heads = english_heads({"a": ["Municipal Finance Bureau"], "b": ["Municipal Commerce Bureau"],
                           "c": ["State Grid Power Supply Company"], "d": ["Quzhou Intermediate People's Court"],
                           "e": ["Quzhou Tax Service (State Taxation Administration)"]},
                          {"a": ["市财政局"], "b": ["市商务局"], "c": ["供电公司"], "d": ["市法院"], "e": ["市税务局"]})
    assert heads == {"court": {"d"}, "people's court": {"d"}, "state taxation administration": {"e"}}


@pytest.mark.parametrize("q", ["哪些举措和科技有关", "文旅方面有哪些举措"])
def test_a_contraction_before_a_topic_word_is_the_topic(lookup, q):
    assert "department" not in route(q, lookup, today=TODAY).params


def test_a_contraction_with_its_kind_of_body_in_words(lookup):
    assert call("发改部门负责哪些", lookup) == ("measures_for_department", {"department": "市发改委"})


def test_english_ends_a_chinese_one_character_ending_cannot_carry(lookup):
    """会 (council) and 行 (bank) are too slight to make one word a name; with the word before, they can."""
    assert "department" not in route("what does the State Council require", lookup, today=TODAY).params
    assert call("what does the people's bank do", lookup) == \
        ("measures_for_department", {"department": "市人行"})


@pytest.mark.parametrize("q, want", [
    ("deadlines between July and September", {"start": "2024-07-01", "end": "2024-09-30"}),
    ("6月和9月之间有哪些节点", {"start": "2024-06-01", "end": "2024-09-30"}),
])
def test_between_two_months_is_a_period(lookup, q, want):
    assert call(q, lookup) == ("milestones_due", want)
    assert call(q.replace("之间", ""), lookup)[0] in ("!", "milestones_due")


@pytest.mark.parametrize("q, pillar", [("崇商有哪些措施", 6), ("护商都有哪些举措", 4), ("安商方面的措施", 5)])
def test_a_pillar_by_its_last_two_characters_before_what_it_holds(lookup, q, pillar):
    assert call(q, lookup) == ("measures_in_pillar", {"pillar": pillar})


@pytest.mark.parametrize("q", ["which deadlines have passed", "哪些节点已过截止时间", "哪些节点过了期限"])
def test_passed_deadlines_are_overdue(lookup, q):
    assert call(q, lookup) == ("overdue_milestones", {"as_of": "2024-08-01"})


@pytest.mark.parametrize("q, query", [("which units serve projects the most", "pipeline_load"),
                                      ("which unit has the most projects", "pipeline_load"),
                                      ("which chain has the most projects", "chains"),  # counted per chain
                                      ("which firm has the most projects", "!")])
def test_project_load_is_a_units_ranking(lookup, q, query):
    assert call(q, lookup)[0] == query


@pytest.mark.parametrize("q, query", [("六大产业链有哪些", "chains"), ("衢州有几条产业链", "chains"),
                                      ("list the chains", "chains"), ("各产业链投资多少", "chains"),
                                      ("哪个产业链投资最大", "chains"),
                                      ("六大产业链的链主有哪些", "!"),  # leader names: one chain at a time
                                      ("新能源产业链有哪些环节", "chain_overview"),
                                      ("新能源产业链有哪些企业", "chain_overview")])
def test_every_chain_is_listed_or_counted_unless_one_is_named(lookup, q, query):
    assert call(q, lookup)[0] == query


@pytest.mark.parametrize("q, want", [
    ("新能源产业链的瓶颈在哪", ("chain_gaps", {"chain": "新能源"})),
    ("新能源产业链卡脖子环节", ("chain_gaps", {"chain": "新能源"})),
    ("bottlenecks in the new energy chain", ("chain_gaps", {"chain": "新能源"})),
    ("哪些产业链有瓶颈", ("chain_gaps", {})),
    ("哪个部门是瓶颈", ("!", "not_understood")),  # no named query ranks units so; analyze reports brokers
    ("which units are bottlenecks", ("!", "not_understood")),
    ("市发改委是不是瓶颈", ("!", "not_understood")),
])
def test_bottlenecks(lookup, q, want):
    assert call(q, lookup) == want


@pytest.mark.parametrize("q, number", [("who leads item 9", 9), ("who leads article 9", 9), ("who leads action 12", 12),
                                       ("第9点谁牵头", 9), ("第廿一条谁牵头", 21), ("第廿条谁牵头", 20)])
def test_number_forms_of_a_measure(lookup, q, number):
    assert call(q, lookup) == ("leads_for_measure", {"measure": number})


def test_a_short_name_two_firms_open_with_asks_which(lookup):
    """华邦 opens 华邦特种纸 and 华邦古楼新材料: which one? (as 先导 of 先导稀材 and 先导电科)."""
    d = route("华邦的情况", lookup, today=TODAY)
    assert (d.query, d.refusal) == (None, "ambiguous") and set(d.suggestions) == {"华邦特种纸", "华邦古楼新材料"}
    assert call("华邦特种纸的情况", lookup) == ("enterprise_profile", {"enterprise": "华邦特种纸"})


@pytest.mark.parametrize("q", ["今年还剩哪些节点", "剩下的任务有哪些", "还有多少任务没到期", "what deadlines are still ahead"])
def test_what_is_left_is_due_from_today_on(lookup, q):
    assert call(q, lookup) == ("milestones_due", {"start": "2024-08-01"})


def test_what_a_unit_has_left(lookup):
    assert call("营商办还剩哪些节点", lookup) == \
        ("deadlines_for_department", {"department": "市营商办", "start": "2024-08-01"})


@pytest.mark.parametrize("q, as_of", [("上个季度逾期了哪些", "2024-06-30"), ("截至上半年哪些任务逾期", "2024-06-30")])
def test_overdue_as_of_the_end_of_a_period(lookup, q, as_of):
    assert call(q, lookup) == ("overdue_milestones", {"as_of": as_of})


def test_progress_of_a_measure_is_its_deadlines(lookup):
    assert call("第9条进展如何", lookup) == ("milestones_for_measure", {"measure": 9})


@pytest.mark.parametrize("q, want", [
    ("经信局配合哪些举措", "measures_for_department"),  # its measures (each with its role), not its partners
    ("经信局共担哪些举措", "measures_for_department"),
    ("which measures does 市经信局 co-own", "measures_for_department"),
    ("经信局和哪些单位共担举措", "co_responsible_units"),  # units asked for: its partners
    ("市经信局跟谁合作最多", "co_responsible_units"),
])
def test_sharing_words_with_measures_asked_for(lookup, q, want):
    assert call(q, lookup) == (want, {"department": "市经信局"})


@pytest.mark.parametrize("q, key", [("how many measures does the DRC lead", "市发改委"), ("what does NFRA do", "市银保监局"),
                                    ("who works with SASAC", "市国资委"), ("what does the PSB do", "市公安局")])
def test_initials_in_capitals(lookup, q, key):
    assert route(q, lookup, today=TODAY).params.get("department") == key


def test_initials_in_lower_case_are_words(lookup):
    assert "department" not in route("what does the drc lead", lookup, today=TODAY).params


# --- month.day dates, pillars by 第N个支柱, counts of measures, two units, comparisons, one project --------

@pytest.mark.parametrize("q, want", [
    ("6.30前要完成哪些任务", ("milestones_due", {"end": "2024-06-30"})),
    ("9.15之前有哪些节点", ("milestones_due", {"end": "2024-09-15"})),
    ("截至9.30逾期的任务", ("overdue_milestones", {"as_of": "2024-09-30"})),
    ("截止 10.31 哪些任务超期", ("overdue_milestones", {"as_of": "2024-10-31"})),
])
def test_month_dot_day_beside_a_deadline_word_is_a_date(lookup, q, want):
    assert call(q, lookup) == want


@pytest.mark.parametrize("q", ["每万人高价值发明专利拥有量4.5件", "浙江网上技术市场3.0"])
def test_a_decimal_without_a_deadline_word_is_no_date(q):
    from graph.interface.ask_patterns import DOT_MONTH_DAY
    assert DOT_MONTH_DAY.search(read_text(q)) is None


def test_month_dot_day_is_checked_like_any_date(lookup):
    assert call("截至2.30哪些逾期", lookup) == ("!", "bad_date")


@pytest.mark.parametrize("q, want", [("第二个支柱有哪些举措", ("measures_in_pillar", {"pillar": 2})),
                                     ("第5个支柱", ("measures_in_pillar", {"pillar": 5})),
                                     ("第七个支柱", ("!", "no_such_pillar")),
                                     ("护商支柱有哪些举措", ("measures_in_pillar", {"pillar": 4}))])
def test_pillars_called_zhizhu(lookup, q, want):
    assert call(q, lookup) == want


@pytest.mark.parametrize("q, key", [("市营商办配合几项举措", "市营商办"), ("市委组织部配合了几项", "市委组织部"),
                                    ("经信局协同了多少条", "市经信局"), ("how many measures does the DRC co-own", "市发改委")])
def test_a_count_of_measures_beside_a_partner_word_is_the_units_measures(lookup, q, key):
    assert call(q, lookup) == ("measures_for_department", {"department": key})


@pytest.mark.parametrize("q", ["法院和检察院一起负责哪些", "市住建局和市资源规划局共同承担什么", "发改委和经信局一起干了哪几项"])
def test_what_two_units_share_declines(lookup, q):
    assert call(q, lookup) == ("!", "missing")


def test_whether_two_units_work_together_is_the_first_ones_partners(lookup):
    assert call("法院和检察院合作多吗", lookup) == ("co_responsible_units", {"department": "市法院"})


@pytest.mark.parametrize("q", ["哪个部门比营商办任务还多", "市发改委比市经信局牵头的多吗", "is the DRC busier than the Finance Bureau"])
def test_comparing_units_declines_with_the_ranking_offered(lookup, q):
    d = route(q, lookup, today=TODAY)
    assert (d.query, d.refusal) == (None, "missing") and d.suggestions == ("哪个部门任务最多",)


def test_a_comparison_word_is_not_比较(lookup):
    assert call("市发改委的任务比较多吗", lookup)[0] == "measures_for_department"


@pytest.mark.parametrize("q, want", [("哪些举措需要的部门最多", "measure_coordination"),
                                     ("哪条措施涉及单位数最多", "measure_coordination"),
                                     ("哪个部门举措最多", "department_workload")])
def test_measures_ranked_by_their_units_vs_units_ranked_by_measures(lookup, q, want):
    assert call(q, lookup) == (want, {})


@pytest.mark.parametrize("q", ["华金前驱体项目谁在服务", "哪些部门在服务华金的项目", "who serves the juhua project"])
def test_who_serves_one_project_declines(lookup, q):
    d = route(q, lookup, today=TODAY)
    assert (d.query, d.refusal) == (None, "missing") and d.suggestions[0].endswith("的情况")


def test_a_firms_projects_are_its_profile(lookup):
    assert call("巨化集团有哪些项目", lookup) == ("enterprise_profile", {"enterprise": "巨化集团"})


def test_measures_without_partners_decline(lookup):
    assert call("没有配合单位的举措", lookup) == ("!", "not_understood")


@pytest.mark.parametrize("q", ["市发改委牵头几项、配合几项", "营商办牵头和配合的举措分别有哪些", "市营商办参与的工作有多少"])
def test_both_roles_or_a_role_before_measures_is_the_units_measures(lookup, q):
    assert call(q, lookup)[0] == "measures_for_department"


def test_partners_asked_for_stay_partners(lookup):
    assert call("市发改委和哪些部门配合", lookup) == ("co_responsible_units", {"department": "市发改委"})


@pytest.mark.parametrize("q, chain", [("新材料链上的问题销号情况", "新材料"), ("新能源产业链的问题销号率", "新能源"),
                                      ("closure of the special paper chain's problems", "特种纸")])
def test_a_chains_closure_is_its_problem_counts(lookup, q, chain):
    assert call(q, lookup) == ("open_problems", {"chain": chain})


def test_closure_without_a_chain_is_per_unit(lookup):
    assert call("各部门问题销号率", lookup) == ("problem_closure", {})


@pytest.mark.parametrize("q, want", [
    ("7月1日之后有哪些节点", ("milestones_due", {"start": "2024-07-01"})),
    ("7.1之后有哪些节点", ("milestones_due", {"start": "2024-07-01"})),
    ("what is due after July 15", ("milestones_due", {"start": "2024-07-15"})),
    ("市发改委7月1日以后的节点", ("deadlines_for_department", {"department": "市发改委", "start": "2024-07-01"})),
    ("7月1日前有哪些节点", ("milestones_due", {"end": "2024-07-01"})),
])
def test_one_date_with_an_after_word_starts_the_span(lookup, q, want):
    assert call(q, lookup) == want


@pytest.mark.parametrize("q", ["6.1-6.30的节点", "6.1至6.30的节点"])
def test_a_span_of_month_dot_days(lookup, q):
    assert call(q, lookup) == ("milestones_due", {"start": "2024-06-01", "end": "2024-06-30"})


def test_lead_against_partner_roles_is_the_units_measures(lookup):
    assert call("市场监管局配合的多还是牵头的多", lookup) == ("measures_for_department", {"department": "市市场监管局"})


@pytest.mark.parametrize("q", ["没有逾期的举措", "哪些举措没有逾期", "which tasks are on track", "哪些任务未超期"])
def test_what_is_not_overdue_declines(lookup, q):
    assert call(q, lookup) == ("!", "not_understood")


@pytest.mark.parametrize("q, want", [("有没有逾期的任务", ("overdue_milestones", {"as_of": "2024-08-01"})),
                                     ("第9条是不是逾期了", ("milestones_for_measure", {"measure": 9}))])
def test_whether_anything_is_overdue_still_asks_for_it(lookup, q, want):
    assert call(q, lookup) == want


@pytest.mark.parametrize("q", ["measures not led by the DRC", "市发改委不是牵头单位的举措", "发改委不牵头的措施"])
def test_what_a_unit_does_not_lead_declines(lookup, q):
    assert call(q, lookup) == ("!", "not_understood")


@pytest.mark.parametrize("q, want", [("市发改委是不是牵头单位", "measures_led_by"), ("市营商办有没有牵头的措施", "measures_led_by"),
                                     ("市发改委不牵头、只配合的举措", "measures_for_department")])
def test_yes_no_on_leading_and_only_partnering(lookup, q, want):
    assert call(q, lookup)[0] == want


@pytest.mark.parametrize("q, chain", [("新能源产业链的牵头部门", "新能源"), ("特种纸产业链的主管单位", "特种纸"),
                                      ("lead department of the IC chain", "集成电路")])
def test_a_chains_unit_asked_by_its_role_is_its_serving_units(lookup, q, chain):
    assert call(q, lookup) == ("units_serving_chain", {"chain": chain})


@pytest.mark.parametrize("q", ["新能源产业链的链主企业", "新材料产业链牵头的企业"])
def test_a_chains_leading_firms_stay_firms(lookup, q):
    assert call(q, lookup)[0] == "chain_leaders"
