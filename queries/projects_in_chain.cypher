// name: projects_in_chain
// description: Projects in a chain's segments (chain by id or name), largest investment (亿元) first, with investor firms joined by 、.
// params: chain:str
// returns: chain, project, enterprise, segment, stage, investment, status, start, expected, fills_gap
MATCH (p:Project)-[:IN_SEGMENT]->(s:Segment)-[:PART_OF]->(c:Chain)
WHERE c.id = $chain OR c.name = $chain
CALL (p) {
  OPTIONAL MATCH (e:Enterprise)-[:INVESTS_IN]->(p)
  WITH DISTINCT e.name AS name ORDER BY name
  WITH collect(name) AS names
  RETURN reduce(acc = head(names), n IN tail(names) | acc + '、' + n) AS enterprise
}
RETURN c.name AS chain, p.name AS project, enterprise, s.name AS segment, s.stage AS stage,
       toFloat(p.investment) AS investment, p.status AS status, p.start AS start, p.expected AS expected,
       coalesce(p.fills_gap, false) AS fills_gap
ORDER BY investment DESC, project, segment
