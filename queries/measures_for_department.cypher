// name: measures_for_department
// description: Measures a unit (name or alias) is responsible for, with its rank and role, milestone count, first deadline and pillar; optionally of one plan.
// params: department:str, plan:str?
// returns: measure, title, rank, role, milestones, first_due, pillar, plan
MATCH (d:Department)-[r:RESPONSIBLE_FOR]->(m:Measure)
WHERE d.name = $department OR $department IN coalesce(d.aliases, [])
MATCH (pl:Plan {id: m.plan})
WHERE $plan IS NULL OR pl.id = $plan
OPTIONAL MATCH (m)-[:IN_PILLAR]->(p:Pillar)
CALL (m) {
  OPTIONAL MATCH (m)-[:HAS_MILESTONE]->(ms:Milestone)
  // min() skips nulls, so undated milestones count but never become the first deadline
  RETURN count(ms) AS milestones, min(ms.due) AS first_due
}
RETURN m.number AS measure, m.title AS title, r.rank AS rank, r.role AS role,
       milestones, first_due, p.name AS pillar, pl.id AS plan
ORDER BY plan, measure, rank
