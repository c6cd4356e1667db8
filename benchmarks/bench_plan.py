"""Parse + build speed: the bundled plan, and a generated corpus of 100 plans of the same shape.

    python benchmarks/bench_plan.py [--repeat 15] [--plans 100]
    python benchmarks/bench_plan.py --quick    # 5 repeats, 30 plans (seconds)

Each corpus plan is the bundled text with its responsibility lists rotated and its deadline months
shifted (a different plan with the same structure). Prints medians of --repeat runs and plans/s; no
assertions: the goal (the plan parsed and built in under 100 ms) is read off the output. Ends with one
line `RESULT parse_ms=… build_ms=… plan_ms=… corpus_plans_per_s=… corpus_ratio=…`.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.timing import median_time  # noqa: E402
from graph.model.build import build_graph  # noqa: E402
from loaders.plan import parse_plan  # noqa: E402

PLAN = ROOT / "data" / "quzhou-2024-business-environment-plan.txt"
_UNIT_LIST = re.compile(r"\(([^()]*?)(等(?:相关)?部门按职责分工负责|负责)\)")
_MONTH = re.compile(r"(\d{1,2})( ?月底前)")


def variant(text: str, i: int) -> str:
    """Plan i of the corpus: unit lists rotated by i, deadline months moved by i (kept in 1..12)."""
    def rotate(m):
        units = re.split(r"[、,]", m.group(1))
        k = i % len(units)
        return "(" + "、".join(units[k:] + units[:k]) + m.group(2) + ")"

    def shift(m):
        return f"{(int(m.group(1)) + i - 1) % 12 + 1}{m.group(2)}"

    return _MONTH.sub(shift, _UNIT_LIST.sub(rotate, text))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="5 repeats, 30 plans")
    ap.add_argument("--repeat", type=int, default=None, help="default 15; 5 with --quick")
    ap.add_argument("--plans", type=int, default=None, help="corpus size (default 100; 30 with --quick)")
    args = ap.parse_args()
    args.repeat = args.repeat or (5 if args.quick else 15)
    args.plans = args.plans or (30 if args.quick else 100)

    text = PLAN.read_text(encoding="utf-8")
    parsed = parse_plan(text, doc_id="plan")
    t_parse = median_time(lambda: parse_plan(text, doc_id="plan"), args.repeat)
    t_build = median_time(lambda: build_graph(parsed.nodes, parsed.rels), args.repeat)
    print(f"bundled plan: {len(text)} characters, {len(parsed.nodes)} nodes, {len(parsed.rels)} relationships")
    print(f"  parse {t_parse * 1e3:7.2f} ms   build {t_build * 1e3:6.2f} ms   "
          f"parse+build {(t_parse + t_build) * 1e3:7.2f} ms   (goal < 100 ms; median of {args.repeat})")

    corpus = [variant(text, i) for i in range(args.plans)]
    assert len(set(corpus)) == args.plans, "corpus plans should differ"

    def parse_and_build_all():
        nodes, rels = [], []
        for i, t in enumerate(corpus):
            p = parse_plan(t, doc_id=f"plan-{i:03d}")
            nodes += p.nodes
            rels += p.rels
        return build_graph(nodes, rels)

    g = parse_and_build_all()
    repeat = max(3, args.repeat // 5)
    t_corpus = median_time(parse_and_build_all, repeat)
    print(f"corpus of {args.plans} plans -> one graph of {g.number_of_nodes()} nodes, "
          f"{g.number_of_edges()} edges")
    print(f"  parse+build {t_corpus:6.3f} s   {args.plans / t_corpus:7.1f} plans/s   "
          f"per plan {t_corpus / args.plans * 1e3:6.2f} ms (median of {repeat})")
    ratio = (t_corpus / args.plans) / (t_parse + t_build)
    print(f"  ratio: per-plan time in the corpus / bundled plan alone = {ratio:.2f}")
    print(f"RESULT parse_ms={t_parse * 1e3:.2f} build_ms={t_build * 1e3:.2f} plan_ms={(t_parse + t_build) * 1e3:.2f} "
          f"corpus_plans_per_s={args.plans / t_corpus:.1f} corpus_ratio={ratio:.2f} plans={args.plans}")


if __name__ == "__main__":
    main()
