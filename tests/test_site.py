"""The static site and the slides (make site, make slides): built into a temporary folder, then opened from file://
in headless Chromium with the network cut.

Without a browser: the slide rules hold for every lesson, every internal link of every page resolves (to a file, and
to an element for a #fragment), the site keeps one copy of plotly.js and of reveal.js, and bad input stops the build
with a message. In the browser: every page and every chart slide is opened, every stored chart draws, nothing is
logged as an error, and no request leaves the machine (every request that is not file:// is recorded and refused).
Needs Debian's Chromium (or $CHROMIUM) and reveal.js (npm, or a copy in .cache/); without them those tests are
skipped, unless $REQUIRE_BROWSER is set (as .ci/run does). Set $SCREENSHOTS to a folder to keep a screenshot of the
course map, each lesson page's first chart and each deck's first chart slide.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest

from tools import site, slides
from chromium import CHROMIUM, CHROMIUM_ARGS, NO_CHROMIUM
from tools.notebooks import PLOTLY_JSON, lesson_paths, stored_charts

# Chromium starts with the shared arguments, and no --allow-file-access-from-files: as a reader opens the site.
PAGES = 2  # browser pages working side by side


def _missing(reason: str):
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(f"REQUIRE_BROWSER is set but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    try:
        slides.reveal_package()
    except site.SiteError as exc:
        _missing(f"reveal.js cannot be had: {exc}")
    start = time.perf_counter()
    site.build(out)
    print(f"site and slides built in {time.perf_counter() - start:.1f} s")
    return out


# ---------------------------------------------------------------- the slide rules
@pytest.mark.parametrize("path", lesson_paths("notebooks"), ids=lambda p: p.stem)
def test_slides_follow_the_teaching_rules(path):
    lesson = nbformat.read(path, as_version=4)
    cells = slides.deck(lesson).cells
    kinds = [c.metadata["slideshow"]["slide_type"] for c in cells]
    assert sorted(c.source for c in cells) == sorted(c.source for c in lesson.cells), "the deck lost or added a cell"
    assert kinds[0] == "slide" and kinds[-1] == "skip", "the title opens the deck; the closing navigation is left out"
    charts = 0
    for index, cell in enumerate(cells):
        if slides.is_heading(cell):
            assert kinds[index] == "slide", f"section {cell.source.splitlines()[0]!r} does not start a slide"
        if slides.is_chart(cell):
            charts += 1
            assert kinds[index] == "slide", f"chart cell {index} does not start a slide"
            assert slides.HIDE_INPUT in cell.metadata["tags"], f"chart cell {index} shows its code"
            follower = cells[index + 1]
            assert slides.is_notice(follower) and kinds[index + 1] == "-", \
                f"chart cell {index}: its 'What to notice' is not on its slide"
            rest = next((k for k in kinds[index + 2:] if k != "skip"), "slide")
            assert rest == "slide", f"chart cell {index}: something else shares its slide"
    assert charts == stored_charts(path)


def test_a_notice_after_a_table_moves_under_its_chart():
    chart = nbformat.v4.new_code_cell("fig", outputs=[nbformat.v4.new_output("display_data", {PLOTLY_JSON: {}})])
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# title", metadata={"tags": ["navigation"]}),
        nbformat.v4.new_markdown_cell("## 1. A section"), chart, nbformat.v4.new_markdown_cell("The same as a table:"),
        nbformat.v4.new_code_cell("table", outputs=[nbformat.v4.new_output("execute_result", {"text/plain": "t"})]),
        nbformat.v4.new_markdown_cell("**What to notice.** The chart."),
        nbformat.v4.new_markdown_cell("---", metadata={"tags": ["navigation"]})])
    cells = slides.deck(nb).cells
    assert [c.source for c in cells][2:6] == ["fig", "**What to notice.** The chart.", "The same as a table:", "table"]
    assert [c.metadata.slideshow.slide_type for c in cells] == ["slide", "slide", "slide", "-", "slide", "-", "skip"]


# ---------------------------------------------------------------- the built files
class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append(attrs[name])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_internal_link_resolves(built):
    pages = sorted(built.rglob("*.html"))
    expected = 1 + 3 * len(lesson_paths("notebooks")) + len(site.DOCUMENTS) + len(lesson_paths("notebooks"))
    assert len(pages) == expected, f"{len(pages)} pages, expected {expected}"
    parsed = {page: _parse(page) for page in pages}
    broken, checked = [], 0
    for page, found in parsed.items():
        for link in found.links:
            if link.startswith(("http://", "https://", "mailto:", "data:")):
                continue
            path, _, fragment = link.partition("#")
            target = (page.parent / unquote(path)).resolve() if path else page
            checked += 1
            if not target.is_file() or not target.is_relative_to(built):
                broken.append(f"{page.relative_to(built)}: {link}")
            elif fragment and target.suffix == ".html" and not {fragment, unquote(fragment)} & parsed[target].ids:
                broken.append(f"{page.relative_to(built)}: {link} (no element with that id)")
    assert broken == [], f"{len(broken)} of {checked} links do not resolve: {broken[:10]}"
    assert checked > 500


def test_one_copy_of_plotly_js_and_reveal_js(built):
    names = Counter(path.name for path in built.rglob("*.js"))
    assert names["plotly.min.js"] == 1 and names["reveal.js"] == 1, names
    banner = "plotly.js v"  # the first line of plotly.min.js
    assert not [p for p in built.rglob("*.html") if banner in p.read_text(encoding="utf-8")], "a page embeds plotly.js"


def test_every_stored_chart_is_kept_in_its_page(built):
    for path in lesson_paths("notebooks"):
        for page in (built / "notebooks" / f"{path.stem}.html", built / "slides" / f"{path.stem}.html"):
            text = page.read_text(encoding="utf-8")
            assert text.count('class="course-chart"') == stored_charts(path), page


def test_a_broken_link_stops_the_build_naming_the_page(tmp_path):
    with pytest.raises(site.SiteError, match=r"notebooks/x.ipynb: the link '../data/missing.csv' points to data/missing"):
        site.rewrite_links('<a href="../data/missing.csv">table</a>', "notebooks/x.ipynb", tmp_path)
    copied = site.rewrite_links('<a href="../data/events.csv">events</a>', "notebooks/x.ipynb", tmp_path)
    assert copied == '<a href="../data/events.csv">events</a>' and (tmp_path / "data" / "events.csv").is_file()


def test_a_chart_cannot_end_its_script_element():
    text = site.chart_html({"data": [{"name": "</script><script>alert(1)</script>"}], "layout": {}})
    assert text.count("</script>") == 1 and text.endswith("</script>")
    assert json.loads(text.split('"course-chart-data">')[1].removesuffix("</script>"))["data"][0]["name"].startswith("</script>")


# ---------------------------------------------------------------- in a browser, offline
# A chart counts as drawn when plotly has made its SVG and a trace; a map (MapLibre) when its map has loaded too.
IS_MAP = "plot => !!plot.querySelector('.maplibregl-canvas')"
MAP_LOADED = "plot => { const map = plot._fullLayout.map._subplot.map; return map.loaded() && map.isStyleLoaded(); }"
SHOWN = """(root) => [...root.querySelectorAll('.course-chart')].filter(plot => plot.querySelector('.main-svg')
    && plot.querySelector('.scatterlayer .trace, .barlayer .trace, .maplibregl-canvas, .sunburstlayer path, '
                          + '.heatmaplayer .hm, .imagelayer image, .pielayer .trace')"""
DRAWN = SHOWN + f"\n    && (!({IS_MAP})(plot) || ({MAP_LOADED})(plot))).length"
SHOWN += ").length"
MAP_GRACE = 4_000  # ms a shown map gets to load its outlines
MAPS = f"(root) => [...root.querySelectorAll('.course-chart')].filter({IS_MAP}).length"
CHART_SLIDES = """() => [...document.querySelectorAll('.slides > section')]
    .map((slide, index) => slide.querySelector('.course-chart') ? index : -1).filter(index => index >= 0)"""


async def _wait_until_drawn(page, root: str, expected: int) -> int:
    """How many charts under ``root`` draw: first every chart is shown, then its maps get a few seconds to load."""
    for check, timeout in ((SHOWN, 20_000), (DRAWN, MAP_GRACE)):
        try:
            await page.wait_for_function(f"({check})({root}) >= {expected}", polling="raf", timeout=timeout)
        except Exception:  # noqa: BLE001  (counted below)
            pass
    return await page.evaluate(f"({DRAWN})({root})")


async def _open(context, url: str, deck: bool, shot: Path | None) -> dict:
    start = time.perf_counter()
    page = await context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    await page.goto(url)
    expected = await page.evaluate("document.querySelectorAll('.course-chart').length")
    drawn = 0
    if deck:
        await page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=20_000)
        for number, index in enumerate(await page.evaluate(CHART_SLIDES)):
            await page.evaluate(f"Reveal.slide({index})")
            slide = f"document.querySelectorAll('.slides > section')[{index}]"
            drawn += await _wait_until_drawn(page, slide, 1)
            if shot and number == 0:
                await page.screenshot(path=shot)
    else:
        drawn = await _wait_until_drawn(page, "document", expected)
        if shot:
            first = page.locator(".course-chart").first
            if expected:
                await first.scroll_into_view_if_needed()
            await page.screenshot(path=shot)
    maps = await page.evaluate(f"({MAPS})(document)")
    await page.close()
    return {"maps": maps, "expected": expected, "drawn": drawn, "errors": errors, "seconds": time.perf_counter() - start}


@pytest.fixture(scope="module")
def opened(built):
    if not Path(CHROMIUM).exists():
        _missing(f"there is {NO_CHROMIUM}")
    from playwright.async_api import async_playwright

    shots = Path(os.environ["SCREENSHOTS"]) if os.environ.get("SCREENSHOTS") else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    pages = sorted(built.rglob("*.html"))
    left: list = []

    async def refuse_the_network(route):
        if route.request.url.startswith("file://"):
            await route.continue_()
        else:
            left.append(route.request.url)
            await route.abort()

    async def work(context, share):
        results = {}
        for path in share:
            name = path.relative_to(built).as_posix()
            shot = shots / (name.replace("/", "_").removesuffix(".html") + ".png") if shots else None
            results[name] = await _open(context, path.as_uri(), name.startswith("slides/"), shot)
        return results

    async def run():
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = await browser.new_context(viewport={"width": 1280, "height": 800})
            await context.route("**/*", refuse_the_network)
            shares = await asyncio.gather(*(work(context, pages[i::PAGES]) for i in range(PAGES)))
            await browser.close()
        return {name: result for share in shares for name, result in share.items()}

    start = time.perf_counter()
    results = run_result = asyncio.run(run())
    print(f"{len(results)} pages opened in {time.perf_counter() - start:.1f} s; slowest: "
          + ", ".join(f"{name} {r['seconds']:.1f} s" for name, r in sorted(results.items(), key=lambda x: -x[1]["seconds"])[:4]))
    return run_result, left


def test_every_chart_draws_offline(opened):
    """Every chart but the maps (the next test) draws, on every page and every slide."""
    results, _ = opened
    charts = sum(r["expected"] for r in results.values())
    assert charts == 2 * sum(stored_charts(path) for path in lesson_paths("notebooks")) + \
        sum(stored_charts(path) for folder in ("solutions", "exercises") for path in lesson_paths(folder))
    missing = {name: f"{r['drawn']}/{r['expected']}" for name, r in results.items()
               if r["drawn"] < r["expected"] - r["maps"]}
    assert missing == {}, f"charts not drawn: {missing}"


def test_maps_draw_from_file_urls(opened):
    """The maps too (MapLibre's worker needs charts.js's file:// adjustment: without it they stay blank)."""
    results, _ = opened
    assert sum(r["maps"] for r in results.values()) > 0
    assert {name: f"{r['drawn']}/{r['expected']}" for name, r in results.items() if r["drawn"] != r["expected"]} == {}


def test_no_page_logs_an_error(opened):
    results, _ = opened
    assert {name: r["errors"] for name, r in results.items() if r["errors"]} == {}


def test_no_request_leaves_the_machine(opened):
    _, left = opened
    assert left == [], f"requests that would have left the machine: {sorted(set(left))[:10]}"
