"""Where the graph goes besides memory: Neo4j (settings from NEO4J_*), and file exports."""
