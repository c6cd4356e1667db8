"""The wording of `ask`'s intents (which words mean overdue, lead, deadline, partners …), and one example
question per named query for the help text. Patterns match the question lower-cased, with the names,
dates and numbers already found masked out."""
from __future__ import annotations

import re

__all__ = ["W_OVERDUE", "W_CLOSURE", "W_PROBLEM", "W_TARGET", "W_LEAD", "W_ALL_UNITS", "W_DEADLINE",
           "MASK", "W_DUE_WORDS", "W_PARTNER", "W_PAIRS", "W_BUSY", "W_RANGE", "W_CONTENT", "W_ALL_UNITS_LISTED", "W_ALL_MEASURES", "W_ALL_CHAINS", "W_CHAINS_COUNTED",
           "W_NOT_CLOSED", "W_RATE", "W_FIRMS_RANKED", "W_HELP", "W_WHICH_MONTH", "W_UNIT_SERVES", "W_WHEN", "W_MATRIX", "W_PIPELINE", "W_COORD",
           "W_GAPS", "W_LEADERS", "W_SERVE", "W_UNITS_ASKED", "W_MEASURES_ASKED", "W_CHAIN_CHIEF",
           "W_NO_LEADER", "W_LACKING", "W_REMAINING", "W_BOTTLENECK", "W_UNITS_WORD", "W_PROJECTS", "W_DUE", "W_NAMES", "W_NAME_INDEX", "W_PLANS", "W_OWN", "W_MEASURE_COUNT", "W_LIST_ASKED", "W_COMPARE", "W_PROJECT_SERVED", "W_NOT_OVERDUE", "W_NOT_LED", "W_UNIT_ROLE",
           "EXAMPLES", "HELP"]


def _words(*alternatives: str) -> re.Pattern:
    return re.compile("|".join(alternatives), re.I)


W_OVERDUE = _words(r"overdue", r"past due", r"behind schedule", r"(?<![a-z])late(?![a-z])", r"missed",
                   r"逾期", r"超期", r"延误", r"滞后", r"过期", r"拖期", r"没完成", r"未完成", r"超时", r"没有完成", r"尚未完成",
                   r"未能完成", r"(?:没有|没|未)按期", r"not (?:yet )?(?:done|finished|completed)",
                   r"(?:deadlines?|due dates?|milestones?) (?:that )?(?:have |has |had )?(?:already )?passed",
                   r"已过(?:了)?(?:截止|期限|时限)", r"过了(?:截止|期限|时限|节点)", r"已经?到期(?:了)?(?:还|但|却)?(?:没|未)")
W_CLOSURE = _words(r"销号", r"closure", r"closed rate", r"close rate", r"解决率", r"办结率", r"结案率", r"关闭率",
                   r"解决了多少", r"(?<![a-z])closed(?![a-z])", r"已解决", r"resolution rate")
W_PROBLEM = _words(r"问题", r"(?<![a-z])problems?(?![a-z])", r"(?<![a-z])issues?(?![a-z])", r"堵点", r"诉求",
                   r"痛点", r"难点", r"complaints?")
W_TARGET = _words(r"target", r"goal", r"indicator", r"kpi", r"目标", r"指标", r"量化", r"数值")
W_LEAD = _words(r"牵头", r"主责", r"领头", r"主办", r"(?<![a-z])(?:lead(?:s|ing)?|led)(?![a-z])", r"in charge",
                r"第一责任", r"负总责")
W_ALL_UNITS = _words(r"配合单位", r"配合部门", r"协办", r"责任单位", r"(?<![a-z])co-?(?:units?|owners?|responsible)",
                     r"all (?:the )?(?:units|departments)", r"所有(?:部门|单位)")
W_DEADLINE = _words(r"截止", r"期限", r"时限", r"节点", r"deadlines?", r"(?<![a-z])due(?![a-z])", r"什么时候",
                    r"何时", r"(?<![a-z])when(?![a-z])", r"时间", r"milestones?", r"进度", r"进展", r"底前", r"月前",
                    r"完成日期", r"schedule", r"by what date", r"几月", r"完成了?(?:吗|没|没有|情况|得怎么样)",
                    r"做完", r"落实了?(?:吗|没)", r"(?<![a-z])(?:done|finished|completed)(?![a-z])")
# words that ask for deadlines even beside 任务/measures ("有哪些任务到期", "what tasks are due")
W_DUE_WORDS = _words(r"到期", r"截止", r"(?<![a-z])due(?![a-z])", r"deadlines?", r"节点", r"milestones?", r"时限",
                     r"期限")
