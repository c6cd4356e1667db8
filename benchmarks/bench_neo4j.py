"""Neo4j loads of one synthetic graph, measured in the same run on the same server:

- first: `Neo4jStore.load` into a wiped database, which takes the first-load path (CREATE, two sessions,
  positional rows; graph/stores/neo4j_fast.py);
- merge: the same load forced onto the idempotent `UNWIND … MERGE` path (what every load did before the
  first-load path existed, and what a rerun does);
- naive: one auto-commit `session.run` per row (MERGE per node, MATCH/MATCH/MERGE per relationship), on a
  SAMPLE of --naive-sample rows (random relationships plus their end nodes), extrapolated; the output
  says so;
- admin: `python -m graph export --format csv` of the same graph imported offline by
  `scripts/neo4j-dev import DIR` into a private server (own state dir and port, started and stopped
  here); its counts and every node's and relationship's properties are compared with the driver load.

    eval "$(scripts/neo4j-dev env)"          # or NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD of any server
    python benchmarks/bench_neo4j.py [--scale 5] [--batch-size 5000] [--naive-sample 2000] [--no-admin]
    python benchmarks/bench_neo4j.py --quick # scale 1 (~51k entities), under two minutes

Before the measured runs both paths load a smaller graph once (--warmup-scale, default 0.4 × --scale), so the
figures are those of a server in use, not of one whose JVM is still compiling its write code. Each path
then loads the graph --repeat times (default 3), the two paths taking turns; the medians are reported.

--scale 5 gives 70,363 nodes + 187,027 relationships = 257,390 entities. Write phase = the load's own
timing of its batches (constraints and graph build excluded); end to end = graph build and checks plus
the whole `load` call. Speed is printed, never asserted. Ends with one line
`RESULT write_per_s=… end_to_end_per_s=… merge_ratio=… naive_ratio=… admin_ratio=… admin_parity=… …`.
Wipes this project's labels before each run and at the end.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from neo4j import GraphDatabase  # noqa: E402

from graph.model import schema  # noqa: E402
from graph.model.build import build_graph  # noqa: E402
from graph.stores import export, neo4j_fast  # noqa: E402
from graph.stores.neo4j import Neo4jStore  # noqa: E402
from graph.stores.settings import Neo4jSettings  # noqa: E402
from benchmarks.synth import synthetic_records  # noqa: E402

GOALS = {"write_per_s": 60_000, "merge_ratio": 2.0, "naive_ratio": 50.0}
_WROTE = re.compile(r"wrote (\d+) entities in ([\d.]+) s")


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


def server_pid(settings: Neo4jSettings) -> int | None:
    """The pid of a local scripts/neo4j-dev server serving `settings` (its CPU time is read from /proc),
    else None."""
    state = Path(os.environ.get("NEO4J_DEV_STATE", f"/tmp/quzhou-neo4j-{os.getuid()}"))
    try:
        pid, port = int((state / "neo4j.pid").read_text()), (state / "port").read_text().strip()
        if not settings.uri.endswith(f":{port}") or b"quzhou.neo4j.Launcher" not in Path(f"/proc/{pid}/cmdline").read_bytes():
            return None
        return pid
    except (OSError, ValueError):
        return None


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU seconds of process `pid` (nan when unknown): unlike wall time, what a busy
    shared machine does not inflate."""
    if pid is None:
        return float("nan")
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def timed_load(store: Neo4jStore, nodes, rels, batch_size: int, *, merge: bool, pid: int | None = None) -> dict:
    """One load into a wiped database; `merge` forces the MERGE path. Returns its timings."""
    store.wipe()
    lines: list[str] = []
    patch = mock.patch.object(neo4j_fast, "begin_load", lambda _store, _say: False) if merge else contextlib.nullcontext()
    with patch:
        c0, s0 = time.process_time(), cpu_seconds(pid)
        t0 = time.perf_counter()
        counts = store.load(nodes, rels, batch_size=batch_size, progress=lines.append)
        wall = time.perf_counter() - t0
        client_cpu, server_cpu = time.process_time() - c0, cpu_seconds(pid) - s0
    m = _WROTE.search(lines[-1])
    written, write_s = int(m.group(1)), float(m.group(2))
    fast = "first load: CREATE" in lines[-1]
    assert fast != merge, lines[-1]
    return {"counts": counts, "wall": wall, "written": written, "write_s": write_s, "write_rate": written / write_s,
            "client_cpu": client_cpu, "server_cpu": server_cpu}


