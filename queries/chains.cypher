// name: chains
// description: Every industry chain (产业链): id, English name, flagship or not, and its segments, the firms operating in them, leader firms, projects and their investment (亿元).
// params: none
// returns: chain, id, english, flagship, segments, enterprises, leaders, projects, investment
MATCH (c:Chain)
CALL (c) {
  OPTIONAL MATCH (s:Segment)-[:PART_OF]->(c)
  RETURN count(DISTINCT s) AS segments
}
CALL (c) {
  OPTIONAL MATCH (e:Enterprise)-[:OPERATES_IN]->(:Segment)-[:PART_OF]->(c)
  RETURN count(DISTINCT e) AS enterprises
}
CALL (c) {
  OPTIONAL MATCH (e:Enterprise)-[:LEADS]->(c)
  RETURN count(DISTINCT e) AS leaders
}
CALL (c) {
  OPTIONAL MATCH (p:Project)-[:IN_SEGMENT]->(:Segment)-[:PART_OF]->(c)
  WITH DISTINCT p
  // rounded so that the summation order (which differs between backends) cannot show
  RETURN count(p) AS projects, round(toFloat(sum(coalesce(p.investment, 0.0))), 6) AS investment
}
RETURN c.name AS chain, c.id AS id, c.name_en AS english, c.flagship AS flagship, segments, enterprises, leaders,
       projects, investment
ORDER BY id
