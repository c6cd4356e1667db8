// name: deadlines_by_month
// description: Months (YYYY-MM) of each plan by the deadlines falling in them, the most first (when work piles up): milestones, measures and units listed on them (collective wording left out); plan (an id) keeps one plan.
// params: plan:str?
// returns: month, milestones, measures, units, plan
MATCH (m:Measure)-[:HAS_MILESTONE]->(ms:Milestone)
WHERE ms.due IS NOT NULL
MATCH (pl:Plan {id: m.plan})
WHERE $plan IS NULL OR pl.id = $plan
CALL (m) {
  OPTIONAL MATCH (d:Department)-[:RESPONSIBLE_FOR]->(m)
  WHERE coalesce(d.kind, '') <> 'collective'
  RETURN collect(DISTINCT d.name) AS names
}
WITH substring(ms.due, 0, 7) AS month, pl.id AS plan, ms, m, names
UNWIND (CASE WHEN size(names) = 0 THEN [null] ELSE names END) AS unit
WITH month, plan, count(DISTINCT ms) AS milestones, count(DISTINCT m) AS measures, count(DISTINCT unit) AS units
RETURN month, milestones, measures, units, plan
ORDER BY milestones DESC, month, plan
