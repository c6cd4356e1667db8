// name: deadlines_for_department
// description: Deadlines of the measures a unit (name or alias) is listed on, earliest first, optionally only those due in a month (1-12) or between two dates (inclusive); plan (an id) keeps one plan.
// params: department:str, month:int?, start:date?, end:date?, plan:str?
// returns: department, measure, title, role, milestone, due, deadline, text, plan
MATCH (d:Department)-[r:RESPONSIBLE_FOR]->(m:Measure)-[:HAS_MILESTONE]->(ms:Milestone)
WHERE (d.name = $department OR $department IN coalesce(d.aliases, []))
  AND ($month IS NULL OR (ms.due IS NOT NULL AND toInteger(substring(ms.due, 5, 2)) = $month))
  AND ($start IS NULL OR ms.due >= $start)
  AND ($end IS NULL OR ms.due <= $end)
MATCH (pl:Plan {id: m.plan})
WHERE $plan IS NULL OR pl.id = $plan
WITH DISTINCT pl, d, m, r.role AS role, ms
// ascending ORDER BY puts undated milestones last; the twin sorts the same way
RETURN d.name AS department, m.number AS measure, m.title AS title, role, ms.id AS milestone,
       ms.due AS due, ms.raw AS deadline, ms.text AS text, pl.id AS plan
ORDER BY due, plan, measure, milestone, department, role
