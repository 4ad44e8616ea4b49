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
