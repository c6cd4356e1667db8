// name: departments_for_measure
// description: Units responsible for a measure, in the plan's order (rank 1 leads); optionally of one plan (id, year or words of its title).
// params: measure:int, plan:str?
// returns: measure, rank, department, role, kind, plan
MATCH (d:Department)-[r:RESPONSIBLE_FOR]->(m:Measure {number: $measure})
MATCH (pl:Plan {id: m.plan})
WHERE $plan IS NULL OR pl.id = $plan
RETURN m.number AS measure, r.rank AS rank, d.name AS department, r.role AS role, d.kind AS kind,
       pl.id AS plan
ORDER BY plan, rank, department