W_PARTNER = _words(r"(?<![a-z])with(?![a-z])", r"together", r"协同", r"配合", r"合作", r"一起", r"共同", r"搭档",
                   r"partners?", r"collaborat", r"co-?responsible", r"伙伴", r"联合", r"共担", r"共管", r"同担", r"协作",
                   r"会同", r"co-?own", r"jointly", r"alongside")
W_PAIRS = _words(r"(?<![a-z])pairs?(?![a-z])", r"两两", r"搭档", r"组合", r"哪两个", r"哪几对", r"together most",
                 r"most often together", r"with whom", r"(?<![a-z])shar(?:e|es|ing)\s+(?:the\s+)?most",
                 r"(?:共同|一起)(?:承担|负责|参与)(?:的)?(?:举措|措施)?最多", r"谁和谁", r"经常一起", r"合作最多", r"协同最多", r"配合最多", r"一起最多",
                 r"哪些部门.*(?:一起|合作|协同|配合)", r"which (?:units|departments).*(?:together|with each other)")
W_BUSY = _words(r"busiest", r"most co-?responsibilit", r"workload", r"overload",
                r"most (?:measures|work|tasks|deadlines)", r"heaviest", r"most loaded", r"pressure",
                r"(?:部门|单位|谁)\S*最多", r"(?:任务|举措|工作|事情)最多", r"最忙", r"负担最重", r"工作量", r"任务量", r"压力(?:最|较|很|比较)?大",
                r"担子(?:最)?重", r"最累", r"最重(?!要)", r"(?<![帮不])忙(?!碌以外)", r"最繁重", r"最吃紧", r"任务最重", r"扎堆", r"排行",
                r"排名", r"任务数", r"rank(?:ing|ed)? (?:of )?(?:the )?(?:units|departments)", r"most pressure")
W_RANGE = re.compile(r"到|至|~|-|—|–|(?<![a-z])(?:to|through|until|till)(?![a-z])")
W_CONTENT = _words(r"内容", r"原文", r"具体要求", r"要求是什么", r"讲了什么", r"说了什么", r"(?<![a-z])text(?![a-z])",
                   r"(?<![a-z])require", r"(?<![a-z])says?(?![a-z])", r"wording", r"content")
W_ALL_UNITS_LISTED = _words(r"(?:有|是)哪些(?:部门|单位)(?:参与|在内|负责这个方案|$)", r"多少个?(?:部门|单位)",
                            r"(?:所有|全部)的?(?:部门|单位)", r"list (?:all |every )?(?:the )?(?:units|departments)",
                            r"how many (?:units|departments)", r"几(?:个|家)(?:部门|单位)", r"which (?:units|departments) are (?:in|on) the plan")
MASK = "§"  # what ask puts in place of a name, date or plan it has read (so its characters trigger nothing else)
W_ALL_MEASURES = _words(r"(?:所有|全部)的?(?:举措|措施)", r"多少条", r"多少项",
                        rf"(?:方案|计划|{MASK})(?:里|中|的)?(?:一共|总共|共)?有哪些(?:举措|措施)",
                        r"list (?:all |every )?(?:the )?measures", r"how many measures", r"every measure")
W_ALL_CHAINS = _words(r"(?:所有|全部|六大|几大|哪些|哪几条|几条|多少条|多少个|几个|各)的?(?:标志性|重点|主导)?产业链(?!的?(?:环节|企业))",
                      r"产业链(?:一共|总共|共)?(?:有|是)(?:哪些|哪几|什么|几|多少)", r"产业链(?:清单|列表|名单|一览|总览|概况)",
                      r"(?:list|show) (?:all |every )?(?:the )?(?:industry |industrial )?chains",
                      r"(?:which|what) (?:industry |industrial )?chains (?:are|do|does|exist)",
                      r"how many (?:industry |industrial )?chains", r"(?:every|each) (?:industry |industrial )?chain(?![a-z])",
                      r"all (?:the )?(?:industry |industrial )?chains")
# chains compared by what the `chains` query counts (项目, 投资, 企业, 环节), not a list of names
W_CHAINS_COUNTED = _words(r"(?:哪个|哪条|哪些|哪)产业链.{0,8}(?:最多|最大|最少|最高)",
                          r"(?:各|每个|每条|六大)产业链.{0,8}(?:多少|几个|几家|投资额?|总投资)",
                          r"which (?:industry )?chains? (?:has|have|gets?) the (?:most|largest|biggest|fewest)",
                          r"(?:projects|investment|firms) (?:per|by|of each) (?:industry )?chain")
