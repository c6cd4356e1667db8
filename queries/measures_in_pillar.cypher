// name: measures_in_pillar
// description: Measures under one pillar (1-6, e.g. 3 = 聚焦便商) with their lead unit(s).
// params: pillar:int
// returns: pillar, name, measure, title, lead
MATCH (m:Measure)-[:IN_PILLAR]->(p:Pillar {number: $pillar})
CALL (m) {
  // rank-1 unit names, sorted, joined with 、 (null when the measure has none)
  OPTIONAL MATCH (d:Department)-[r:RESPONSIBLE_FOR]->(m)
  WHERE r.rank = 1
  WITH DISTINCT d.name AS name ORDER BY name
  WITH collect(name) AS names
  RETURN reduce(acc = head(names), n IN tail(names) | acc + '、' + n) AS lead
}
RETURN p.number AS pillar, p.name AS name, m.number AS measure, m.title AS title, lead
ORDER BY measure
