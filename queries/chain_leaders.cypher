// name: chain_leaders
// description: Chain-leader firms (链主企业) of a chain (id or name), with the chain's segments each operates in.
// params: chain:str
// returns: chain, enterprise, county, listed, segments
MATCH (e:Enterprise)-[:LEADS]->(c:Chain)
WHERE c.id = $chain OR c.name = $chain
CALL (c, e) {
  OPTIONAL MATCH (e)-[:OPERATES_IN]->(s:Segment)-[:PART_OF]->(c)
  WITH DISTINCT s.name AS name ORDER BY name
  RETURN collect(name) AS segments
}
RETURN c.name AS chain, e.name AS enterprise, e.county AS county, e.listed AS listed, segments
ORDER BY enterprise, chain