W_RATE = _words(r"率", r"(?<![a-z])rates?(?![a-z])", r"比例", r"多少", r"几个", r"percent", r"share", r"how many")
W_FIRMS_RANKED = _words(r"哪(?:家|个|些)(?:企业|公司)", r"which (?:firms?|compan|enterprises?)")
W_HELP = _words(r"^\W*(?:你|您)?(?:能|可以|会)(?:做|干|回答|问)(?:些)?(?:什么|啥|哪些)", r"怎么用", r"使用说明", r"帮助$",
                 r"^\W*help\W*$", r"what can (?:you|i) (?:do|ask)", r"how do i use")
W_NOT_CLOSED = _words(r"(?:没|未|尚未|还没|没有)销号", r"not (?:yet )?closed", r"still open", r"unresolved")
W_WHICH_MONTH = _words(r"哪个月", r"哪几个月", r"哪些月份?", r"几月份?(?:最|任务最|节点最)", r"最多的?(?:是|在)?几月", r"which months?",
                       r"what months?", r"peak months?", r"高峰", r"最集中", r"按月份?统计", r"月度分布",
                       r"busiest months?", r"months? with the most", r"pile up", r"piling up", r"bunch(?:ed)? up",
                       r"cluster")
W_UNIT_SERVES = _words(r"服务(?:了|过|的)?(?:哪些|什么|几个|多少)?个?(?:项目|产业链|链)", r"serves? (?:which|what) (?:projects|chains)",
                       r"(?:projects|chains) (?:does|do) .* serve")
W_WHEN = _words(r"(?<![a-z])when(?![a-z])", r"什么时候", r"何时", r"几时", r"哪天")
W_MATRIX = _words(r"每个?月", r"按月", r"逐月", r"各个?月", r"by month", r"per month", r"month by month", r"monthly",
                  r"热力", r"heat ?map", r"矩阵", r"matrix")
W_PIPELINE = _words(r"服务.*项目(?:最|较|比较|很)?多", r"项目服务", r"project load", r"pipeline", r"serves? the most projects",
                    r"serv\w* (?:the )?projects? (?:the )?most", r"(?:units?|departments?|agenc\w+) (?:has|have|with) (?:the )?most projects",
                    r"serve most projects", r"审批服务", r"服务多少项目", r"服务.*几个项目", r"项目.*服务负担")
W_COORD = _words(r"涉及.*部门最多", r"(?:举措|措施)[^部单]{0,6}(?:部门|单位)(?:数量?)?最多", r"部门最多的(?:举措|措施)", r"最多部门", r"most (?:units|departments|agencies)",
                 r"coordination", r"协调.*最多", r"多部门", r"最复杂", r"牵涉")
W_GAPS = _words(r"没有?(?:企业|公司)", r"无企业", r"no (?:firms|companies|enterprises)", r"空白环节", r"没有链主", r"无链主",
                r"no (?:chain )?leaders?", r"without (?:a )?(?:chain )?leaders?",
                r"(?<![a-z])gaps?(?![a-z])", r"weak", r"短板", r"缺口", r"断链", r"弱项", r"空白", r"薄弱", r"缺链",
                r"(?<![a-z])missing(?![a-z])", r"(?<![a-z])lack", r"补链", r"缺什么", r"缺少", r"缺失",
                r"缺(?:了|些)?(?:哪些|哪个|哪几|哪一|啥|什么)", r"缺(?:的)?(?:环节|企业)", r"还差(?:哪些|什么|啥)")
# deadlines still ahead: from today on
W_REMAINING = _words(r"还剩", r"剩下", r"剩余", r"(?:尚|还)?(?:未|没|没有)到期", r"后续", r"接下来", r"今后", r"往后",
                     r"remaining", r"(?<![a-z])left(?![a-z])", r"still to come", r"ahead", r"from now on", r"not yet due")
# a chain's bottleneck is one of its gaps; a unit's has no named query (`analyze` reports the brokers)
W_BOTTLENECK = _words(r"瓶颈", r"卡脖子", r"卡点", r"bottlenecks?", r"choke ?points?")
W_UNITS_WORD = _words(r"部门", r"单位", r"机构", r"(?<![a-z])(?:units?|departments?|agenc\w+|bureaus?)(?![a-z])")
W_LEADERS = _words(r"leaders?(?![a-z])", r"链主", r"龙头", r"leading (?:firms?|compan|enterprises?)",
                   r"lead firms?", r"(?:firms?|companies|enterprises) (?:that )?leads?")
W_SERVE = _words(r"(?<![a-z])units?(?![a-z])", r"departments?", r"agenc", r"(?<![a-z])serv", r"部门", r"单位",
                 r"服务", r"谁在管", r"who works on")
