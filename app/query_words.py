"""The named queries as the queries page names them: a short title in 中文 and English, and a
Chinese description (the English one is the query file's own `// description:`).

>>> query_title("chain_gaps", "zh"), query_title("chain_gaps", "en")
('产业链缺口', 'Chain gaps')
"""
from __future__ import annotations

__all__ = ["QUERY_WORDS", "PARAM_WORDS", "query_title", "query_description", "param_label"]

# name -> (中文标题, English title, 中文说明)
QUERY_WORDS: dict[str, tuple[str, str, str]] = {
    "busiest_in_month": ("某月任务最重的单位", "Busiest units in a month",
                         "按某月到期的时间节点给各单位排序（“6月谁压力最大”），每个单位、每个方案一行；泛指单位不计；可只看一个方案。"),
    "chains": ("全部产业链", "All chains",
               "每条产业链一行：编号、英文名、是否标志性产业链，以及环节数、布局企业数、链主企业数、项目数和投资（亿元）。"),
    "chain_gaps": ("产业链缺口", "Chain gaps",
                   "一条产业链（编号或名称）或全部产业链的薄弱环节：缺链主企业、没有企业布局的环节，以及填补这类环节的项目。"),
    "chain_leaders": ("链主企业", "Chain-leader firms", "一条产业链的链主企业及其布局的环节。"),
    "chain_overview": ("产业链各环节概况", "Chain overview",
                       "一条产业链从上游到下游每个环节一行：企业数、链主企业数、项目数及投资（亿元）。"),
    "co_responsible_units": ("共同负责的单位", "Co-responsible units",
                             "与某单位共同负责举措的单位，共同举措多的在前，每个伙伴、每个方案一行；泛指单位不算伙伴；可只看一个方案。"),
    "deadlines_by_month": ("各月到期情况", "Deadlines by month",
                           "各方案每月到期的时间节点数（工作集中在哪几个月），多的在前：节点数、举措数和涉及单位。"),
    "deadlines_for_department": ("单位的时间节点", "A unit's deadlines",
                                 "某单位所列举措的时间节点，早的在前；可只看某月（1–12）或两个日期之间（含）。"),
    "department_workload": ("各单位工作量", "Workload per unit",
                            "每个单位、每个方案：涉及、牵头、配合、独立负责的举措数，这些举措的时间节点数，牵头或独立负责举措的目标数；可只看一个方案。"),
    "departments_for_measure": ("举措的责任单位", "Units of a measure",
                                "一项举措的责任单位，按方案原文顺序（第1位为牵头）；可只看一个方案（编号、年度或标题中的词）。"),
    "enterprise_profile": ("企业档案", "Firm profile",
                           "一家企业（编号或名称）在其牵头或布局的每条产业链上：是否链主、所在环节和项目、投资（亿元）、提出的未办结问题。"),
    "known_names": ("全部名称", "Every name", "部门、产业链、企业的全部名称和别名（含产业链和企业编号），用于识别问题中的名称。"),
    "leads_for_measure": ("举措的牵头单位", "Lead of a measure",
                          "一项举措由谁牵头：牵头单位（第1位或写明“牵头”）或唯一责任单位；可指定方案。"),
    "measure_coordination": ("协调负担", "Coordination per measure",
                             "按责任单位数（含隶属单位和泛指单位）给举措排序；可只看一个方案。"),
    "measure_numbers": ("举措编号", "Measure numbers", "各方案每项举措的编号和标题（可只看一个方案）：举措参数可用的编号。"),
    "measures_for_chain": ("支撑产业链的举措", "Measures for a chain",
                           "支撑某产业链的举措、把举措与产业链联系起来的原文词语及牵头单位；可只看一个方案。"),
    "measures_for_department": ("单位负责的举措", "Measures of a unit",
                                "某单位负责的举措：排序与角色、时间节点数、最早截止日期和所属板块；可只看一个方案。"),
    "measures_in_pillar": ("板块中的举措", "Measures in a pillar",
                           "某板块（方案中的序号，如 3 = 第三个“聚焦……”标题）下的举措及牵头单位；可只看一个方案。"),
    "measures_led_by": ("单位牵头的举措", "Measures a unit leads",
                        "某单位牵头或独立负责的举措，及其时间节点数和最早截止日期；可只看一个方案。"),
    "milestones_due": ("到期的时间节点", "Milestones due",
                       "写明日期的时间节点，可只看某月（1–12）、两个日期之间（含）或一个方案，附牵头单位。"),
    "milestones_for_measure": ("举措的时间节点", "Deadlines of a measure",
                               "一项举措的时间节点，早的在前，附方案原文写法；可指定方案。"),
    "name_index": ("名称索引", "Name index",
                   "图中单位（简称、全称、别名、英文名、外地方案的写法及其所在地）、产业链和企业的全部名称。"),
    "open_problems": ("问题清单", "Problem ledger", "各产业链、各交办单位的问题数（未办结、已办结、合计）；可只看一条产业链。"),
    "overdue_milestones": ("逾期的时间节点", "Overdue milestones",
                           "截至某日已到期但未完成的时间节点；“已完成事项”填 M9（整项举措）或 M9-D1（一个节点），也可带方案编号。"),
    "pipeline_load": ("项目服务负担", "Project service load", "各单位服务的项目、这些项目所属的产业链及其承担的服务事项。"),
    "plans": ("已加载的方案", "Loaded plans", "已加载的方案（编号、标题、所在地、年度、印发日期）及举措数；其他查询的方案参数取自这里。"),
    "problem_closure": ("问题销号率", "Problem closure", "各单位交办问题的销号率：已办结 / 全部，保留 4 位小数。"),
    "problems_for_department": ("单位的交办问题", "Problems of a unit",
                                "产业链问题清单中交办给某单位的问题，未办结的在前，附产业链、提出问题的企业和日期。"),
    "projects_in_chain": ("产业链项目", "Projects in a chain", "某产业链各环节的项目，投资（亿元）大的在前，附投资企业。"),
    "targets_for_measure": ("举措的目标", "Targets of a measure", "一项举措的量化目标（指标、比较、数值、单位），按方案顺序；可只看一个方案。"),
    "unit_month_matrix": ("单位 × 月份", "Unit × month",
                          "每个单位每个方案每月需参与的时间节点（单位所列举措的全部节点；未写日期的不计）。"),
    "unit_pairs": ("常合作的单位组合", "Unit pairs", "共同负责举措最多的单位组合，每对、每个方案一行（不含泛指单位）；默认前 20 对；可只看一个方案。"),
    "units_serving_chain": ("服务产业链的单位", "Units serving a chain",
                            "服务某产业链的单位：通过项目（服务事项）或通过其负责的支撑举措。"),
}


# Parameters whose meaning as a query's input differs from the column of the same name.
PARAM_WORDS: dict[str, tuple[str, str]] = {
    "start": ("起始日期", "From"), "end": ("结束日期", "To"), "as_of": ("截至日期", "As of"),
    "done": ("已完成事项（如 M9、M9-D1）", "Done (e.g. M9, M9-D1)"), "limit": ("最多行数", "Row limit"),
    "month": ("月份（1–12）", "Month (1-12)"), "pillar": ("板块序号", "Pillar number"), "measure": ("举措编号", "Measure number"),
}


def param_label(name: str, lang: str) -> str:
    """A query parameter's label in the page's language (its column heading unless it means more)."""
    if name in PARAM_WORDS:
        zh, en = PARAM_WORDS[name]
        return en if lang == "en" else zh
    from graph.present.words import heading
    return heading(name, lang)


def query_title(name: str, lang: str) -> str:
    zh, en, _ = QUERY_WORDS.get(name, (name, name, ""))
    return en if lang == "en" else zh


def query_description(name: str, english: str, lang: str) -> str:
    """The Chinese description in Chinese, the query file's own in English."""
    return english if lang == "en" else (QUERY_WORDS.get(name, ("", "", ""))[2] or english)
