// name: measure_coordination
// description: Measures by the number of distinct units on their responsibility list (affiliates and collective units included).
// params: none
// returns: measure, title, units
MATCH (d:Department)-[:RESPONSIBLE_FOR]->(m:Measure)
WITH m, count(DISTINCT d) AS units
RETURN m.number AS measure, m.title AS title, units
ORDER BY units DESC, measure, m.id
