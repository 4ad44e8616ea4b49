"""Notebook structure: lesson anatomy, working links, well-formed tags, exercises in sync with solutions."""

import re
from pathlib import Path

import nbformat
import pytest

from course.checks import questions
from course.lessons import lessons
from tools import sync
from tools.notebooks import BEGIN, END, LOCKED, PLOTLY_JSON as PLOTLY, ROOT, all_notebooks, exercise_from_solution, lesson_paths, relative

QUESTIONS = questions()
LESSONS = lesson_paths("notebooks")
ALL = all_notebooks()
KNOWN_TAGS = {"answer", "check", "reflection", "solution", "question", "navigation", "essay-claims", "objectives",
              "nbval-ignore-output", "nbval-skip"}
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def _markdown(path):
    return "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")



def test_every_ready_lesson_has_its_three_versions_and_no_notebook_is_unlisted():
    """lessons.toml is the one list: each ready lesson exists in all three folders, and nothing else does."""
    assert LESSONS, "no ready lessons"
    for folder in ("notebooks", "solutions", "exercises"):
        on_disk = {p.name for p in (ROOT / folder).glob("*.ipynb")}
        assert on_disk == {p.name for p in lesson_paths(folder)}, f"{folder}/ differs from the ready lessons"


def test_question_modules_match_the_ready_lessons():
    """course.check imports lessonNN.py for each ready lesson: no module may be orphaned or unreachable."""
    modules = {p.stem[len("lesson"):] for p in (ROOT / "course" / "questions").glob("lesson[0-9][0-9].py")}
    ready = {lesson.number for lesson in lessons() if lesson.ready}
    assert modules <= ready, f"question modules for lessons that are not ready: {modules - ready}"
    assert {q[1:3] for q, spec in QUESTIONS.items() if spec.compute} <= modules


def test_everything_generated_is_up_to_date():
    """README course map, guide index, navigation cells, option lists and specs.json match their sources."""
    stale = [str(p.relative_to(ROOT)) for p in sync.out_of_date()]
    assert stale == [], f"run `make sync`: {stale}"


@pytest.mark.parametrize("path", ALL, ids=relative)
def test_navigation_cells_open_and_close_every_notebook(path):
    cells = nbformat.read(path, as_version=4).cells
    tagged = [i for i, c in enumerate(cells) if "navigation" in c.metadata.get("tags", [])]
    assert tagged == [0, len(cells) - 1]
    assert cells[0].source.startswith("# ") and "**Previous:**" in cells[-1].source


@pytest.mark.parametrize("path", LESSONS, ids=relative)
@pytest.mark.parametrize(
    "heading",
    ["Learning objectives", "Time", "Prerequisites", "Verdict so far", "Summary", "Key terms", "Sources for this lesson",
     "Discuss in seminar"],
)
def test_lesson_anatomy(path, heading):
    assert re.search(rf"^#+ .*{heading}|\*\*{heading}", _markdown(path), re.M), f"{path.name} lacks '{heading}'"


@pytest.mark.parametrize("path", LESSONS, ids=relative)
def test_the_essay_claims_box_names_the_claims_the_lesson_tests(path):
    """A box tagged essay-claims follows the objectives and names exactly the claims essay_claims.csv says this
    lesson tests ("claim 1", "claims 2 and 4"...); lesson 00 introduces them all and tests none."""
    from course import load

    cells = nbformat.read(path, as_version=4).cells
    boxes = [i for i, c in enumerate(cells) if "essay-claims" in c.metadata.get("tags", [])]
    assert len(boxes) == 1, "one markdown cell tagged essay-claims"
    objectives = next(i for i, c in enumerate(cells) if "Learning objectives" in c.source)
    assert boxes[0] == objectives + 1, "the essay-claims box comes right after the objectives"
    lesson = path.name[:2]
    claims = load("essay_claims")
    tested = {int(c) for c, lessons_ in zip(claims["claim_id"], claims["tested_in"]) if lesson in lessons_.split(";")}
    text = cells[boxes[0]].source
    named = {int(n) for group in re.findall(r"[Cc]laims? ((?:\d+(?:, | and | or |–))*\d+)", text)
             for n in re.findall(r"\d+", group)}
    assert named == tested, f"the box names claims {sorted(named)}; essay_claims.csv says {sorted(tested)}"


