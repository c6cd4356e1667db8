"""The graph layer: schema, networkx build, named queries and their twins, Neo4j sink, analyses."""
