"""A real browser: JupyterLab under a base URL, headless Chromium, every stored chart renders offline.

One JupyterLab server is served on loopback under /user/student/ (as Binder and JupyterHub serve it).
Two browser pages boot JupyterLab once each and share the notebooks between them; each notebook is
opened in the running app (a new tab in front of the last), without running any cell, and the test
waits on plotly's own state until every stored chart has been drawn (an SVG with its traces, or a map
canvas) and has settled: no fixed sleeps. A notebook passes when all its charts are drawn, with no
console error and no request to any host but the local server.
Needs Debian's Chromium (or $CHROMIUM); without it the test is skipped, unless $REQUIRE_BROWSER is set
(as .ci/run does). Set $SCREENSHOTS to a folder to keep a screenshot of each notebook and chart.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from chromium import CHROMIUM, CHROMIUM_ARGS, NO_CHROMIUM, free_port
from tools.notebooks import ROOT, all_notebooks, relative, stored_charts

BASE_URL = "/user/student/"
PAGES = 2  # JupyterLab pages working through the notebooks side by side

if not Path(CHROMIUM).exists():
    reason = NO_CHROMIUM
    if os.environ.get("REQUIRE_BROWSER"):
        raise RuntimeError(f"REQUIRE_BROWSER is set but there is {reason}")
    pytest.skip(reason, allow_module_level=True)


def _write_settings(folder: Path):
    """Throwaway user settings: render every cell (no windowing) and never save (no PNG previews)."""
    settings = {
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    }
    for name, value in settings.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))


# JupyterLab extensions that the test extra brings (nbgrader, and with it ipywidgets and notebook) but students'
# JupyterLab (requirements.txt) does not have. The widget manager errs in the console for a notebook open without a
# kernel ("Cannot read properties of null (reading 'kernel')"), as this test opens them.
NOT_STUDENTS = ["@jupyter/nbgrader", "@jupyter-widgets/jupyterlab-manager", "@jupyter-notebook/lab-extension"]


def _leave_out_instructor_tools(folder: Path):
    """Config that turns the extensions in NOT_STUDENTS and nbgrader's server extension off: test what students get."""
    (folder / "labconfig").mkdir(parents=True)
    disabled = {"disabledExtensions": {name: True for name in NOT_STUDENTS}}
    (folder / "labconfig" / "page_config.json").write_text(json.dumps(disabled))
    (folder / "jupyter_server_config.json").write_text(json.dumps({"ServerApp": {"jpserver_extensions": {"nbgrader": False}}}))


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    home = tmp_path_factory.mktemp("lab")
    _write_settings(home / "settings")
    _leave_out_instructor_tools(home / "config")
    port, token = free_port(), secrets.token_hex(16)
    command = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        f"--ServerApp.base_url={BASE_URL}", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={ROOT}", f"--LabApp.user_settings_dir={home / 'settings'}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",
        "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: open notebooks without reloading the page
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               JUPYTER_CONFIG_PATH=os.pathsep.join(filter(None, [str(home / "config"), os.environ.get("JUPYTER_CONFIG_PATH")])))
    log = open(home / "server.log", "w")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    root = f"http://127.0.0.1:{port}{BASE_URL}"
    for _ in range(240):
        try:
            urllib.request.urlopen(f"{root}api/status?token={token}", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        server.terminate()
        pytest.fail("JupyterLab did not start: " + (home / "server.log").read_text()[-2000:])
    yield root, token, port
    server.terminate()
    server.wait(timeout=20)


# A chart counts as drawn when plotly has made its SVG and at least one trace (points, bars, a map canvas...).
DRAWN = """(id) => [...document.getElementById(id).querySelectorAll('.js-plotly-plot')]
    .filter(plot => plot.querySelector('.main-svg')
        && plot.querySelector('.scatterlayer .trace, .barlayer .trace, .maplibregl-canvas, .sunburstlayer path, '
                              + '.heatmaplayer .hm, .imagelayer image, .pielayer .trace'))
    .length"""
# After drawing, plotly's JupyterLab renderer redraws and resizes each chart once more; closing a notebook before
# that has finished logs "Resize must be passed a displayed plot div element". Wait until no chart of the
# notebook has a redraw or resize pending for three animation frames in a row (plotly's own bookkeeping).
SETTLED = """(id) => new Promise(resolve => {
    let quiet = 0;
    const busy = () => [...document.getElementById(id).querySelectorAll('.js-plotly-plot')]
        .some(gd => (gd._promises || []).length || gd._resolveResize);
    const frame = () => { quiet = busy() ? 0 : quiet + 1; quiet >= 3 ? resolve() : requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
})"""
FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
# Opened without a kernel: the charts are stored outputs, and starting a kernel for each of ~30 notebooks on two cores
# trips jupyter_server's own races (a 500 on /api/kernels while one starts: jupyter-server/jupyter_server#1265).
NO_KERNELS = """() => {
    const factory = window.jupyterapp.docRegistry.getWidgetFactory('Notebook');
    if (!('_preferKernel' in factory)) throw new Error('JupyterLab changed: cannot open notebooks without a kernel');
    factory._preferKernel = false;
    factory.autoStartDefault = false;
}"""
OPEN = """async (path) => {
    const widget = await window.jupyterapp.commands.execute('docmanager:open', {path, factory: 'Notebook'});
    await widget.context.ready;
    await widget.revealed;
    return widget.id;
}"""


@dataclass
class Opened:
    expected: int
    drawn: int = 0
    seconds: float | None = None
    errors: list = field(default_factory=list)
    foreign: list = field(default_factory=list)


async def _work_through(browser, lab, paths: list[Path], results: dict, shots: Path | None):
    root, token, port = lab
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    errors, foreign = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: foreign.append(r.url) if urlparse(r.url).scheme in {"http", "https", "ws", "wss"}
            and urlparse(r.url).netloc != f"127.0.0.1:{port}" else None)
    await page.goto(f"{root}lab?reset&token={token}")
    await page.wait_for_function("window.jupyterapp !== undefined", timeout=60_000)
    await page.evaluate("window.jupyterapp.restored")
    await page.evaluate(NO_KERNELS)
    for path in paths:
        result = results[path] = Opened(expected=stored_charts(path))
        errors.clear(), foreign.clear()
        start = time.perf_counter()
        widget = await page.evaluate(OPEN, str(path.relative_to(ROOT)))
        try:
            await page.wait_for_function(f"({DRAWN})({json.dumps(widget)}) >= {result.expected}",
                                         polling="raf", timeout=30_000)
        except Exception:  # noqa: BLE001  (reported below as charts not drawn)
            pass
        result.seconds = time.perf_counter() - start
        result.drawn = await page.evaluate(DRAWN, widget)
        if shots:
            await _screenshots(page, widget, shots / f"{path.parent.name}_{path.stem}")
        # Left open (closing a notebook while its kernel starts logs errors of its own): the next one opens
        # in front of it, once this one's charts are settled, so what is logged until then is this one's.
        await page.evaluate(SETTLED, widget)
        await page.evaluate(FRAMES)
        result.errors, result.foreign = list(errors), list(foreign)
    await context.close()


