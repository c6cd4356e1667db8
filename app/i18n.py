"""UI words in 中文 (default) and English: every label the app shows goes through `t(key)`.

>>> t("page.chains", lang="en")
'Chain map'
>>> t("map.count", lang="zh", n=3, e=2)
'节点 3 个 / 3 nodes · 连线 2 条 / 2 edges'
"""
from __future__ import annotations

__all__ = ["LANGS", "STRINGS", "COLUMNS", "LABELS", "t", "current_lang", "column", "label_name"]

LANGS = {"zh": "中文", "en": "English"}

# key -> (中文, English). Format fields in braces.
STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("衢州营商环境与产业链图谱", "Quzhou business environment & industry chains"),
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
    "diff.counts": ("相同 {same} · 变化 {changed} · 新增 {added} · 删除 {removed}",
                    "same {same} · changed {changed} · added {added} · removed {removed}"),
    "diff.measures": ("举措对照", "Measures"),
    "diff.changes": ("变化明细", "Changes"),
    "diff.pick": ("查看原文", "Show the words behind a change"),
    "diff.old_text": ("原方案原文", "Old plan text"),
    "diff.new_text": ("新方案原文", "New plan text"),
    "diff.none": ("（无）", "(none)"),
    "diff.parse_failed": ("无法读取上传的方案：{error}", "Could not read the uploaded plan: {error}"),
    "load_failed": ("无法加载数据文件夹 {folder}：\n\n{error}\n\n已改用内置数据。",
                    "Could not load the data folder {folder}:\n\n{error}\n\nUsing the bundled data instead."),
    "neo4j_fallback": ("Neo4j 不可用，已改用内置图：{error}", "Neo4j unavailable, using the embedded graph: {error}"),
    "neo4j_connected": ("已连接 Neo4j：{where}", "Connected to Neo4j: {where}"),
    # common
    "download_csv": ("下载 CSV", "Download CSV"),
    "no_rows": ("（无结果）", "(no rows)"),
    "query_failed": ("查询失败：{error}", "Query failed: {error}"),
    "illustrative_note": ("标注“示例”的台账行为示意数据，并非官方记录。",
                          "Ledger rows marked illustrative are sample data, not on record."),
    # overview
    "overview.plan": ("{title}（{issued} 印发，{year} 年度）", "{title} (issued {issued}, plan year {year})"),
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
    "map.units": ("显示服务单位", "Show serving units"),
    "map.measures": ("显示支撑举措", "Show supporting measures"),
    "map.count": ("节点 {n} 个 / {n} nodes · 连线 {e} 条 / {e} edges",
                  "节点 {n} 个 / {n} nodes · 连线 {e} 条 / {e} edges"),
    "map.folded": ("（{k} 个节点已合并显示）", " ({k} nodes folded into clusters)"),
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
    # measures
    "measures.table": ("方案举措", "The plans' measures"),
    "measures.pick": ("查看举措", "Measure"),
    "measures.text": ("方案原文", "Plan text"),
    "measures.units": ("责任单位（按方案顺序）", "Responsible units (plan order)"),
    "measures.milestones": ("时间节点", "Milestones"),
    "measures.targets": ("目标", "Targets"),
    "measures.pillar": ("所属板块：{pillar}", "Pillar: {pillar}"),
    "mark.unit": ("责任单位", "unit"), "mark.deadline": ("时间节点", "deadline"), "mark.target": ("目标", "target"),
    # departments
    "dept.workload": ("工作量", "Workload"),
    "dept.crunch": ("单位 × 月份 时间节点热力图", "Unit × month deadlines"),
    "dept.matrix": ("单位 × 举措 矩阵", "Unit × measure matrix"),
    "dept.matrix_help": ("牵头 = 第一责任单位，配合 = 其他责任单位，独立 = 唯一责任单位",
                         "L = lead (listed first), C = co-responsible, S = sole unit"),
    "dept.pick": ("查看部门", "Department"),
    "dept.measures": ("负责的举措", "Measures it owns"),
    "dept.partners": ("共同负责的单位", "Units it shares measures with"),
    "dept.serves": ("服务的项目：{projects}", "Projects it serves: {projects}"),
    "dept.problems": ("交办问题：{open} 件未办结 / 共 {total} 件", "Problems assigned: {open} open of {total}"),
    "dept.kind": ("类别：{kind}", "Kind: {kind}"),
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
    "bn.gaps": ("产业链缺口", "Chain gaps"),
    "bn.more": ("更多分析", "More analyses"),
    # queries
    "q.pick": ("命名查询", "Named query"),
    "q.run": ("运行查询", "Run query"),
    "q.returns": ("返回列：{columns}", "Returns: {columns}"),
    "q.optional": ("（可选）", " (optional)"),
    "q.rows": ("{n} 行", "{n} rows"),
    "q.console": ("只读 Cypher 控制台", "Read-only Cypher console"),
    "q.console_help": ("仅允许读取；写操作会被数据库拒绝。", "Reads only; the database refuses writes."),
    "q.console_off": ("连接 Neo4j 后可使用只读 Cypher 控制台（侧栏选择 Neo4j 后端）。",
                      "Connect to Neo4j (sidebar backend) to use the read-only Cypher console."),
    "q.cypher": ("Cypher 语句", "Cypher"),
    "q.truncated": ("只显示前 {n} 行", "Showing the first {n} rows only"),
    "q.cypher_run": ("执行", "Run"),
    "q.readonly": ("已拒绝：控制台只允许读取，此语句试图写入。{error}",
                   "Refused: the console is read-only and this statement tries to write. {error}"),
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


