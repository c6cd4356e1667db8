"""Which console statements may run: decided from the server's own plan, not from the text.

The console sends every statement to Neo4j as `EXPLAIN` first (nothing runs) and reads back the
query type and the operators of the plan. It runs only what is a plain read:

- the query type is "r" (read only): writes ("w", "rw", hidden ones too: `CALL { CREATE … }`,
  `FOREACH`) and schema or administration commands ("s": SHOW USERS, CREATE INDEX, ALTER USER,
  dbms.* procedures) are refused;
- every operator is on `READ_OPERATORS`, the planner's reading operators (scans, seeks, expands,
  filters, aggregation, sorting, joins, shortest paths, subqueries); anything else is refused, which
  covers commands that plan as reads: `SHOW SETTINGS`, `SHOW TRANSACTIONS`,
  `TERMINATE TRANSACTIONS` (it would kill a running load), `SHOW PROCEDURES` and the like, and
  `LOAD CSV` (the server would fetch a URL or read a file). An operator a later Neo4j adds is
  refused until someone puts it on the list;
- a procedure call (`ProcedureCall`) only for `ALLOWED_PROCEDURES`, which describe the schema.

The READ transaction the statement then runs in stays as a second fence: Neo4j refuses a write
there on its own. Functions are not restricted (Neo4j Community's built-in functions only read).
"""
from __future__ import annotations

import re

from graph.errors import QueryRefused, ReadOnlyViolation
from graph.stores.runner import Plan

__all__ = ["READ_OPERATORS", "ALLOWED_PROCEDURES", "check_plan", "procedure_name", "explained", "unexplain"]

READ_OPERATORS = frozenset("""
AllNodesScan NodeByLabelScan UnionNodeByLabelsScan IntersectionNodeByLabelsScan SubtractionNodeByLabelsScan
NodeByIdSeek NodeByElementIdSeek NodeIndexSeek NodeUniqueIndexSeek MultiNodeIndexSeek
AssertingMultiNodeIndexSeek NodeIndexSeekByRange NodeUniqueIndexSeekByRange NodeIndexContainsScan
NodeIndexEndsWithScan NodeIndexScan NodeCountFromCountStore RelationshipCountFromCountStore
DirectedAllRelationshipsScan UndirectedAllRelationshipsScan DirectedRelationshipTypeScan
UndirectedRelationshipTypeScan DirectedUnionRelationshipTypesScan UndirectedUnionRelationshipTypesScan
DirectedRelationshipIndexSeek UndirectedRelationshipIndexSeek DirectedRelationshipIndexScan
UndirectedRelationshipIndexScan DirectedRelationshipIndexContainsScan UndirectedRelationshipIndexContainsScan
DirectedRelationshipIndexEndsWithScan UndirectedRelationshipIndexEndsWithScan
DirectedRelationshipIndexSeekByRange UndirectedRelationshipIndexSeekByRange
DirectedRelationshipUniqueIndexSeek UndirectedRelationshipUniqueIndexSeek
DirectedRelationshipUniqueIndexSeekByRange UndirectedRelationshipUniqueIndexSeekByRange
DirectedRelationshipByIdSeek UndirectedRelationshipByIdSeek DirectedRelationshipByElementIdSeek
UndirectedRelationshipByElementIdSeek
Expand(All) Expand(Into) OptionalExpand(All) OptionalExpand(Into) VarLengthExpand(All) VarLengthExpand(Into)
VarLengthExpand(Pruning) VarLengthExpand(Pruning,BFS) BFSPruningVarLengthExpand Repeat(Trail) Repeat(Walk)
NullifyMetadata ShortestPath StatefulShortestPath(All) StatefulShortestPath(Into) ProjectEndpoints
Argument ArgumentTracker Apply SemiApply AntiSemiApply LetSemiApply LetAntiSemiApply SelectOrSemiApply
SelectOrAntiSemiApply LetSelectOrSemiApply LetSelectOrAntiSemiApply ConditionalApply AntiConditionalApply
RollUpApply Anti Optional CartesianProduct NodeHashJoin ValueHashJoin NodeLeftOuterHashJoin
NodeRightOuterHashJoin TriadicSelection TriadicBuild TriadicFilter AssertSameNode AssertSameRelationship
Filter Projection Unwind Distinct OrderedDistinct EagerAggregation OrderedAggregation Limit ExhaustiveLimit
Skip Sort PartialSort Top Top1WithTies PartialTop Union Eager EmptyRow EmptyResult DropResult
ProduceResults CacheProperties ProcedureCall
""".split())

ALLOWED_PROCEDURES = frozenset({
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
    "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
})


_POSITION = re.compile(r"line (\d+), column (\d+) \(offset: (\d+)\)")
_PREFIX = "EXPLAIN "


def explained(cypher: str) -> str:
    """The statement the guard sends: `EXPLAIN` plans it without running it."""
    return _PREFIX + cypher


def unexplain(message: str) -> str:
    """Neo4j's message about `EXPLAIN <query>` with positions and echo as for the query itself.

    >>> unexplain('Invalid input (line 1, column 18 (offset: 17)) "EXPLAIN MATCH (n RETURN n"')
    'Invalid input (line 1, column 10 (offset: 9)) "MATCH (n RETURN n"'
    """
    def shift(m):
        line, col, off = map(int, m.groups())
        return f"line {line}, column {col - len(_PREFIX) if line == 1 else col} (offset: {off - len(_PREFIX)})"
    return _POSITION.sub(shift, message).replace('"' + _PREFIX, '"', 1)


def procedure_name(details: str) -> str:
    """The procedure a ProcedureCall operator calls: its details read "db.labels() :: (label :: STRING)".

    >>> procedure_name("db.labels() :: (label :: STRING)")
    'db.labels'
    """
    return details.split("(", 1)[0].strip()


def check_plan(plan: Plan) -> None:
    """Raise `QueryRefused` (one line naming what was refused) unless `plan` is a plain read;
    `ReadOnlyViolation` when Neo4j plans it as a write."""
    if plan.query_type in ("w", "rw"):
        raise ReadOnlyViolation(f"the console is read-only: Neo4j plans this statement as a write "
                                f"(query type {plan.query_type})")
    for name, details in plan.operators:
        if name == "ProcedureCall":
            proc = procedure_name(details)
            if proc not in ALLOWED_PROCEDURES:
                raise QueryRefused(f"the console runs only the schema procedures "
                                   f"{', '.join(sorted(ALLOWED_PROCEDURES))}; refused: CALL {proc}")
        elif name == "LoadCSV":
            raise QueryRefused("the console does not run LOAD CSV (the server would read a file or a URL)")
        elif name not in READ_OPERATORS:
            raise QueryRefused(f"the console runs only reading queries; Neo4j plans this one with "
                               f"{name}, which is not a read over the graph (administration, "
                               f"transaction or write commands are refused)")
    if plan.query_type != "r":
        kind = ("a schema or administration command" if plan.query_type == "s"
                else f"of query type {plan.query_type!r}")
        raise QueryRefused(f"the console runs only reading queries; Neo4j says this one is {kind}")
    if not plan.operators:
        raise QueryRefused("the console runs only reading queries; Neo4j gave no plan for this one")