@pytest.mark.parametrize("path", LESSONS, ids=relative)
def test_objectives_are_three_to_five(path):
    text = _markdown(path)
    block = text.split("Learning objectives", 1)[1].split("\n\n", 2)
    items = [line for line in "\n".join(block[:2]).splitlines() if re.match(r"\s*(\d+\.|-) ", line)]
    assert 3 <= len(items) <= 5, items


@pytest.mark.parametrize("path", ALL, ids=relative)
def test_previous_next_navigation_and_links_resolve(path):
    text = _markdown(path)
    assert "Previous" in text and "Next" in text, "navigation line missing"
    targets = [t for t in LINK.findall(text) if not t.startswith(("http://", "https://", "mailto:"))]
    assert targets, "no local links"
    for target in targets:
        assert (path.parent / target).resolve().exists(), f"{path.name}: broken link {target}"


@pytest.mark.parametrize("path", ALL, ids=relative)
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
            assert all(cell.metadata.get(k) is v for k, v in LOCKED.items()), f"cell {index}: check cells are locked"
            match = re.search(r'check\("(Q\d\d\.\d+)"', cell.source)
            assert match and match.group(1) in QUESTIONS, f"cell {index}: check of an unknown question"
            assert match.group(1).startswith(f"Q{path.name[:2]}."), "question ids are numbered by lesson"
        if "reflection" in tags:
            assert cell.cell_type == "markdown"
        if "question" in tags:
            assert path.parent.name == "solutions" and cell.cell_type == "raw", f"cell {index}: specs live in masters"
        if path.parent.name == "notebooks":
            assert not tags & {"answer", "check", "reflection"}, "exercises live in solutions/ and exercises/"


@pytest.mark.parametrize("path", lesson_paths("solutions"), ids=relative)
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


@pytest.mark.parametrize("path", lesson_paths("solutions"), ids=relative)
def test_exercises_are_in_sync_with_solutions(path):
    generated = exercise_from_solution(nbformat.read(path, as_version=4))
    committed = nbformat.read(ROOT / "exercises" / path.name, as_version=4)
    as_committed = [(c.cell_type, c.source, c.metadata.get("tags", [])) for c in committed.cells]
    as_generated = [(c.cell_type, c.source, c.metadata.get("tags", [])) for c in generated.cells]
    assert as_committed == as_generated, "run `make exercises` and commit the result"
    assert BEGIN not in Path(ROOT / "exercises" / path.name).read_text()


def test_exercise_generation_hides_answers_drops_specs_and_locks_checks():
    solution = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("**Question 1.** How many?"),
        nbformat.v4.new_raw_cell("id: Q01.1\nkind: number", metadata={"tags": ["question"]}),
        nbformat.v4.new_code_cell(f"# Q\n{BEGIN}\nanswer_1 = 6 * 130\nanswer_2 = answer_1 + 1\n{END}"),
        nbformat.v4.new_code_cell('check("Q01.1", answer_1)', metadata={"tags": ["check"]}),
        nbformat.v4.new_markdown_cell(f"Why?\n{BEGIN}\nBecause.\n{END}"),
        nbformat.v4.new_markdown_cell("Interpretation", metadata={"tags": ["solution"]}),
    ])
    cells = exercise_from_solution(solution).cells
    assert [c.source for c in cells] == ["**Question 1.** How many?", "# Q\nanswer_1 = ...\nanswer_2 = ...",
                                         'check("Q01.1", answer_1)', "Why?\n_Write your answer here._"]
    assert cells[2].metadata["editable"] is False and cells[2].metadata["deletable"] is False


def test_option_lists_are_written_from_the_specification():
    from tools.questions import with_option_lists

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("**Question 2.** Which?\n\n- A. an old wording\n- B. another"),
        nbformat.v4.new_raw_cell("id: Q02.1\nkind: choice\nobjective: 1\nlookup: false\nchoices: {A: first, B: second}\n"
                                 "answer: A\nhint: h\npraise: p", metadata={"tags": ["question"]}),
    ])
    assert with_option_lists(nb).cells[0].source == "**Question 2.** Which?\n\n- A. first\n- B. second"


