"""Twin of `name_index`: every name of every unit, chain, firm, plan, pillar and measure.

The rows are built by `graph.model.lookup.name_rows`, the index `ask` and the other lookups read."""
from __future__ import annotations

from graph.model.lookup import name_rows
from graph.named.twins import twin

__all__ = ["name_index"]


@twin("name_index")
def name_index(g) -> list[dict]:
    return name_rows(g)