def median_run(runs: list[dict]) -> dict:
    """Each timing's median over the runs (taken figure by figure); the counts of the first run."""
    return {k: statistics.median(r[k] for r in runs) if isinstance(v, (int, float)) else v
            for k, v in runs[0].items()}


def digest(settings: Neo4jSettings) -> tuple[dict, str]:
    """Counts per label and type, and a hash of every project node's and relationship's properties
    (relationships named by their end nodes' keys), read with a driver of its own."""
    h = hashlib.sha256()
    counts: dict[str, int] = {}
    with GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password)) as driver:
        def lines(cypher):
            records, _, _ = driver.execute_query(cypher, database_=settings.database)
            return sorted(json.dumps(r.data(), ensure_ascii=False, sort_keys=True, default=str) for r in records)
        for label in schema.NODE_KEYS:
            rows = lines(f"MATCH (n:`{label}`) RETURN labels(n) AS l, properties(n) AS p")
            counts[label] = len(rows)
            h.update("\n".join(rows).encode())
        for t, (start, end) in schema.RELATIONSHIPS.items():
            rows = lines(f"MATCH (a)-[r:`{t}`]->(b) RETURN a.`{schema.key_property(start)}` AS a, "
                         f"b.`{schema.key_property(end)}` AS b, properties(r) AS p")
            counts[t] = len(rows)
            h.update("\n".join(rows).encode())
    return counts, h.hexdigest()


def admin_import(g, settings_digest: tuple[dict, str], entities: int) -> dict | None:
    """Export csv, import it with scripts/neo4j-dev into a private server, compare with the driver load."""
    if not (shutil.which("java") and shutil.which("mvn")):
        print("admin    skipped: java or mvn missing")
        return None
    base = Path(tempfile.mkdtemp(prefix="bench-neo4j-admin-"))
    port = _free_port()
    env = {**os.environ, "NEO4J_DEV_STATE": str(base / "state"), "NEO4J_DEV_PORT": str(port),
           "NEO4J_DEV_DATA": str(base / "data"), "NEO4J_PASSWORD": "pw-" + uuid.uuid4().hex}
    dev = ROOT / "scripts" / "neo4j-dev"
    try:
        t0 = time.perf_counter()
        export.write(g, "csv", base / "csv")
        t_export = time.perf_counter() - t0
        t0 = time.perf_counter()
        proc = subprocess.run([str(dev), "import", str(base / "csv")], env=env, capture_output=True, text=True,
                              timeout=900)
        t_all = time.perf_counter() - t0
        if proc.returncode != 0:
            print(f"admin    FAILED: {proc.stderr.strip()[-1500:]}")
            return {"ok": False}
        m = re.search(r"neo4j-admin imported .* in ([\d.]+) s", proc.stdout + proc.stderr)
        t_admin = float(m.group(1)) if m else t_all
        private = Neo4jSettings(uri=f"bolt://127.0.0.1:{port}", password=env["NEO4J_PASSWORD"], configured=True)
        got = digest(private)
        parity = got == settings_digest
        print(f"admin    (export csv {t_export:.1f} s, then scripts/neo4j-dev import): neo4j-admin "
              f"{entities:,} entities in {t_admin:.1f} s = {entities / t_admin:,.0f} entities/s; whole command "
              f"(stop, import, start, constraints, checks) {t_all:.1f} s; same counts and properties as the "
              f"driver load: {'yes' if parity else 'NO'}")
        if not parity:
            print(f"  counts admin {got[0]}\n  counts driver {settings_digest[0]}")
        return {"ok": True, "admin_s": t_admin, "all_s": t_all, "export_s": t_export, "parity": parity}
    finally:
        subprocess.run([str(dev), "stop"], env=env, capture_output=True, text=True, timeout=120)
        shutil.rmtree(base, ignore_errors=True)


