"""Pure loaders: files in, plain records out (no networkx, no Neo4j, no Streamlit)."""
from loaders.records import LoadError, Node, Rel

__all__ = ["LoadError", "Node", "Rel"]
