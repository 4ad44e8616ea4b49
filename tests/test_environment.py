"""Dependencies a maintainer can trust: bounded direct dependencies, complete locks that every route installs, the
settings students get, and the commands the README promises."""

import json
import re
import subprocess
import sys
import tomllib

import yaml
from packaging.requirements import Requirement

from tools import start
from tools.notebooks import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([\w.]+)(?: ; (.+?))?(?:\s+#.*)?$")
STUDENT_ONLY_NOT = {"pytest", "pytest-xdist", "nbval", "playwright", "frictionless"}


def _locked(path):
    """{(name, marker): version} for a lock file; every requirement line must be an exact pin."""
    locked = {}
    for line in (ROOT / path).read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        match = PIN.match(line.strip())
        assert match, f"{path}: not an exact pin: {line!r}"
        name, version, marker = match.groups()
        locked[(name.lower().replace("_", "-"), marker)] = version
    return locked


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_direct_dependencies_are_bounded_above_and_below():
    project = _pyproject()
    for spec in project["dependencies"] + project["optional-dependencies"]["test"]:
        requirement = Requirement(spec)
        operators = {s.operator for s in requirement.specifier}
        assert ">=" in operators and "<" in operators, f"{spec}: give a lower and an upper bound"


def test_the_locks_are_complete_and_satisfy_the_bounds():
    """Every package the course installs is pinned; the pins meet pyproject's bounds; the test lock pins the student
    environment's packages at the same versions, so the tests test what students run."""
    student, test = _locked("requirements.txt"), _locked("requirements-test.txt")
    assert all(test.get(key) == version for key, version in student.items()), "the test lock differs from the student lock"
    project = _pyproject()
    for lock, specs in [(student, project["dependencies"]), (test, project["optional-dependencies"]["test"])]:
        for spec in specs:
            requirement = Requirement(spec)
            versions = [v for (name, _), v in lock.items() if name == requirement.name.lower()]
            assert versions and all(requirement.specifier.contains(v) for v in versions), f"{spec}: locked {versions}"
    assert not {name for name, _ in student} & STUDENT_ONLY_NOT, "students need not install the test tools"


def test_this_environment_is_the_locked_one():
    """What `make test` installed is exactly the test lock (for this platform), and pip finds nothing broken."""
    installed = json.loads(subprocess.run([sys.executable, "-m", "pip", "list", "--format=json"],
                                          capture_output=True, text=True, check=True).stdout)
    versions = {p["name"].lower().replace("_", "-"): p["version"] for p in installed}
    from packaging.markers import Marker

    for (name, marker), version in _locked("requirements-test.txt").items():
        if marker is None or Marker(marker).evaluate():
            assert versions.get(name) == version, f"{name}: installed {versions.get(name)}, locked {version}"
    subprocess.run([sys.executable, "-m", "pip", "check"], check=True, capture_output=True)


def test_conda_and_binder_install_the_same_lock():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    conda, pip_section = [d for d in env["dependencies"] if isinstance(d, str)], \
        next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert sorted(conda) == ["pip", "python=3.11"], "conda provides Python and pip only; packages come from the lock"
    assert pip_section == ["-r requirements.txt"]
    build = (ROOT / "postBuild").read_text()
    assert "--no-deps -e ." in build and "tools.install_settings" in build


def test_students_are_never_asked_to_fetch_news():
    overrides = json.loads((ROOT / "jupyter" / "overrides.json").read_text())
    notification = overrides["@jupyterlab/apputils-extension:notification"]
    assert notification["fetchNews"] == "false" and notification["checkForUpdates"] is False
    assert "tools.install_settings" in (ROOT / "tools" / "start.py").read_text()


def test_lab_is_bound_to_loopback_with_a_token():
    command = start.lab_command()
    assert "--ip=127.0.0.1" in command
    assert not [part for part in command if "token" in part.lower() or "password" in part.lower()]  # token auth on


def test_readme_gives_the_two_commands_the_windows_route_and_binder():
    readme = (ROOT / "README.md").read_text()
    assert "make lab" in readme and "make test" in readme
    assert "python -m tools.start" in readme and "python3-venv" in readme
    assert "urlpath=lab/tree/notebooks/00_start_here.ipynb" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


BINDER_LINK = re.compile(r"\(https://mybinder\.org/v2/gh/([^)\s?]+)\?urlpath=lab/tree/([^)\s]+)\)")


def test_every_binder_link_opens_a_notebook_of_the_course_home():
    """One launch link per ready lesson in the README, each made from lessons.toml's [course] and naming a notebook."""
    from course.lessons import home, lessons

    links = BINDER_LINK.findall((ROOT / "README.md").read_text())
    assert links, "the README has no Binder links"
    for repo_and_branch, path in links:
        assert repo_and_branch == f"{home().github}/{home().branch}", f"a Binder link points elsewhere: {repo_and_branch}"
        assert (ROOT / path).is_file(), f"a Binder link opens {path}, which does not exist"
    opened = {path for _, path in links}
    assert {f"notebooks/{lesson.file}" for lesson in lessons() if lesson.ready} <= opened


def test_a_course_home_that_binder_cannot_use_is_refused():
    from course.lessons import Home

    assert Home("https://github.com/giving-up-the-bomb/course.git", "main").github == "giving-up-the-bomb/course"
    for wrong in ("https://gitlab.com/owner/name", "github.com/owner/name", "https://github.com/owner"):
        try:
            Home(wrong, "main").github
        except ValueError as error:
            assert "lessons.toml" in str(error)
        else:
            raise AssertionError(f"{wrong!r} was accepted")


def test_binder_fetches_nothing_when_a_session_starts():
    """repo2docker runs environment.yml and postBuild once, at build time; a `start` script would run at every launch."""
    assert not (ROOT / "start").exists(), "a start script runs at every Binder launch: keep set-up in postBuild"
    env_text, build = (ROOT / "environment.yml").read_text(), (ROOT / "postBuild").read_text()
    assert not re.search(r"git\+|https?://", env_text), "environment.yml must name packages, not fetch URLs"
    assert not re.search(r"\b(curl|wget|git clone)\b|https?://", build), "postBuild must not download anything"


def test_postbuild_runs_as_binder_runs_it(tmp_path):
    """Run postBuild from a copy of the repository in a fresh environment, as repo2docker does after environment.yml:
    the course package is installed from the copy and the settings override lands in that environment."""
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    copy = tmp_path / "repo"
    for name in files:
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            (copy / name).write_bytes((ROOT / name).read_bytes())
    env = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    path = f"{env / 'bin'}:/usr/bin:/bin"
    run = subprocess.run(["bash", "postBuild"], cwd=copy, capture_output=True, text=True,
                         env={"PATH": path, "HOME": str(tmp_path), "VIRTUAL_ENV": str(env)})
    assert run.returncode == 0, run.stdout[-1500:] + run.stderr[-1500:]
    where = subprocess.run([str(env / "bin" / "python"), "-c",
                            "import importlib.util; print(importlib.util.find_spec('course').origin)"],
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout.strip()
    assert where.startswith(str(copy)), where
    override = env / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / "giving-up-the-bomb.json"
    assert override.read_text() == (ROOT / "jupyter" / "overrides.json").read_text()
