// name: known_names
// description: Every name and alias of departments, chains and enterprises (chain and enterprise ids too), for finding them in questions.
// params: none
// returns: kind, name, alias
CALL () {
  MATCH (d:Department)
  UNWIND [d.name] + coalesce(d.aliases, []) AS alias
  RETURN 'department' AS kind, d.name AS name, alias
  UNION
  MATCH (c:Chain)
  UNWIND [c.name, c.id] AS alias
  RETURN 'chain' AS kind, c.name AS name, alias
  UNION
  MATCH (e:Enterprise)
  UNWIND [e.name, e.id] AS alias
  RETURN 'enterprise' AS kind, e.name AS name, alias
}
WITH kind, name, alias
WHERE name IS NOT NULL AND alias IS NOT NULL AND alias <> ''
RETURN kind, name, alias
ORDER BY kind, alias, name
