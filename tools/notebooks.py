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
from collections import Counter
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


def stored_charts(notebook: Path | nbformat.NotebookNode) -> int:
    """How many plotly charts a notebook (or the notebook at a path) stores in its outputs."""
    nb = notebook if isinstance(notebook, nbformat.NotebookNode) else nbformat.read(notebook, as_version=4)
    return sum(PLOTLY_JSON in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))


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


def _placeholders(region: list[str]) -> list[str]:
    """What a student sees instead of a code solution: ``name = ...`` for each name it assigns, else ``...``."""
    names = [m.group(1) for m in map(ASSIGNMENT.match, region) if m]
    return [f"{name} = ..." for name in dict.fromkeys(names)] or ["..."]


def _strip_solution(source: str, markdown: bool, keep: bool = False) -> str:
    """Replace each BEGIN/END SOLUTION region with a placeholder.

    With ``keep`` (nbgrader's source version), a code region stays, its placeholders put in front of it: nbgrader
    removes the region (``nbgrader_config.py`` sets its stub to nothing) and leaves what exercises/ has."""
    out, region, inside = [], [], False
    for line in source.splitlines():
        stripped = line.strip()
        if stripped == BEGIN:
            inside, region = True, [line]
        elif stripped == END:
            inside = False
            if markdown:
                out.extend(region + [line] if keep else [MARKDOWN_PLACEHOLDER])
            else:
                out.extend(_placeholders(region[1:]) + (region + [line] if keep else []))
        elif inside:
            region.append(line)
        else:
            out.append(line)
    if inside:
        raise ValueError(f"{BEGIN} without {END}")
    return "\n".join(out)


LOCKED = {"editable": False, "deletable": False}  # check cells, as in Data 8: run them, do not change them


def exercise_from_solution(solution: nbformat.NotebookNode, nbgrader: bool = False) -> nbformat.NotebookNode:
    """The student version: solution-only cells and question specifications dropped, answers replaced by
    placeholders, check cells locked, no outputs.

    With ``nbgrader``, nbgrader's source version of it instead: the same cells, each solution kept behind its
    placeholders, and every cell given nbgrader's metadata (``_mark_for_nbgrader``)."""
    nb = nbformat.from_dict(solution)
    cells, question, seen = [], "intro", Counter()
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if nbgrader and "question" in tags:  # its id names the cells after it
            found = QUESTION_ID.search(cell.source)
            if not found:
                raise ValueError(f"a question cell without an `id: QNN.N` line: {cell.source[:60]!r}")
            question = found.group(1)
        if "solution" in tags or "question" in tags:
            continue
        if "check" in tags:
            cell.metadata.update(LOCKED)
        if BEGIN in cell.source:
            cell.source = _strip_solution(cell.source, markdown=cell.cell_type == "markdown", keep=nbgrader)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        if nbgrader:
            _mark_for_nbgrader(cell, question, seen)
        cells.append(cell)
    nb.cells = cells
    return canonicalise(nb)


# nbgrader (https://nbgrader.readthedocs.io): each checked question is worth CHECK_POINTS, a written answer what its
# rubric says ("*Rubric (5 points ...*"). Grade ids may hold letters, digits, _ and - only, and are unique.
CHECK_POINTS = 1
QUESTION_ID = re.compile(r"^id:\s*(Q\d\d\.\d+)\s*$", re.M)
CHECK_CALL = re.compile(r'check\("(Q\d\d\.\d+)"')
RUBRIC_POINTS = re.compile(r"Rubric\b[^)\n]*?(\d+(?:\.\d+)?) points")


def _mark_for_nbgrader(cell: nbformat.NotebookNode, question: str, seen: Counter) -> None:
    """Give ``cell`` nbgrader's metadata: a check is a graded test cell (read-only), a cell with a solution region an
    answer (code: scored by the check after it; markdown: graded by hand), anything else read-only.

    ``question`` is the id of the last question specified above the cell: ids then survive edits elsewhere."""
    def grade_id(name: str) -> str:
        name = name.replace(".", "_")
        seen[name] += 1
        return name if seen[name] == 1 else f"{name}-{seen[name]}"

    meta = {"schema_version": 3, "grade": False, "solution": False, "locked": False, "task": False}
    if "check" in cell.metadata.get("tags", []):
        checked = CHECK_CALL.search(cell.source)
        if not checked:
            raise ValueError(f"a check cell that does not call check(\"QNN.N\", ...): {cell.source[:60]!r}")
        meta.update(grade_id=grade_id(checked.group(1)), grade=True, locked=True, points=CHECK_POINTS)
    elif BEGIN in cell.source and cell.cell_type == "markdown":
        points = RUBRIC_POINTS.search(cell.source)
        if not points:
            raise ValueError(f"a written answer without '*Rubric (N points...' to say what it is worth: "
                             f"{cell.source[:60]!r}")
        value = float(points.group(1))
        meta.update(grade_id=grade_id("reflection"), grade=True, solution=True,
                    points=int(value) if value.is_integer() else value)
    elif BEGIN in cell.source:
        meta.update(grade_id=grade_id(f"{question}-answer"), solution=True)
    else:
        meta.update(grade_id=grade_id(f"{question}-text"), locked=True)
    cell.metadata["nbgrader"] = meta


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


NBGRADER_SOURCE = ROOT / "nbgrader" / "source"  # nbgrader's course folder is nbgrader/ (nbgrader_config.py)


def make_nbgrader_sources(names: list[str] | None = None, source: Path = NBGRADER_SOURCE) -> list[Path]:
    """Write nbgrader's source assignments, ``source/NN_stem/NN_stem.ipynb``, from solutions/ (not executed).

    ``names`` limits it to some lessons, as for ``make_exercises``."""
    written = []
    for path in lesson_paths("solutions"):
        if names and path.name not in {Path(n).name for n in names}:
            continue
        target = source / path.stem / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        write(exercise_from_solution(nbformat.read(path, as_version=4), nbgrader=True), target)
        written.append(target)
    return written
