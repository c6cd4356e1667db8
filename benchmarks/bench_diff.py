"""Plan diff speed: scoring every measure pair with rapidfuzz's cdist against one ratio call per pair,
and the whole diff, on plans of 26 to 520 measures.

    python benchmarks/bench_diff.py [--repeat 5]

The bigger plans are the bundled plan's measures repeated, each copy's titles and texts tagged with
its copy number, against the edited fixture (tests/fixtures/plans/quzhou-2025-edited.txt) repeated
the same way. Prints medians and the ratio from one run; no assertions.
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.timing import median_time  # noqa: E402
from graph.analysis.plan_diff import PlanSide, _similarities, _similarity, diff_plans, plan_side  # noqa: E402
from loaders.plan import read_plan  # noqa: E402


def repeated(side: PlanSide, copies: int) -> PlanSide:
    measures = [dataclasses.replace(m, key=f"{m.key}-{k}", number=k * 100 + m.number, title=f"{m.title}{k}",
                                    text=f"{k}{m.text}") for k in range(copies) for m in side.measures]
    return dataclasses.replace(side, measures=measures)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    old = plan_side(read_plan(ROOT / "data" / "quzhou-2024-business-environment-plan.txt"))
    new = plan_side(read_plan(ROOT / "tests" / "fixtures" / "plans" / "quzhou-2025-edited.txt"))
    print("measures  pairs    cdist_s   per_pair_s  ratio   diff_s")
    for copies in (1, 5, 10, 20):
        a, b = repeated(old, copies), repeated(new, copies)
        t_matrix = median_time(lambda: _similarities(a.measures, b.measures), args.repeat)
        t_pairs = median_time(lambda: [[_similarity(x, y) for y in b.measures] for x in a.measures], args.repeat)
        t_diff = median_time(lambda: diff_plans(a, b), args.repeat)
        n = len(a.measures)
        print(f"{n:<8}  {n * len(b.measures):<7}  {t_matrix:<8.4f}  {t_pairs:<10.4f}  {t_pairs / t_matrix:<6.1f}  "
              f"{t_diff:.3f}")


if __name__ == "__main__":
    main()
