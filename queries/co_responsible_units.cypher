// name: co_responsible_units
// description: Units sharing measures with a unit (name or alias), most shared first, one row per partner and plan; collective wording (市级各有关部门) is not a partner; optionally one plan.
// params: department:str, plan:str?
// returns: department, other, shared, measures, plan
MATCH (d:Department)-[:RESPONSIBLE_FOR]->(m:Measure)<-[:RESPONSIBLE_FOR]-(o:Department)
WHERE (d.name = $department OR $department IN coalesce(d.aliases, []))
  AND o <> d AND coalesce(o.kind, '') <> 'collective'
MATCH (pl:Plan {id: m.plan})
WHERE $plan IS NULL OR pl.id = $plan
WITH DISTINCT d, o, m, pl ORDER BY m.number
WITH d, o, pl, collect(m.number) AS measures
RETURN d.name AS department, o.name AS other, size(measures) AS shared, measures, pl.id AS plan
ORDER BY shared DESC, other, plan
