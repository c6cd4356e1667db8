// name: chain_gaps
// description: Weak spots of one chain (id or name) or of all: no leader firm, segments no firm operates in, and projects filling such a segment.
// params: chain:str?
// returns: chain, gap, segment, detail
MATCH (c:Chain)
WHERE $chain IS NULL OR c.id = $chain OR c.name = $chain
CALL (c) {
  MATCH (c)
  WHERE NOT EXISTS { (:Enterprise)-[:LEADS]->(c) }
  RETURN 'no_leader' AS gap, null AS segment, null AS detail
  UNION ALL
  MATCH (s:Segment)-[:PART_OF]->(c)
  WHERE NOT EXISTS { (:Enterprise)-[:OPERATES_IN]->(s) }
  RETURN 'empty_segment' AS gap, s.name AS segment, null AS detail
  UNION ALL
  MATCH (p:Project)-[:IN_SEGMENT]->(s:Segment)-[:PART_OF]->(c)
  WHERE p.fills_gap = true AND NOT EXISTS { (:Enterprise)-[:OPERATES_IN]->(s) }
  RETURN 'gap_filled_by_project' AS gap, s.name AS segment, p.name AS detail
}
// ascending ORDER BY puts nulls last; the twin sorts the same way
RETURN c.name AS chain, gap, segment, detail
ORDER BY chain, gap, segment, detail
