"""``make sync``: write everything that is generated from ``lessons.toml`` and the solution masters.

    python -m tools.sync           # write what is out of date, and say what was written
    python -m tools.sync --check   # only list what is out of date; exit 1 if anything is

From ``lessons.toml``: the README's course map, the instructor guide's index, and the title and
previous/next navigation cells (tagged ``navigation``) at the top and bottom of every lesson and solution
notebook. From the question specifications in ``solutions/`` (see ``tools.questions``): the option list
under each multiple-choice prompt, and ``course/questions/specs.json``, which ``course.check`` reads.
``exercises/`` is generated from ``solutions/`` by ``make exercises`` (``tools.notebooks``).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

from course.lessons import Lesson, home, lessons
from tools import questions
from tools.notebooks import LOCKED, ROOT, write

README = ROOT / "README.md"
GUIDE = ROOT / "docs" / "instructor_guide.md"
NAVIGATION = "navigation"


# ---------------------------------------------------------------- navigation cells
def _neighbour(lesson: Lesson, step: int, folder: str) -> str:
    listed = lessons()
    index = listed.index(lesson) + step
    if not 0 <= index < len(listed):
        return "none, this is the first lesson" if step < 0 else "none, this is the last lesson"
    other = listed[index]
    if not other.ready:
        return f"{other.label}, in preparation"
    return f"[{other.label}]({other.file})"


def navigation_line(lesson: Lesson, folder: str) -> str:
    course_map = "**Course map:** [README](../README.md#course-map) · **Glossary:** [terms](../docs/glossary.md)"
    moves = f"**Previous:** {_neighbour(lesson, -1, folder)} · **Next:** {_neighbour(lesson, 1, folder)}"
    if folder == "notebooks":
        return (f"{course_map} · {moves} · **Exercises:** [{lesson.number} exercises](../exercises/{lesson.file}) · "
                f"**Worked solutions:** [{lesson.number} solutions](../solutions/{lesson.file})")
    return f"**Lesson:** [{lesson.label}](../notebooks/{lesson.file}) · {course_map} · {moves}"


def header(lesson: Lesson, folder: str) -> str:
    if folder == "notebooks":
        return f"# {lesson.number} · {lesson.title}\n\n{navigation_line(lesson, folder)}\n\n**Time:** {lesson.time}."
    return f"# Exercises {lesson.number} · {lesson.title}\n\n{navigation_line(lesson, folder)}"


def footer(lesson: Lesson, folder: str) -> str:
    return f"---\n{navigation_line(lesson, folder)}"


def with_navigation(nb: nbformat.NotebookNode, lesson: Lesson, folder: str) -> nbformat.NotebookNode:
    """The notebook with its first and last cells (both tagged ``navigation``) written from lessons.toml."""
    cells = [c for c in nb.cells if NAVIGATION in c.metadata.get("tags", [])]
    if len(cells) != 2 or cells[0] is not nb.cells[0] or cells[1] is not nb.cells[-1]:
        raise ValueError(f"{folder}/{lesson.file}: the first and the last cell, and only they, must be tagged "
                         f"'{NAVIGATION}'")
    cells[0].source, cells[1].source = header(lesson, folder), footer(lesson, folder)
    return nb


# ---------------------------------------------------------------- objectives and the questions that assess them
OBJECTIVES = "objectives"


def objectives(lesson: Lesson) -> list[str]:
    """The numbered learning objectives of a lesson notebook, as written under "Learning objectives"."""
    text = "\n".join(c.source for c in nbformat.read(ROOT / "notebooks" / lesson.file, as_version=4).cells
                     if c.cell_type == "markdown")
    block = text.split("Learning objectives", 1)[1] if "Learning objectives" in text else ""
    items = re.findall(r"^\d+\. (.+(?:\n[ \t]+\S.*)*)", block.split("\n\n**", 1)[0], re.M)
    return [" ".join(item.split()) for item in items]  # an objective wrapped over indented lines is one objective


def objectives_table(lesson: Lesson, specs: list[dict]) -> str:
    """Which question assesses which objective: the table in each master (and so in the exercises)."""
    rows = ["| learning objective | practised by questions |", "|---|---|"]
    for number, objective in enumerate(objectives(lesson), start=1):
        ids = [f"{int(s['id'][1:3])}.{s['id'].split('.')[1]}" for s in specs if number in s["objective"]]
        rows.append(f"| {number}. {objective.rstrip(';.')} | {', '.join(ids) or '—'} |")
    return "\n".join(rows)


def with_objectives(nb: nbformat.NotebookNode, lesson: Lesson, where: str) -> nbformat.NotebookNode:
    cells = [c for c in nb.cells if OBJECTIVES in c.metadata.get("tags", [])]
    if len(cells) != 1:
        raise ValueError(f"{where}: one markdown cell must be tagged '{OBJECTIVES}' (make sync writes the table into it)")
    cells[0].source = objectives_table(lesson, [spec for _, spec in questions.specs_in(nb, where)])
    return nb


# ---------------------------------------------------------------- markdown blocks
def _replace_block(text: str, name: str, body: str, path: Path) -> str:
    pattern = re.compile(rf"(<!-- {name} -->\n).*?(<!-- /{name} -->)", re.S)
    if not pattern.search(text):
        raise ValueError(f"{path}: no <!-- {name} --> ... <!-- /{name} --> block to fill")
    return pattern.sub(lambda m: m.group(1) + body + m.group(2), text)


BINDER = "https://mybinder.org/v2/gh"


def binder_link(path: str) -> str:
    """A Binder launch link that opens ``path`` (relative to the course folder) in JupyterLab."""
    where = home()
    return f"{BINDER}/{where.github}/{where.branch}?urlpath=lab/tree/{path}"


def binder_badge() -> str:
    return f"[![launch binder](https://mybinder.org/badge_logo.svg)]({binder_link('notebooks/00_start_here.ipynb')})\n"


def course_map() -> str:
    rows = ["| lesson | title and topics | status | run online |", "|---|---|---|---|"]
    for lesson in lessons():
        title = f"[{lesson.title}](notebooks/{lesson.file})" if lesson.ready else lesson.title
        launch = f"[Binder]({binder_link(f'notebooks/{lesson.file}')})" if lesson.ready else ""
        rows.append(f"| {lesson.number} | {title}: {lesson.covers} | {lesson.status} | {launch} |")
    return "\n".join(rows) + "\n"


def anchor(heading: str) -> str:
    """The id GitHub (and JupyterLab) give a markdown heading: lower case, punctuation dropped, spaces as hyphens."""
    return "#" + re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def plan_heading(lesson: Lesson) -> str:
    """The instructor guide's heading for a lesson's session plan."""
    return f"Session plan: lesson {lesson.number}, {lesson.title}"


def guide_index() -> str:
    rows = ["| lesson | time for a student | session plan |", "|---|---|---|"]
    for lesson in lessons():
        if lesson.ready:
            rows.append(f"| {lesson.label} | {lesson.time} | [plan]({anchor(plan_heading(lesson))}) |")
        else:
            rows.append(f"| {lesson.label} | | planned |")
    return "\n".join(rows) + "\n"


# ---------------------------------------------------------------- the whole
def generated() -> dict[Path, str | nbformat.NotebookNode]:
    """Every generated file (or notebook) as it should be."""
    wanted: dict[Path, str | nbformat.NotebookNode] = {
        README: _replace_block(_replace_block(README.read_text(encoding="utf-8"), "course-map", course_map(), README),
                               "binder-badge", binder_badge(), README),
        GUIDE: _replace_block(GUIDE.read_text(encoding="utf-8"), "lessons", guide_index(), GUIDE),
    }
    for lesson in (lesson for lesson in lessons() if lesson.ready):
        for folder in ("notebooks", "solutions"):
            path = ROOT / folder / lesson.file
            nb = with_navigation(nbformat.read(path, as_version=4), lesson, folder)
            if folder == "solutions":
                nb = questions.with_option_lists(nb, str(path.relative_to(ROOT)))
                nb = with_objectives(nb, lesson, str(path.relative_to(ROOT)))
                for cell in nb.cells:
                    if "check" in cell.metadata.get("tags", []):
                        cell.metadata.update(LOCKED)
            wanted[path] = nb
    wanted[questions.SPECS] = questions.specs_json()
    return wanted


def _as_text(content, path: Path) -> str:
    if isinstance(content, str):
        return content
    scratch = path.with_suffix(".sync-tmp")
    try:
        write(content, scratch)
        return scratch.read_text(encoding="utf-8")
    finally:
        scratch.unlink(missing_ok=True)


def out_of_date() -> list[Path]:
    return [path for path, content in generated().items()
            if not path.exists() or path.read_text(encoding="utf-8") != _as_text(content, path)]


def sync() -> list[Path]:
    written = []
    for path, content in generated().items():
        text = _as_text(content, path)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="list what is out of date; write nothing")
    args = parser.parse_args()
    try:
        paths = out_of_date() if args.check else sync()
    except ValueError as problem:
        print(f"make sync: {problem}")
        return 1
    for path in paths:
        print(f"{'out of date' if args.check else 'wrote'}: {path.relative_to(ROOT)}")
    return 1 if args.check and paths else 0


if __name__ == "__main__":
    sys.exit(main())
