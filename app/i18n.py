"""UI words in 中文 (default) and English: every label the app shows goes through `t(key)`.

>>> t("page.chains", lang="en")
'Chain map'
>>> t("map.count", lang="zh", n=3, e=2)
'节点 3 个 / 3 nodes · 连线 2 条 / 2 edges'
"""
from __future__ import annotations

import re

from graph.present.words import COLUMNS, LABELS, cell, heading, label_word

__all__ = ["LANGS", "STRINGS", "COLUMNS", "LABELS", "t", "current_lang", "column", "label_name", "value"]

LANGS = {"zh": "中文", "en": "English"}

# key -> (中文, English). Format fields in braces.
STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("营商环境与产业链图谱", "Business environment & industry chains"),
    "app.title_place": ("{place}营商环境与产业链图谱", "Business environment & industry chains ({place})"),
    # pages
    "page.overview": ("总览", "Overview"),
    "page.chains": ("产业链图谱", "Chain map"),
    "page.measures": ("举措", "Measures"),
    "page.departments": ("部门", "Departments"),
    "page.bottlenecks": ("瓶颈", "Bottlenecks"),
    "page.queries": ("查询", "Queries"),
    # sidebar
    "sidebar.settings": ("设置", "Settings"),
    "sidebar.lang": ("语言 / Language", "语言 / Language"),
    "sidebar.backend": ("数据后端", "Backend"),
    "backend.embedded": ("内置图（networkx）", "Embedded graph (networkx)"),
    "backend.neo4j": ("Neo4j 数据库", "Neo4j database"),
    "sidebar.as_of": ("截至日期", "As of"),
    "sidebar.as_of_help": ("用于判断逾期和状态灯；默认取今天并限定在方案年度内",
                           "Date for overdue checks and status lights; defaults to today, clipped into the plan year"),
    "sidebar.data_dir": ("数据文件夹", "Data folder"),
    "sidebar.data_dir_help": ("含方案文本、units.csv 和 chains/ 台账的文件夹；留空使用内置数据",
                              "Folder with plan text, units.csv and chains/ ledgers; empty for the bundled data"),
    "sidebar.loaded": ("已加载：{folder}", "Loaded: {folder}"),
    "sidebar.plans": ("方案", "Plans"),
    "sidebar.plans_help": ("各页面只显示所选方案的举措、节点和分析；默认全部方案",
                           "Pages show the measures, deadlines and analyses of the chosen plans; all by default"),
    "sidebar.plans_none": ("未选方案：显示全部方案", "No plan chosen: showing every plan"),
    "page.plan_diff": ("方案对比", "Plan diff"),
    "diff.intro": ("按标题和正文相似度配对两版方案的举措（不按编号），列出新增、删除和变化：责任单位、牵头单位、时间节点、目标。",
                   "Measures of two plans paired by title and text similarity (not by number): added, removed and "
                   "changed units, leads, deadlines and targets."),
    "diff.old": ("原方案", "Old plan"),
    "diff.new": ("新方案", "New plan"),
    "diff.upload": ("或上传另一版方案文本（UTF-8 .txt）作为新方案", "Or upload another plan text (UTF-8 .txt) as the new plan"),
    "diff.need_two": ("只加载了一个方案：在数据文件夹中放入另一版方案文本，或在此上传。",
                      "Only one plan is loaded: put another plan text in the data folder, or upload one here."),
    "diff.same": ("请选择两个不同的方案。", "Choose two different plans."),
    "diff.measures": ("举措对照", "Measures"),
    "diff.changes": ("变化明细", "Changes"),
    "diff.pick": ("查看原文", "Show the words behind a change"),
    "diff.old_text": ("原方案原文", "Old plan text"),
    "diff.new_text": ("新方案原文", "New plan text"),
    "diff.none": ("（无）", "(none)"),
    "diff.no_changes": ("两版方案的举措没有变化：责任单位、牵头单位、时间节点和目标都相同。",
                        "Nothing changed between the two plans' measures: same units, leads, deadlines and targets."),
    "diff.no_measures": ("两版方案中都没有识别出举措。", "No measure was read from either plan."),
    "diff.parse_failed": ("无法读取上传的方案：{error}", "Could not read the uploaded plan: {error}"),
    "load_failed": ("无法加载数据文件夹 {folder}：\n\n{error}\n\n已改用内置数据。",
                    "Could not load the data folder {folder}:\n\n{error}\n\nUsing the bundled data instead."),
    "empty_folder": ("数据文件夹 {folder} 是空的（没有方案文本、units.csv 或 chains/ 台账），已改用内置数据。",
                     "The data folder {folder} is empty (no plan text, units.csv or chains/ ledgers); "
                     "using the bundled data instead."),
    "no_ledgers": ("数据文件夹 {folder} 中没有产业链台账（chains.csv），因此没有产业链图谱。",
                   "The data folder {folder} holds no chain ledgers (chains.csv), so there are no chain maps."),
    "error.file": ("文件 {file}", "{file}"),
    "error.row": ("第 {n} 行", "row {n}"),
    "error.line": ("第 {n} 行第 {col} 字（偏移 {offset}）", "line {n}:{col} (offset {offset})"),
    "neo4j_fallback": ("Neo4j 不可用，已改用内置图：{error}", "Neo4j unavailable, using the embedded graph: {error}"),
    "neo4j_connected": ("已连接 Neo4j：{where}", "Connected to Neo4j: {where}"),
    # common
    "download_csv": ("下载 CSV", "Download CSV"),
    "query_failed": ("查询失败：{error}", "Query failed: {error}"),
    "illustrative_note": ("标注“示例”的台账行为示意数据，并非官方记录。",
                          "Ledger rows marked illustrative are sample data, not on record."),
    # overview
    "overview.plan": ("{title}（{issued}印发，{year} 年度）", "{title} (issued {issued}, plan year {year})"),
    "overview.no_pillars": ("方案中没有板块标题（如“一、聚焦招商”），举措未分板块；举措页列出全部举措。",
                            "The plan has no pillar headings, so its measures are not grouped; the Measures page "
                            "lists them all."),
    "overview.no_nodes": ("图中没有节点：数据文件夹中没有可读的方案文本或台账。",
                          "The graph is empty: the data folder holds no plan text or ledger that could be read."),
    "overview.counts": ("图中各类节点数量", "Nodes per label"),
    "overview.rels": ("关系类型数量", "Relationships per type"),
    "overview.pillars": ("板块与举措数", "Pillars and their measures"),
    "overview.ask": ("提问", "Ask a question"),
    "overview.ask_label": ("用中文或英文提问，例如：举措9由哪些部门负责？",
                           "Ask in Chinese or English, e.g. which departments touch measure 9?"),
    "overview.ask_button": ("回答", "Answer"),
    "overview.ask_chose": ("所用查询：`{query}` 参数：{params}", "Query used: `{query}` with {params}"),
    "overview.ask_none": ("没有听懂这个问题。", "That question was not understood."),
    "label.Measure": ("举措", "Measures"), "label.Department": ("部门", "Departments"),
    "label.Chain": ("产业链", "Chains"), "label.Project": ("项目", "Projects"),
    "label.Enterprise": ("企业", "Firms"), "label.Milestone": ("时间节点", "Milestones"),
    # chain map
    "map.chain": ("产业链", "Chain"),
    "map.pilot": ("（先行先试）", " (pilot)"),
    "map.units": ("显示服务单位", "Serving units"),
    "map.measures": ("显示支撑举措", "Supporting measures"),
    "map.count": ("节点 {n} 个 / {n} nodes · 连线 {e} 条 / {e} edges",
                  "节点 {n} 个 / {n} nodes · 连线 {e} 条 / {e} edges"),
    "map.download": ("下载图谱 HTML", "Download map as HTML"),
    "map.search": ("搜索节点", "Search nodes"),
    "map.search_help": ("按名称筛选下方的节点列表；选中的节点会在图中高亮",
                        "Filter the node list below by name; the chosen node is highlighted on the map"),
    "map.node": ("查看节点", "Inspect node"),
    "map.none": ("（未选择）", "(none)"),
    "map.neighbours": ("相邻节点", "Neighbours"),
    "map.source": ("出处原文", "Source sentence"),
    "map.ledger_source": ("台账来源：{source}", "Ledger source: {source}"),
    "map.reference": ("公开报道：{reference}", "Published in: {reference}"),
    "map.illustrative": ("示例数据（非官方记录）", "Illustrative (not on record)"),
    "map.firms": ("企业（链主在前）", "Firms (leaders first)"),
    "map.projects": ("项目", "Projects"),
    "map.supporting": ("支撑举措", "Supporting measures"),
    "map.serving": ("服务单位", "Serving units"),
    "map.gaps": ("缺口", "Gaps"),
    "map.problems": ("问题清单（未办结）", "Open problems"),
    "map.overview": ("各环节概况", "Segments at a glance"),
    "map.no_chains": ("数据中没有产业链台账，暂无产业链图谱。", "The data holds no chain ledgers, so there is no chain map."),
    "map.click_hint": ("点击图中节点查看详情", "click a node on the map for its details"),
    "map.units_none": ("{chain}产业链的项目暂无服务单位记录，图中没有可显示的服务单位（项目悬停信息中也会注明）。",
                       "No serving unit is on record for the {chain} chain's projects, so none is drawn."),
    "map.measures_none": ("所选方案中没有举措明确支撑{chain}产业链，图中没有可显示的支撑举措；可在侧栏选择其他方案。",
                          "No measure of the chosen plans is linked to the {chain} chain, so none is drawn; "
                          "choose other plans in the sidebar."),
    "map.no_neighbours": ("该节点没有关联关系。", "This node has no relationships."),
    "map.search_none": ("本图没有名称包含“{query}”的节点：换个关键词（中英文名称均可），或清空搜索框看全部节点；"
                        "服务单位、支撑举措需先打开上方开关。",
                        "No node on this map has \"{query}\" in its name: try other words (Chinese or English "
                        "names work), or clear the search to list every node; serving units and supporting "
                        "measures need their switch above."),
    "map.no_firms": ("{chain}产业链暂无企业记录", "No firms on record for the {chain} chain"),
    "map.no_projects": ("{chain}产业链暂无项目记录", "No projects on record for the {chain} chain"),
    "map.no_supporting": ("方案中暂无明确支撑{chain}产业链的举措", "No plan measure is linked to the {chain} chain"),
    "map.no_serving": ("{chain}产业链暂无服务单位记录", "No serving units on record for the {chain} chain"),
    "map.no_gaps": ("{chain}产业链未发现缺口：有链主企业，各环节都有企业", "No gaps in the {chain} chain: it has a leader and every segment has firms"),
    "map.no_problems": ("{chain}产业链暂无问题清单记录", "No problems on record for the {chain} chain"),
    "map.no_segments": ("{chain}产业链暂无环节记录", "No segments on record for the {chain} chain"),
    # measures
    "measures.none": ("所选方案中没有识别出举措：方案文本需按“1. 标题”“（一）标题”等编号写出各项举措（见 README“方案格式”）。",
                      "No measure was read from the chosen plans: the plan text must number its measures "
                      "(\"1. …\", \"(1) …\"; see the README's plan styles)."),
    "measures.table": ("方案举措", "The plans' measures"),
    "measures.pick": ("查看举措", "Measure"),
    "measures.text": ("方案原文", "Plan text"),
    "measures.units": ("责任单位（按方案顺序）", "Responsible units (plan order)"),
    "measures.milestones": ("时间节点", "Milestones"),
    "measures.targets": ("目标", "Targets"),
    "measures.pillar": ("所属板块：{pillar}", "Pillar: {pillar}"),
    "mark.unit": ("责任单位", "unit"), "mark.deadline": ("时间节点", "deadline"), "mark.target": ("目标", "target"),
    "measures.no_milestones": ("举措{n}没有写明时间节点", "Measure {n} sets no dated milestone"),
    "measures.no_targets": ("举措{n}没有量化目标", "Measure {n} sets no numeric target"),
    # departments
    "dept.workload": ("工作量", "Workload"),
    "dept.crunch": ("单位 × 月份 时间节点热力图", "Unit × month deadlines"),
    "dept.matrix": ("单位 × 举措 矩阵", "Unit × measure matrix"),
    "dept.matrix_help": ("牵头 = 第一责任单位，配合 = 其他责任单位，独立 = 唯一责任单位",
                         "L = lead (listed first), C = co-responsible, S = sole unit"),
    "dept.no_workload": ("所选方案中没有列出责任单位的举措，暂无工作量。",
                         "No measure of the chosen plans lists a responsible unit, so there is no workload."),
    "dept.no_deadlines": ("所选方案没有写明日期的时间节点（如“6月底前”），暂无热力图。",
                          "The chosen plans set no dated deadline (such as end of June), so there is no heatmap."),
    "dept.pick": ("查看部门", "Department"),
    "dept.measures": ("负责的举措", "Measures it owns"),
    "dept.partners": ("共同负责的单位", "Units it shares measures with"),
    "dept.serves": ("服务的项目：{projects}", "Projects it serves: {projects}"),
    "dept.problems": ("交办问题：{open} 件未办结 / 共 {total} 件", "Problems assigned: {open} open of {total}"),
    "dept.no_measures": ("{unit}不是任何举措的责任单位", "{unit} is not responsible for any measure"),
    "dept.no_partners": ("{unit}没有与其他单位共同负责的举措", "{unit} shares no measure with another unit"),
    "dept.kind": ("类别：{kind}", "Kind: {kind}"),
    "dept.place": ("{city}的单位，方案原文写作“{written}”", "A unit of {city}, written “{written}” in its plan"),
    # bottlenecks
    "bn.intro": ("截至 {as_of} 的分析", "Analysis as of {as_of}"),
    "report.workload": ("工作量", "Workload"),
    "report.crunch_matrix": ("各单位每月时间节点", "Deadlines per unit and month"),
    "report.peak_months": ("集中到期月份", "Crunch months"),
    "report.brokers": ("协调枢纽单位（中介中心性）", "Broker units (betweenness)"),
    "report.bridges": ("唯一联系（桥）", "Bridges"),
    "report.coordination_cost": ("协调负担最重的举措", "Coordination-heavy measures"),
    "report.concentration": ("责任集中度", "Concentration"),
    "report.status_lights": ("状态灯", "Status lights"),
    "report.overdue_by_unit": ("各单位逾期情况", "Overdue by unit"),
    "report.problems_by_chain": ("各产业链问题办结", "Problems by chain"),
    "report.problems_by_unit": ("各单位问题办结", "Problems by unit"),
    "report.pipeline_chokepoints": ("项目服务堵点", "Pipeline chokepoints"),
    "report.single_points_of_failure": ("单点风险", "Single points of failure"),
    "report.workload_by_plan": ("各方案工作量", "Workload by plan"),
    "report.months_by_plan": ("各方案每月时间节点", "Deadlines per month and plan"),
    "report.stacked_crunch": ("多方案叠加的集中到期", "Crunches across plans"),
    "report.brokers_by_plan": ("各方案协调枢纽", "Brokers by plan"),
    "report.single_points_by_plan": ("各方案单点风险", "Single points of failure by plan"),
    "bn.no_peaks": ("所选方案没有写明日期的时间节点（如“6月底前”），无法统计集中到期月份。",
                    "The chosen plans set no dated deadline (such as end of June), so no month stands out."),
    "bn.no_shared": ("所选方案中没有由多个单位共同负责的举措。", "No measure of the chosen plans is shared by several units."),
    "bn.no_gaps": ("未发现产业链缺口：各产业链都有链主企业，各环节都有企业（没有产业链台账时也为空）。",
                   "No chain gaps: every chain has a leader and every segment has firms (also empty without chain ledgers)."),
    "bn.gaps": ("产业链缺口", "Chain gaps"),
    "bn.more": ("更多分析", "More analyses"),
    "bn.empty": ("{what}：截至所选日期没有需要列出的单位或事项", "{what}: nothing to list as of the chosen date"),
    # queries
    "q.pick": ("命名查询", "Named query"),
    "q.run": ("运行查询", "Run query"),
    "q.returns": ("返回列：{columns}", "Returns: {columns}"),
    "q.optional": ("（可选）", " (optional)"),
    "q.rows": ("{n} 行", "{n} rows"),
    "empty.query": ("没有符合条件的记录（{params}）", "Nothing matches ({params})"),
    "empty.chain_leaders": ("{chain}产业链暂无链主企业记录", "No chain-leader firms on record for the {chain} chain"),
    "empty.chain_overview": ("{chain}产业链暂无环节记录", "No segments on record for the {chain} chain"),
    "empty.projects_in_chain": ("{chain}产业链暂无项目记录", "No projects on record for the {chain} chain"),
    "empty.units_serving_chain": ("{chain}产业链暂无服务单位记录", "No serving units on record for the {chain} chain"),
    "empty.open_problems": ("{chain}产业链暂无问题清单记录", "No problems on record for the {chain} chain"),
    "empty.chain_gaps": ("{chain}产业链未发现缺口", "No gaps found in the {chain} chain"),
    "empty.departments_for_measure": ("举措{measure}没有列出责任单位", "Measure {measure} lists no responsible unit"),
    "empty.targets_for_measure": ("举措{measure}没有量化目标", "Measure {measure} sets no numeric target"),
    "empty.measures_for_department": ("{department}不是任何举措的责任单位", "{department} is not responsible for any measure"),
    "empty.co_responsible_units": ("{department}没有与其他单位共同负责的举措", "{department} shares no measure with another unit"),
    "empty.busiest_in_month": ("{month}月没有到期的时间节点", "No milestone falls due in month {month}"),
    "empty.milestones_due": ("所选时段没有到期的时间节点", "No milestone falls due in the chosen period"),
    "empty.overdue_milestones": ("截至 {as_of} 没有逾期的时间节点", "Nothing is overdue as of {as_of}"),
    "empty.enterprise_profile": ("没有找到企业“{enterprise}”的产业链记录", "No chain records for the firm \"{enterprise}\""),
    "empty.measures_in_pillar": ("第{pillar}板块没有举措", "Pillar {pillar} holds no measures"),
    "q.console": ("只读 Cypher 控制台", "Read-only Cypher console"),
    "q.console_help": ("仅允许读取图的查询：语句先交数据库解析（EXPLAIN），写入、管理命令、LOAD CSV 和清单外的过程一律拒绝；"
                       "结果最多 1000 行、8 MB。",
                       "Queries that read the graph only: Neo4j plans each statement first (EXPLAIN) and writes, "
                       "administration commands, LOAD CSV and procedures off the allow-list are refused; results "
                       "stop at 1000 rows or 8 MB."),
    "q.console_off": ("连接 Neo4j 后可使用只读 Cypher 控制台（侧栏选择 Neo4j 后端）。",
                      "Connect to Neo4j (sidebar backend) to use the read-only Cypher console."),
    "q.cypher": ("Cypher 语句", "Cypher"),
    "q.truncated": ("只显示前 {n} 行", "Showing the first {n} rows only"),
    "q.truncated_bytes": ("结果超过 {mb} MB，只显示前 {n} 行", "The result is larger than {mb} MB; showing the first {n} rows only"),
    "q.cypher_none": ("语句没有返回任何行。", "The statement returned no rows."),
    "q.cypher_run": ("执行", "Run"),
    "q.readonly": ("已拒绝：控制台只允许读取图的查询。{error}",
                   "Refused: the console runs only queries that read the graph. {error}"),
}