W_UNITS_ASKED = _words(r"哪些部门", r"哪些单位", r"哪个部门", r"哪个单位", r"哪些机构", r"谁服务", r"谁在服务",
                       r"的(?:部门|单位|机构)\W*$", r"(?:部门|单位|机构)(?:有哪些|是哪些|都有谁|名单)\W*$",  # asked for last
                       r"which (?:units|departments|agencies|government units)", r"who serves")
W_MEASURES_ASKED = _words(r"哪些(?:举措|措施|政策)", r"什么(?:举措|措施|政策)", r"which (?:measures|policies)",
                          r"what (?:measures|policies)", r"measures (?:that )?support", r"supporting measures",
                          r"(?:举措|措施|政策)支持", r"(?:支持|扶持|配套)(?:政策|举措|措施)", r"supporting polic",
                          r"(?:支持|扶持|服务|涉及|有关|相关).{0,12}的(?:举措|措施|政策)",
                          r"(?:measures|polic(?:y|ies)) (?:that )?(?:support|help|back|target|for)", r"(?:举措|措施|政策)(?:有|是)哪些")
# "哪些举措没有截止时间", "measures without a target": measures lacking something (no query lists them)
W_LACKING = _words(r"(?:没有|没|无|未|缺少?|缺乏)(?:设定|设置|明确|规定|写明|定)?(?:的)?(?:截止时间|截止日期|完成时限|时限|期限|"
                   r"时间节点|节点|完成时间|目标|指标|量化指标|牵头单位|牵头部门|责任单位|配合单位|配合部门|协办单位)",
                   r"(?:without|lack(?:ing)?|missing|with no|have no|has no|no) (?:a |any )?(?:deadlines?|due dates?|"
                   r"milestones?|targets?|lead(?: units?)?|owners?)(?![a-z])")
W_CHAIN_CHIEF = _words(r"链长", r"chain chief")
W_NO_LEADER = _words(r"没有链主", r"无链主", r"缺链主", r"no (?:chain )?leaders?", r"without (?:a )?(?:chain )?leaders?")
W_PROJECTS = _words(r"project", r"项目", r"investment", r"投资")
W_DUE = _words(r"(?<![a-z])due(?![a-z])", r"deadlines?", r"到期", r"截止", r"底前", r"月前", r"月底", r"要完成",
               r"节点", r"milestones?", r"需完成", r"须完成", r"完成哪些", r"有哪些任务", r"what (?:is|are) due",
               r"要交", r"时间表", r"schedule")
W_NAMES = _words(r"known names", r"你认识", r"能识别", r"认识哪些", r"names (?:do )?you know", r"名单", r"aliases",
                 r"别名")
W_NAME_INDEX = _words(r"name index", r"名称索引", r"all (?:the )?names")
W_PLANS = _words(r"哪些方案", r"几个方案", r"方案列表", r"(?:载入|加载|导入)了?(?:哪些|什么)?方案", r"which plans",
                 r"what plans", r"list (?:the |all )?plans", r"plans (?:are )?loaded", r"loaded plans")
W_OWN = _words(r"负责", r"承担", r"参与", r"own", r"responsib", r"measures", r"tasks", r"举措", r"措施", r"任务",
               r"管哪些", r"干什么", r"做什么", r"what does", r"duties")

