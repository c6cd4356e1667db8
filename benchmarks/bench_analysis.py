"""Benchmark the full analysis on synthetic provinces of ~1k, ~15k and ~100k nodes, and the error of
sampled betweenness against the exact one.

    python benchmarks/bench_analysis.py                 # all three sizes, then the betweenness error
    python benchmarks/bench_analysis.py --sizes 1k,15k --repeat 3
    python benchmarks/bench_analysis.py --no-error

Prints times per size (best of --repeat), the slowest sections, and growth ratios between sizes measured
in the same run (time ratio against node ratio, and the implied exponent). No assertions: the goal (the
15k graph under 3 s on two cores) is read off the output.
"""
from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from graph.analysis import GraphIndex, co_network, full_report, unit_betweenness  # noqa: E402
from graph.model.build import build_graph  # noqa: E402
from benchmarks.synth import synthetic_records  # noqa: E402

SIZES = {"1k": 1 / 15, "15k": 1.0, "100k": 7.0}
AS_OF = dt.date(2024, 7, 1)


def _best(fn, repeat: int):
    best, value = math.inf, None
    for _ in range(repeat):
        t = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - t)
    return best, value


def run_size(label: str, scale: float, repeat: int, seed: int) -> dict:
    t_gen, (nodes, rels) = _best(lambda: synthetic_records(scale=scale, seed=seed), 1)
    t_build, g = _best(lambda: build_graph(nodes, rels), 1)
    best, timings = math.inf, {}
    for _ in range(repeat):
        GraphIndex._cache_clear()  # each run pays for its own index, as a fresh CLI call does
        spent: dict[str, float] = {}
        t = time.perf_counter()
        report = full_report(g, as_of=AS_OF, timings=spent)
        elapsed = time.perf_counter() - t
        if elapsed < best:
            best, timings = elapsed, spent
    net = co_network(g)
    exact = bool(report["brokers"]["exact"].all()) if len(report["brokers"]) else True
    return {"label": label, "scale": scale, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
            "units": net.number_of_nodes(), "links": net.number_of_edges(), "exact": exact,
            "generate": t_gen, "build": t_build, "analysis": best, "timings": timings}


def print_sizes(results: list[dict]) -> None:
    print(f"{'size':>5} {'nodes':>8} {'edges':>8} {'units':>6} {'links':>7} {'betweenness':>12} "
          f"{'generate':>9} {'build':>7} {'analysis':>9}")
    for r in results:
        kind = "exact" if r["exact"] else "sampled"
        print(f"{r['label']:>5} {r['nodes']:>8,} {r['edges']:>8,} {r['units']:>6,} {r['links']:>7,} {kind:>12} "
              f"{r['generate']:>8.2f}s {r['build']:>6.2f}s {r['analysis']:>8.2f}s")
    for r in results:
        top = sorted(r["timings"].items(), key=lambda x: -x[1])[:4]
        print(f"  {r['label']}: slowest parts: " + ", ".join(f"{k} {v:.2f}s" for k, v in top))
    if len(results) > 1:
        print("growth (same run):")
        for a, b in zip(results, results[1:]):
            n_ratio, t_ratio = b["nodes"] / a["nodes"], b["analysis"] / a["analysis"]
            exponent = math.log(t_ratio) / math.log(n_ratio) if n_ratio > 1 and t_ratio > 0 else float("nan")
            print(f"  {a['label']} -> {b['label']}: nodes x{n_ratio:.1f}, analysis time x{t_ratio:.1f} "
                  f"(~ n^{exponent:.2f})")


def _spearman(a: dict, b: dict) -> float:
    """Spearman rank correlation (average ranks for ties), without scipy."""
    df = pd.DataFrame({"a": a, "b": b})
    return float(np.corrcoef(df["a"].rank(), df["b"].rank())[0, 1])


def betweenness_error(seed: int, scale: float, ks: tuple[int, ...]) -> None:
    g = build_graph(*synthetic_records(scale=scale, seed=seed))
    net = co_network(g)
    t = time.perf_counter()
    exact = unit_betweenness(net).values
    t_exact = time.perf_counter() - t
    top_exact = set(sorted(exact, key=lambda u: (-exact[u], u))[:10])
    print(f"sampled vs exact betweenness on a {g.number_of_nodes():,}-node graph "
          f"(co-responsibility network: {net.number_of_nodes()} units, {net.number_of_edges():,} links; "
          f"exact {t_exact:.2f}s)")
    print(f"  {'k':>5} {'time':>7} {'spearman':>9} {'top-10 overlap':>15}")
    for k in ks:
        t = time.perf_counter()
        sampled = unit_betweenness(net, exact_max_nodes=0, k=k, seed=seed).values
        elapsed = time.perf_counter() - t
        top = set(sorted(sampled, key=lambda u: (-sampled[u], u))[:10])
        print(f"  {k:>5} {elapsed:>6.2f}s {_spearman(exact, sampled):>9.3f} {len(top & top_exact):>12}/10")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default=",".join(SIZES), help=f"comma-separated, from {', '.join(SIZES)}")
    p.add_argument("--repeat", type=int, default=1, help="analysis runs per size; the best is shown")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--no-error", action="store_true", help="skip the sampled-betweenness error measurement")
    p.add_argument("--error-scale", type=float, default=0.7, help="synthetic scale for the error graph (~10k nodes)")
    args = p.parse_args(argv)
    print(f"python {sys.version.split()[0]}, networkx {nx.__version__}, {os.cpu_count()} CPUs")
    results = [run_size(s, SIZES[s], args.repeat, args.seed) for s in args.sizes.split(",") if s]
    print_sizes(results)
    if not args.no_error:
        print()
        betweenness_error(args.seed, args.error_scale, (25, 50, 100, 200))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
