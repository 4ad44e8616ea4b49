"""Figures for closing notes: seconds to execute each notebook on a fresh kernel, beside the floor, and file size.

    python tools/measure.py

The floor is an empty notebook that only imports pandas and plotly.express, run the same way.
Notebooks are executed in memory; nothing is written.
"""

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.notebooks import FOLDERS, ROOT, lesson_paths  # noqa: E402


def seconds(nb: nbformat.NotebookNode, folder: Path) -> float:
    start = time.perf_counter()
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    return time.perf_counter() - start


os.environ["PLOTLY_RENDERER"] = "plotly_mimetype"
floor_nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import pandas, plotly.express")])
floor = min(seconds(floor_nb, ROOT) for _ in range(3))
print(f"{'notebook':40} {'seconds':>8} {'floor':>6} {'KB':>7}")
for folder in FOLDERS:
    for path in lesson_paths(folder):
        took = min(seconds(nbformat.read(path, as_version=4), path.parent) for _ in range(3))
        print(f"{str(path.relative_to(ROOT)):40} {took:8.2f} {floor:6.2f} {path.stat().st_size / 1024:7.0f}")
