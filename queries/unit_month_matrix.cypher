// name: unit_month_matrix
// description: Milestones each unit must contribute to, per plan and month (a unit gets every milestone of every measure it is listed on; undated ones left out); optionally one plan.
// params: plan:str?
// returns: department, month, milestones, plan
MATCH (d:Department)-[:RESPONSIBLE_FOR]->(m:Measure)-[:HAS_MILESTONE]->(ms:Milestone)
WHERE ms.due IS NOT NULL
MATCH (pl:Plan {id: m.plan})
WHERE $plan IS NULL OR pl.id = $plan
WITH DISTINCT d, ms, pl
RETURN d.name AS department, toInteger(substring(ms.due, 5, 2)) AS month, count(ms) AS milestones,
       pl.id AS plan
ORDER BY department, month, plan
