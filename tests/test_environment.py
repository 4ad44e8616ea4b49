"""One source of pinned versions; the settings students get; the commands the README promises."""

import json
import re

import yaml

from tools.notebooks import ROOT


def _pins(lines):
    return sorted(line.strip() for line in lines if line.strip() and not line.strip().startswith("#"))


def test_requirements_are_all_pinned():
    for line in _pins((ROOT / "requirements.txt").read_text().splitlines()):
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", line), line


def test_conda_route_installs_the_same_pins():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert _pins(pip_section) == _pins((ROOT / "requirements.txt").read_text().splitlines())
    assert "python=3.11" in env["dependencies"]


def test_students_are_never_asked_to_fetch_news():
    overrides = json.loads((ROOT / "jupyter" / "overrides.json").read_text())
    notification = overrides["@jupyterlab/apputils-extension:notification"]
    assert notification["fetchNews"] == "false" and notification["checkForUpdates"] is False
    assert "install_settings.py" in (ROOT / "Makefile").read_text()
    assert "install_settings.py" in (ROOT / "postBuild").read_text()


def test_lab_is_bound_to_loopback_with_a_token():
    recipe = (ROOT / "Makefile").read_text().split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert "--ip=127.0.0.1" in recipe
    assert "token" not in recipe.lower() and "password" not in recipe.lower()  # the default: token auth on


def test_readme_gives_the_two_commands_and_binder_link():
    readme = (ROOT / "README.md").read_text()
    assert "make lab" in readme and "make test" in readme
    assert "urlpath=lab/tree/notebooks/00_start_here.ipynb" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()
