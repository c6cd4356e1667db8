// name: name_index
// description: Every name the graph gives a unit (name, full name, alias, English, the short name another place's plan writes, and that place), chain (id, name, English), firm (id, name), plan (id, title, year, place), pillar (number, name, theme) and measure (number, title), for looking them up.
// params: none
// returns: kind, key, name, form, field, plan
CALL () {
  MATCH (d:Department)
  UNWIND [['name', d.name], ['full_name', d.full_name], ['english', d.english], ['written', d.written],
          ['city', d.city]] + [a IN coalesce(d.aliases, []) | ['alias', a]] AS f
  RETURN 'department' AS kind, d.name AS key, d.name AS name, f[1] AS form, f[0] AS field, null AS plan
  UNION
  MATCH (c:Chain)
  UNWIND [['id', c.id], ['name', c.name], ['english', c.name_en]] AS f
  RETURN 'chain' AS kind, c.id AS key, c.name AS name, f[1] AS form, f[0] AS field, null AS plan
  UNION
  MATCH (e:Enterprise)
  UNWIND [['id', e.id], ['name', e.name]] AS f
  RETURN 'enterprise' AS kind, e.id AS key, e.name AS name, f[1] AS form, f[0] AS field, null AS plan
  UNION
  MATCH (pl:Plan)
  UNWIND [['id', pl.id], ['title', pl.title], ['year', toString(pl.year)], ['city', pl.city]] AS f
  RETURN 'plan' AS kind, pl.id AS key, pl.title AS name, f[1] AS form, f[0] AS field, pl.id AS plan
  UNION
  MATCH (p:Pillar)
  UNWIND [['number', toString(p.number)], ['name', p.name], ['theme', p.theme]] AS f
  RETURN 'pillar' AS kind, p.id AS key, p.name AS name, f[1] AS form, f[0] AS field, p.plan AS plan
  UNION
  MATCH (m:Measure)
  UNWIND [['number', toString(m.number)], ['title', m.title]] AS f
  RETURN 'measure' AS kind, m.id AS key, m.title AS name, f[1] AS form, f[0] AS field, m.plan AS plan
}
WITH kind, key, name, form, field, plan
WHERE key IS NOT NULL AND form IS NOT NULL AND form <> ''
RETURN kind, key, name, form, field, plan
ORDER BY kind, key, field, form
