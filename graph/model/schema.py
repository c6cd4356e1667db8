"""The graph schema (v1): the single source of truth for labels, keys and relationship types.

Every other module (builder, Neo4j writer, export, queries) checks names against this module,
so Cypher never contains a label or type that is not listed here.
"""
from __future__ import annotations

from loaders.vocabulary import DEPARTMENT_KINDS, ROLES, STAGES

__all__ = ["SCHEMA_VERSION", "NODE_KEYS", "RELATIONSHIPS", "ROLES", "DEPARTMENT_KINDS",
           "STAGES", "REL_IDENTITY", "LOAD_MARKER", "edge_key", "check_label", "check_rel_type", "key_property"]

SCHEMA_VERSION = 1

# label -> key property. Pillar and Measure are keyed by a plan-qualified id ("<plan>#M9") so that
# several plans can share one graph; their `number` stays a property.
NODE_KEYS: dict[str, str] = {
    "Plan": "id",
    "Pillar": "id",
    "Measure": "id",
    "Department": "name",
    "Milestone": "id",
    "Target": "id",
    "Chain": "id",
    "Segment": "id",
    "Enterprise": "id",
    "Project": "id",
    "Problem": "id",
}

# type -> (start label, end label)
RELATIONSHIPS: dict[str, tuple[str, str]] = {
    "OF_PLAN": ("Pillar", "Plan"),
    "IN_PILLAR": ("Measure", "Pillar"),
    "RESPONSIBLE_FOR": ("Department", "Measure"),
    "HAS_MILESTONE": ("Measure", "Milestone"),
    "HAS_TARGET": ("Measure", "Target"),
    "AFFILIATE_OF": ("Department", "Department"),
    "SUPPORTS": ("Measure", "Chain"),
    "PILOTS": ("Plan", "Chain"),  # the plan's goal names a pilot chain (在新能源产业链先行先试)
    "PART_OF": ("Segment", "Chain"),
    "FEEDS": ("Segment", "Segment"),
    "LEADS": ("Enterprise", "Chain"),
    "OPERATES_IN": ("Enterprise", "Segment"),
    "INVESTS_IN": ("Enterprise", "Project"),
    "IN_SEGMENT": ("Project", "Segment"),
    "SERVES": ("Department", "Project"),
    "RAISED": ("Enterprise", "Problem"),
    "IN_CHAIN": ("Problem", "Chain"),
    "ASSIGNED_TO": ("Problem", "Department"),
}

# Properties that, with the end nodes and type, identify one relationship: a unit may be listed twice
# for one measure (two ranks) or serve one project at several steps. MERGE and edge keys use these.
REL_IDENTITY: dict[str, tuple[str, ...]] = {
    "RESPONSIBLE_FOR": ("rank",),
    "SERVES": ("stage",),
    "SUPPORTS": ("basis",),  # a curated link must not overwrite the plan-derived one for the same pair
}


# The one label outside the graph: Neo4j loads keep a completion marker node under it
# (graph/stores/neo4j_fast.py); it is not a node of the graph and never exported or counted.
LOAD_MARKER = "LoadMarker"


def check_label(label: str) -> str:
    """Return `label` if the schema knows it; labels cannot be Cypher parameters, so this guards them."""
    if label not in NODE_KEYS:
        raise ValueError(f"unknown node label {label!r}; known: {', '.join(NODE_KEYS)}")
    return label


def check_rel_type(rel_type: str) -> str:
    if rel_type not in RELATIONSHIPS:
        raise ValueError(f"unknown relationship type {rel_type!r}; known: {', '.join(RELATIONSHIPS)}")
    return rel_type


def key_property(label: str) -> str:
    return NODE_KEYS[check_label(label)]


def edge_key(rel_type: str, props: dict) -> str:
    """The MultiDiGraph edge key: the type, plus identity properties where the schema has them."""
    parts = [str(props.get(p)) for p in REL_IDENTITY.get(rel_type, ())]
    return "#".join([rel_type, *parts])
