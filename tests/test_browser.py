"""One real browser run: `streamlit run` + Debian's headless Chromium driven by Playwright, at 1280×720.

Checks the chain map as an officer sees it: the network holds exactly the nodes the page reports,
every drawn label (nodes and lane headings) is at least 11 px on screen without zooming and no two
overlap, the lanes read upstream → midstream → downstream → serving units, the frame's height follows
the drawing, a click on a node opens its card (and puts it in the URL), zoom survives a toggle, the
PNG export is a picture; each deep link restores its page; and the page made no request beyond
localhost (the map must work offline). Saves screenshots to artifacts/screenshots/ (to
docs/screenshots/, which the README shows, when SCREENSHOTS=docs).

Needs /usr/bin/chromium and the `playwright` package (never `playwright install`: Debian's browser
is used). Without them the test skips with a loud reason; with CI=true it fails instead.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
# A test run must not rewrite tracked files; refresh the README's pictures on purpose.
SHOTS = ROOT / ("docs" if os.environ.get("SCREENSHOTS") == "docs" else "artifacts") / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


def require(ok: bool, reason: str) -> None:
    """Skip loudly when a prerequisite is missing; under CI=true, fail instead."""
    if ok:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and the browser test cannot run: {reason}")
    print(f"\n*** BROWSER TEST SKIPPED: {reason} ***", file=sys.stderr)
    pytest.skip(f"BROWSER TEST SKIPPED: {reason}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require(CHROMIUM.exists(), f"Debian's Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        require(False, "the playwright Python package is not installed (pip install -r requirements-dev.txt)")
    port = _free_port()
    log = (tmp_path_factory.mktemp("streamlit") / "streamlit.log").open("w")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("NEO4J_URI", None)  # the app defaults to the embedded graph anyway; keep the run self-contained
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(f"streamlit did not start (exit {proc.poll()}); log: {log.name}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def browser_page(server):
    from playwright.sync_api import sync_playwright
    outside: list[str] = []

    def route(r):
        url = urlparse(r.request.url)
        if url.scheme in ("data", "blob", "about") or url.hostname in LOCAL_HOSTS:
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN", accept_downloads=True)
            context.route("**/*", route)
            page = context.new_page()
            page.set_default_timeout(60_000)
            yield page, outside, server
        finally:
            browser.close()


def _wait_idle(page) -> None:
    """Until Streamlit has finished the current run (its status widget says nothing)."""
    page.wait_for_timeout(400)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
                           " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.trim()",
                           timeout=60_000)


def _map_frame(page, key: str | None = None):
    """The map component's frame once it has drawn (the spec with `key`, when given)."""
    page.wait_for_selector("iframe", state="attached")
    deadline = time.monotonic() + 60
    want = "true" if key is None else f"chainMapView.key === {key!r}"
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate(f"!!(window.chainMapView && chainMapView.ready) && {want}"):
                    frame.wait_for_selector("canvas")
                    return frame
            except Exception:  # a frame detached while the page reran
                continue
        page.wait_for_timeout(250)
    pytest.fail("no drawn chain map inside the component frame")


def _reported_nodes(page) -> int:
    text = page.locator("#node-count").inner_text()
    m = re.search(r"节点\s*(\d+)\s*个\s*/\s*(\d+)\s*nodes", text)
    assert m and m.group(1) == m.group(2), text
    return int(m.group(1))


def _overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a["left"] < b["right"] - 0.5 and b["left"] < a["right"] - 0.5 and \
                    a["top"] < b["bottom"] - 0.5 and b["top"] < a["bottom"] - 0.5:
                out.append((a["text"], b["text"]))
    return out


