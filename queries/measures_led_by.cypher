// name: measures_led_by
// description: Measures a unit (name or alias) leads or owns alone (牵头), with their milestone count and first deadline; plan (an id) keeps one plan's measures.
// params: department:str, plan:str?
// returns: measure, title, department, role, milestones, first_due, plan
MATCH (d:Department)-[r:RESPONSIBLE_FOR]->(m:Measure)
WHERE (d.name = $department OR $department IN coalesce(d.aliases, [])) AND r.role IN ['lead', 'sole']
MATCH (pl:Plan {id: m.plan})
WHERE $plan IS NULL OR pl.id = $plan
WITH DISTINCT pl, m, d, r.role AS role
CALL (m) {
  OPTIONAL MATCH (m)-[:HAS_MILESTONE]->(ms:Milestone)
  // min() skips nulls, so undated milestones count but never become the first deadline
  RETURN count(ms) AS milestones, min(ms.due) AS first_due
}
RETURN m.number AS measure, m.title AS title, d.name AS department, role, milestones, first_due, pl.id AS plan
ORDER BY plan, measure, department, role
