"""nbgrader, for real: the course's source assignments go through the real nbgrader CLI in a throwaway course folder.

`make nbgrader` writes nbgrader/source/ from solutions/ (tools/notebooks.py, the tool that writes exercises/);
`nbgrader generate_assignment` must then give the exercises' student version, and `nbgrader autograde` must score
each checked question: full marks for the solutions, nothing for an untouched notebook, one point lost for one wrong
answer, with the check's friendly line and no traceback in what the student gets back.

Without nbgrader the tests that need it are skipped, unless $REQUIRE_NBGRADER is set (as .ci/run does).
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import warnings
from pathlib import Path

import nbformat
import pytest

from course.checks import questions
from tools.notebooks import BEGIN, END, ROOT, exercise_from_solution, lesson_paths, make_nbgrader_sources

LESSONS = ["01_the_inheritance", "06_the_breach"]  # 06 has several regions in a cell, and an unchecked stretch part
WRONG = {"01_the_inheritance": ("Q01_3-answer", 'q3 = "A"')}  # Q01.3's answer is C: one wrong answer, one point lost


def _marks(cell):
    meta = cell.metadata["nbgrader"]
    return meta["grade_id"], meta["grade"], meta["solution"], meta["locked"], meta.get("points")


def test_the_source_version_gives_every_cell_its_nbgrader_role():
    master = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("**Question 1.** How many?"),
        nbformat.v4.new_raw_cell("id: Q01.1\nkind: number", metadata={"tags": ["question"]}),
        nbformat.v4.new_code_cell(f"# Q\n{BEGIN}\nanswer_1 = 6 * 130\n{END}", metadata={"tags": ["answer"]}),
        nbformat.v4.new_code_cell('check("Q01.1", answer_1)', metadata={"tags": ["check"]}),
        nbformat.v4.new_markdown_cell("Interpretation", metadata={"tags": ["solution"]}),
        nbformat.v4.new_markdown_cell(f"Why?\n{BEGIN}\nBecause.\n\n*Rubric (3 points in all).*\n{END}",
                                      metadata={"tags": ["reflection"]}),
    ])
    cells = exercise_from_solution(master, nbgrader=True).cells
    assert [_marks(c) for c in cells] == [
        ("intro-text", False, False, True, None),  # read-only
        ("Q01_1-answer", False, True, False, None),  # the answer, scored by the test cell after it
        ("Q01_1", True, False, True, 1),  # the check: a read-only test worth 1 point
        ("reflection", True, True, False, 3),  # graded by hand, worth what its rubric says
    ]
    assert cells[1].source == f"# Q\nanswer_1 = ...\n{BEGIN}\nanswer_1 = 6 * 130\n{END}"  # placeholder, then solution


def test_a_written_answer_must_say_what_it_is_worth():
    master = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell(f"Why?\n{BEGIN}\nBecause.\n{END}", metadata={"tags": ["reflection"]})])
    with pytest.raises(ValueError, match="Rubric"):
        exercise_from_solution(master, nbgrader=True)


@pytest.mark.parametrize("lesson", [p.stem for p in lesson_paths("solutions")])
def test_every_lesson_has_one_test_worth_a_point_per_question_and_a_reflection_worth_its_rubric(lesson):
    source = exercise_from_solution(nbformat.read(ROOT / "solutions" / f"{lesson}.ipynb", as_version=4), nbgrader=True)
    graded = [c.metadata.nbgrader for c in source.cells if c.metadata.nbgrader["grade"]]
    tests = [g for g in graded if not g["solution"]]
    assert sorted(t["grade_id"] for t in tests) == sorted(q.replace(".", "_") for q in questions()
                                                          if q.startswith(f"Q{lesson[:2]}."))
    assert all(t["points"] == 1 and t["locked"] for t in tests)
    assert [g["points"] >= 1 for g in graded if g["solution"]] == [True], "one reflection, scored by its rubric"


# ---------------------------------------------------------------- with the real nbgrader
try:
    from nbgrader.api import Gradebook
    from nbgrader.nbgraderformat import MetadataValidator
    from nbgrader.preprocessors import ClearSolutions
except ImportError:
    Gradebook = MetadataValidator = ClearSolutions = None


@pytest.fixture(scope="module")
def nbgrader():
    if Gradebook is None:
        reason = "nbgrader is not installed (it is in the test extra: make setup)"
        if os.environ.get("REQUIRE_NBGRADER"):
            raise RuntimeError(f"REQUIRE_NBGRADER is set but {reason}")
        pytest.skip(reason)


def _run(root: Path, *args: str, cwd: Path = ROOT) -> str:
    """One nbgrader command, run as an instructor would: from the course folder, so nbgrader_config.py applies (a
    student runs theirs from their own folder). Course folder and exchange are the test's own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NBGRADER", "COURSE_"))}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"  # nbgrader calls `alembic`
    where = [f"--CourseDirectory.root={root}", f"--Exchange.root={root / 'exchange'}"]
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args, *where],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def _submit(root: Path, lesson: str, student: str, nb: nbformat.NotebookNode) -> None:
    folder = root / "submitted" / student / lesson
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / f"{lesson}.ipynb")


