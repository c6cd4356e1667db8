// name: measures_for_chain
// description: Measures supporting a chain (id or name), with the words that tie each to it and its lead unit(s); plan (an id) keeps one plan's measures.
// params: chain:str, plan:str?
// returns: chain, measure, title, basis, lead, plan
MATCH (m:Measure)-[s:SUPPORTS]->(c:Chain)
WHERE c.id = $chain OR c.name = $chain
MATCH (pl:Plan {id: m.plan})
WHERE $plan IS NULL OR pl.id = $plan
WITH DISTINCT pl, c, m, s.basis AS basis
ORDER BY basis
WITH pl, c, m, collect(basis) AS basis
CALL (m) {
  // rank-1 unit names, sorted, joined with 、 (null when the measure has none)
  OPTIONAL MATCH (d:Department)-[r:RESPONSIBLE_FOR]->(m)
  WHERE r.rank = 1
  WITH DISTINCT d.name AS name ORDER BY name
  WITH collect(name) AS names
  RETURN reduce(acc = head(names), n IN tail(names) | acc + '、' + n) AS lead
}
RETURN c.name AS chain, m.number AS measure, m.title AS title, basis, lead, pl.id AS plan
ORDER BY plan, measure, chain
