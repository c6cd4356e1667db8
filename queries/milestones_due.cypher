// name: milestones_due
// description: Dated milestones, optionally only those due in a month (1-12) or between two dates (inclusive) or of one plan, with the lead unit(s).
// params: month:int?, start:date?, end:date?, plan:str?
// returns: due, measure, milestone, text, lead, plan
MATCH (m:Measure)-[:HAS_MILESTONE]->(ms:Milestone)
WHERE ms.due IS NOT NULL
  AND ($month IS NULL OR toInteger(substring(ms.due, 5, 2)) = $month)
  AND ($start IS NULL OR ms.due >= $start)
  AND ($end IS NULL OR ms.due <= $end)
MATCH (pl:Plan {id: m.plan})
WHERE $plan IS NULL OR pl.id = $plan
CALL (m) {
  // rank-1 unit names, sorted, joined with 、 (null when the measure has none)
  OPTIONAL MATCH (d:Department)-[r:RESPONSIBLE_FOR]->(m)
  WHERE r.rank = 1
  WITH DISTINCT d.name AS name ORDER BY name
  WITH collect(name) AS names
  RETURN reduce(acc = head(names), n IN tail(names) | acc + '、' + n) AS lead
}
RETURN ms.due AS due, m.number AS measure, ms.id AS milestone, ms.text AS text, lead, pl.id AS plan
ORDER BY due, measure, milestone
