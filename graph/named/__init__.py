"""Named queries: the `queries/*.cypher` catalogue, their networkx twins, and running one by name."""
from graph.named.run import get_query, run_embedded, run_named

__all__ = ["get_query", "run_embedded", "run_named"]
