"""A real browser: JupyterLab under a base URL, headless Chromium, every stored chart renders offline.

JupyterLab is served on loopback under /user/student/ (as Binder and JupyterHub
serve it). Each notebook is opened without running any cell; every stored plotly
output must render as a chart, with no console error and no request to any
host but the local server. Needs Debian's Chromium (or $CHROMIUM); without it
the test is skipped, unless $REQUIRE_BROWSER is set (as .ci/run does).
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest

from tools.notebooks import PLOTLY_JSON, ROOT, lesson_paths

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
BASE_URL = "/user/student/"
NOTEBOOKS = [p for folder in ("notebooks", "solutions", "exercises") for p in lesson_paths(folder)]
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

if not Path(CHROMIUM).exists():
    reason = f"no Chromium at {CHROMIUM} (install Debian's chromium, or set $CHROMIUM)"
    if os.environ.get("REQUIRE_BROWSER"):
        raise RuntimeError(f"REQUIRE_BROWSER is set but there is {reason}")
    pytest.skip(reason, allow_module_level=True)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    home = tmp_path_factory.mktemp("lab")
    _write_settings(home / "settings")
    port, token = _free_port(), secrets.token_hex(16)
    command = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        f"--ServerApp.base_url={BASE_URL}", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={ROOT}", f"--LabApp.user_settings_dir={home / 'settings'}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(home / "runtime"))
    log = open(home / "server.log", "w")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    root = f"http://127.0.0.1:{port}{BASE_URL}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{root}api/status?token={token}", timeout=1)
            break
        except OSError:
            time.sleep(0.25)
    else:
        server.terminate()
        pytest.fail("JupyterLab did not start: " + (home / "server.log").read_text()[-2000:])
    yield root, token, port
    server.terminate()
    server.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


# A chart counts as rendered when plotly has drawn its SVG and at least one trace (points, bars, a map canvas...).
RENDERED_CHARTS = """() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .js-plotly-plot')]
    .filter(plot => plot.querySelector('.main-svg')
        && plot.querySelector('.scatterlayer .trace, .barlayer .trace, .maplibregl-canvas, .sunburstlayer path, .heatmaplayer .hm, .imagelayer image, .pielayer .trace'))
    .length"""


def stored_charts(path: Path) -> int:
    return sum(PLOTLY_JSON in o.get("data", {}) for c in nbformat.read(path, as_version=4).cells for o in c.get("outputs", []))


def open_notebook(browser, lab, path: Path, screenshot: Path | None = None):
    """Open ``path`` in JupyterLab; return (charts rendered, seconds to the first chart, console errors, foreign requests)."""
    root, token, port = lab
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors, foreign = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: foreign.append(r.url)
            if urlparse(r.url).scheme in {"http", "https", "ws", "wss"} and urlparse(r.url).netloc != f"127.0.0.1:{port}" else None)
    expected = stored_charts(path)
    start = time.perf_counter()
    page.goto(f"{root}lab/tree/{path.relative_to(ROOT)}?reset&token={token}")  # reset: only this notebook open
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    first = None
    rendered = 0
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline:
        rendered = page.evaluate(RENDERED_CHARTS)
        if rendered and first is None:
            first = time.perf_counter() - start
        if rendered >= expected:
            break
        page.wait_for_timeout(200)
    if screenshot:  # the page, then each chart on its own (for people to look at)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(screenshot))
        charts = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .js-plotly-plot")
        for index in range(charts.count()):
            charts.nth(index).scroll_into_view_if_needed()
            page.wait_for_timeout(800)
            charts.nth(index).screenshot(path=str(screenshot.with_name(f"{screenshot.stem}_chart{index + 1}.png")))
    context.close()
    return rendered, first, errors, foreign


def test_students_are_not_asked_to_fetch_news(lab):
    """The course's settings override (installed by make/postBuild) is what JupyterLab serves."""
    root, token, _ = lab
    url = f"{root}lab/api/settings/@jupyterlab/apputils-extension:notification?token={token}"
    defaults = json.load(urllib.request.urlopen(url, timeout=10))["schema"]["properties"]  # overrides change defaults
    assert defaults["fetchNews"]["default"] == "false" and defaults["checkForUpdates"]["default"] is False


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_stored_chart_renders_offline_under_a_base_url(browser, lab, path):
    expected = stored_charts(path)
    shots = os.environ.get("SCREENSHOTS")  # a folder: save screenshots there to look at
    screenshot = Path(shots) / f"{path.parent.name}_{path.stem}.png" if shots else None
    rendered, first, errors, foreign = open_notebook(browser, lab, path, screenshot)
    print(f"{path.relative_to(ROOT)}: {rendered}/{expected} charts, first after {first if first is None else round(first, 1)} s")
    assert rendered == expected, f"{rendered} of {expected} charts rendered"
    assert foreign == [], f"requests left the machine: {foreign}"
    assert errors == [], f"console errors: {errors}"
