// name: unit_month_matrix
// description: Milestones each unit must contribute to, per month (a unit gets every milestone of every measure it is listed on; undated ones left out).
// params: none
// returns: department, month, milestones
MATCH (d:Department)-[:RESPONSIBLE_FOR]->(:Measure)-[:HAS_MILESTONE]->(ms:Milestone)
WHERE ms.due IS NOT NULL
WITH DISTINCT d, ms
RETURN d.name AS department, toInteger(substring(ms.due, 5, 2)) AS month, count(ms) AS milestones
ORDER BY department, month
