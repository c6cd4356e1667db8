"""Benchmark the full analysis report on synthetic provinces of ~1k, ~15k and ~100k nodes, and check
the betweenness it uses against exact rational arithmetic.

    python benchmarks/bench_analysis.py                 # all three sizes (best of 3), referee on ~540 units
    python benchmarks/bench_analysis.py --quick         # one run per size, referee on ~200 units (< 1 min)
    python benchmarks/bench_analysis.py --sizes 1k,15k --repeat 5

Times are CPU seconds of the process (`time.process_time`, what a busy shared machine disturbs least),
wall seconds beside them, best of --repeat, with the slowest sections and growth ratios between sizes
from the same run. The referee (`benchmarks/betweenness_referee.py`, Fraction-based Brandes) runs on
tie-heavy random graphs and on a province's co-responsibility network; the largest absolute difference
is reported. No assertions; goals (15k <= 0.35 s, 100k <= 2 s CPU, error <= 1e-9) are read off the output.
Ends with one line `RESULT report_15k_cpu_s=… report_100k_cpu_s=… betweenness_max_abs_err=… …`.
"""
from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import networkx as nx  # noqa: E402

from graph.analysis import GraphIndex, co_network, full_report, unit_betweenness  # noqa: E402
from graph.model.build import build_graph  # noqa: E402
from benchmarks.betweenness_referee import exact_lengths, referee  # noqa: E402
from benchmarks.synth import synthetic_records  # noqa: E402

SIZES = {"1k": 1 / 15, "15k": 1.0, "100k": 7.0}
AS_OF = dt.date(2024, 7, 1)
GOALS = {"15k": 0.35, "100k": 2.0}


def run_size(label: str, scale: float, repeat: int, seed: int) -> dict:
    t = time.perf_counter()
    nodes, rels = synthetic_records(scale=scale, seed=seed)
    t_gen = time.perf_counter() - t
    t = time.perf_counter()
    g = build_graph(nodes, rels)
    t_build = time.perf_counter() - t
    best = (math.inf, math.inf, {})
    for _ in range(repeat):
        GraphIndex._cache_clear()  # each run pays for its own index and network, as a fresh CLI call does
        spent: dict[str, float] = {}
        cpu, wall = time.process_time(), time.perf_counter()
        report = full_report(g, as_of=AS_OF, timings=spent)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        if cpu < best[0]:
            best = (cpu, wall, spent)
    net = co_network(g)
    exact = bool(report["brokers"]["exact"].all()) if len(report["brokers"]) else True
    return {"label": label, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
            "units": net.number_of_nodes(), "links": net.number_of_edges(), "exact": exact,
            "generate": t_gen, "build": t_build, "cpu": best[0], "wall": best[1], "timings": best[2]}


def print_sizes(results: list[dict]) -> None:
    print(f"{'size':>5} {'nodes':>8} {'edges':>8} {'units':>6} {'links':>7} {'betweenness':>12} "
          f"{'generate':>9} {'build':>7} {'report cpu':>11} {'wall':>7}")
    for r in results:
        kind = "exact" if r["exact"] else "SAMPLED"
        print(f"{r['label']:>5} {r['nodes']:>8,} {r['edges']:>8,} {r['units']:>6,} {r['links']:>7,} {kind:>12} "
              f"{r['generate']:>8.2f}s {r['build']:>6.2f}s {r['cpu']:>10.3f}s {r['wall']:>6.3f}s")
    for r in results:
        top = sorted(r["timings"].items(), key=lambda x: -x[1])[:5]
        print(f"  {r['label']}: slowest parts (wall): " + ", ".join(f"{k} {v:.3f}s" for k, v in top))
    for a, b in zip(results, results[1:]):
        n_ratio, t_ratio = b["nodes"] / a["nodes"], b["cpu"] / max(a["cpu"], 1e-9)
        exponent = math.log(t_ratio) / math.log(n_ratio) if n_ratio > 1 and t_ratio > 0 else float("nan")
        print(f"  growth {a['label']} -> {b['label']}: nodes x{n_ratio:.1f}, report CPU x{t_ratio:.1f} "
              f"(~ n^{exponent:.2f})")
    for r in results:
        if r["label"] in GOALS:
            goal = GOALS[r["label"]]
            print(f"  goal {r['label']} <= {goal} s CPU: {'met' if r['cpu'] <= goal else 'NOT met'} ({r['cpu']:.3f} s)")


def tie_heavy(seed: int, n: int = 36, m: int = 80) -> nx.Graph:
    """A random graph with distances 1/w, w in {1, 2, 3, 6}: many routes of exactly equal length."""
    rng = random.Random(seed)
    G = nx.gnm_random_graph(n, m, seed=seed)
    for _u, _v, d in G.edges(data=True):
        d["weight"] = rng.choice((1, 2, 3, 3, 6))
        d["distance"] = 1 / d["weight"]
    return exact_lengths(G)


def betweenness_error(seed: int, scale: float, graphs: int) -> float:
    """Largest |igraph - exact| over `graphs` tie-heavy graphs and one province network."""
    errs = []
    for i in range(graphs):
        G = tie_heavy(seed + i)
        want = referee(G)
        got = unit_betweenness(G).values
        errs.append(max(abs(got[u] - float(want[u])) for u in want))
    G = exact_lengths(co_network(build_graph(*synthetic_records(scale=scale, seed=seed))))
    t = time.perf_counter()
    want = referee(G)
    t_ref = time.perf_counter() - t
    bc = unit_betweenness(G)
    province = max(abs(bc.values[u] - float(want[u])) for u in want)
    print(f"betweenness vs exact rational referee: {graphs} tie-heavy graphs max |error| {max(errs):.2e}; "
          f"province network ({G.number_of_nodes()} units, {G.number_of_edges():,} links, "
          f"{'exact' if bc.exact else 'SAMPLED'}; referee {t_ref:.1f} s) max |error| {province:.2e}")
    return max(errs + [province])


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="one run per size, smaller referee graph (< 1 minute)")
    p.add_argument("--sizes", default=",".join(SIZES), help=f"comma-separated, from {', '.join(SIZES)}")
    p.add_argument("--repeat", type=int, default=None, help="report runs per size, best CPU kept (default 3; 1 with --quick)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--referee-scale", type=float, default=None,
                   help="synthetic scale of the province checked by the referee (default 1.0; 0.3 with --quick)")
    args = p.parse_args(argv)
    repeat = args.repeat or (1 if args.quick else 3)
    ref_scale = args.referee_scale or (0.3 if args.quick else 1.0)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"python {sys.version.split()[0]}, networkx {nx.__version__}, {os.cpu_count()} CPUs, "
          f"load average {load:.2f}")
    results = [run_size(s, SIZES[s], repeat, args.seed) for s in args.sizes.split(",") if s]
    print_sizes(results)
    err = betweenness_error(args.seed, ref_scale, 4 if args.quick else 12)
    by = {r["label"]: r for r in results}
    fields = {f"report_{k}_cpu_s": f"{by[k]['cpu']:.3f}" for k in SIZES if k in by}
    fields["betweenness_max_abs_err"] = f"{err:.2e}"
    fields["exact_100k"] = str(by["100k"]["exact"]).lower() if "100k" in by else "na"
    fields["load"] = f"{load:.2f}"
    print("RESULT " + " ".join(f"{k}={v}" for k, v in fields.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
