// name: departments_for_measure
// description: Units responsible for a measure, in the plan's order (rank 1 leads).
// params: measure:int
// returns: measure, rank, department, role, kind
MATCH (d:Department)-[r:RESPONSIBLE_FOR]->(m:Measure {number: $measure})
RETURN m.number AS measure, r.rank AS rank, d.name AS department, r.role AS role, d.kind AS kind
ORDER BY rank, department