async def _screenshots(page, widget: str, stem: Path):
    """The notebook as a reader first sees it, then each chart on its own (for people to look at)."""
    await page.screenshot(path=f"{stem}.png")
    charts = page.locator(f"#{widget} .js-plotly-plot")
    for index in range(await charts.count()):
        await charts.nth(index).scroll_into_view_if_needed()
        await charts.nth(index).screenshot(path=f"{stem}_chart{index + 1}.png")


async def _open_all(lab, paths: list[Path], shots: Path | None) -> dict[Path, Opened]:
    from playwright.async_api import async_playwright

    results: dict[Path, Opened] = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # Notebooks with charts first, dealt out in turn, so both pages have similar work.
        ordered = sorted(paths, key=stored_charts, reverse=True)
        await asyncio.gather(*(_work_through(browser, lab, ordered[i::PAGES], results, shots) for i in range(PAGES)))
        await browser.close()
    return results


@pytest.fixture(scope="module")
def opened(lab):
    shots = Path(os.environ["SCREENSHOTS"]) if os.environ.get("SCREENSHOTS") else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    return asyncio.run(_open_all(lab, all_notebooks(), shots))


def test_students_are_not_asked_to_fetch_news(lab):
    """The course's settings override (installed by make/postBuild) is what JupyterLab serves."""
    root, token, _ = lab
    url = f"{root}lab/api/settings/@jupyterlab/apputils-extension:notification?token={token}"
    defaults = json.load(urllib.request.urlopen(url, timeout=10))["schema"]["properties"]  # overrides change defaults
    assert defaults["fetchNews"]["default"] == "false" and defaults["checkForUpdates"]["default"] is False


@pytest.mark.parametrize("path", all_notebooks(), ids=relative)
def test_every_stored_chart_renders_offline_under_a_base_url(opened, path):
    result = opened[path]
    print(f"{path.relative_to(ROOT)}: {result.drawn}/{result.expected} charts drawn in {result.seconds:.1f} s")
    assert result.drawn == result.expected, f"{result.drawn} of {result.expected} charts drawn"
    assert result.foreign == [], f"requests left the machine: {result.foreign}"
    assert result.errors == [], f"console errors: {result.errors}"

