"""Set up the course's Python environment and open the course in JupyterLab: one command on any system.

    python -m tools.start            # set up .venv (first time, or when the locked versions changed), open JupyterLab
    python -m tools.start --setup    # set up only
    python -m tools.start --test     # set up only, with the test tools as well (what `make test` uses)

Run it from the course folder with Python 3.11 or newer (on Windows: ``py -3.11 -m tools.start``). It needs nothing
but the standard library: it creates ``.venv``, installs the exact versions in ``requirements.txt`` (with
``--test``, ``requirements-test.txt``), installs the course's helper package and its JupyterLab settings, then
starts JupyterLab on this computer only (127.0.0.1), protected by a token, opening lesson 00.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
FIRST_LESSON = "notebooks/00_start_here.ipynb"
STUDENT_LOCK, TEST_LOCK = ROOT / "requirements.txt", ROOT / "requirements-test.txt"


def _fingerprint(lock: Path) -> str:
    """What the set-up depends on: when any of these files changes, the environment is brought up to date."""
    digest = hashlib.sha256()
    for path in (lock, ROOT / "pyproject.toml", ROOT / "jupyter" / "overrides.json"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _run(*command: str | Path) -> None:
    subprocess.run([str(part) for part in command], cwd=ROOT, check=True)


def set_up(test: bool = False) -> None:
    """Create or update .venv from the lock, install the helper package (editable) and the JupyterLab settings."""
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed (pandas 3 requires it); this is {sys.version.split()[0]}. "
                 "Run it with a newer Python, e.g. `python3.11 -m tools.start` or, on Windows, `py -3.11 -m tools.start`.")
    lock = TEST_LOCK if test else STUDENT_LOCK
    stamp = VENV / (".installed-test" if test else ".installed")
    if stamp.exists() and stamp.read_text() == _fingerprint(lock):
        return
    if not PYTHON.exists():
        print(f"Creating {VENV.name} (a private Python environment for the course)…")
        try:
            venv.create(VENV, with_pip=True)
        except (OSError, subprocess.CalledProcessError) as problem:
            sys.exit(f"Could not create {VENV}: {problem}\nOn Debian or Ubuntu, install the venv module first: "
                     "sudo apt install python3-venv")
    print(f"Installing the course's pinned packages from {lock.name} (a minute or so the first time)…")
    _run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "-r", lock)
    _run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "-e", ".")
    _run(PYTHON, "-m", "tools.install_settings")
    stamp.write_text(_fingerprint(lock))


def lab_command() -> list[str]:
    """JupyterLab on this computer only, with token authentication (the default), opening lesson 00."""
    command = [str(PYTHON), "-m", "jupyter", "lab", "--ip=127.0.0.1", f"--LabApp.default_url=/lab/tree/{FIRST_LESSON}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # JupyterLab refuses to run as root unless told (containers, CI)
        command.append("--allow-root")
    return command


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--setup", action="store_true", help="set up the environment only; do not start JupyterLab")
    parser.add_argument("--test", action="store_true", help="set up the test tools as well (implies --setup)")
    args = parser.parse_args()
    set_up(test=args.test)
    if not (args.setup or args.test):
        print("Starting JupyterLab: it opens lesson 00 in your browser; the address with its token is printed below.")
        os.chdir(ROOT)
        subprocess.run(lab_command(), check=False)


if __name__ == "__main__":
    main()
