"""A real JupyterHub on this machine, used the way a class uses it: a student follows an nbgitpuller link.

The hub runs from PyPI's jupyterhub with its proxy from the npm registry (configurable-http-proxy, installed by
`make hub-tools` into .hub-tools/), a local-process spawner (each student's server is a `jupyterhub-singleuser` from
the course's own environment, in a home folder under tmp) and a test-only shared-password login. The course comes
from a bare git repository in tmp: the course folder's committed files (`git archive HEAD`) as one commit on branch
main, given to nbgitpuller as a file:// URL.

Headless Chromium then plays one student, ana: she follows the link `tools.links` makes for lesson 00, logs in,
her server starts, nbgitpuller clones the course into her home and JupyterLab opens the lesson under /user/ana/, where
a stored chart draws. She opens the lesson's exercises, runs them all (every check says ⏳), answers question 0.4,
runs it (✔) and saves. The course then changes upstream (the lesson's text, a prompt in her exercise notebook, and
the very answer cell she edited); she follows the link again, and nbgitpuller's merge keeps her answer while the
other changes arrive. Nothing is fetched from outside the machine. The seconds from link to drawn chart are printed.

Skipped with a one-line reason where Chromium, Node.js, the proxy or the hub's Python packages are missing, unless
$REQUIRE_HUB is set (as .ci/run does): then a missing piece is a failure. Set $SCREENSHOTS to a folder to keep
screenshots of the session.
"""

from __future__ import annotations

import asyncio
import importlib.util
import io
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest

from tools.links import lesson_links
from chromium import CHROMIUM, CHROMIUM_ARGS, NO_CHROMIUM, free_port
from tools.notebooks import BEGIN, END, ROOT, stored_charts, write

PROXY = Path(os.environ.get("CONFIGURABLE_HTTP_PROXY", ROOT / ".hub-tools" / "node_modules" / ".bin" /
                            "configurable-http-proxy"))
SINGLEUSER = Path(sys.executable).parent / "jupyterhub-singleuser"
STUDENT = "ana"
LESSON = "00_start_here.ipynb"
QUESTION = "q4"  # the exercise ana answers: a multiple-choice question in exercises/00_start_here.ipynb


def _missing() -> str | None:
    """Why the hub cannot run here, in one line, or None."""
    if not Path(CHROMIUM).exists():
        return NO_CHROMIUM
    if not shutil.which("node"):
        return "no Node.js (node) for the hub's proxy (install Debian's nodejs and npm)"
    if not PROXY.exists():
        return f"no configurable-http-proxy at {PROXY} (run `make hub-tools`, which needs npm)"
    for module in ("jupyterhub", "nbgitpuller"):
        if importlib.util.find_spec(module) is None:
            return f"no {module} in this Python (install the course's test extra: `make setup`)"
    if not SINGLEUSER.exists():
        return f"no {SINGLEUSER} (jupyterhub is not installed in this environment)"
    if not shutil.which("git") or not (ROOT / ".git").exists():
        return "no git, or the course folder is not a git clone (nbgitpuller pulls the course from git)"
    return None


if reason := _missing():
    if os.environ.get("REQUIRE_HUB"):
        raise RuntimeError(f"REQUIRE_HUB is set but there is {reason}")
    pytest.skip(reason, allow_module_level=True)

from test_browser import DRAWN, FRAMES, SETTLED  # noqa: E402  (only once Chromium is known to be there)