def _answered(released: nbformat.NotebookNode, source: nbformat.NotebookNode, wrong: tuple = ()) -> nbformat.NotebookNode:
    """The released notebook with every answer cell filled in from the source version (the solutions), except
    ``wrong``: (grade id, what the student wrote instead)."""
    solutions = {c.metadata["nbgrader"]["grade_id"]: c.source for c in source.cells}
    nb = nbformat.from_dict(released)
    for cell in nb.cells:
        grade_id = cell.metadata["nbgrader"]["grade_id"]
        if cell.metadata["nbgrader"]["solution"]:
            cell.source = wrong[1] if wrong and grade_id == wrong[0] else solutions[grade_id]
    return nb


def _untouched(lesson: str) -> str:
    """Who submitted the lesson untouched: for the first lesson, whoever runs the tests, through the exchange."""
    import pwd  # nbgrader's exchange is for Unix only: it names students by their login

    return pwd.getpwuid(os.getuid()).pw_name if lesson == LESSONS[0] else "untouched"


def _through_the_exchange(root: Path, lesson: str) -> None:
    """Release the lesson, fetch and submit it untouched as a student would, and collect it (as the OS user)."""
    (root / "exchange").mkdir(mode=0o777)
    (root / "exchange").chmod(0o777)  # as a hub's exchange is: every user writes there
    student = root / "student_home"
    student.mkdir()
    _run(root, "release_assignment", lesson)
    _run(root, "fetch_assignment", lesson, "--course=giving-up-the-bomb", cwd=student)
    _run(root, "submit", lesson, "--course=giving-up-the-bomb", cwd=student)
    _run(root, "collect", lesson)


@pytest.fixture(scope="module")
def course(nbgrader, tmp_path_factory):
    """A course folder where two lessons were generated, submitted three ways, autograded, and fed back; the first
    lesson's untouched notebook went through the exchange (release, fetch, submit, collect)."""
    root = tmp_path_factory.mktemp("nbgrader_course")
    make_nbgrader_sources([f"{lesson}.ipynb" for lesson in LESSONS], source=root / "source")
    _run(root, "generate_assignment", "--assignment=*")  # each lesson: one nbgrader start for all is faster
    for lesson in LESSONS:
        released = nbformat.read(root / "release" / lesson / f"{lesson}.ipynb", as_version=4)
        source = nbformat.read(root / "source" / lesson / f"{lesson}.ipynb", as_version=4)
        if lesson == LESSONS[0]:
            _through_the_exchange(root, lesson)
        else:
            _submit(root, lesson, "untouched", released)
        _submit(root, lesson, "solved", _answered(released, source))
        if lesson in WRONG:
            _submit(root, lesson, "one_wrong", _answered(released, source, WRONG[lesson]))
    _run(root, "autograde", "--assignment=*")
    _run(root, "generate_feedback", LESSONS[0])
    _run(root, "export", f"--ExportPlugin.to={root / 'grades.csv'}")
    return root


