// name: units_serving_chain
// description: Units serving a chain (id or name): via its projects (SERVES, with the steps) or via measures supporting it that they are responsible for.
// params: chain:str
// returns: chain, department, via, count, steps
MATCH (c:Chain)
WHERE c.id = $chain OR c.name = $chain
CALL (c) {
  MATCH (d:Department)-[sv:SERVES]->(p:Project)-[:IN_SEGMENT]->(:Segment)-[:PART_OF]->(c)
  WITH d, p, sv.stage AS step ORDER BY step
  RETURN d.name AS department, 'project' AS via, count(DISTINCT p) AS `count`, collect(DISTINCT step) AS steps
  UNION ALL
  MATCH (d:Department)-[:RESPONSIBLE_FOR]->(m:Measure)-[:SUPPORTS]->(c)
  RETURN d.name AS department, 'measure' AS via, count(DISTINCT m) AS `count`, [] AS steps
}
RETURN c.name AS chain, department, via, `count`, steps
ORDER BY department, via, chain
