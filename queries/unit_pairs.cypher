// name: unit_pairs
// description: Pairs of units that share the most measures (collective wording excluded); limit defaults to 20.
// params: limit:int?
// returns: unit_a, unit_b, shared, measures
MATCH (a:Department)-[:RESPONSIBLE_FOR]->(m:Measure)<-[:RESPONSIBLE_FOR]-(b:Department)
WHERE a.name < b.name
  AND coalesce(a.kind, '') <> 'collective' AND coalesce(b.kind, '') <> 'collective'
WITH DISTINCT a, b, m ORDER BY m.number
WITH a, b, collect(m.number) AS measures
RETURN a.name AS unit_a, b.name AS unit_b, size(measures) AS shared, measures
ORDER BY shared DESC, unit_a, unit_b
LIMIT coalesce($limit, 20)