def _scores(root: Path, lesson: str, student: str):
    """The submission's scored notebook from the gradebook: (code score, its maximum, points by grade id, manual?)."""
    with warnings.catch_warnings(), Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        warnings.simplefilter("ignore")  # SQLAlchemy's notes on nbgrader's own sessions
        nb = gradebook.find_submission_notebook(lesson, lesson, student)
        return nb.code_score, nb.max_code_score, {g.name: g.score for g in nb.grades}, nb.needs_manual_grade


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_student_version_is_the_exercise(course, lesson):
    released = nbformat.read(course / "release" / lesson / f"{lesson}.ipynb", as_version=4)
    exercise = nbformat.read(ROOT / "exercises" / f"{lesson}.ipynb", as_version=4)

    def text(cell):  # nbgrader leaves an empty line where it took a solution out
        return cell.cell_type, [line for line in cell.source.splitlines() if line.strip()]

    assert [text(c) for c in released.cells] == [text(c) for c in exercise.cells]
    assert BEGIN not in (course / "release" / lesson / f"{lesson}.ipynb").read_text(encoding="utf-8")


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_solutions_earn_every_point(course, lesson):
    score, most, points, manual = _scores(course, lesson, "solved")
    checks = sum('check("' in c.source for c in nbformat.read(ROOT / "solutions" / f"{lesson}.ipynb", as_version=4).cells)
    assert most == checks and score == most, points
    assert manual, "the reflection waits for the instructor's grade"


@pytest.mark.parametrize("lesson", LESSONS)
def test_an_untouched_notebook_earns_nothing(course, lesson):
    score, most, points, manual = _scores(course, lesson, _untouched(lesson))
    assert most > 0 and score == 0 and not any(points.values()), points
    assert not manual, "an unanswered reflection is scored 0 without the instructor"


def test_one_wrong_answer_loses_that_questions_point(course):
    lesson = LESSONS[0]
    score, most, points, _ = _scores(course, lesson, "one_wrong")
    assert score == most - 1 and points["Q01_3"] == 0, points


def test_the_student_sees_the_friendly_line_and_no_traceback(course):
    lesson = LESSONS[0]
    graded = nbformat.read(course / "autograded" / "one_wrong" / lesson / f"{lesson}.ipynb", as_version=4)
    (check,) = [c for c in graded.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "Q01_3"]
    (error,) = check.outputs
    assert len(error.traceback) == 1 and error.traceback[0].startswith("✘ Q01.3 not yet.")  # the check's own line
    for student in (_untouched(lesson), "one_wrong"):
        graded = nbformat.read(course / "autograded" / student / lesson / f"{lesson}.ipynb", as_version=4)
        for cell in graded.cells:
            for output in cell.get("outputs", []):
                assert output.output_type != "error" or len(output.traceback) == 1, (student, output.traceback)
    feedback = (course / "feedback" / "one_wrong" / lesson / f"{lesson}.html").read_text(encoding="utf-8")
    assert "✘ Q01.3 not yet." in feedback and "✔ Q01.4 correct." in feedback
    assert "Traceback (most recent call last)" not in feedback and "NoPoints" not in feedback  # (CSS names Tracebacks)


@pytest.mark.parametrize("lesson", [p.stem for p in lesson_paths("solutions")])
def test_every_lessons_source_version_is_valid_for_nbgrader(nbgrader, lesson, tmp_path):
    """Every lesson, not only the two graded below: nbgrader accepts the metadata and finds every solution region
    in a solution cell (the refusal this was built to end)."""
    (path,) = make_nbgrader_sources([f"{lesson}.ipynb"], source=tmp_path)
    nb = nbformat.read(path, as_version=4)
    MetadataValidator().validate_nb(nb)
    ClearSolutions().preprocess(nbformat.from_dict(nb), {})  # raises on a region outside a solution cell


def test_the_export_has_each_students_score(course):
    with open(course / "grades.csv", newline="", encoding="utf-8") as exported:
        rows = {(row["assignment"], row["student_id"]): row for row in csv.DictReader(exported)}
    checks = sum('check("' in c.source for c in nbformat.read(ROOT / "solutions" / f"{LESSONS[0]}.ipynb",
                                                              as_version=4).cells)
    scores = {student: float(rows[LESSONS[0], student]["score"]) for student in ("solved", "one_wrong")}
    assert scores == {"solved": checks, "one_wrong": checks - 1}  # the reflection waits for the instructor's grade
    assert float(rows[LESSONS[0], _untouched(LESSONS[0])]["score"]) == 0
    assert float(rows[LESSONS[1], "solved"]["max_score"]) > float(rows[LESSONS[1], "solved"]["score"]) > 0