# Charts drawn in the notebook in front (test_browser's test of "drawn"), 0 until JupyterLab shows one.
DRAWN_HERE = f"""() => {{
    const widget = window.jupyterapp?.shell.currentWidget;
    return widget?.content?.model ? ({DRAWN})(widget.id) : 0;
}}"""
CURRENT_PATH = "() => window.jupyterapp.shell.currentWidget?.context?.path ?? null"
OPEN = """async (path) => {
    const widget = await window.jupyterapp.commands.execute('docmanager:open', {path, factory: 'Notebook'});
    await widget.context.ready;
    await widget.sessionContext.ready;
    window.jupyterapp.shell.activateById(widget.id);
    return widget.id;
}"""
# Run every cell of the current notebook, as the menu's Run > Run All Cells does, and wait until it has finished.
RUN_ALL = "async () => await window.jupyterapp.commands.execute('notebook:run-all-cells')"
# Put ana's answer in the answer cell (her typing), then run it and the check under it, as Shift+Enter twice does.
ANSWER = """async ([id, placeholder, answer]) => {
    const panel = [...window.jupyterapp.shell.widgets('main')].find(w => w.id === id);
    const cells = [...panel.content.model.cells];
    const index = cells.findIndex(cell => cell.sharedModel.getSource() === placeholder);
    if (index < 0) throw new Error('no answer cell ' + placeholder);
    cells[index].sharedModel.setSource(answer);
    panel.content.activeCellIndex = index;
    await window.jupyterapp.commands.execute('notebook:run-cell-and-select-next');
    await window.jupyterapp.commands.execute('notebook:run-cell-and-select-next');
    await window.jupyterapp.commands.execute('docmanager:save');
}"""
CHECK_LINES = """(id) => [...document.getElementById(id).querySelectorAll('.jp-OutputArea-output')]
    .map(o => o.innerText.trim()).filter(text => /^[✔✘⏳] Q/.test(text)).map(text => text.split('\\n')[0])"""


def _git(*args: str, cwd: Path | None = None) -> str:
    command = ["git", "-c", "user.name=Course team", "-c", "user.email=course@example.edu", *args]
    return subprocess.run(command, cwd=cwd, check=True, capture_output=True, text=True).stdout


