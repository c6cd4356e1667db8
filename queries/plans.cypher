// name: plans
// description: The loaded plans (id, title, city, year, issue date) with their measure counts; the `plan` parameter of other queries names one of these.
// params: none
// returns: plan, title, city, year, issued, measures
MATCH (pl:Plan)
CALL (pl) {
  OPTIONAL MATCH (m:Measure)
  WHERE m.plan = pl.id
  RETURN count(m) AS measures
}
RETURN pl.id AS plan, pl.title AS title, pl.city AS city, pl.year AS year, pl.issued AS issued, measures
ORDER BY year, plan