def _check_readable(page, frame, where: str) -> list[dict]:
    """Labels >= 11 px, none overlapping; the frame no taller than a laptop shows at once and not much
    taller than the drawing; the whole drawing inside it unless even at the smallest readable scale it
    does not fit (then the map says it can be panned); the legend is what is drawn, shape for shape."""
    boxes = frame.evaluate("chainMapView.labelBoxes()")
    assert boxes, where
    small = [(b["text"], round(b["px"], 1)) for b in boxes if b["px"] < 11]
    assert not small, (where, small)
    assert not _overlapping(boxes), (where, _overlapping(boxes))
    width, height = frame.evaluate("[innerWidth, innerHeight]")
    map_h, max_h, fits = frame.evaluate("[chainMapView.mapEl.clientHeight, chainMapView.spec.max_height, chainMapView.fits]")
    assert map_h <= max_h <= 640, where
    outside = [b["text"] for b in boxes if b["left"] < 0 or b["right"] > width or b["top"] < 0 or b["bottom"] > height]
    if fits:
        assert not outside, (where, outside)  # the whole drawing is in view: it fits its frame
        drawn = max(b["bottom"] for b in boxes)
        assert height - drawn < 160, (where, height, drawn)  # and the frame is not much taller than it
    else:
        assert frame.locator("#chainmap-pan").is_visible(), where
        assert abs(frame.evaluate("chainMapView.network.getScale()") - 11 / 14) < 1e-3, where
    legend = frame.evaluate("""() => Array.from(document.querySelectorAll('#chainmap-legend span')).map(s => [
        s.dataset.kind, (s.querySelector('[data-shape]') || {dataset: {}}).dataset.shape || null])""")
    spec = frame.evaluate("chainMapView.spec")
    drawn_kinds = {(n["group"] + (":" + n["stage"] if n.get("stage") else ""), n["shape"]) for n in spec["nodes"]}
    drawn_edges = {("edge:" + e["type"], None) for e in spec["edges"]}
    assert {tuple(x) for x in legend} == drawn_kinds | drawn_edges, where
    assert len(legend) == len(drawn_kinds | drawn_edges), where
    return boxes


def _node_point(page, frame, node: str) -> tuple[float, float]:
    """Where `node` is drawn, in the page's coordinates."""
    inner = frame.evaluate("(id) => { const v = chainMapView, p = v.network.canvasToDOM(v.network.getPosition(id));"
                           " const r = v.mapEl.getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }", node)
    box = page.locator("iframe[title*='chain_map']").bounding_box()
    return box["x"] + inner[0], box["y"] + inner[1]


def _open(page, base: str, path: str):
    page.goto(f"{base}/{path}")
    _wait_idle(page)


CHAINS = ("new-energy", "new-materials", "ic", "high-end-equipment", "life-health", "special-paper")


