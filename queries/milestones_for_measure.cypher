// name: milestones_for_measure
// description: Deadlines of one measure (截止时间, 时间节点), earliest first, with the plan's own wording of each; plan (an id) keeps one plan's measure.
// params: measure:int, plan:str?
// returns: measure, title, milestone, due, deadline, text, plan
MATCH (m:Measure {number: $measure})-[:HAS_MILESTONE]->(ms:Milestone)
MATCH (pl:Plan {id: m.plan})
WHERE $plan IS NULL OR pl.id = $plan
// ascending ORDER BY puts undated milestones last; the twin sorts the same way
RETURN m.number AS measure, m.title AS title, ms.id AS milestone, ms.due AS due,
       ms.raw AS deadline, ms.text AS text, pl.id AS plan
ORDER BY plan, due, milestone
