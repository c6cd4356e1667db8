// name: targets_for_measure
// description: Numeric targets of a measure (metric, comparator, value, unit), in the plan's order; optionally of one plan.
// params: measure:int, plan:str?
// returns: measure, metric, comparator, value, unit, text, plan
MATCH (m:Measure {number: $measure})-[:HAS_TARGET]->(t:Target)
MATCH (pl:Plan {id: m.plan})
WHERE $plan IS NULL OR pl.id = $plan
// target ids are "<plan>#M9-T1": by id sorts by plan, then the plan's order
RETURN m.number AS measure, t.metric AS metric, t.comparator AS comparator, t.value AS value,
       t.unit AS unit, t.text AS text, pl.id AS plan
ORDER BY t.id
