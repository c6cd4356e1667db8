// name: department_workload
// description: Per unit and plan: measures touched, led, co-owned and owned alone, milestones of those measures, targets of the measures it leads or owns alone; optionally one plan.
// params: plan:str?
// returns: department, kind, measures, led, co, sole, milestones, targets, plan
MATCH (d:Department)-[r:RESPONSIBLE_FOR]->(m:Measure)
MATCH (pl:Plan {id: m.plan})
WHERE $plan IS NULL OR pl.id = $plan
WITH d, pl,
     count(DISTINCT m) AS measures,
     count(DISTINCT CASE WHEN r.role = 'lead' THEN m END) AS led,
     count(DISTINCT CASE WHEN r.role = 'co' THEN m END) AS co,
     count(DISTINCT CASE WHEN r.role = 'sole' THEN m END) AS sole
CALL (d, pl) {
  OPTIONAL MATCH (d)-[:RESPONSIBLE_FOR]->(m:Measure)-[:HAS_MILESTONE]->(ms:Milestone)
  WHERE m.plan = pl.id
  RETURN count(DISTINCT ms) AS milestones
}
CALL (d, pl) {
  OPTIONAL MATCH (d)-[owns:RESPONSIBLE_FOR]->(m:Measure)-[:HAS_TARGET]->(t:Target)
  WHERE owns.role IN ['lead', 'sole'] AND m.plan = pl.id
  RETURN count(DISTINCT t) AS targets
}
RETURN d.name AS department, d.kind AS kind, measures, led, co, sole, milestones, targets, pl.id AS plan
ORDER BY measures DESC, led DESC, department, plan
