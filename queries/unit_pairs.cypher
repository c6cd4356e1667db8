// name: unit_pairs
// description: Pairs of units that share the most measures, one row per pair and plan (collective wording excluded); limit defaults to 20; optionally one plan.
// params: limit:int?, plan:str?
// returns: unit_a, unit_b, shared, measures, plan
MATCH (a:Department)-[:RESPONSIBLE_FOR]->(m:Measure)<-[:RESPONSIBLE_FOR]-(b:Department)
WHERE a.name < b.name
  AND coalesce(a.kind, '') <> 'collective' AND coalesce(b.kind, '') <> 'collective'
MATCH (pl:Plan {id: m.plan})
WHERE $plan IS NULL OR pl.id = $plan
WITH DISTINCT a, b, m, pl ORDER BY m.number
WITH a, b, pl, collect(m.number) AS measures
RETURN a.name AS unit_a, b.name AS unit_b, size(measures) AS shared, measures, pl.id AS plan
ORDER BY shared DESC, unit_a, unit_b, plan
LIMIT coalesce($limit, 20)
