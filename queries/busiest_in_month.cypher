// name: busiest_in_month
// description: Units ranked by the deadlines falling in one month on the measures they are listed on ("who is overloaded in June"); collective wording left out.
// params: month:int, limit:int?
// returns: department, milestones, measures
MATCH (d:Department)-[:RESPONSIBLE_FOR]->(m:Measure)-[:HAS_MILESTONE]->(ms:Milestone)
WHERE ms.due IS NOT NULL AND toInteger(substring(ms.due, 5, 2)) = $month
  AND coalesce(d.kind, '') <> 'collective'
WITH DISTINCT d.name AS department, ms.id AS milestone, m.number AS measure
ORDER BY measure
WITH department, count(DISTINCT milestone) AS milestones, collect(DISTINCT measure) AS measures
RETURN department, milestones, measures
ORDER BY milestones DESC, department
LIMIT coalesce($limit, 10)
