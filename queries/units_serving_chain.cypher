// name: units_serving_chain
// description: Units serving a chain (id or name): via its projects (SERVES, with the steps; plan is null) or via measures supporting it that they are responsible for (one row per plan); optionally only one plan's measures.
// params: chain:str, plan:str?
// returns: chain, department, via, count, steps, plan
MATCH (c:Chain)
WHERE c.id = $chain OR c.name = $chain
CALL (c) {
  MATCH (d:Department)-[sv:SERVES]->(p:Project)-[:IN_SEGMENT]->(:Segment)-[:PART_OF]->(c)
  WITH d, p, sv.stage AS step ORDER BY step
  RETURN d.name AS department, 'project' AS via, count(DISTINCT p) AS `count`, collect(DISTINCT step) AS steps,
         null AS plan
  UNION ALL
  MATCH (d:Department)-[:RESPONSIBLE_FOR]->(m:Measure)-[:SUPPORTS]->(c)
  MATCH (pl:Plan {id: m.plan})
  WHERE $plan IS NULL OR pl.id = $plan
  RETURN d.name AS department, 'measure' AS via, count(DISTINCT m) AS `count`, [] AS steps, pl.id AS plan
}
RETURN c.name AS chain, department, via, `count`, steps, plan
ORDER BY department, via, chain, plan