def test_chain_map_renders_offline_and_readable(browser_page):
    from graph.present.chainmap import chain_subgraph
    from graph.model.dataset import load_graph

    page, outside, base = browser_page
    SHOTS.mkdir(parents=True, exist_ok=True)
    g, _ = load_graph()

    _open(page, base, "chains")
    frame = _map_frame(page)
    reported = _reported_nodes(page)
    assert frame.evaluate("chainMapView.network.body.data.nodes.length") == reported
    ids = set(frame.evaluate("chainMapView.network.body.data.nodes.getIds()"))
    chain = page.locator("#node-count").get_attribute("data-chain")
    sub = chain_subgraph(g, chain)  # the first view: chain, segments, firms, projects
    segments = {n for n, d in sub.nodes(data=True) if d["label"] == "Segment"}
    assert segments and segments <= ids
    assert len(ids) == sub.number_of_nodes() == reported
    # the first view, as a laptop shows it without a click: the pilot chain, whole, under the controls
    assert chain == "new-energy"
    _check_readable(page, frame, "first view")
    assert frame.evaluate("chainMapView.fits")
    box = page.locator("iframe[title*='chain_map']").bounding_box()
    assert box["height"] <= 640 and box["width"] >= 600, box
    # ... and on the first screen: the page head leaves the 720 px of a laptop to the map, whole
    print(f"\nchain map frame on the first screen: top {box['y']:.0f} px, bottom {box['y'] + box['height']:.0f} px")
    assert box["y"] + box["height"] <= 720, box
    title = page.locator("h1").first.bounding_box()
    header = page.locator("[data-testid='stHeader']").bounding_box()
    assert title["y"] >= header["y"] + header["height"] - 1, (title, header)  # the title is not under the toolbar
    page.screenshot(path=str(SHOTS / "chain_map_first.png"), full_page=False)
    # hovering a project shows its facts: investment, stage, segment, investor, serving units
    project = min((n for n in frame.evaluate("chainMapView.spec.nodes") if n["group"] == "Project"),
                  key=lambda n: (n["x"], n["y"]))  # the leftmost project is in view
    x, y = _node_point(page, frame, project["id"])
    page.mouse.move(x, y)
    tip = frame.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=10_000)
    text = tip.inner_text()
    for fact in ("投资 Investment", "项目阶段 Project stage", "所在环节 Segment", "服务单位 Serving units"):
        assert fact in text, (fact, text)
    page.screenshot(path=str(SHOTS / "chain_map_hover.png"), full_page=False)
    page.mouse.move(5, 5)

    # Every chain in both languages, with and without the optional lanes, drawn in this same frame
    # by the same script (the app would send exactly these specs).
    from graph.present.chainmap import chain_map
    for key in CHAINS:
        for lang, units, measures in (("zh", True, False), ("zh", True, True), ("en", True, True), ("zh", False, False)):
            spec = chain_map(g, key, show_units=units, show_measures=measures, lang=lang).spec
            frame.evaluate("(spec) => { chainMapView.render(spec); }", spec)
            frame.wait_for_function("(key) => chainMapView.ready && chainMapView.key === key", arg=spec["key"])
            where = f"{key} {lang} units={units} measures={measures}"
            boxes = _check_readable(page, frame, where)
            heads = [b["text"] for b in sorted((b for b in boxes if b["id"].startswith("heading:")),
                                               key=lambda b: b["left"])]
            stages = ["上游", "中游", "下游"] if lang == "zh" else ["Upstream", "Midstream", "Downstream"]
            expect = ([stages[0].replace("上游", "支撑举措").replace("Upstream", "Supporting measure")]
                      if measures else []) + stages
            expect += (["服务单位"] if lang == "zh" else ["Serving unit"]) if units and any(
                n["group"] == "Department" for n in spec["nodes"]) else []
            assert heads == expect, (where, heads)

    # a big chain (hundreds of firms and projects, dozens of units), capped as the app caps it: drawn
    # at once, readable, its legend true
    from tests.test_chainmap import _many
    big = chain_map(_many(segments=12, firms=40, units=40), "链", show_units=True)
    assert big.left_out and big.n_nodes < 200
    frame.evaluate("(spec) => { chainMapView.render(spec); }", big.spec)
    frame.wait_for_function("(key) => chainMapView.ready && chainMapView.key === key", arg=big.spec["key"],
                            timeout=10_000)
    _check_readable(page, frame, "big chain, capped")

    _open(page, base, "chains?chain=新材料")
    frame = _map_frame(page)
    assert "chain=new-materials" in page.url
    _check_readable(page, frame, "新材料 as the page draws it")
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "chain_map.png"), full_page=False)
    assert not outside, f"requests left localhost: {outside}"


def test_click_on_a_node_opens_its_card(browser_page):
    page, outside, base = browser_page
    _open(page, base, "chains?chain=new-materials")
    frame = _map_frame(page)
    x, y = _node_point(page, frame, "Enterprise:juhua")
    page.mouse.click(x, y)
    card = page.locator(".st-key-node_card")
    card.wait_for()
    assert "巨化集团" in card.inner_text() and "链主" in card.inner_text()
    page.wait_for_function("() => location.search.includes('node=Enterprise')")
    frame = _map_frame(page)
    assert frame.evaluate("chainMapView.network.getSelectedNodes()") == ["Enterprise:juhua"]
    page.locator(".st-key-node_card").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "chain_map_card.png"))

    # zoom with the wheel, then a toggle: the map keeps its zoom
    page.locator("iframe[title*='chain_map']").scroll_into_view_if_needed()
    x, y = _node_point(page, frame, "Enterprise:juhua")
    page.mouse.move(x, y)
    page.mouse.wheel(0, -300)
    page.wait_for_timeout(300)
    scale = frame.evaluate("chainMapView.network.getScale()")
    page.get_by_text("显示服务单位").click()
    _wait_idle(page)
    page.wait_for_function("() => !document.querySelector('#node-count') || true")
    frame = _map_frame(page)
    page.wait_for_timeout(500)
    assert abs(frame.evaluate("chainMapView.network.getScale()") - scale) < 1e-6
    assert not outside, f"requests left localhost: {outside}"


