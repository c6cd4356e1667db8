"""App speed: first render of each page (AppTest, cold and warm caches) and chain-map HTML
generation for synthetic chains of 200 / 2,000 / 10,000 nodes. Prints figures and ratios; asserts
nothing (speed is measured here, never in tests).

    python benchmarks/bench_app.py [--repeat 3] [--sizes 200,2000,10000] [--browser]
    python benchmarks/bench_app.py --quick     # one run, maps of 200 and 2,000 nodes (< 1 minute)

Ends with one line `RESULT graph_build_s=… page_cold_max_s=… page_warm_max_s=… map_<n>_s=…`.
"""
from __future__ import annotations

import argparse
import logging
import re
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = ("overview", "chain_map", "measures", "departments", "bottlenecks", "queries")


def _clear_caches() -> None:
    import streamlit as st

    from graph.model import dataset
    for name in list(logging.root.manager.loggerDict):  # no "no runtime" chatter between the figures
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)
    st.cache_data.clear()
    st.cache_resource.clear()
    dataset._graph_for.cache_clear()


def bench_pages(repeat: int) -> list[tuple[str, float, float]]:
    """(page, cold seconds, warm seconds): cold = all caches emptied (graph rebuilt from the files);
    warm = the same page run again in the same session."""
    from streamlit.testing.v1 import AppTest
    rows = []
    for page in PAGES:
        colds, warms = [], []
        for _ in range(repeat):
            _clear_caches()
            at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
            if page != "overview":
                at.run()  # register the pages; then clear again so the page itself runs cold
                _clear_caches()
                at.switch_page(f"app/pages/{page}.py")
            t0 = time.perf_counter()
            at.run()
            colds.append(time.perf_counter() - t0)
            if at.exception:
                raise RuntimeError(f"{page}: {at.exception[0].value}")
            t0 = time.perf_counter()
            at.run()
            warms.append(time.perf_counter() - t0)
        rows.append((page, statistics.median(colds), statistics.median(warms)))
    return rows