def _answers(url: str, server: subprocess.Popen, seconds: float = 60) -> bool:
    """Whether ``url`` answers within ``seconds``, while ``server`` is still running."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            urllib.request.urlopen(url, timeout=1)
            return True
        except OSError:
            time.sleep(0.1)
    return False


@dataclass
class Hub:
    url: str
    password: str
    origin: Path
    team: Path
    home: Path
    log: Path


def _course_repositories(tmp: Path) -> tuple[Path, Path]:
    """The course's committed files as one commit on branch main, in a bare repository (what students pull from)
    and a clone of it with its own work tree (where the course team makes changes)."""
    team, origin = tmp / "course-team", tmp / "course.git"
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(team, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))  # Python 3.11.4+
    _git("init", "--quiet", "--initial-branch=main", cwd=team)
    _git("add", "--all", cwd=team)
    _git("commit", "--quiet", "-m", "The course", cwd=team)
    _git("clone", "--quiet", "--bare", str(team), str(origin))
    _git("remote", "add", "origin", str(origin), cwd=team)
    return origin, team


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """JupyterHub with its proxy on free loopback ports, and the course as a bare repository with branch main."""
    tmp = tmp_path_factory.mktemp("hub")
    origin, team = _course_repositories(tmp)

    port, password = free_port(), secrets.token_hex(8)
    settings = tmp / "lab-settings"  # render every cell (no windowing) and save only when asked
    for name, value in {"notebook-extension/tracker": {"windowingMode": "none"},
                        "docmanager-extension/plugin": {"autosave": False}}.items():
        path = settings / "@jupyterlab" / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))
    config = {
        "JupyterHub.bind_url": f"http://127.0.0.1:{port}",
        "JupyterHub.hub_bind_url": f"http://127.0.0.1:{free_port()}",
        "ConfigurableHTTPProxy.api_url": f"http://127.0.0.1:{free_port()}",
        "ConfigurableHTTPProxy.command": [str(PROXY)],
        "JupyterHub.db_url": f"sqlite:///{tmp / 'hub.sqlite'}",
        "JupyterHub.cookie_secret_file": str(tmp / "cookie_secret"),
        "JupyterHub.cleanup_servers": True,
        "JupyterHub.authenticator_class": "shared-password",
        "SharedPasswordAuthenticator.user_password": password,
        "Authenticator.allowed_users": [STUDENT],
        "JupyterHub.spawner_class": "jupyterhub.spawner.SimpleLocalProcessSpawner",
        "SimpleLocalProcessSpawner.home_dir_template": str(tmp / "home" / "{username}"),
        "Spawner.cmd": [str(SINGLEUSER)],
        "Spawner.args": ["--LabApp.expose_app_in_browser=True"] + (["--allow-root"] if os.geteuid() == 0 else []),
        "Spawner.default_url": "/lab",
        "Spawner.start_timeout": 90,
        "Spawner.http_timeout": 90,
        "Spawner.environment": {"PLOTLY_RENDERER": "plotly_mimetype", "JUPYTERLAB_SETTINGS_DIR": str(settings),
                                "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"),
                                "JUPYTER_RUNTIME_DIR": str(tmp / "runtime")},
    }
    (tmp / "jupyterhub_config.py").write_text("".join(f"c.{key} = {value!r}\n" for key, value in config.items()))
    log = tmp / "hub.log"
    with open(log, "w") as out:
        server = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(tmp / "jupyterhub_config.py")],
                                  cwd=tmp, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    if not _answers(f"{url}/hub/api", server):  # the hub's API through the proxy: both are up
        server.terminate()
        server.wait(timeout=30)
        pytest.fail("JupyterHub did not start: " + log.read_text()[-3000:])
    yield Hub(url, password, origin, team, tmp / "home" / STUDENT, log)
    server.terminate()  # the hub stops ana's server and the proxy on its way out (cleanup_servers)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
    for record in (tmp / "runtime").glob("jpserver-*.json"):  # a single-user server the hub failed to stop
        try:
            os.kill(json.loads(record.read_text())["pid"], signal.SIGTERM)
        except (OSError, ValueError, KeyError):
            pass


@dataclass
class Session:
    lesson_url: str = ""
    lesson_path: str | None = None
    expected_charts: int = 0
    seconds_to_chart: float | None = None
    seconds_to_all_charts: float | None = None
    charts_drawn: int = 0
    checks_before: list = field(default_factory=list)
    checks_after: list = field(default_factory=list)
    second_visit_path: str | None = None
    seconds_second_visit: float | None = None
    step: str = ""
    stages: dict = field(default_factory=dict)  # first visit: seconds to nbgitpuller's page, to JupyterLab
    foreign: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def _solution(question: str) -> tuple[str, str]:
    """The exercise's placeholder for a question and the solution's answer, e.g. ('q4 = ...', 'q4 = "B"')."""
    for cell in nbformat.read(ROOT / "solutions" / LESSON, as_version=4).cells:
        source = cell.source.strip()
        if source.startswith(BEGIN) and source.endswith(END) and f"\n{question} =" in f"\n{source}":
            answer = source.removeprefix(BEGIN).removesuffix(END).strip()
            return f"{question} = ...", answer
    raise LookupError(f"no solution for {question} in solutions/{LESSON}")


def _change_the_course(hub: Hub, placeholder: str) -> dict[str, str]:
    """The course team's next commit: new text in the lesson, in a prompt of the exercises, and in ana's answer cell."""
    work = hub.team
    changes = {"lesson": "A sentence the course team added after the class began.",
               "prompt": "(Reworded by the course team.)",
               "answer cell": f"{placeholder}  # one letter, in quotes"}
    lesson = work / "notebooks" / LESSON
    notebook = nbformat.read(lesson, as_version=4)
    notebook.cells.insert(2, nbformat.v4.new_markdown_cell(changes["lesson"], id="course-team-note"))
    write(notebook, lesson)
    exercises = work / "exercises" / LESSON
    text = exercises.read_text(encoding="utf-8")
    first_prompt = "**Question 0.1 (filtering on several conditions).**"
    assert first_prompt in text and json.dumps(placeholder) in text, "exercises/00 changed: update this test"
    text = text.replace(first_prompt, f"{first_prompt} {changes['prompt']}")
    text = text.replace(json.dumps(placeholder), json.dumps(changes["answer cell"]))
    exercises.write_text(text, encoding="utf-8")
    _git("commit", "--quiet", "-am", "Course team: an update during term", cwd=work)
    _git("push", "--quiet", "origin", "HEAD:main", cwd=work)
    return changes


async def _student(hub: Hub, link: str, shots: Path | None, session: Session) -> None:
    """Ana's session, recorded in ``session``; ``session.step`` says what she was doing if it fails."""
    from playwright.async_api import async_playwright

    session.expected_charts = stored_charts(ROOT / "notebooks" / LESSON)
    placeholder, answer = _solution(QUESTION)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = await (await browser.new_context(viewport={"width": 1280, "height": 900})).new_page()
        page.on("pageerror", lambda e: session.errors.append(str(e)))
        page.on("request", lambda r: session.foreign.append(r.url) if urlparse(r.url).scheme in
                {"http", "https", "ws", "wss"} and urlparse(r.url).netloc != urlparse(hub.url).netloc else None)

        arrivals: dict[str, float] = {}  # when the page first reached nbgitpuller's page, then JupyterLab

        def arrived(frame):
            path = urlparse(frame.url).path
            for stage in ("git-pull", "lab"):
                if frame == page.main_frame and path.startswith(f"/user/{STUDENT}/{stage}"):
                    arrivals.setdefault(stage, time.perf_counter())
        page.on("framenavigated", arrived)

        # 1. The link: log in, the server starts, nbgitpuller clones the course, the lesson opens and draws.
        session.step = "following the link to the hub's login page"
        start = time.perf_counter()
        await page.goto(link)
        if shots:
            await page.screenshot(path=shots / "hub_0_login.png")
        await page.fill("#username_input", STUDENT)
        await page.fill("#password_input", hub.password)
        await page.press("#password_input", "Enter")
        session.step = "waiting, after logging in, for the server, nbgitpuller's clone and JupyterLab at the lesson"
        await page.wait_for_url(f"**/user/{STUDENT}/lab/tree/**", timeout=120_000)
        await page.wait_for_function("window.jupyterapp !== undefined", timeout=60_000)
        session.step = "waiting for the lesson's first chart to draw"
        await page.wait_for_function(f"({DRAWN_HERE})() >= 1", polling="raf", timeout=60_000)
        session.seconds_to_chart = time.perf_counter() - start
        session.stages = {stage: when - start for stage, when in arrivals.items()}
        try:
            await page.wait_for_function(f"({DRAWN_HERE})() >= {session.expected_charts}", polling="raf",
                                         timeout=30_000)
        except Exception:  # noqa: BLE001  (reported by the test as charts not drawn)
            pass
        session.seconds_to_all_charts = time.perf_counter() - start
        session.charts_drawn = await page.evaluate(DRAWN_HERE)
        session.lesson_url, session.lesson_path = page.url, await page.evaluate(CURRENT_PATH)
        if shots:
            await page.screenshot(path=shots / "hub_1_lesson.png")
            chart = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .js-plotly-plot").first
            await chart.scroll_into_view_if_needed()
            await page.screenshot(path=shots / "hub_1_lesson_chart.png")

        # 2. The exercises: run them all, then answer one question and save.
        session.step = "opening the exercises and running all their cells"
        widget = await page.evaluate(OPEN, f"course/exercises/{LESSON}")
        await page.evaluate(RUN_ALL)
        session.checks_before = await page.evaluate(CHECK_LINES, widget)
        session.step = f"answering {QUESTION} with {answer!r} and waiting for its check to print ✔"
        await page.evaluate(ANSWER, [widget, placeholder, answer])
        await page.wait_for_function(f"({CHECK_LINES})({json.dumps(widget)}).some(l => l.startsWith('✔'))",
                                     timeout=30_000)
        session.checks_after = await page.evaluate(CHECK_LINES, widget)
        if shots:
            await page.locator(f"#{widget} .jp-Cell", has_text=answer).first.scroll_into_view_if_needed()
            await page.screenshot(path=shots / "hub_2_exercise_answered.png")
        await page.evaluate(SETTLED, widget)
        await page.evaluate(FRAMES)

        # 3. The course changes upstream; ana follows the same link again: nbgitpuller merges, the lesson opens.
        session.step = "committing the course team's change"
        await asyncio.to_thread(_change_the_course, hub, placeholder)
        session.step = "following the link again: waiting for nbgitpuller's merge and the lesson's chart"
        start = time.perf_counter()
        await page.goto(link)
        await page.wait_for_url(f"**/user/{STUDENT}/lab/tree/**", timeout=120_000)
        await page.wait_for_function("window.jupyterapp !== undefined", timeout=60_000)
        await page.wait_for_function(f"({DRAWN_HERE})() >= 1", polling="raf", timeout=60_000)
        session.seconds_second_visit = time.perf_counter() - start
        session.second_visit_path = await page.evaluate(CURRENT_PATH)
        if shots:
            await page.screenshot(path=shots / "hub_3_after_second_pull.png")
        await browser.close()


