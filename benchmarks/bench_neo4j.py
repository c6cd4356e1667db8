"""Batched `UNWIND ... MERGE` load vs one statement per row, on the same Neo4j, in the same run.

    eval "$(scripts/neo4j-dev env)"          # or NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD of any server
    python benchmarks/bench_neo4j.py [--scale 5] [--batch-size 2000] [--naive-sample 2000]

The graph is `benchmarks.synth.synthetic_records` (the project's schema; --scale 5 gives ~70k nodes and
~187k relationships). Both runs start from a wiped database with the uniqueness constraints in place.

- batched: `Neo4jStore.load` end to end (graph build and checks, then batches of --batch-size rows,
  one managed write transaction each);
- naive: `session.run(...)` per row in auto-commit transactions, `MERGE (n:Label {key: $k}) SET n += $p`
  and the same MATCH/MATCH/MERGE per relationship. Running it on every row would take many minutes,
  so it runs on a SAMPLE of about --naive-sample rows (random relationships plus their end nodes) and
  is extrapolated to the full graph; the output says so.

Speed is printed, never asserted. Wipes this project's labels before each run and at the end.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from neo4j import GraphDatabase  # noqa: E402

from graph.model import schema  # noqa: E402
from graph.stores.neo4j import Neo4jStore  # noqa: E402
from graph.stores.settings import Neo4jSettings  # noqa: E402
from benchmarks.synth import synthetic_records  # noqa: E402

GOAL_RATE = 20_000
GOAL_RATIO = 20


def _node_stmt(label: str) -> str:
    return (f"MERGE (n:`{schema.check_label(label)}` {{`{schema.key_property(label)}`: $k}}) "
            f"SET n += $p")


def _rel_stmt(t: str) -> str:
    start, end = schema.RELATIONSHIPS[schema.check_rel_type(t)]
    ident = ", ".join(f"`{p}`: $i[{n}]" for n, p in enumerate(schema.REL_IDENTITY.get(t, ())))
    return (f"MATCH (a:`{start}` {{`{schema.key_property(start)}`: $s}}) "
            f"MATCH (b:`{end}` {{`{schema.key_property(end)}`: $e}}) "
            f"MERGE (a)-[r:`{t}`{' {' + ident + '}' if ident else ''}]->(b) SET r += $p")


def pick_sample(node_rows: dict, rel_rows: dict, size: int, seed: int) -> tuple[list, list]:
    """Random relationships and their end nodes, about `size` rows in all, so every relationship in
    the sample finds its ends (nodes first, as a real load would)."""
    index = {(label, row[0]): row for label, rows in node_rows.items() for row in rows}
    rels = [(t, row) for t, rows in rel_rows.items() for row in rows]
    random.Random(seed).shuffle(rels)
    nodes: dict = {}
    picked = []
    for t, row in rels:
        if len(nodes) + len(picked) >= size:
            break
        start, end = schema.RELATIONSHIPS[t]
        for end_id in ((start, row[0]), (end, row[1])):
            nodes.setdefault(end_id, index[end_id])
        picked.append((t, row))
    return [(label, key, row) for (label, key), row in nodes.items()], picked


def naive_run(settings: Neo4jSettings, nodes: list, rels: list) -> float:
    """The naive baseline on purpose: one auto-commit `session.run` per row, as in many first
    attempts. Returns the seconds taken."""
    with GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password)) as driver, \
            driver.session(database=settings.database) as session:
        t0 = time.perf_counter()
        for label, key, row in nodes:
            session.run(_node_stmt(label), k=key, p=row[1]).consume()
        for t, row in rels:
            session.run(_rel_stmt(t), s=row[0], e=row[1], i=row[3:], p=row[2]).consume()
        return time.perf_counter() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=5.0, help="benchmarks.synth scale (5: ~70k nodes, ~187k rels)")
    ap.add_argument("--batch-size", type=int, default=2000, help="rows per write transaction (1000-5000)")
    ap.add_argument("--naive-sample", type=int, default=2000, help="rows for the per-row run (extrapolated)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    settings = Neo4jSettings.from_env()
    if not settings.configured:
        print("NEO4J_URI is not set: start a server (scripts/neo4j-dev start; eval \"$(scripts/neo4j-dev env)\")",
              file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    nodes, rels = synthetic_records(scale=args.scale, seed=args.seed)
    print(f"synthetic graph (scale {args.scale:g}): {len(nodes):,} node and {len(rels):,} relationship records "
          f"in {time.perf_counter() - t0:.1f} s")

    with Neo4jStore(settings) as store:
        print(f"server: {store.check()} at {store.where}")
        t0 = time.perf_counter()
        node_rows, rel_rows = store.prepare(nodes, rels)
        prep = time.perf_counter() - t0
        n_nodes = sum(map(len, node_rows.values()))
        n_rels = sum(map(len, rel_rows.values()))
        entities = n_nodes + n_rels
        print(f"graph: {n_nodes:,} nodes + {n_rels:,} relationships = {entities:,} entities "
              f"(build and checks {prep:.1f} s)")

        # warm-up: compile every statement once on a tiny graph, so neither run pays for it
        store.load(*synthetic_records(scale=0.05, seed=args.seed), batch_size=args.batch_size, wipe=True)

        store.wipe()
        store.ensure_constraints()
        lines = []
        t0 = time.perf_counter()
        counts = store.load(nodes, rels, batch_size=args.batch_size, progress=lines.append)
        batched = time.perf_counter() - t0
        batched_rate = entities / batched
        assert counts == {"nodes": n_nodes, "relationships": n_rels}, counts
        print(f"batched  (UNWIND, {args.batch_size} rows per transaction): {entities:,} entities in {batched:.1f} s "
              f"= {batched_rate:,.0f} entities/s end to end (graph build and checks included); "
              f"write phase: {lines[-1].split(';')[0]}")

        sample_nodes, sample_rels = pick_sample(node_rows, rel_rows, args.naive_sample, args.seed)
        warm_nodes, warm_rels = pick_sample(node_rows, rel_rows, 200, args.seed + 1)
        store.wipe()
        store.ensure_constraints()
        naive_run(settings, warm_nodes, warm_rels)  # compile the per-row statements first, as above
        store.wipe()
        naive = naive_run(settings, sample_nodes, sample_rels)
        rows = len(sample_nodes) + len(sample_rels)
        naive_rate = rows / naive
        print(f"naive    (one auto-commit statement per row): SAMPLE of {rows:,} rows ({len(sample_nodes):,} nodes + "
              f"{len(sample_rels):,} relationships) in {naive:.1f} s = {naive_rate:,.0f} entities/s; "
              f"EXTRAPOLATED to {entities:,} entities: ~{entities / naive_rate:,.0f} s")
        write_rate = float(lines[-1].split("(")[1].split()[0].replace(",", ""))
        naive_total = prep + entities / naive_rate  # the per-row load needs the same prepared rows
        ratio = naive_total / batched
        print(f"ratio end to end (both with the graph build): {ratio:,.1f}x "
              f"({batched:.1f} s vs ~{naive_total:,.0f} s extrapolated); "
              f"write phase alone: {write_rate / naive_rate:,.1f}x")
        print(f"goals: batched >= {GOAL_RATE:,}/s end to end {'met' if batched_rate >= GOAL_RATE else 'NOT met'}; "
              f">= {GOAL_RATIO}x naive end to end {'met' if ratio >= GOAL_RATIO else 'NOT met'}")
        store.wipe()
    return 0


if __name__ == "__main__":
    sys.exit(main())
