// name: measure_coordination
// description: Measures by the number of distinct units on their responsibility list (affiliates and collective units included); optionally of one plan.
// params: plan:str?
// returns: measure, title, units, plan
MATCH (d:Department)-[:RESPONSIBLE_FOR]->(m:Measure)
MATCH (pl:Plan {id: m.plan})
WHERE $plan IS NULL OR pl.id = $plan
WITH m, pl, count(DISTINCT d) AS units
RETURN m.number AS measure, m.title AS title, units, pl.id AS plan
ORDER BY units DESC, measure, m.id