@pytest.fixture(scope="module")
def student(hub):
    shots = Path(os.environ["SCREENSHOTS"]) if os.environ.get("SCREENSHOTS") else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    session = Session()
    try:
        asyncio.run(_student(hub, lesson_links(hub.url, f"file://{hub.origin}")[0].url, shots, session))
    except Exception as problem:
        log = hub.log.read_text()[-4000:]
        pytest.fail(f"the student's session failed while {session.step}: {problem}\n--- hub log (end) ---\n{log}")
    return session


def test_a_link_opens_the_lesson_under_the_students_address_and_a_chart_draws(student, hub):
    stages = ", ".join(f"{stage} page at {seconds:.1f} s" for stage, seconds in student.stages.items())
    print(f"hub: link to first drawn chart {student.seconds_to_chart:.1f} s (log-in, server start and clone "
          f"included: {stages}); all {student.expected_charts} charts {student.seconds_to_all_charts:.1f} s; "
          f"second visit (pull and merge) to drawn chart {student.seconds_second_visit:.1f} s")
    assert urlparse(student.lesson_url).path == f"/user/{STUDENT}/lab/tree/course/notebooks/{LESSON}"
    assert student.lesson_path == f"course/notebooks/{LESSON}"
    assert (hub.home / "course" / ".git").is_dir(), "nbgitpuller did not clone the course into the student's home"
    assert student.charts_drawn == student.expected_charts > 0


