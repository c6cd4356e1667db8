// name: measure_numbers
// description: Every measure's number and title, plan by plan (optionally of one plan): the numbers a `measure` parameter can name.
// params: plan:str?
// returns: measure, title, plan
MATCH (m:Measure), (pl:Plan {id: m.plan})
WHERE $plan IS NULL OR pl.id = $plan
RETURN m.number AS measure, m.title AS title, pl.id AS plan
ORDER BY plan, measure