@pytest.mark.parametrize("broken, complaint", [
    ("id: Q2.1\nkind: number\nobjective: 1\nlookup: false\nhint: h\npraise: p", "not like Q02.5"),
    ("id: Q02.1\nkind: guess\nobjective: 1\nlookup: false\nhint: h\npraise: p", "kind"),
    ("id: Q02.1\nkind: number\nlookup: false\nhint: h\npraise: p", "missing ['objective']"),
    ("id: Q02.1\nkind: choice\nobjective: 1\nlookup: false\nchoices: {B: x, A: y}\nhint: h\npraise: p", "lettered"),
    ("id: Q02.1\nkind: choice\nobjective: 1\nlookup: no\nchoices: {A: x, B: y}\nanswer: C\nhint: h\npraise: p",
     "not one of its choices"),
    ("id: Q02.1\nkind: choice\nobjective: 1\nlookup: false\nchoices: {A: yes, B: no}\nhint: h\npraise: p", "text"),
    ("id: Q02.1\nkind: table\nobjective: 1\nlookup: false\nkey: a\ncolumns: [b]\nhint: h\npraise: p", "key"),
    ("id: Q02.1\nkind: number\nobjective: 1\nlookup: false\nhint: [h\npraise: p", "not valid YAML"),
    ("id: Q02.1\nkind: table\nobjective: 1\nlookup: false\nkey: a\ncolumns: [a, b]\naccepts: {1: {b: [x]}}\nhint: h\n"
     "praise: p", "unknown ['accepts']"),
    ("id: Q02.1\nkind: number\nobjective: 1\nlookup: false\naccept: {1: {b: [x]}}\nhint: h\npraise: p",
     "only table questions have accept or codes"),
    ("id: Q02.1\nkind: table\nobjective: 1\nlookup: false\nkey: a\ncolumns: [a, b]\naccept: {1: {a: [x]}}\nhint: h\n"
     "praise: p", "accept names 'a', which is not one of its value columns"),
    ("id: Q02.1\nkind: table\nobjective: 1\nlookup: false\nkey: a\ncolumns: [a, b]\naccept: {1: {b: x}}\nhint: h\n"
     "praise: p", "must be a list of values"),
    ("id: Q02.1\nkind: table\nobjective: 1\nlookup: false\nkey: a\ncolumns: [a, b]\ncodes: {b: [x, no]}\nhint: h\n"
     "praise: p", "quote words YAML reads otherwise"),
    ("id: Q02.1\nkind: table\nobjective: 1\nlookup: false\nkey: a\ncolumns: [a, b]\ncodes: {c: [x]}\nhint: h\n"
     "praise: p", "codes names 'c'"),
    ("id: Q02.1\nkind: table\nobjective: 1\nlookup: false\nkey: a\ncolumns: [a, b]\ncodes: {b: [x, null]}\n"
     "accept: {1: {b: [y]}}\nhint: h\npraise: p", "not among the codes of 'b'"),
    ("id: Q02.1\nkind: choice\nobjective: 1\nlookup: false\nchoices: {A: x, B: y}\nanswer: A\nfeedback: {C: z}\n"
     "hint: h\npraise: p", "feedback is given for letters that are not choices"),
    ("id: Q02.1\nkind: choice\nobjective: 1\nlookup: false\nchoices: {A: x, B: y}\nanswer: A\nfeedback: {A: z}\n"
     "hint: h\npraise: p", "feedback is for wrong letters"),
    ("id: Q02.1\nkind: number\nobjective: 1\nlookup: false\nfeedback: {A: z}\nhint: h\npraise: p",
     "only choice and table questions feedback"),
    ("id: Q02.1\nkind: table\nobjective: 1\nlookup: false\nkey: a\ncolumns: [a, b]\nfeedback: {1: [z]}\nhint: h\n"
     "praise: p", "a table's feedback maps a key value to the line said for that row"),
])
def test_malformed_specifications_are_refused_with_a_reason(broken, complaint):
    from tools.questions import SpecError, parse

    with pytest.raises(SpecError, match=re.escape(complaint)):
        parse(broken, "solutions/02_x.ipynb")


