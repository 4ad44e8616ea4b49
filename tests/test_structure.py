"""Notebook structure: lesson anatomy, working links, well-formed tags, exercises in sync with solutions."""

import re
from pathlib import Path

import nbformat
import pytest

from course.checks import QUESTIONS
from tools.notebooks import BEGIN, END, ROOT, exercise_from_solution, lesson_paths

import course.questions  # noqa: F401

LESSONS = lesson_paths("notebooks")
ALL = [p for folder in ("notebooks", "solutions", "exercises") for p in lesson_paths(folder)]
KNOWN_TAGS = {"answer", "check", "reflection", "solution", "nbval-ignore-output", "nbval-skip"}
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def _markdown(path):
    return "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")


def _rel(path):
    return str(path.relative_to(ROOT))


def test_every_lesson_has_its_three_versions():
    names = {p.name for p in LESSONS}
    assert names, "no lessons found"
    assert {p.name for p in lesson_paths("solutions")} <= names
    assert {p.name for p in lesson_paths("exercises")} == {p.name for p in lesson_paths("solutions")}


@pytest.mark.parametrize("path", LESSONS, ids=_rel)
@pytest.mark.parametrize(
    "heading",
    ["Learning objectives", "Time", "Prerequisites", "Summary", "Key terms", "Sources for this lesson", "Discuss in seminar"],
)
def test_lesson_anatomy(path, heading):
    assert re.search(rf"^#+ .*{heading}|\*\*{heading}", _markdown(path), re.M), f"{path.name} lacks '{heading}'"


@pytest.mark.parametrize("path", LESSONS, ids=_rel)
def test_objectives_are_three_to_five(path):
    text = _markdown(path)
    block = text.split("Learning objectives", 1)[1].split("\n\n", 2)
    items = [line for line in "\n".join(block[:2]).splitlines() if re.match(r"\s*(\d+\.|-) ", line)]
    assert 3 <= len(items) <= 5, items


@pytest.mark.parametrize("path", ALL, ids=_rel)
def test_previous_next_navigation_and_links_resolve(path):
    text = _markdown(path)
    assert "Previous" in text and "Next" in text, "navigation line missing"
    targets = [t for t in LINK.findall(text) if not t.startswith(("http://", "https://", "mailto:"))]
    assert targets, "no local links"
    for target in targets:
        assert (path.parent / target).resolve().exists(), f"{path.name}: broken link {target}"


@pytest.mark.parametrize("path", ALL, ids=_rel)
def test_tags_are_well_formed(path):
    cells = nbformat.read(path, as_version=4).cells
    for index, cell in enumerate(cells):
        tags = set(cell.metadata.get("tags", []))
        assert tags <= KNOWN_TAGS, f"cell {index}: unknown tags {tags - KNOWN_TAGS}"
        if "answer" in tags:
            assert cell.cell_type == "code"
            follower = cells[index + 1]
            assert "check" in follower.metadata.get("tags", []), f"cell {index}: an answer cell must be followed by its check"
        if "check" in tags:
            match = re.search(r'check\("(Q\d\d\.\d+)"', cell.source)
            assert match and match.group(1) in QUESTIONS, f"cell {index}: check of an unknown question"
            assert match.group(1).startswith(f"Q{path.name[:2]}."), "question ids are numbered by lesson"
        if "reflection" in tags:
            assert cell.cell_type == "markdown"
        if path.parent.name == "notebooks":
            assert not tags & {"answer", "check", "reflection"}, "exercises live in solutions/ and exercises/"


@pytest.mark.parametrize("path", lesson_paths("solutions"), ids=_rel)
def test_solution_markers(path):
    cells = nbformat.read(path, as_version=4).cells
    for index, cell in enumerate(cells):
        tags = set(cell.metadata.get("tags", []))
        assert cell.source.count(BEGIN) == cell.source.count(END), f"cell {index}: unbalanced markers"
        if tags & {"answer", "reflection"}:
            assert BEGIN in cell.source, f"cell {index}: answer without a {BEGIN} region"
    reflections = [c for c in cells if "reflection" in c.metadata.get("tags", [])]
    assert reflections, "at least one reflection question"
    for cell in reflections:
        assert "Rubric" in cell.source or "rubric" in cell.source, "a reflection's model answer comes with a rubric"


@pytest.mark.parametrize("path", lesson_paths("solutions"), ids=_rel)
def test_exercises_are_in_sync_with_solutions(path):
    generated = exercise_from_solution(nbformat.read(path, as_version=4))
    committed = nbformat.read(ROOT / "exercises" / path.name, as_version=4)
    as_committed = [(c.cell_type, c.source, c.metadata.get("tags", [])) for c in committed.cells]
    as_generated = [(c.cell_type, c.source, c.metadata.get("tags", [])) for c in generated.cells]
    assert as_committed == as_generated, "run `make exercises` and commit the result"
    assert BEGIN not in Path(ROOT / "exercises" / path.name).read_text()


def test_exercise_generation_hides_answers():
    solution = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(f"# Q\n{BEGIN}\nanswer_1 = 6 * 130\nanswer_2 = answer_1 + 1\n{END}"),
        nbformat.v4.new_markdown_cell(f"Why?\n{BEGIN}\nBecause.\n{END}"),
        nbformat.v4.new_markdown_cell("Interpretation", metadata={"tags": ["solution"]}),
    ])
    cells = exercise_from_solution(solution).cells
    assert [c.source for c in cells] == ["# Q\nanswer_1 = ...\nanswer_2 = ...", "Why?\n_Write your answer here._"]


@pytest.mark.parametrize("doc", ["README.md", "data/README.md", "docs/instructor_guide.md", "docs/glossary.md"])
def test_links_in_docs_resolve(doc):
    path = ROOT / doc
    for target in LINK.findall(path.read_text(encoding="utf-8")):
        if not target.startswith(("http://", "https://", "mailto:")):
            assert (path.parent / target).resolve().exists(), f"{doc}: broken link {target}"


def test_course_map_links_every_lesson():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in LESSONS:
        assert f"](notebooks/{path.name})" in readme, f"README's course map does not link {path.name}"
