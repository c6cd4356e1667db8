// name: chain_overview
// description: One row per segment of a chain (id or name), upstream to downstream: firms, leader firms, projects and their investment (亿元).
// params: chain:str
// returns: chain, stage, segment, enterprises, leaders, projects, investment
MATCH (s:Segment)-[:PART_OF]->(c:Chain)
WHERE c.id = $chain OR c.name = $chain
CALL (s) {
  OPTIONAL MATCH (e:Enterprise)-[:OPERATES_IN]->(s)
  RETURN count(DISTINCT e) AS enterprises
}
CALL (c, s) {
  OPTIONAL MATCH (e:Enterprise)-[:OPERATES_IN]->(s)
  WHERE EXISTS { (e)-[:LEADS]->(c) }
  WITH DISTINCT e.name AS name ORDER BY name
  RETURN collect(name) AS leaders
}
CALL (s) {
  OPTIONAL MATCH (p:Project)-[:IN_SEGMENT]->(s)
  WITH DISTINCT p
  // rounded so that the summation order (which differs between backends) cannot show
  RETURN count(p) AS projects, round(toFloat(sum(coalesce(p.investment, 0.0))), 6) AS investment
}
RETURN c.name AS chain, s.stage AS stage, s.name AS segment, enterprises, leaders, projects, investment
ORDER BY CASE stage WHEN 'upstream' THEN 0 WHEN 'midstream' THEN 1 WHEN 'downstream' THEN 2 ELSE 3 END,
         segment, chain
