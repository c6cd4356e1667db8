"""Schema and build: the one schema module, records -> networkx, which files feed the graph."""
