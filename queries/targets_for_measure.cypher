// name: targets_for_measure
// description: Numeric targets of a measure (metric, comparator, value, unit), in the plan's order.
// params: measure:int
// returns: measure, metric, comparator, value, unit, text
MATCH (m:Measure {number: $measure})-[:HAS_TARGET]->(t:Target)
RETURN m.number AS measure, t.metric AS metric, t.comparator AS comparator, t.value AS value,
       t.unit AS unit, t.text AS text
ORDER BY t.id