def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="scale 1 (~51k entities), smaller naive sample: < 2 minutes")
    ap.add_argument("--scale", type=float, default=None, help="benchmarks.synth scale (default 5: 257k entities)")
    ap.add_argument("--batch-size", type=int, default=5000, help="rows per write transaction, both paths")
    ap.add_argument("--naive-sample", type=int, default=None, help="rows for the per-row run (extrapolated)")
    ap.add_argument("--no-admin", action="store_true", help="skip the neo4j-admin import")
    ap.add_argument("--repeat", type=int, default=3,
                    help="measured loads of each path, interleaved; medians are reported (default 3)")
    ap.add_argument("--warmup-scale", type=float, default=None,
                    help="scale of the graph both paths load once before the measured runs (default: 0.4 x "
                         "--scale; smaller warm-ups left the server's JIT compiling during the first runs)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    scale = args.scale or (1.0 if args.quick else 5.0)
    args.warmup_scale = args.warmup_scale or 0.4 * scale
    sample = args.naive_sample or (1000 if args.quick else 2000)

    settings = Neo4jSettings.from_env()
    if not settings.configured:
        print("NEO4J_URI is not set: start a server (scripts/neo4j-dev start; eval \"$(scripts/neo4j-dev env)\")",
              file=sys.stderr)
        return 2
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    nodes, rels = synthetic_records(scale=scale, seed=args.seed)

    with Neo4jStore(settings) as store:
        print(f"server: {store.check()} at {store.where}")
        t0 = time.perf_counter()
        node_rows, rel_rows = store.prepare(nodes, rels)
        prep = time.perf_counter() - t0
        n_nodes, n_rels = sum(map(len, node_rows.values())), sum(map(len, rel_rows.values()))
        entities = n_nodes + n_rels
        print(f"graph (scale {scale:g}): {n_nodes:,} nodes + {n_rels:,} relationships = {entities:,} entities "
              f"(build and checks {prep:.1f} s)")

        # Warm-up: both paths once on a smaller graph, so neither measured run pays for planning its
        # statements or for the JVM compiling the server's write code (on a just-started server that
        # compilation takes more CPU than the load itself; a server in use has it done).
        small = synthetic_records(scale=args.warmup_scale, seed=args.seed)
        t0 = time.perf_counter()
        timed_load(store, *small, args.batch_size, merge=False)
        timed_load(store, *small, args.batch_size, merge=True)
        print(f"warm-up: both paths on scale {args.warmup_scale:g} ({time.perf_counter() - t0:.1f} s)")

        pid = server_pid(settings)
        merges, firsts = [], []
        for _ in range(args.repeat):  # interleaved, so a drift of the machine touches both paths alike
            merges.append(timed_load(store, nodes, rels, args.batch_size, merge=True, pid=pid))
            firsts.append(timed_load(store, nodes, rels, args.batch_size, merge=False, pid=pid))
        merge, first = median_run(merges), median_run(firsts)
        def rates(runs):
            return ", ".join(f"{r['write_rate']:,.0f}" for r in runs)
        print(f"runs: {args.repeat} of each path, interleaved; figures below are medians (write phase per run: "
              f"first {rates(firsts)}; merge {rates(merges)} entities/s)")
        assert first["counts"] == merge["counts"] == {"nodes": n_nodes, "relationships": n_rels}, first
        driver_digest = digest(settings) if not args.no_admin else None
        t0 = time.perf_counter()
        again = store.load(nodes, rels, batch_size=args.batch_size)  # a rerun: MERGE, changes nothing
        rerun = time.perf_counter() - t0
        assert again == first["counts"]
        # `load` builds and checks the graph itself: its wall time is the end-to-end figure
        first_e2e = entities / first["wall"]
        merge_e2e = entities / merge["wall"]
        print(f"first    (CREATE, {neo4j_fast.SESSIONS} sessions, {args.batch_size} rows/transaction): write phase "
              f"{first['write_s']:.1f} s = {first['write_rate']:,.0f} entities/s; end to end {first['wall']:.1f} s "
              f"= {first_e2e:,.0f}/s")
        print(f"merge    (UNWIND MERGE, 1 session, same batches): write phase {merge['write_s']:.1f} s = "
              f"{merge['write_rate']:,.0f} entities/s; end to end {merge['wall']:.1f} s = {merge_e2e:,.0f}/s")
        print(f"rerun    (MERGE over the loaded graph, changes nothing): {rerun:.1f} s end to end")
        print(f"CPU seconds (load-independent; server {'pid ' + str(pid) if pid else 'not local: n/a'}): "
              f"first server {first['server_cpu']:.1f} + client {first['client_cpu']:.1f}; "
              f"merge server {merge['server_cpu']:.1f} + client {merge['client_cpu']:.1f}")

        sample_nodes, sample_rels = pick_sample(node_rows, rel_rows, sample, args.seed)
        warm_nodes, warm_rels = pick_sample(node_rows, rel_rows, 200, args.seed + 1)
        store.wipe()
        store.ensure_constraints()
        naive_run(settings, warm_nodes, warm_rels)  # compile the per-row statements first, as above
        store.wipe()
        naive = naive_run(settings, sample_nodes, sample_rels)
        rows = len(sample_nodes) + len(sample_rels)
        naive_rate = rows / naive
        print(f"naive    (one auto-commit statement per row): SAMPLE of {rows:,} rows in {naive:.1f} s = "
              f"{naive_rate:,.0f} entities/s; EXTRAPOLATED to {entities:,} entities: ~{entities / naive_rate:,.0f} s")
        store.wipe()

    admin = None if args.no_admin else admin_import(build_graph(nodes, rels), driver_digest, entities)
    merge_ratio = first["write_rate"] / merge["write_rate"]
    naive_ratio = first["write_rate"] / naive_rate
    print(f"ratios (write phase, same run): first / merge {merge_ratio:.2f}x; first / naive {naive_ratio:,.1f}x; "
          f"end to end first / merge {first_e2e / merge_e2e:.2f}x")
    result = {"write_per_s": f"{first['write_rate']:.0f}", "end_to_end_per_s": f"{first_e2e:.0f}",
              "merge_per_s": f"{merge['write_rate']:.0f}", "naive_per_s": f"{naive_rate:.0f}",
              "merge_ratio": f"{merge_ratio:.2f}", "naive_ratio": f"{naive_ratio:.1f}"}
    if admin and admin.get("ok"):
        admin_rate = entities / admin["admin_s"]
        result["admin_per_s"] = f"{admin_rate:.0f}"
        result["admin_ratio"] = f"{admin_rate / first['write_rate']:.2f}"
        result["admin_parity"] = str(admin["parity"]).lower()
        print(f"admin import / first load (entities/s): {admin_rate / first['write_rate']:.2f}x")
    else:
        result["admin_ratio"] = "na"
        result["admin_parity"] = "na" if admin is None else "false"
    for key, goal in GOALS.items():
        value = float(result[key])
        print(f"goal {key} >= {goal:g}: {'met' if value >= goal else 'NOT met'} ({value:,.2f})")
    result["server_cpu_ratio"] = f"{merge['server_cpu'] / first['server_cpu']:.2f}" if pid else "na"
    result.update(entities=str(entities), batch_size=str(args.batch_size), repeat=str(args.repeat),
                  warmup_scale=f"{args.warmup_scale:g}",
                  load=f"{os.getloadavg()[0]:.2f}")
    print("RESULT " + " ".join(f"{k}={v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