def test_the_check_cells_run_on_the_hub(student):
    before = student.checks_before
    assert before and all(line.startswith("⏳") for line in before), before
    answered = [line for line in student.checks_after if not line.startswith("⏳")]
    assert len(student.checks_after) == len(student.checks_before), student.checks_after
    assert len(answered) == 1 and answered[0].startswith("✔ Q00.4 correct"), student.checks_after


def test_a_second_pull_keeps_the_students_answer_and_brings_the_course_changes(student, hub):
    clone = hub.home / "course"
    placeholder, answer = _solution(QUESTION)
    exercises = nbformat.read(clone / "exercises" / LESSON, as_version=4)  # still a valid notebook after the merge
    sources = [cell.source for cell in exercises.cells]
    assert answer in sources, "the student's answer was lost in the merge"
    assert not any(source.startswith(placeholder) for source in sources), "the course's edit of that cell won"
    assert any("(Reworded by the course team.)" in source for source in sources), "the course's new prompt is missing"
    lesson = nbformat.read(clone / "notebooks" / LESSON, as_version=4)
    assert any(cell.source == "A sentence the course team added after the class began." for cell in lesson.cells)
    assert _git("log", "-1", "--format=%s", cwd=clone).startswith("Merge"), "the second visit did not merge"
    assert student.second_visit_path == f"course/notebooks/{LESSON}"


def test_nothing_left_the_machine(student):
    assert student.foreign == [], f"requests left the machine: {student.foreign}"
    assert student.errors == [], f"page errors: {student.errors}"
