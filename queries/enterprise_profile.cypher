// name: enterprise_profile
// description: A firm (id or name) per chain it leads or operates in: leader or not, its segments and projects there, their investment (亿元), open problems it raised there.
// params: enterprise:str
// returns: enterprise, chain, leader, segments, projects, investment, problems_open
MATCH (e:Enterprise)
WHERE e.id = $enterprise OR e.name = $enterprise
CALL (e) {
  MATCH (e)-[:LEADS]->(c:Chain)
  RETURN c
  UNION
  MATCH (e)-[:OPERATES_IN]->(:Segment)-[:PART_OF]->(c:Chain)
  RETURN c
}
CALL (e, c) {
  OPTIONAL MATCH (e)-[:OPERATES_IN]->(s:Segment)-[:PART_OF]->(c)
  WITH DISTINCT s.name AS name ORDER BY name
  RETURN collect(name) AS segments
}
CALL (e, c) {
  OPTIONAL MATCH (e)-[:INVESTS_IN]->(p:Project)-[:IN_SEGMENT]->(:Segment)-[:PART_OF]->(c)
  WITH DISTINCT p ORDER BY p.name
  // rounded so that the summation order (which differs between backends) cannot show
  RETURN collect(p.name) AS projects, round(toFloat(sum(coalesce(p.investment, 0.0))), 6) AS investment
}
RETURN e.name AS enterprise, c.name AS chain, EXISTS { (e)-[:LEADS]->(c) } AS leader, segments, projects,
       investment,
       COUNT { (e)-[:RAISED]->(pr:Problem)-[:IN_CHAIN]->(c) WHERE pr.status = 'open' } AS problems_open
ORDER BY chain, enterprise
