"""The speed and size figures the README quotes, measured in one run on this machine.

    python -m tools.measure            # every notebook: total and first-cell seconds, × floor, size
    python -m tools.measure --setup    # also: a fresh `make` set-up beside a bare pip install of the same lock
    python -m tools.measure --test     # also: `make test`, in seconds per notebook

The *floor* is what no lesson can beat: a fresh kernel that runs one cell, ``import pandas, plotly.express``.
Each notebook is executed in memory on a fresh kernel, as `make execute` and nbval do (the median of five runs);
nothing is written. The budgets (issue "Speed") are printed beside the figures, and the exit status is 1
when one is missed, so the figures in a closing note can be checked by anyone.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from tools.notebooks import ROOT, all_notebooks

TOTAL_BUDGET = 1.5  # × floor, a whole notebook on a fresh kernel
FIRST_CELL_BUDGET = 0.6  # × floor, a lesson's first code cell
SIZE_BUDGET_KB = 300
TEST_BUDGET = 5.5  # seconds of `make test` per notebook
SETUP_BUDGET = 1.3  # × a bare pip install of the same packages


def _cell_seconds(cell) -> float:
    timing = cell.metadata.get("execution", {})
    start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
    return (datetime.fromisoformat(end.rstrip("Z")) - datetime.fromisoformat(start.rstrip("Z"))).total_seconds()


def run(nb: nbformat.NotebookNode, folder: Path) -> tuple[float, float]:
    """(seconds for the whole notebook on a fresh kernel, seconds for its first code cell)."""
    start = time.perf_counter()
    NotebookClient(nb, timeout=120, kernel_name="python3", record_timing=True,
                   resources={"metadata": {"path": str(folder)}}).execute(stderr=subprocess.DEVNULL)
    total = time.perf_counter() - start
    first = next(c for c in nb.cells if c.cell_type == "code")
    return total, _cell_seconds(first)


def typical(path: Path | None, times: int = 5) -> tuple[float, float]:
    """The median of ``times`` fresh-kernel runs (a single lucky or unlucky run moves a median little)."""
    runs = []
    for _ in range(times):
        if path is None:
            nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import pandas, plotly.express")])
            runs.append(run(nb, ROOT))
        else:
            runs.append(run(nbformat.read(path, as_version=4), path.parent))
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def notebooks_table() -> bool:
    os.environ["PLOTLY_RENDERER"] = "plotly_mimetype"
    floor, _ = typical(None)
    print(f"floor (fresh kernel + `import pandas, plotly.express`): {floor:.2f} s\n")
    print(f"| notebook | total s | × floor | first cell s | × floor | KB |")
    print(f"|---|---|---|---|---|---|")
    ok = True
    for path in all_notebooks():
        total, first = typical(path)
        size = path.stat().st_size / 1024
        within = total <= TOTAL_BUDGET * floor and first <= FIRST_CELL_BUDGET * floor and size < SIZE_BUDGET_KB
        ok &= within
        print(f"| {path.relative_to(ROOT)} | {total:.2f} | {total / floor:.2f} | {first:.2f} | {first / floor:.2f} "
              f"| {size:.0f} |{'' if within else ' ✘ over budget'}")
    print(f"\nbudgets: total ≤ {TOTAL_BUDGET}× floor, first cell ≤ {FIRST_CELL_BUDGET}× floor, size < {SIZE_BUDGET_KB} KB")
    return ok


def _timed(command: list[str], cwd: Path, env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def setup_table() -> bool:
    """A fresh `make` set-up (in a clean clone of HEAD) beside `python -m venv` + `pip install` of the same
    requirements; each twice, alternating, best of two (so both find pip's cache equally warm)."""
    bare, setup = [], []
    with tempfile.TemporaryDirectory() as scratch:
        clone = Path(scratch) / "clone"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        for _ in range(2):
            shutil.rmtree(clone / ".venv", ignore_errors=True)
            shutil.rmtree(Path(scratch) / "bare", ignore_errors=True)
            venv = Path(scratch) / "bare"
            bare.append(_timed([sys.executable, "-m", "venv", str(venv)], clone)
                        + _timed([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "-r", "requirements.txt"],
                                 clone))
            setup.append(_timed(["make", "-s", ".venv/.installed", f"PYTHON={sys.executable}"], clone))
    print(f"\nbare venv + pip install of requirements.txt: {min(bare):.1f} s; fresh `make` set-up: {min(setup):.1f} s "
          f"({min(setup) / min(bare):.2f}×, budget {SETUP_BUDGET}×)")
    return min(setup) <= SETUP_BUDGET * min(bare)


def test_table() -> bool:
    count = len(all_notebooks())
    took = _timed(["make", "-s", "test"], ROOT)
    print(f"\n`make test` (set-up done): {took:.0f} s for {count} notebooks = {took / count:.1f} s a notebook "
          f"(budget {TEST_BUDGET} s)")
    return took / count <= TEST_BUDGET


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--setup", action="store_true", help="also time a fresh set-up against a bare pip install")
    parser.add_argument("--test", action="store_true", help="also time `make test`")
    args = parser.parse_args()
    ok = notebooks_table()
    if args.setup:
        ok &= setup_table()
    if args.test:
        ok &= test_table()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