def synthetic_chain(n_nodes: int, seed: int = 7):
    """One chain of about `n_nodes` nodes: 12 segments over three stages, firms (3 leaders),
    projects, serving units and 26 measures, linked the way the ledgers link them."""
    from graph.model.build import build_graph
    from loaders.records import Node, Rel
    rnd = random.Random(seed)
    nodes = [Node("Chain", "c", {"name": "合成链", "name_en": "Synthetic chain"})]
    rels = []
    segments = [(f"s{i}", ("upstream", "midstream", "downstream")[i // 4]) for i in range(12)]
    for sid, stage in segments:
        nodes.append(Node("Segment", sid, {"name": f"环节{sid}", "stage": stage}))
        rels.append(Rel("PART_OF", ("Segment", sid), ("Chain", "c")))
    for (a, sa), (b, sb) in zip(segments, segments[1:]):
        rels.append(Rel("FEEDS", ("Segment", a), ("Segment", b)))
    measures = 26
    units = max(5, n_nodes // 60)
    rest = n_nodes - 1 - len(segments) - measures - units
    firms = max(3, int(rest * 0.4))
    projects = max(1, rest - firms)
    for i in range(measures):
        nodes.append(Node("Measure", f"p#M{i + 1}", {"number": i + 1, "title": f"举措{i + 1}"}))
        rels.append(Rel("SUPPORTS", ("Measure", f"p#M{i + 1}"), ("Chain", "c"), {"basis": "产业链"}))
    for i in range(units):
        nodes.append(Node("Department", f"单位{i}", {"name": f"单位{i}"}))
    for i in range(firms):
        leader = i < 3
        nodes.append(Node("Enterprise", f"e{i}", {"name": f"企业{i}", "chain_leader": leader}))
        if leader:
            rels.append(Rel("LEADS", ("Enterprise", f"e{i}"), ("Chain", "c")))
        for sid, _ in rnd.sample(segments, 1 + (i % 3 == 0)):
            rels.append(Rel("OPERATES_IN", ("Enterprise", f"e{i}"), ("Segment", sid)))
    for i in range(projects):
        nodes.append(Node("Project", f"p{i}", {"name": f"项目{i}", "investment": round(rnd.uniform(1, 80), 1),
                                               "status": "signed", "fills_gap": i % 7 == 0}))
        rels.append(Rel("IN_SEGMENT", ("Project", f"p{i}"), ("Segment", rnd.choice(segments)[0])))
        rels.append(Rel("INVESTS_IN", ("Enterprise", f"e{rnd.randrange(firms)}"), ("Project", f"p{i}")))
        for stage in rnd.sample(["立项备案", "用地", "施工许可"], 2):
            rels.append(Rel("SERVES", ("Department", f"单位{rnd.randrange(units)}"), ("Project", f"p{i}"),
                            {"stage": stage}))
    return build_graph(nodes, rels)


def bench_maps(sizes: list[int], repeat: int) -> list[tuple]:
    """(nodes in graph, mode, nodes drawn, edges drawn, HTML MB, median seconds)."""
    from graph.present.chainmap import DEFAULT_CLUSTER, chain_map
    rows = []
    for n in sizes:
        g = synthetic_chain(n)
        for mode, cluster in (("full", None), (f"capped {DEFAULT_CLUSTER}/seg", DEFAULT_CLUSTER)):
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                m = chain_map(g, "c", show_units=True, show_measures=True, cluster_above=cluster)
                times.append(time.perf_counter() - t0)
            rows.append((g.number_of_nodes(), mode, m.n_nodes, m.n_edges, len(m.html) / 1e6, statistics.median(times)))
    return rows


def bench_browser(sizes: list[int]) -> list[tuple]:
    """(graph nodes, mode, seconds to load the page, seconds for one redraw) in headless Chromium."""
    import tempfile

    from playwright.sync_api import sync_playwright

    from graph.present.chainmap import DEFAULT_CLUSTER, chain_map
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1400, "height": 800})
        for n in sizes:
            g = synthetic_chain(n)
            for mode, cluster in (("full", None), (f"capped {DEFAULT_CLUSTER}/seg", DEFAULT_CLUSTER)):
                path = Path(tmp) / f"map-{n}-{cluster}.html"
                path.write_text(chain_map(g, "c", show_units=True, show_measures=True, cluster_above=cluster).html,
                                encoding="utf-8")
                t0 = time.perf_counter()
                page.goto(path.as_uri(), wait_until="load")
                page.wait_for_function("typeof view !== 'undefined' && view.ready && view.network.body.data.nodes.length > 0")
                load = time.perf_counter() - t0
                redraw = page.evaluate("() => new Promise(r => { const t0 = performance.now();"
                                       " view.network.once('afterDrawing', () => r(performance.now() - t0));"
                                       " view.network.redraw(); })") / 1000
                rows.append((g.number_of_nodes(), mode, load, redraw))
        browser.close()
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="one run, maps of 200 and 2,000 nodes")
    ap.add_argument("--repeat", type=int, default=None, help="runs per figure, median kept (default 3; 1 with --quick)")
    ap.add_argument("--sizes", default=None, help="chain-map sizes (default 200,2000,10000; 200,2000 with --quick)")
    ap.add_argument("--skip-pages", action="store_true")
    ap.add_argument("--browser", action="store_true", help="also time loading each map in headless Chromium")
    args = ap.parse_args(argv)
    args.repeat = args.repeat or (1 if args.quick else 3)
    args.sizes = args.sizes or ("200,2000" if args.quick else "200,2000,10000")
    result: dict[str, str] = {}

    if not args.skip_pages:
        from graph.model import dataset
        times = []
        for _ in range(args.repeat):
            dataset._graph_for.cache_clear()
            t0 = time.perf_counter()
            g, _ = dataset.load_graph()
            times.append(time.perf_counter() - t0)
        print(f"== graph build from data/ (parse + ledgers + networkx): {statistics.median(times):.3f} s, "
              f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
        print("== first render per page (AppTest, bundled plan), median of", args.repeat)
        print(f"{'page':<14}{'cold s':>9}{'warm s':>9}{'cold/warm':>11}")
        pages = bench_pages(args.repeat)
        for page, cold, warm in pages:
            print(f"{page:<14}{cold:>9.3f}{warm:>9.3f}{cold / warm:>10.1f}x")
        result["graph_build_s"] = f"{statistics.median(times):.3f}"
        result["page_cold_max_s"] = f"{max(c for _, c, _ in pages):.3f}"
        result["page_warm_max_s"] = f"{max(w for _, _, w in pages):.3f}"
        from streamlit.testing.v1 import app_test
        app_test.TMP_DIR.cleanup()

    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"\n== chain-map HTML generation (units + measures shown), median of {args.repeat}")
    print(f"{'graph nodes':>11}  {'mode':<14}{'drawn':>7}{'edges':>7}{'HTML MB':>9}{'seconds':>9}{'us/node':>9}")
    rows = bench_maps(sizes, args.repeat)
    base = {}
    for n, mode, drawn, edges, mb, secs in rows:
        base.setdefault(mode, (n, secs))
        print(f"{n:>11}  {mode:<14}{drawn:>7}{edges:>7}{mb:>9.2f}{secs:>9.3f}{secs / n * 1e6:>9.1f}")
        result[f"map_{n}_{re.sub(r'[^a-z0-9]+', '_', mode.lower()).strip('_')}_s"] = f"{secs:.3f}"
    print("\nratios against the smallest map (time ratio / size ratio; ~1.0 = linear):")
    for n, mode, drawn, edges, mb, secs in rows:
        n0, s0 = base[mode]
        if n != n0:
            print(f"  {mode:<14} {n0:>6} -> {n:>6} nodes: time x{secs / s0:.1f} for size x{n / n0:.0f}"
                  f"  ({secs / s0 / (n / n0):.2f})")
    if args.browser:
        print("\n== the same maps in headless Chromium (physics off, positions precomputed)")
        print(f"{'graph nodes':>11}  {'mode':<14}{'load s':>8}{'redraw s':>10}")
        for n, mode, load, redraw in bench_browser(sizes):
            print(f"{n:>11}  {mode:<14}{load:>8.2f}{redraw:>10.3f}")
    print("RESULT " + " ".join(f"{k}={v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