def current_lang() -> str:
    """The sidebar's language while a Streamlit script runs; "zh" elsewhere."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx
        if get_script_run_ctx(suppress_warning=True) is None:
            return "zh"
        import streamlit as st
        return st.session_state.get("lang") or "zh"
    except Exception:  # no runtime (plain Python): default language
        return "zh"


def t(key: str, lang: str | None = None, **fields) -> str:
    """The UI text for `key` in `lang` (default: the sidebar's choice); unknown keys show as
    themselves, so a missing word is visible rather than fatal (a test checks none is missing)."""
    zh, en = STRINGS.get(key, (key, key))
    text = en if (lang or current_lang()) == "en" else zh
    return text.format(**fields) if fields else text


# Value codes, column headings and node labels live in the shared table `graph.present.words`
# (the chain map draws from it too); these wrappers follow the sidebar's language.

def label_name(label: str, lang: str | None = None) -> str:
    return label_word(label, lang or current_lang())


_ERROR_LINE = re.compile(r"^(?:\w+Error: )?(?P<file>\S+?\.(?:csv|xlsx|xls|txt|docx|md))(?::|(?= row| line))?\s*"
                         r"(?:(?:row (?P<row>\d+))|(?:line (?P<line>\d+):(?P<col>\d+)(?: \(offset (?P<offset>\d+)\))?)"
                         r"|(?:line (?P<bare>\d+)))?\s*:?\s*(?P<msg>.*)$")


def load_error(message: str, lang: str | None = None) -> str:
    """A loader's message (one line per problem: file, place, what is wrong) with the file and
    place said in the page's language; the problem itself stays as the loader wrote it.

    >>> load_error("LedgerError: d/chains/projects.csv row 3: investment: 'thirty' is not a number", "zh")
    "- 文件 d/chains/projects.csv，第 3 行：investment: 'thirty' is not a number"
    """
    lang = lang or current_lang()
    out = []
    for line in str(message).splitlines():
        m = _ERROR_LINE.match(line.strip())
        if not m or lang == "en":
            out.append(f"- {line.strip()}")
            continue
        where = [t("error.file", lang=lang, file=m["file"])]
        if m["row"]:
            where.append(t("error.row", lang=lang, n=m["row"]))
        elif m["line"]:
            where.append(t("error.line", lang=lang, n=m["line"], col=m["col"], offset=m["offset"] or "?"))
        elif m["bare"]:
            where.append(t("error.row", lang=lang, n=m["bare"]))
        out.append(f"- {'，'.join(where)}：{m['msg']}")
    return "\n".join(out)


def column(name: str, lang: str | None = None, counts: bool = False) -> str:
    """A column heading in the sidebar's language (Chinese by default)."""
    return heading(name, lang or current_lang(), counts=counts)


def value(column_name: str, v, lang: str | None = None):
    """A cell as people read it: codes in words, yes/no, blank for a missing value."""
    return cell(column_name, v, lang or current_lang())
