// name: co_responsible_units
// description: Units sharing measures with a unit (name or alias), most shared first; collective wording (市级各有关部门) is not a partner.
// params: department:str
// returns: department, other, shared, measures
MATCH (d:Department)-[:RESPONSIBLE_FOR]->(m:Measure)<-[:RESPONSIBLE_FOR]-(o:Department)
WHERE (d.name = $department OR $department IN coalesce(d.aliases, []))
  AND o <> d AND coalesce(o.kind, '') <> 'collective'
WITH DISTINCT d, o, m ORDER BY m.number
WITH d, o, collect(m.number) AS measures
RETURN d.name AS department, o.name AS other, size(measures) AS shared, measures
ORDER BY shared DESC, other
