"""Execute notebooks canonically and generate student exercises from the solution masters.

Canonical means: executed top to bottom on a fresh kernel, in the notebook's own
folder, with plotly storing figures as plotly JSON only; no PNG previews beside
plotly outputs, no timing metadata, and a fixed kernel description. Running it
twice gives the same file.
"""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from course.lessons import lessons

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("notebooks", "solutions", "exercises")
PLOTLY_JSON = "application/vnd.plotly.v1+json"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
MARKDOWN_PLACEHOLDER = "_Write your answer here._"
ASSIGNMENT = re.compile(r"^([A-Za-z_]\w*)\s*=(?!=)")


def lesson_paths(folder: str) -> list[Path]:
    """The notebooks of the ready lessons in ``lessons.toml``, in course order, in one of the three folders."""
    return [ROOT / folder / lesson.file for lesson in lessons() if lesson.ready]


def relative(path: Path) -> str:
    """A notebook's path from the course folder, e.g. 'solutions/02_custody_is_not_control.ipynb' (test ids, messages)."""
    return str(path.relative_to(ROOT))


def all_notebooks() -> list[Path]:
    """Every lesson notebook in the three folders."""
    return [path for folder in FOLDERS for path in lesson_paths(folder)]


def canonicalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what varies from run to run or machine to machine."""
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PLOTLY_JSON in data:
                data.pop("image/png", None)
                data.pop("text/html", None)
            output.get("metadata", {}).pop("image/png", None)
    return nb


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write ``nb`` as nbformat does (indented, sorted keys), except that each chart is one compact line.

    nbformat indents every nested list, so a map's outlines would take one line per number and several
    times their size. Any JSON reader (nbformat, JupyterLab, nbval) reads the file the same either way.
    """
    nbformat.validate(nb)
    nb = copy.deepcopy(nb)
    charts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PLOTLY_JSON in data:
                charts.append(json.dumps(data[PLOTLY_JSON], sort_keys=True, ensure_ascii=False, separators=(",", ":")))
                data[PLOTLY_JSON] = f"@@chart {len(charts) - 1}@@"
    text = nbformat.writes(nb)
    for index, chart in enumerate(charts):
        text = text.replace(f'"@@chart {index}@@"', chart, 1)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def execute(path: Path, timeout: int = 120) -> nbformat.NotebookNode:
    """Run the notebook at ``path`` on a fresh kernel and write it back canonically."""
    os.environ["PLOTLY_RENDERER"] = "plotly_mimetype"
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    canonicalise(nb)
    write(nb, path)
    return nb


def _strip_solution(source: str, markdown: bool) -> str:
    """Replace each BEGIN/END SOLUTION region with a placeholder."""
    out, region, inside = [], [], False
    for line in source.splitlines():
        stripped = line.strip()
        if stripped == BEGIN:
            inside, region = True, []
        elif stripped == END:
            inside = False
            if markdown:
                out.append(MARKDOWN_PLACEHOLDER)
            else:
                names = [m.group(1) for m in map(ASSIGNMENT.match, region) if m]
                out.extend(f"{name} = ..." for name in dict.fromkeys(names)) if names else out.append("...")
        elif inside:
            region.append(line)
        else:
            out.append(line)
    if inside:
        raise ValueError(f"{BEGIN} without {END}")
    return "\n".join(out)


LOCKED = {"editable": False, "deletable": False}  # check cells, as in Data 8: run them, do not change them


def exercise_from_solution(solution: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The student version: solution-only cells and question specifications dropped, answers replaced by
    placeholders, check cells locked, no outputs."""
    nb = nbformat.from_dict(solution)
    cells = []
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if "solution" in tags or "question" in tags:
            continue
        if "check" in tags:
            cell.metadata.update(LOCKED)
        if BEGIN in cell.source:
            cell.source = _strip_solution(cell.source, markdown=cell.cell_type == "markdown")
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
    nb.cells = cells
    return canonicalise(nb)


def make_exercises(execute_them: bool = True, names: list[str] | None = None) -> list[Path]:
    """Write exercises/NN_*.ipynb from solutions/NN_*.ipynb (and run them, so they show the unanswered state).

    ``names`` limits it to some lessons, by file name (e.g. ``["01_the_inheritance.ipynb"]``)."""
    written = []
    for path in lesson_paths("solutions"):
        if names and path.name not in {Path(n).name for n in names}:
            continue
        target = ROOT / "exercises" / path.name
        write(exercise_from_solution(nbformat.read(path, as_version=4)), target)
        if execute_them:
            execute(target)
        written.append(target)
    return written