def test_accept_codes_and_feedback_are_read_and_accept_keys_become_text():
    """Review 11: `accept`, `codes` (table questions) and `feedback` (choice questions) are spec keys; JSON keys are
    text, so accept's key values are written as text (the check matches 4 and "4" alike)."""
    from tools.questions import dump, parse

    table = parse("id: Q02.1\nkind: table\nobjective: 1\nlookup: false\nkey: a\ncolumns: [a, b]\n"
                  "accept: {4: {b: [x, null]}}\ncodes: {b: [x, y, null]}\nhint: h\npraise: p", "solutions/02_x.ipynb")
    assert table["accept"] == {"4": {"b": ["x", None]}} and table["codes"] == {"b": ["x", "y", None]}
    choice = parse("id: Q02.2\nkind: choice\nobjective: 1\nlookup: false\nchoices: {A: x, B: y}\nanswer: A\n"
                   "feedback: {B: not y}\nhint: h\npraise: p", "solutions/02_x.ipynb")
    assert choice["feedback"] == {"B": "not y"}
    assert "accept:" in dump(table) and "codes:" in dump(table) and "feedback:" in dump(choice)


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


# ---------------------------------------------------------------- readable code cells
def _names(source):
    """(names a cell assigns, imports or defines; names it reads) — by parsing it, not running it."""
    import ast

    tree = ast.parse(source)
    stored, loaded = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (stored if isinstance(node.ctx, ast.Store) else loaded).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            stored.add(node.name)
            stored |= {a.arg for a in node.args.args + node.args.kwonlyargs} if isinstance(node, ast.FunctionDef) else set()
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            stored |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, ast.Lambda):
            stored |= {a.arg for a in node.args.args}
        elif isinstance(node, ast.arg):
            stored.add(node.arg)
    return stored, loaded


@pytest.mark.parametrize("path", LESSONS, ids=relative)
def test_each_section_defines_what_it_uses(path):
    """A name is used only in the section that defines it, or comes from the setup cell (the first code cell, which
    imports and loads). The sources section at the end gathers the lesson's tables on purpose."""
    import builtins

    section, defined, setup = "setup", {}, None
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown" and cell.source.startswith("## "):
            section = cell.source.splitlines()[0]
        if cell.cell_type != "code":
            continue
        stored, loaded = _names(cell.source)
        if setup is None:
            setup = stored
        elif not section.startswith("## Sources"):
            elsewhere = {name for name in loaded - stored - setup - set(dir(builtins))
                         if defined.get(name, section) != section}
            assert not elsewhere, f"{section!r} uses {sorted(elsewhere)} from an earlier section: define them again"
        defined.update(dict.fromkeys(stored, section))


@pytest.mark.parametrize("path", ALL, ids=relative)
def test_chart_cells_are_short_and_do_not_copy_the_package(path):
    """No cell that draws a chart runs over 30 lines; no notebook defines a function the package already has."""
    import importlib

    package = set()
    for module in ["course.charts", "course.text", "course.data", "course.checks"] + \
                  [f"course.questions.lesson{n}" for n in {p.name[:2] for p in LESSONS}]:
        package |= {name for name, value in vars(importlib.import_module(module)).items() if callable(value)}
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        draws = any(PLOTLY in output.get("data", {}) for output in cell.get("outputs", []))
        if draws:
            assert len(cell.source.splitlines()) <= 30, f"a chart cell of {len(cell.source.splitlines())} lines"
        functions = set(re.findall(r"^def (\w+)\(", cell.source, re.M))
        assert not functions & package, f"defined in the notebook and in the package: {functions & package}"


def test_the_instructor_guide_has_a_session_plan_for_every_ready_lesson():
    guide = (ROOT / "docs" / "instructor_guide.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", guide, re.M)
    for lesson in lessons():
        if lesson.ready:
            assert sync.plan_heading(lesson) in headings, f"docs/instructor_guide.md: no '## {sync.plan_heading(lesson)}'"
    for target in re.findall(r"\]\((#[^)]+)\)", guide):
        assert target in {sync.anchor(h) for h in headings}, f"the guide links to a heading it lacks: {target}"


def _term_heads(term):
    """The ways a glossary term can be named: its head, and what is in its brackets ('Nunn–Lugar (CTR)')."""
    term = term.lower().replace("`", "")
    return {part.strip() for part in re.split(r" \(|\)| / ", term) if part.strip()}


