"""Value vocabularies the loaders validate against; the schema (graph.model.schema) re-exports them.

They live here, below the graph layer, because loaders check them and must not import `graph`.
"""
from __future__ import annotations

__all__ = ["ROLES", "DEPARTMENT_KINDS", "STAGES"]

# RESPONSIBLE_FOR.role: the first listed unit leads unless the text marks 牵头; one unit alone is sole.
ROLES = ("lead", "co", "sole")
# Department.kind; "collective" is wording such as 市级各有关部门 that names no single unit.
DEPARTMENT_KINDS = ("party", "government", "court", "procuratorate", "congress", "cppcc", "zone",
                    "soe", "utility", "vertical", "association", "collective")
# Segment.stage, upstream to downstream: the order chain maps lay lanes out in.
STAGES = ("upstream", "midstream", "downstream")
