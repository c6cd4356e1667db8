// name: busiest_in_month
// description: Units ranked by the deadlines falling in one month on the measures they are listed on ("who is overloaded in June"), one row per unit and plan; collective wording left out; optionally one plan.
// params: month:int, limit:int?, plan:str?
// returns: department, milestones, measures, plan
MATCH (d:Department)-[:RESPONSIBLE_FOR]->(m:Measure)-[:HAS_MILESTONE]->(ms:Milestone)
WHERE ms.due IS NOT NULL AND toInteger(substring(ms.due, 5, 2)) = $month
  AND coalesce(d.kind, '') <> 'collective'
MATCH (pl:Plan {id: m.plan})
WHERE $plan IS NULL OR pl.id = $plan
WITH DISTINCT d.name AS department, pl.id AS plan, ms.id AS milestone, m.number AS measure
ORDER BY measure
WITH department, plan, count(DISTINCT milestone) AS milestones, collect(DISTINCT measure) AS measures
RETURN department, milestones, measures, plan
ORDER BY milestones DESC, department, plan
LIMIT coalesce($limit, 10)
