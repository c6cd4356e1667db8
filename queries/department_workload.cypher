// name: department_workload
// description: Per unit: measures touched, led, co-owned and owned alone, milestones of those measures, targets of the measures it leads or owns alone.
// params: none
// returns: department, kind, measures, led, co, sole, milestones, targets
MATCH (d:Department)-[r:RESPONSIBLE_FOR]->(m:Measure)
WITH d,
     count(DISTINCT m) AS measures,
     count(DISTINCT CASE WHEN r.role = 'lead' THEN m END) AS led,
     count(DISTINCT CASE WHEN r.role = 'co' THEN m END) AS co,
     count(DISTINCT CASE WHEN r.role = 'sole' THEN m END) AS sole
CALL (d) {
  OPTIONAL MATCH (d)-[:RESPONSIBLE_FOR]->(:Measure)-[:HAS_MILESTONE]->(ms:Milestone)
  RETURN count(DISTINCT ms) AS milestones
}
CALL (d) {
  OPTIONAL MATCH (d)-[owns:RESPONSIBLE_FOR]->(:Measure)-[:HAS_TARGET]->(t:Target)
  WHERE owns.role IN ['lead', 'sole']
  RETURN count(DISTINCT t) AS targets
}
RETURN d.name AS department, d.kind AS kind, measures, led, co, sole, milestones, targets
ORDER BY measures DESC, led DESC, department
