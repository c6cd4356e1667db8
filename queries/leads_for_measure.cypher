// name: leads_for_measure
// description: Who leads one measure (谁牵头): its lead units (rank 1, or named 牵头) or its sole owner; plan (an id) keeps one plan's measure.
// params: measure:int, plan:str?
// returns: measure, title, department, role, kind, plan
MATCH (d:Department)-[r:RESPONSIBLE_FOR]->(m:Measure {number: $measure})
WHERE r.role IN ['lead', 'sole']
MATCH (pl:Plan {id: m.plan})
WHERE $plan IS NULL OR pl.id = $plan
WITH DISTINCT pl, m, d, r.role AS role
RETURN m.number AS measure, m.title AS title, d.name AS department, role, d.kind AS kind, pl.id AS plan
ORDER BY plan, department, role
