// name: problem_closure
// description: Closure rate (销号率) of the problems assigned to each unit: closed / all, rounded to 4 decimals.
// params: none
// returns: department, total, closed, closure_rate
MATCH (p:Problem)-[:ASSIGNED_TO]->(d:Department)
WITH d.name AS department, count(DISTINCT p) AS total,
     count(DISTINCT CASE WHEN p.status = 'closed' THEN p END) AS closed
RETURN department, total, closed, round(toFloat(closed) / total, 4) AS closure_rate
ORDER BY department
