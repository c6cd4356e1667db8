// name: open_problems
// description: Problem-ledger counts per chain and assigned unit (open, closed, all); optionally one chain, by id or name.
// params: chain:str?
// returns: chain, department, open, closed, total
MATCH (p:Problem)-[:IN_CHAIN]->(c:Chain)
WHERE $chain IS NULL OR c.id = $chain OR c.name = $chain
MATCH (p)-[:ASSIGNED_TO]->(d:Department)
WITH DISTINCT c.name AS chain, d.name AS department, p
RETURN chain, department,
       count(CASE WHEN p.status = 'open' THEN 1 END) AS `open`,
       count(CASE WHEN p.status = 'closed' THEN 1 END) AS closed,
       count(p) AS total
ORDER BY chain, department
