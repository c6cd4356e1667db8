// name: overdue_milestones
// description: Milestones due before a date and not done; done lists tokens such as M9 (whole measure) or M9-D1 (one milestone).
// params: as_of:date, done:list?
// returns: milestone, measure, due, text, lead, days_overdue
MATCH (m:Measure)-[:HAS_MILESTONE]->(ms:Milestone)
WHERE ms.due IS NOT NULL AND ms.due < $as_of
  // ids are "<plan>#M9" and "<plan>#M9-D1"; done tokens name the part after '#'
  AND NOT (split(ms.id, '#')[-1] IN coalesce($done, []))
  AND NOT (split(m.id, '#')[-1] IN coalesce($done, []))
CALL (m) {
  OPTIONAL MATCH (d:Department)-[r:RESPONSIBLE_FOR]->(m)
  WHERE r.rank = 1
  WITH DISTINCT d.name AS name ORDER BY name
  WITH collect(name) AS names
  RETURN reduce(acc = head(names), n IN tail(names) | acc + '、' + n) AS lead
}
RETURN ms.id AS milestone, m.number AS measure, ms.due AS due, ms.text AS text, lead,
       duration.inDays(date(ms.due), date($as_of)).days AS days_overdue
ORDER BY due, measure, milestone