# Column headings for query results and analysis tables.
COLUMNS: dict[str, str] = {
    "measure": "举措", "title": "标题", "rank": "顺序", "department": "部门", "role": "角色", "kind": "类别",
    "pillar": "板块", "lead": "牵头单位", "units": "单位数", "milestones": "时间节点", "targets": "目标",
    "due": "截止", "milestone": "节点", "text": "内容", "chain": "产业链", "enterprise": "企业",
    "county": "区县", "listed": "上市", "segments": "环节", "segment": "环节", "project": "项目",
    "investment": "投资(亿元)", "status": "状态", "fills_gap": "补链", "stage": "阶段", "count": "数量",
    "steps": "服务事项", "gap": "缺口", "detail": "说明", "open": "未办结", "closed": "已办结", "total": "合计",
    "metric": "指标", "value": "数值", "unit": "单位", "comparator": "比较", "shared": "共同举措数",
    "other": "其他单位", "measures": "举措", "led": "牵头", "co": "配合", "sole": "独立", "name": "名称",
    "number": "序号", "theme": "主题", "label": "类型", "type": "关系", "as_written": "原文写法", "task": "任务",
    "direction": "方向", "relation": "关系", "source": "来源", "chain_leader": "链主", "illustrative": "示例数据",
    "basis": "依据", "rule": "规则", "via": "途径", "start": "开工", "expected": "预计投产",
    "days_overdue": "逾期天数", "first_due": "最早截止", "alias": "别名", "unit_a": "单位甲", "unit_b": "单位乙",
    "plan": "方案", "change": "变化", "old_measure": "原举措", "new_measure": "新举措", "old_title": "原标题",
    "new_title": "新标题", "similarity": "相似度", "changes": "变化数", "old": "原内容", "new": "新内容",
    "old_span": "原文位置", "new_span": "新文位置",
}

# Node labels and relationship types as people say them.
LABELS: dict[str, tuple[str, str]] = {
    "Plan": ("方案", "Plan"), "Pillar": ("板块", "Pillar"), "Measure": ("举措", "Measure"),
    "Department": ("部门", "Department"), "Milestone": ("时间节点", "Milestone"), "Target": ("目标", "Target"),
    "Chain": ("产业链", "Chain"), "Segment": ("环节", "Segment"), "Enterprise": ("企业", "Enterprise"),
    "Project": ("项目", "Project"), "Problem": ("问题", "Problem"),
}


def label_name(label: str, lang: str | None = None) -> str:
    zh, en = LABELS.get(label, (label, label))
    return en if (lang or current_lang()) == "en" else f"{zh} {label}"


def column(name: str, lang: str | None = None) -> str:
    """A column heading: Chinese where known (with the field name), the field name in English."""
    if (lang or current_lang()) == "en" or name not in COLUMNS:
        return name
    return f"{COLUMNS[name]}"