def test_png_export_from_the_canvas(browser_page):
    page, outside, base = browser_page
    _open(page, base, "chains?chain=ic")
    frame = _map_frame(page)
    with page.expect_download() as info:
        frame.locator("#chainmap-png").click()
    download = info.value
    assert download.suggested_filename == "chain-map-ic.png"
    data = Path(download.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    assert not outside, f"requests left localhost: {outside}"


@pytest.mark.parametrize("path, find, text, shot, scroll_to", [
    ("", lambda page: page.get_by_text("板块与举措数").first, None, "overview.png", None),
    ("chains?chain=新材料&node=Enterprise:juhua", lambda page: page.locator(".st-key-node_card"), "巨化集团", None, None),
    ("measures?measure=9", lambda page: page.get_by_role("heading", name="9. 持续优化投资项目审批").first, None,
     "measures.png", None),
    ("departments?unit=市发改委", lambda page: page.get_by_role("heading", name="市发改委").first, None,
     "departments.png", "单位 × 月份 时间节点热力图"),
    ("chains?lang=en", lambda page: page.get_by_role("heading", name="Chain map").first, None, None, None),
])
def test_deep_links(browser_page, path, find, text, shot, scroll_to):
    """Each page restores its state from the URL (and the README's screenshots are taken here)."""
    page, outside, base = browser_page
    _open(page, base, path)
    if path.startswith("chains"):
        _map_frame(page)
    found = find(page)
    found.wait_for()
    assert found.is_visible() and (text is None or text in found.inner_text()), path
    if shot:
        SHOTS.mkdir(parents=True, exist_ok=True)
        _wait_idle(page)  # a busy machine: the page may still be drawing its placeholders
        page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=60_000)
        if page.locator("[data-testid='stDataFrame']").count():
            page.wait_for_selector("[data-testid='stDataFrame'] canvas")
        page.wait_for_timeout(1000)
        if scroll_to:  # once the charts above have drawn (they change the page's height), and below the toolbar
            page.get_by_text(scroll_to).first.evaluate("""e => { e.scrollIntoView({block: 'start'});
                let p = e.parentElement;
                while (p && !(/(auto|scroll)/.test(getComputedStyle(p).overflowY) && p.scrollHeight > p.clientHeight))
                    p = p.parentElement;
                (p || document.scrollingElement).scrollBy(0, -70); }""")
            page.wait_for_timeout(500)
        page.screenshot(path=str(SHOTS / shot))
    assert not outside, f"requests left localhost: {outside}"


def test_an_english_link_names_the_pages_in_english(browser_page):
    """The sidebar's page names follow ?lang=en from the first screen, not only after a click."""
    page, outside, base = browser_page
    _open(page, base, "measures?lang=en")
    nav = page.locator("[data-testid='stSidebarNav']").inner_text()
    for name in ("Overview", "Chain map", "Measures", "Departments", "Bottlenecks", "Queries", "Plan diff"):
        assert name in nav, nav
    assert not re.search(r"[\u3400-\u9fff]", nav), nav
    assert not outside, f"requests left localhost: {outside}"


def test_choosing_updates_the_url(browser_page):
    page, outside, base = browser_page
    _open(page, base, "measures?measure=9")
    page.locator("[data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name=re.compile(r"^12\. ")).click()
    page.wait_for_function("() => location.search.includes('measure=12')")
    assert not outside, f"requests left localhost: {outside}"