@pytest.mark.parametrize("path", LESSONS, ids=relative)
def test_every_key_term_of_a_lesson_is_in_the_glossary(path):
    glossary = [_term_heads(t) for t in re.findall(r"^- \*\*(.+?)\*\*", (ROOT / "docs" / "glossary.md").read_text(), re.M)]
    text = _markdown(path).split("Key terms", 1)[1].split("\n## ", 1)[0]
    for term in re.findall(r"^- \*\*(.+?)\*\*", text, re.M):
        heads = _term_heads(term)
        assert any(heads & known or any(k.startswith(h) for h in heads for k in known) for known in glossary), \
            f"key term {term!r} is not in docs/glossary.md"


def test_the_glossary_is_in_alphabetical_order():
    terms = [t.lower().replace("`", "") for t in re.findall(r"^- \*\*(.+?)\*\*", (ROOT / "docs" / "glossary.md").read_text(), re.M)]
    assert terms == sorted(terms)


def test_no_glossary_term_is_defined_twice():
    heads = [t.lower().replace("`", "").split(" (")[0] for t in re.findall(r"^- \*\*(.+?)\*\*", (ROOT / "docs" / "glossary.md").read_text(), re.M)]
    assert not {h for h in heads if heads.count(h) > 1}


@pytest.mark.parametrize("lesson", [lesson for lesson in lessons() if lesson.ready], ids=lambda lesson: lesson.number)
def test_every_objective_is_assessed_by_a_checked_question(lesson):
    objectives = sync.objectives(lesson)
    assert 3 <= len(objectives) <= 5
    assessed = {number for q in QUESTIONS.values() if q.qid[1:3] == lesson.number for number in q.objective}
    missing = set(range(1, len(objectives) + 1)) - assessed
    assert not missing, f"objectives {sorted(missing)} of lesson {lesson.number} are assessed by no checked question"
    assert assessed <= set(range(1, len(objectives) + 1)), "a question names an objective the lesson does not have"


@pytest.mark.parametrize("lesson", [lesson for lesson in lessons() if lesson.ready], ids=lambda lesson: lesson.number)
def test_at_most_a_third_of_a_lessons_checks_are_look_ups(lesson):
    mine = [q for q in QUESTIONS.values() if q.qid[1:3] == lesson.number]
    assert len(mine) >= 6 and len({q.kind for q in mine}) >= 3
    assert sum(q.lookup for q in mine) * 3 <= len(mine), "more than a third of the checks are look-ups"


def test_ordering_questions_cannot_be_answered_in_file_order():
    """Found by a beginner: ordering questions passed with no sorting, because the CSVs were in date order."""
    from course import load

    tables = {"events": "event_id", "negotiations": "agreement_id"}
    for q in (q for q in QUESTIONS.values() if q.kind == "order"):
        wanted = list(q.expected())
        for table, key in tables.items():
            ids = list(load(table)[key])
            if set(wanted) <= set(ids):
                in_file_order = [i for i in ids if i in wanted]
                assert in_file_order != wanted, f"{q.qid}: its items are already in date order in {table}.csv"
                break
        else:
            raise AssertionError(f"{q.qid}: items not found in {list(tables)}")


def _quoted(text):
    """Phrases of four words or more in double quotes (straight or curly) in markdown, outside code."""
    text = re.sub(r"`[^`]*`|<[^>]*>", "", text)
    return [q for q in re.findall(r"[\"“]([^\"”\n]{3,300})[\"”]", text) if len(q.split()) >= 4]


def _normal(text):
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip(" .,;:").lower()


@pytest.mark.parametrize("path", ALL, ids=relative)
def test_every_quotation_shown_to_students_is_a_row_of_a_table(path):
    """A quotation (four words or more in double quotes) must be in data/quotations.csv, with its speaker, date,
    channel and source, or be one of the essay's key phrases (data/essay_claims.csv)."""
    from course import load

    known = [_normal(q) for q in load("quotations")["quote"]] + [_normal(q) for q in load("essay_claims")["key_phrase_en"]]
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "markdown":
            continue
        for phrase in _quoted(cell.source):
            assert any(_normal(phrase) in k for k in known), f"quotation without a data row: {phrase!r}"


@pytest.mark.parametrize("lesson", [lesson for lesson in lessons() if lesson.ready], ids=lambda lesson: lesson.number)
def test_objectives_are_read_whole(lesson):
    """Found in review: an objective wrapped over two lines reached the exercises' table cut mid-sentence."""
    for objective in sync.objectives(lesson):
        assert objective.endswith((";", ".")), f"objective read only in part: {objective!r}"
