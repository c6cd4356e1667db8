// name: problems_for_department
// description: Problems from the chain ledgers (问题清单) assigned to one unit (name or alias), open ones first, with the chain, the firm that raised each and its dates.
// params: department:str
// returns: department, problem, description, chain, enterprise, raised, status, closed
MATCH (p:Problem)-[:ASSIGNED_TO]->(d:Department)
WHERE d.name = $department OR $department IN coalesce(d.aliases, [])
CALL (p) {
  OPTIONAL MATCH (p)-[:IN_CHAIN]->(c:Chain)
  WITH DISTINCT c.name AS name ORDER BY name
  WITH collect(name) AS names
  RETURN reduce(acc = head(names), n IN tail(names) | acc + '、' + n) AS chain
}
CALL (p) {
  OPTIONAL MATCH (e:Enterprise)-[:RAISED]->(p)
  WITH DISTINCT e.name AS name ORDER BY name
  WITH collect(name) AS names
  RETURN reduce(acc = head(names), n IN tail(names) | acc + '、' + n) AS enterprise
}
WITH DISTINCT d, p, chain, enterprise
// ascending ORDER BY puts undated problems last; the twin sorts the same way
RETURN d.name AS department, p.id AS problem, p.description AS description, chain, enterprise,
       p.raised AS raised, p.status AS status, p.closed AS closed
ORDER BY CASE status WHEN 'open' THEN 0 ELSE 1 END, raised, problem, department
