// name: measures_in_pillar
// description: Measures under one pillar (its number in the plan, e.g. 3 = the third 聚焦… heading) with their lead unit(s); optionally of one plan.
// params: pillar:int, plan:str?
// returns: pillar, name, measure, title, lead, plan
MATCH (m:Measure)-[:IN_PILLAR]->(p:Pillar {number: $pillar})-[:OF_PLAN]->(pl:Plan)
WHERE $plan IS NULL OR pl.id = $plan
CALL (m) {
  // rank-1 unit names, sorted, joined with 、 (null when the measure has none)
  OPTIONAL MATCH (d:Department)-[r:RESPONSIBLE_FOR]->(m)
  WHERE r.rank = 1
  WITH DISTINCT d.name AS name ORDER BY name
  WITH collect(name) AS names
  RETURN reduce(acc = head(names), n IN tail(names) | acc + '、' + n) AS lead
}
RETURN p.number AS pillar, p.name AS name, m.number AS measure, m.title AS title, lead, pl.id AS plan
ORDER BY plan, measure
