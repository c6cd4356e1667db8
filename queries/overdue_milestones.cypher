// name: overdue_milestones
// description: Milestones due before a date and not done; done lists tokens such as M9 (whole measure) or M9-D1 (one milestone), in every plan, or plan-qualified ids (<plan>#M9) for one plan; optionally one plan.
// params: as_of:date, done:list?, plan:str?
// returns: milestone, measure, due, text, lead, days_overdue, plan
MATCH (m:Measure)-[:HAS_MILESTONE]->(ms:Milestone)
WHERE ms.due IS NOT NULL AND ms.due < $as_of
  // ids are "<plan>#M9" and "<plan>#M9-D1"; bare done tokens name the part after '#'
  AND NOT (split(ms.id, '#')[-1] IN coalesce($done, []))
  AND NOT (split(m.id, '#')[-1] IN coalesce($done, []))
  AND NOT (ms.id IN coalesce($done, [])) AND NOT (m.id IN coalesce($done, []))
MATCH (pl:Plan {id: m.plan})
WHERE $plan IS NULL OR pl.id = $plan
CALL (m) {
  OPTIONAL MATCH (d:Department)-[r:RESPONSIBLE_FOR]->(m)
  WHERE r.rank = 1
  WITH DISTINCT d.name AS name ORDER BY name
  WITH collect(name) AS names
  RETURN reduce(acc = head(names), n IN tail(names) | acc + '、' + n) AS lead
}
RETURN ms.id AS milestone, m.number AS measure, ms.due AS due, ms.text AS text, lead,
       duration.inDays(date(ms.due), date($as_of)).days AS days_overdue, pl.id AS plan
ORDER BY due, measure, milestone