# examples for the help text: every named query, in Chinese and English
EXAMPLES: dict[str, str] = {
    "departments_for_measure": "which departments touch measure 9 · 第9条举措由哪些部门负责 · 不动产登记改革由哪些部门负责",
    "leads_for_measure": "who leads measure 9 · 第9条谁牵头",
    "milestones_for_measure": "deadlines of measure 9 · 第9条举措的截止时间",
    "targets_for_measure": "targets of measure 2 · 第2条的目标",
    "measures_for_department": "what does 市发改委 own · 发改委负责哪些举措",
    "measures_led_by": "which measures does 市营商办 lead · 市营商办牵头哪些举措",
    "co_responsible_units": "who works with 市营商办 · 市营商办和哪些部门协同",
    "unit_pairs": "which units work together most · 哪两个部门合作最多",
    "department_workload": "who is busiest · 哪个部门任务最多",
    "busiest_in_month": "who is overloaded in June · 6月哪个部门压力最大",
    "unit_month_matrix": "deadlines per unit by month · 各部门每月的任务节点",
    "milestones_due": "what is due in June · 6月底前要完成哪些任务",
    "overdue_milestones": "what is overdue as of 2024-07-15 · 截至7月15日哪些任务逾期",
    "measures_in_pillar": "pillar 3 · 第三部分 · 聚焦便商有哪些举措",
    "measure_coordination": "which measures involve the most units · 哪些举措涉及部门最多",
    "chain_overview": "overview of the 新材料 chain · 新材料产业链概况",
    "measures_for_chain": "哪些举措支持新能源产业链 · which measures support the special paper chain",
    "chain_leaders": "新能源产业链的链主企业有哪些 · leaders of the special paper chain",
    "projects_in_chain": "新能源有哪些项目 · projects in the IC chain",
    "units_serving_chain": "which units serve the 新能源 chain",
    "chain_gaps": "特种纸产业链有哪些短板 · which chains have gaps",
    "enterprise_profile": "profile of 巨化集团 · 仙鹤的情况",
    "open_problems": "open problems of the 新能源 chain · 问题清单",
    "problem_closure": "problem closure rate by unit · 各部门问题销号率",
    "pipeline_load": "which units serve the most projects · 哪些部门服务项目最多",
    "problems_for_department": "problems assigned to 市住建局 · 资规局还有哪些问题没解决",
    "deadlines_for_department": "what does 市发改委 have due in June · 市营商办6月底前要完成哪些任务",
    "deadlines_by_month": "which month has the most deadlines · 哪个月任务最集中",
    "known_names": "which names do you know · 你认识哪些名称",
    "name_index": "name index · 名称索引",
    "plans": "which plans are loaded · 载入了哪些方案",
    "measure_numbers": "list all measures · 列出所有举措",
    "chains": "list the chains · 有哪些产业链",
}

HELP = "I map a question to one named query. Questions I understand (中文 or English):\n" + "\n".join(
    f"  {name:<24}  {example}" for name, example in EXAMPLES.items()) + \
    "\nUnits, chains, firms and measures are recognised by the names the graph holds (short or full name, " \
    "alias, English name, 衢州市/市 left out or added; a measure by number or by words of its title)."

# "配合几项", "牵头了多少条", "配合的举措": measures counted or named by a role, so the unit's measures (each
# with its role) answer it
W_MEASURE_COUNT = _words(r"(?:几|多少)\s*(?:项|条|个(?:举措|措施|任务))", r"how many (?:measures|tasks)",
                         r"(?:配合|协同|协办|参与)的?(?:举措|措施|任务|工作)")  # "配合的举措": a role, not partners
# the question asks for a list of things ("一起负责哪些"), not a yes/no ("合作多吗")
W_LIST_ASKED = _words(r"哪些", r"什么", r"哪几", r"哪项", r"哪条", r"(?<![a-z])(?:which|what)(?![a-z])")
# one unit set against another ("比营商办任务多", "more than the DRC"): no query compares two units
W_COMPARE = _words(r"(?<![a-z])比(?!较|例|如|重|率).{0,16}(?:多|少|忙|重|快|慢)", r"(?:more|fewer|less|busier) than", r"compared (?:to|with)", r"(?<![a-z])vs\.?(?![a-z])",
                   r"(?<![a-z])versus(?![a-z])")
# who serves one firm's project ("华金项目谁在服务", "哪些部门在服务中天氟硅的项目"): no query is keyed by a project
W_PROJECT_SERVED = _words(r"项目.{0,6}(?:谁|哪些部门|哪些单位|哪个部门|哪家单位)", r"(?:谁|哪些部门|哪些单位|哪个部门).{0,4}服务.{0,12}项目",
                          r"project.{0,30}(?:who serves|served by|which (?:units|departments))",
                          r"(?:who|which (?:units|departments)) (?:serves?|is serving|are serving|handles?).{0,30}project")
# "没有逾期的举措", "which are on track": the opposite of overdue, which no query lists ("有没有逾期" still asks for them)
W_NOT_OVERDUE = _words(r"(?<![有是])(?:没有|没|未|不|无|尚未)(?:逾期|超期|延误|滞后|拖期|过期)", r"not (?:yet )?(?:overdue|late|behind)",
                       r"on (?:track|schedule|time)", r"按时完成的", r"按期完成的", r"如期完成的")
# "不是市发改委牵头的", "measures not led by the DRC": a unit's measures other than the ones it leads
W_NOT_LED = _words(r"(?<![有是])(?:不是|并非|非|不|没有?)(?:由)?.{0,3}牵头", r"not (?:led|lead|owned) by", r"does(?: not|n't) lead")
# "牵头部门", "主管单位", "lead department": a unit asked for by its role, never a firm
W_UNIT_ROLE = _words(r"(?:牵头|责任|主管|负责|分管|对口)(?:的)?(?:部门|单位|机构)", r"(?:lead|responsible|in-charge) (?:units?|departments?|agenc)")
