// name: pipeline_load
// description: Projects each unit serves, the chains those projects belong to, and the steps it performs.
// params: none
// returns: department, projects, chains, steps
MATCH (d:Department)-[s:SERVES]->(p:Project)
OPTIONAL MATCH (p)-[:IN_SEGMENT]->(:Segment)-[:PART_OF]->(c:Chain)
WITH d, count(DISTINCT p) AS projects, count(DISTINCT c) AS chains, collect(DISTINCT s.stage) AS stages
RETURN d.name AS department, projects, chains,
       reduce(acc = [], x IN stages | [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y >= x]) AS steps
ORDER BY projects DESC, department
