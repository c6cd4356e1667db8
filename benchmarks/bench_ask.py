"""Question benchmark for `ask`: how many hand-written questions get the right query and parameters.

    python benchmarks/bench_ask.py [--all]

Reads tests/ask_benchmark.txt (questions typed by hand with the answer a careful reader gives, or the
reason to decline), routes each on the graph its section names, and prints accuracy, refusals and wrong
answers, then every question not answered right (--all: every question). A wrong answer (a query run
where the answer should differ or where declining was right) is worse than a refusal; the goal is 100%
right and 0 wrong. Also prints the time per question, measured in the same run.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.interface.ask import Decision, route  # noqa: E402
from graph.model.dataset import load_graph, sources_for  # noqa: E402
from graph.model.lookup import Lookup  # noqa: E402

BENCHMARK = ROOT / "tests" / "ask_benchmark.txt"
TODAY = dt.date(2024, 8, 1)  # "now" for questions without a date
GRAPHS = {"bundled": (), "two plans": (ROOT / "tests" / "fixtures" / "plans" / "second_plan_2025.txt",)}
_SECTION = re.compile(r"^\[graph:\s*(.+?)\s*\]$")


@dataclass(frozen=True)
class Case:
    graph: str
    question: str
    query: str | None  # None: the right answer is to decline, for `refusal`
    params: dict
    refusal: str | None
    line: int

    @property
    def chinese(self) -> bool:
        return any("\u4e00" <= ch <= "\u9fff" for ch in self.question)

    def expected(self) -> str:
        if self.query is None:
            return f"! {self.refusal}"
        return " ".join([self.query, *(f"{k}={v}" for k, v in self.params.items())])


def _value(text: str):
    return int(text) if text.isdigit() else text


def load_cases(path: Path = BENCHMARK) -> list[Case]:
    """The benchmark's questions; a malformed line raises ValueError naming the file and line."""
    cases, graph = [], None
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if m := _SECTION.match(line):
            graph = m.group(1)
            if graph not in GRAPHS:
                raise ValueError(f"{path} line {no}: unknown graph {graph!r}; known: {', '.join(GRAPHS)}")
            continue
        question, sep, want = line.rpartition("|")
        if not sep or not question.strip() or not want.strip() or graph is None:
            raise ValueError(f"{path} line {no}: expected 'question | query k=v …' or 'question | ! reason' "
                             f"under a [graph: …] line")
        want = want.split()
        if want[0] == "!":
            cases.append(Case(graph, question.strip(), None, {}, want[1], no))
            continue
        params = {}
        for item in want[1:]:
            key, eq, value = item.partition("=")
            if not eq:
                raise ValueError(f"{path} line {no}: parameter {item!r}: expected key=value")
            params[key] = _value(value)
        cases.append(Case(graph, question.strip(), want[0], params, None, no))
    return cases


def lookup_for(graph: str) -> Lookup:
    extra = GRAPHS[graph]
    sources = sources_for([*sources_for().plans, *extra]) if extra else sources_for()
    return Lookup.of_graph(load_graph(sources)[0])


def verdict(case: Case, got: Decision) -> str:
    """'right'; 'refused' (declined a question it should answer, or for another reason); 'wrong'."""
    if case.query is None:
        if got.query is not None:
            return "wrong"
        return "right" if got.refusal == case.refusal else "refused"
    if got.query is None:
        return "refused"
    return "right" if (got.query, got.params) == (case.query, case.params) else "wrong"


def shown(d: Decision) -> str:
    if d.query is None:
        return f"! {d.refusal}: {d.message}"
    return " ".join([d.query, *(f"{k}={v}" for k, v in d.params.items())])


def run(cases: list[Case], lookups: dict[str, Lookup] | None = None) -> list[tuple[Case, Decision, str]]:
    lookups = lookups or {g: lookup_for(g) for g in sorted({c.graph for c in cases})}
    results = []
    for c in cases:
        d = route(c.question, lookups[c.graph], today=TODAY)
        results.append((c, d, verdict(c, d)))
    return results


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--all", action="store_true", help="list every question, not only those not right")
    args = ap.parse_args(argv)
    cases = load_cases()
    graphs = sorted({c.graph for c in cases})
    for g in graphs:
        lookup_for(g)  # build (and cache) the graphs first: only the index and the routing are timed
    started = time.perf_counter()
    lookups = {g: lookup_for(g) for g in graphs}
    indexed = time.perf_counter()
    results = run(cases, lookups)
    elapsed = time.perf_counter() - indexed
    index_ms = (indexed - started) / len(graphs) * 1000
    counts = {v: sum(1 for *_, x in results if x == v) for v in ("right", "refused", "wrong")}
    zh = sum(c.chinese for c in cases)
    declines = sum(c.query is None for c in cases)
    print(f"{len(cases)} questions ({zh} 中文, {len(cases) - zh} English; {declines} should be declined)")
    for v in ("right", "refused", "wrong"):
        print(f"  {v:<8} {counts[v]:>4}  {counts[v] / len(cases):7.1%}")
    per_question = elapsed / len(cases) * 1000
    print(f"  {per_question:.2f} ms per question; indexing a graph's names {index_ms:.1f} ms "
          f"(= {index_ms / per_question:.1f} questions)")
    for c, d, v in results:
        if args.all or v != "right":
            print(f"{v:<7} line {c.line}: {c.question}\n        want {c.expected()}\n        got  {shown(d)}")
    print(f"RESULT: {len(cases)} questions, {counts['right']} right, {counts['refused']} refused, "
          f"{counts['wrong']} wrong")
    return 0 if counts["wrong"] == 0 and counts["refused"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
