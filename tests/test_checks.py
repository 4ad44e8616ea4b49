"""Exercise checks: right on the solutions, 'not answered yet' on placeholders, friendly on wrong answers."""

import datetime as dt
import re

import nbformat
import numpy as np
import pandas as pd
import pytest

from course import data as course_data
from course.checks import CORRECT, NOT_YET, UNANSWERED, NoPoints, check, evaluate, questions
from tools.notebooks import lesson_paths

QUESTIONS = questions()

CHECK_CALL = re.compile(r'check\("(Q\d\d\.\d+)"')


def _check_outputs(folder):
    """(question id, printed line) for every check cell stored in ``folder``."""
    found = []
    for path in lesson_paths(folder):
        for cell in nbformat.read(path, as_version=4).cells:
            if "check" in cell.metadata.get("tags", []):
                text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
                found.append((CHECK_CALL.search(cell.source).group(1), text.strip()))
    return found


def test_every_question_is_checked_in_a_solution():
    assert sorted(qid for qid, _ in _check_outputs("solutions")) == sorted(QUESTIONS)


@pytest.mark.parametrize("qid, line", _check_outputs("solutions"))
def test_solution_passes_its_check(qid, line):
    assert line.startswith(f"✔ {qid} correct."), line


@pytest.mark.parametrize("qid, line", _check_outputs("exercises"))
def test_placeholder_is_not_answered_yet(qid, line):
    assert line.startswith(f"⏳ {qid} not answered yet."), line


WRONG_OF_EVERY_TYPE = [
    "banana",
    "",  # empty text counts as unanswered
    -1,
    3.7e9,
    True,
    float("nan"),
    [],
    {"a": 1},
    pd.DataFrame(),
    pd.DataFrame({"x": [1, 2]}),
    pd.Series([1, 2, 3]),
    "1991-13-45",
    dt.date(1066, 10, 14),
    np.int64(-7),
    object(),
    lambda: 0,
]


def _forbidden_strings(q):
    """Ways the expected answer could leak into a hint."""
    expected = q.expected()
    if q.kind == "number":
        value = float(expected)
        return {f"{value:g}", f"{value:,.0f}", str(int(value))} if value == int(value) else {f"{value:g}"}
    if q.kind == "date":
        return {pd.Timestamp(expected).date().isoformat()}
    if q.kind == "choice":
        return {f"'{expected}'", f"{expected})"}
    if q.kind == "order":
        return {", ".join(map(str, expected))}
    return set()


def _derived_wrong_answers(q):
    """Near misses built from the expected answer: each must be judged 'not yet'."""
    expected = q.expected()
    if q.kind == "number":
        size = max(0, min(int(abs(float(expected))), 5000))  # a table or column whose size is the answer must not say so
        return [float(expected) + q.tolerance + 1, float(expected) - q.tolerance - 1, str(expected),
                pd.DataFrame({"x": range(size)}), pd.Series(range(size), dtype=float)]
    if q.kind == "date":
        day = pd.Timestamp(expected)
        return [(day + pd.Timedelta(days=1)).date().isoformat(), (day - pd.DateOffset(years=1)).date()]
    if q.kind == "choice":
        return [c for c in q.choices if c != expected] + [expected + expected]
    if q.kind == "order":
        return [list(reversed(expected)), list(expected)[:-1], list(expected) + ["extra"]]
    if q.kind == "table":
        table = expected[list(q.columns)].copy()
        changed = table.astype(object)
        value_column = [c for c in q.columns if c != q.key][0]
        changed.iloc[0, changed.columns.get_loc(value_column)] = "wrong"
        return [changed, table.iloc[1:], pd.concat([table, table.iloc[[0]]]), table.drop(columns=value_column)]
    raise AssertionError(q.kind)


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_wrong_answers_get_a_friendly_not_yet(qid, capsys):
    q = QUESTIONS[qid]
    forbidden = _forbidden_strings(q)
    for answer in WRONG_OF_EVERY_TYPE + _derived_wrong_answers(q):
        result = evaluate(qid, answer)
        assert result.status in {NOT_YET, UNANSWERED}, (answer, result)
        assert "Traceback" not in result.message
        for leak in forbidden:
            assert not re.search(rf"(?<![\w.]){re.escape(leak)}(?![\w])", result.message), (answer, result.message)
        check(qid, answer)
        printed = capsys.readouterr().out
        assert printed.count("\n") == 1, printed


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_placeholders_are_not_answered_yet(qid):
    for placeholder in (..., None, "...", "  "):
        assert evaluate(qid, placeholder).status == UNANSWERED


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_expected_answer_is_accepted(qid):
    """The check can say yes: the expected answer (as a student would type it) is correct."""
    q = QUESTIONS[qid]
    expected = q.expected()
    typed = {"date": lambda e: pd.Timestamp(e).date().isoformat(), "choice": str.lower}.get(q.kind, lambda e: e)
    assert evaluate(qid, typed(expected)).status == CORRECT


def test_unknown_question_is_friendly(capsys):
    check("Q99.9", 3)
    check(None, 3)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all("not yet" in line for line in lines)


def test_under_nbgrader_an_answer_not_correct_raises_its_line_and_no_traceback(monkeypatch, capsys):
    """nbgrader's autograder scores a test cell 0 only if it raises; the course's students never see that."""
    right = QUESTIONS["Q01.3"].expected()
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    check("Q01.3", "Z")  # in the course: a line, never an error
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    check("Q01.3", right)
    assert [line[0] for line in capsys.readouterr().out.splitlines()] == ["✘", "✔"]
    for answer, line in [(..., evaluate("Q01.3", ...).line("Q01.3")), ("Z", evaluate("Q01.3", "Z").line("Q01.3"))]:
        with pytest.raises(NoPoints) as raised:
            check("Q01.3", answer)
        assert raised.value._render_traceback_() == [line] and line[0] in "⏳✘"  # what IPython shows: the line alone
    assert capsys.readouterr().out == ""


def test_numbers_in_other_shapes_are_read():
    """A one-row result of a filter, or a numpy number, counts as the number it holds."""
    numeric = [qid for qid, q in QUESTIONS.items() if q.kind == "number"]
    assert numeric, "at least one numeric question"
    q = QUESTIONS[numeric[0]]
    value = q.expected()
    assert evaluate(q.qid, pd.Series([value])).status == CORRECT
    assert evaluate(q.qid, np.float64(value)).status == CORRECT


# ---------------------------------------------------------------- course bugs are told apart from student mistakes
COURSE_ERROR = "could not be checked"


def test_a_data_change_that_breaks_a_question_is_a_course_error(data_copy, capsys):
    """Found by fault injection: renaming one id in negotiations.csv once blamed the student ("Could not read your
    answer (KeyError)"). Now the line says the question could not be checked, and what to do."""
    path = data_copy / "negotiations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("trilateral_statement_1994", "trilateral_1994"),
                    encoding="utf-8")
    check("Q03.5", "B")
    line = capsys.readouterr().out
    assert line.startswith(f"⚠ Q03.5 {COURSE_ERROR}.") and "KeyError" in line and "instructor" in line, line
    assert "not yet" not in line


def test_unexpected_data_for_a_choice_question_fails_loudly(data_copy):
    """A question whose prompt states something about the data fails loudly when the data stop saying it."""
    path = data_copy / "positions.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[frame["position_id"] == "kuleba_2022", "position"] = "qualified"  # Q02.7's prompt says it is coded keep
    frame.to_csv(path, index=False)
    result = evaluate("Q02.7", "C")
    assert result.status == COURSE_ERROR and "keep" in result.message
    path = data_copy / "quotations.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame[frame["quote_id"] != "kozyrev_1993_safe"].to_csv(path, index=False)  # the quotation Q02.6 shows is gone
    course_data._load_cached.cache_clear(), course_data._short_citations.cache_clear()
    assert evaluate("Q02.6", "B").status == COURSE_ERROR
    path = data_copy / "withdrawal.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    belarus = frame[(frame["country"] == "Belarus") & (frame["weapon_class"] == "tactical")
                    & (frame["share_removed_low"] == "1")]
    frame.drop(index=belarus.index[1:]).to_csv(path, index=False)  # one completion date left: Q02.3 makes no sense
    result = evaluate("Q02.3", pd.DataFrame({"source_id": ["x"], "kind": ["y"]}))
    assert result.status == COURSE_ERROR and "two completion dates" in result.message


def test_an_expected_table_without_the_asked_columns_is_a_course_error(monkeypatch):
    """Seen while lesson 06 was being revised: the spec asked for a column the expected answer no longer had, and
    the student was told "Could not read your answer (KeyError)"."""
    from course import checks

    q = _table_question(compute=lambda: MATRIX[["paragraph", "status_2014"]])
    monkeypatch.setitem(checks._registry().questions, q.qid, q)
    result = evaluate(q.qid, MATRIX)
    assert result.status == COURSE_ERROR and "status_2022" in result.message


def test_a_broken_lesson_module_breaks_only_its_own_checks(monkeypatch):
    import importlib

    from course import checks

    real = importlib.import_module

    def faulty(name, *args):
        if name == "course.questions.lesson02":
            raise SyntaxError("a slip in lesson02.py")
        return real(name, *args)

    checks._registry.cache_clear()
    monkeypatch.setattr(checks.importlib, "import_module", faulty)
    try:
        broken = evaluate("Q02.3", 35)
        assert broken.status == COURSE_ERROR and "lesson 02" in broken.message and "SyntaxError" in broken.message
        assert evaluate("Q03.3", "1993-11-18").status in {CORRECT, NOT_YET}  # other lessons still check
    finally:
        checks._registry.cache_clear()


def test_a_missing_question_list_is_a_course_error(monkeypatch, tmp_path):
    from course import checks

    checks._registry.cache_clear()
    monkeypatch.setattr(checks, "SPECS", tmp_path / "specs.json")
    try:
        assert evaluate("Q00.1", 3).status == COURSE_ERROR
    finally:
        checks._registry.cache_clear()


def test_two_expected_answer_functions_for_one_id_are_refused():
    from course.checks import _COMPUTE, expected

    expected("Q99.1")(lambda: 1)
    try:
        with pytest.raises(ValueError, match="two expected-answer functions for Q99.1"):
            expected("Q99.1")(lambda: 2)
    finally:
        _COMPUTE.pop("Q99.1")


def test_an_empty_cell_equals_an_empty_cell():
    """A table with an empty cell must accept itself (pandas compares NaN unequal to NaN)."""
    from course.checks import Question, _compare

    table = pd.DataFrame({"id": ["a", "b"], "value": [1.0, np.nan]})
    q = Question("Q99.2", "table", "hint", "praise", (1,), False, key="id", columns=("id", "value"))
    assert _compare(q, table.copy(), table).status == CORRECT
    assert _compare(q, table.fillna(0), table).status == NOT_YET


def test_every_question_has_one_source_of_its_expected_answer():
    for qid, q in QUESTIONS.items():
        assert (q.answer is None) != (q.compute is None), f"{qid}: give an answer letter or an @expected function"


def test_fixed_letters_show_their_wording_in_the_prompt():
    """A conceptual question fixes its letter in its specification: the exercise shows that letter with that wording."""
    prompts = "\n".join(c.source for path in lesson_paths("exercises")
                        for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
    for qid, q in QUESTIONS.items():
        if q.kind == "choice":
            for letter, wording in q.choices.items():
                assert f"- {letter}. {wording}" in prompts, f"{qid}: option {letter} is not shown as specified"


# ---------------------------------------------------------------- what a beginner hit: feedback that teaches
def _first(kind):
    return next(q for q in QUESTIONS.values() if q.kind == kind)


def test_a_table_with_the_key_as_its_index_is_told_to_reset_it():
    q = _first("table")
    table = q.expected()[list(q.columns)].set_index(q.key)
    message = evaluate(q.qid, table).message
    assert ".reset_index()" in message and "lacks" not in message


def test_a_time_difference_is_told_to_use_days():
    q = _first("number")
    assert "`.days`" in evaluate(q.qid, pd.Timedelta(days=35)).message


def test_several_dates_or_numbers_are_told_how_to_get_one():
    """A beginner who forgets len() or .sum() must not be sent round a loop of ".iloc[0]" advice (found in review)."""
    q = _first("date")
    message = evaluate(q.qid, pd.Series(pd.to_datetime(["1991-12-01", None]))).message
    assert "Series of dates" in message and ".iloc[0]" in message
    number = _first("number").qid
    several = evaluate(number, pd.Series([1.0, 2.0])).message
    assert ".sum()" in several and "len(...)" in several and ".max()" in several
    assert "len(...)" in evaluate(number, pd.DataFrame({"x": [1, 2, 3]})).message


def test_nan_from_subtracting_two_filtered_columns_names_the_cause():
    """Found in review: `(end - start).iloc[0].days` on two filtered columns gives NaN; the message must say why."""
    start = pd.Series(pd.to_datetime(["1992-03-12"]), index=[3])
    end = pd.Series(pd.to_datetime(["1992-04-16"]), index=[5])
    message = evaluate(_first("number").qid, (end - start).dt.days).message
    assert "matched their rows by label" in message


def test_a_count_of_rows_and_a_group_table_get_the_fix_they_need():
    q = _first("table")
    counts = pd.Series([3, 4], index=pd.Index(["a", "b"], name=q.key))
    assert ".reset_index(name=" in evaluate(q.qid, counts.rename(None)).message
    unnamed = q.expected()[list(q.columns)].copy()
    unnamed.columns = [q.key, 0] if len(q.columns) == 2 else unnamed.columns
    if len(q.columns) == 2:
        assert ".reset_index(name=" in evaluate(q.qid, unnamed).message


def test_before_any_attempt_only_the_first_step_of_the_hint_is_shown():
    from course.checks import first_step

    q = _first("number")
    waiting = evaluate(q.qid, ...).message
    assert first_step(q.hint) in waiting
    assert first_step("Do this. Then that.") == "Do this."
    if first_step(q.hint) != q.hint:
        assert q.hint not in waiting


def test_one_value_in_any_container_counts_as_that_value():
    q = _first("number")
    value = q.expected()
    for shaped in (pd.Series([value]), [value], np.array([value]), pd.DataFrame({"x": [value]}), pd.Index([value])):
        assert evaluate(q.qid, shaped).status == CORRECT, type(shaped)


def test_a_wrong_table_names_the_wrong_cell_and_counts_in_good_english():
    q = _first("table")
    table = q.expected()[list(q.columns)].copy().astype(object)
    value_column = [c for c in q.columns if c != q.key][0]
    table.iloc[0, table.columns.get_loc(value_column)] = "wrong"
    message = evaluate(q.qid, table).message
    assert f"1 of {len(table)} rows has a wrong value: {q.key} " in message
    assert f"`{value_column}` is 'wrong'. Check this cell." in message


# ---------------------------------------------------------------- tables: which cell, which type, which way round
def _table_question(**spec):
    from course.checks import Question

    return Question("Q99.3", "table", "Apply the rules.", "praise", (1,), False, key=spec.pop("key", "paragraph"),
                    columns=spec.pop("columns", ("paragraph", "status_2014", "status_2022")), **spec)


MATRIX = pd.DataFrame({"paragraph": pd.array([1, 2, 3, 4, 5, 6], dtype="Int64"),
                       "status_2014": ["broken", "broken", "disputed", "not_triggered", "kept", "broken"],
                       "status_2022": pd.array(["broken", "broken", "disputed", "disputed", "kept", None],
                                               dtype="string")})


def _judge(q, answer, wanted=MATRIX):
    """What ``evaluate`` says, for a question that is not in the course."""
    from course.checks import Result, _compare, _Unreadable

    try:
        return _compare(q, answer, wanted)
    except _Unreadable as why:
        return Result(NOT_YET, str(why))


def test_a_wrong_cell_is_named_by_key_and_column_without_its_right_value():
    """Review 11 (S12, M3): "the feedback never says which cell is wrong". Name the row and the column, and the
    student's own value, never the right one."""
    q = _table_question()
    mine = MATRIX.astype(object)
    mine.loc[2, "status_2022"] = "kept"
    result = _judge(q, mine)
    assert result.status == NOT_YET
    assert "paragraph 3, `status_2022` is 'kept'. Check this cell." in result.message
    assert "disputed" not in result.message  # the right value of that cell


def test_many_wrong_cells_are_named_three_at_most():
    q = _table_question()
    mine = MATRIX.astype(object)
    mine["status_2014"], mine["status_2022"] = "kept", "kept"
    message = _judge(q, mine).message
    assert "5 of 6 rows have a wrong value" in message
    assert message.count(" is 'kept'") == 3 and "and 7 more. Check these cells." in message
    assert "paragraph 1, `status_2014` is 'kept' and `status_2022` is 'kept'; paragraph 2" in message


@pytest.mark.parametrize("qid", sorted(qid for qid, q in QUESTIONS.items() if q.kind == "table"))
def test_no_cell_message_gives_the_right_value(qid):
    """Every value cell of every table question, made wrong one at a time: the message names the key and column,
    and never says the expected value of that cell."""
    from course.checks import _shown

    q = QUESTIONS[qid]
    wanted = q.expected()[list(q.columns)].reset_index(drop=True)
    for row in range(len(wanted)):
        for column in (c for c in q.columns if c != q.key):
            mine = wanted.astype(object)
            mine.loc[row, column] = "zzz"
            message = evaluate(qid, mine).message
            assert f"`{column}` is 'zzz'" in message and message.startswith("1 of "), message
            said = message.replace(q.hint, "")  # what the engine added to the author's hint
            right = _shown(wanted.loc[row, column])
            assert f"is {right}" not in said and not (right.startswith("'") and right in said), (row, column, said)


@pytest.mark.parametrize("key_as", [lambda column: column.astype(str), lambda column: column.astype(float),
                                    lambda column: column.astype(float).astype(str)])
def test_a_key_column_of_text_or_numbers_matches_either_way(key_as):
    """Review 11 (S3): Q06.7 with `paragraph` as text ("1", as Q06.6 taught) was told 6 rows were missing and 6
    unexpected. The key is matched by value: 1, 1.0 and "1" are the same row."""
    q = _table_question()
    mine = MATRIX.copy()
    mine["paragraph"] = key_as(mine["paragraph"].astype(int))
    assert _judge(q, mine).status == CORRECT
    text_keys = MATRIX.assign(paragraph=MATRIX["paragraph"].astype(str))
    assert _judge(q, MATRIX.copy(), wanted=text_keys).status == CORRECT  # and the other way round


def test_a_value_column_of_numbers_as_text_is_told_how_to_convert():
    q = _table_question(key="form", columns=("form", "yes"))
    wanted = pd.DataFrame({"form": ["treaty", "memorandum"], "yes": [2, 0]})
    message = _judge(q, wanted.astype({"yes": str}), wanted).message
    assert "holds text" in message and "`.astype(int)`" in message


@pytest.mark.parametrize("reset", [True, False])
def test_a_crosstab_the_other_way_round_is_told_so(reset):
    """Review 11 (S3): `pd.crosstab(legally_binding, form)` was told "needs the columns [form, disputed, no, yes];
    it lacks [form, disputed, no, yes]"."""
    q = _table_question(key="form", columns=("form", "disputed", "no", "yes"))
    table = pd.DataFrame({"form": ["treaty", "treaty", "memorandum", "declaration"],
                          "binding": ["yes", "yes", "disputed", "no"]})
    wanted = pd.crosstab(table["form"], table["binding"]).reset_index()
    swapped = pd.crosstab(table["binding"], table["form"])
    result = _judge(q, swapped.reset_index() if reset else swapped, wanted)
    assert result.status == NOT_YET and "lacks" not in result.message
    assert "the other way round" in result.message and "Put `form` first in `pd.crosstab(...)`" in result.message


@pytest.mark.parametrize("empty", ["None", "nan", "", "  NONE ", "NaN", None, np.nan])
def test_an_empty_cell_may_be_typed_as_none_or_nan(empty):
    """Review 11 (S3, S7): "None" in quotes was only "a wrong value"."""
    mine = MATRIX.astype(object)
    mine.loc[5, "status_2022"] = empty
    assert _judge(_table_question(), mine).status == CORRECT


def test_a_code_outside_the_columns_codes_is_told_the_codes():
    """Review 11 (S3, S7): "breached", "not triggered" got only "has a wrong value". With `codes` the message lists
    them (not which one is right); without, it says the column does not use that value."""
    codes = {"status_2022": ["broken", "disputed", "kept", "not_triggered", None]}
    mine = MATRIX.astype(object)
    mine.loc[3, "status_2022"] = "breached"
    message = _judge(_table_question(codes=codes), mine).message
    assert "paragraph 4, `status_2022` is 'breached'" in message
    assert ("'breached' is not one of the codes `status_2022` uses: broken, disputed, kept, not_triggered or None "
            "(no quotes) for an empty cell.") in message
    mine.loc[2, "status_2014"] = "not triggered"
    message = _judge(_table_question(), mine).message
    assert "'not triggered' is not one of the values `status_2014` uses" in message
    assert "'breached' is not one of the values `status_2022` uses" in message
    mine = MATRIX.astype(object)
    mine.loc[3, "status_2022"] = "kept"  # a code the column uses, in the wrong cell: no list, no hint of the answer
    assert "not one of" not in _judge(_table_question(codes=codes), mine).message


@pytest.mark.parametrize("key", [4, "4"])
def test_accepted_alternatives_pass_and_others_do_not(key):
    """Review 11 (M1): some cells can be defended more than one way; `accept` lists the other defensible values."""
    q = _table_question(accept={key: {"status_2022": ["broken", "not_triggered"]}, "6": {"status_2022": ["disputed"]}})
    for value in ("broken", "Not_Triggered ", "disputed"):
        mine = MATRIX.astype(object)
        mine.loc[3, "status_2022"] = value
        mine.loc[5, "status_2022"] = "disputed"
        assert _judge(q, mine).status == CORRECT, value
    mine = MATRIX.astype(object)
    mine.loc[3, "status_2022"] = "kept"
    assert "paragraph 4, `status_2022` is 'kept'" in _judge(q, mine).message
    mine = MATRIX.astype(object)
    mine.loc[0, "status_2022"] = "not_triggered"  # accepted for paragraph 4, not for paragraph 1
    assert _judge(q, mine).status == NOT_YET
    mine = MATRIX.astype(object)
    mine.loc[3, "status_2014"] = "broken"  # accepted for status_2022, not status_2014
    assert _judge(q, mine).status == NOT_YET


def test_number_cells_of_a_table_count_within_the_tolerance():
    """Review 11 (S4): Q05.3's rate rounded another way (2.5 for 2.52) was wrong to the cell; `tolerance` covers it."""
    rates = pd.DataFrame({"silos": ["low count", "high count"], "per_month": [2.52, 2.55]})
    near = rates.assign(per_month=[2.5, 2.6])
    far = rates.assign(per_month=[2.52, 2.7])
    exact = _table_question(key="silos", columns=("silos", "per_month"))
    lenient = _table_question(key="silos", columns=("silos", "per_month"), tolerance=0.05)
    assert _judge(exact, near, rates).status == NOT_YET
    assert _judge(lenient, near, rates).status == CORRECT
    message = _judge(lenient, far, rates).message
    assert "silos 'high count', `per_month` is 2.7, too high" in message and "low count" not in message


def test_a_series_put_in_a_cell_counts_as_its_value_or_is_named():
    """Verification of review 11: a one-row Series in a cell (`rate` for `rate.iloc[0]`) printed as
    "'3    <NA>\ndtype: Float64'"; it is its one value, and a longer Series is called what it is."""
    rates = pd.DataFrame({"silos": ["all", "SS-24 alone"], "per_month": [2.52, None]})
    one = pd.Series([pd.NA], index=[3], dtype="Float64")
    mine = pd.DataFrame({"silos": ["all", "SS-24 alone"], "per_month": [2.52, one]})
    assert _judge(_table_question(key="silos", columns=("silos", "per_month")), mine, rates).status == CORRECT
    mine = pd.DataFrame({"silos": ["all", "SS-24 alone"], "per_month": [2.52, pd.Series([1.0, 2.0])]})
    message = _judge(_table_question(key="silos", columns=("silos", "per_month")), mine, rates).message
    assert "several values, not one" in message and "dtype" not in message


def test_sync_carries_accept_codes_and_feedback_into_specs_json(monkeypatch, tmp_path):
    """`make sync` writes specs.json from the masters' question cells; the check reads the new keys from it."""
    import json
    from types import SimpleNamespace

    from course.checks import _question
    from tools import questions as spec_tools

    (tmp_path / "solutions").mkdir()
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("**Question 7.** Code the matrix."),
        nbformat.v4.new_raw_cell(
            "id: Q99.7\nkind: table\nobjective: 1\nlookup: false\nkey: paragraph\n"
            "columns: [paragraph, status_2014, status_2022]\n"
            "accept: {4: {status_2022: [disputed, broken, not_triggered]}, 6: {status_2022: [null, disputed]}}\n"
            "codes: {status_2022: [broken, disputed, kept, not_triggered, null]}\nhint: h\npraise: p",
            metadata={"tags": ["question"]}),
        nbformat.v4.new_markdown_cell("**Question 8.** Which?"),
        nbformat.v4.new_raw_cell("id: Q99.8\nkind: choice\nobjective: 1\nlookup: false\n"
                                 "choices: {A: one, B: two, C: three}\nanswer: B\nfeedback: {A: not one, C: not three}\n"
                                 "hint: h\npraise: p", metadata={"tags": ["question"]}),
    ])
    nbformat.write(nb, tmp_path / "solutions" / "99_x.ipynb")
    monkeypatch.setattr(spec_tools, "ROOT", tmp_path)
    monkeypatch.setattr(spec_tools, "lessons", lambda: [SimpleNamespace(ready=True, number="99", file="99_x.ipynb")])
    specs = json.loads(spec_tools.specs_json())
    assert specs["Q99.7"]["accept"] == {"4": {"status_2022": ["disputed", "broken", "not_triggered"]},
                                        "6": {"status_2022": [None, "disputed"]}}
    assert specs["Q99.7"]["codes"] == {"status_2022": ["broken", "disputed", "kept", "not_triggered", None]}
    assert specs["Q99.8"]["feedback"] == {"A": "not one", "C": "not three"}
    matrix = _question("Q99.7", specs["Q99.7"])
    mine = MATRIX.astype(object)
    mine.loc[3, "status_2022"], mine.loc[5, "status_2022"] = "broken", "disputed"
    assert _judge(matrix, mine).status == CORRECT
    mine.loc[3, "status_2022"] = "breached"
    assert "broken, disputed, kept, not_triggered or None" in _judge(matrix, mine).message
    choice = _question("Q99.8", specs["Q99.8"])
    assert _judge(choice, "A", "B").message == "not one" and _judge(choice, "C", "B").message == "not three"


def test_a_wrong_letter_with_feedback_gets_it_instead_of_the_hint():
    """Instructor review 11, "Per-option feedback": one ✘ line per misconception teaches more than one hint."""
    from course.checks import Question, _compare

    q = Question("Q99.4", "choice", "The hint.", "praise", (1,), False, choices={"A": "x", "B": "y", "C": "z"},
                 answer="B", feedback={"A": "A treaty that binds need not oblige anyone to act."})
    assert _compare(q, "a", "B").message == "A treaty that binds need not oblige anyone to act."
    assert _compare(q, "C", "B").message == "The hint."
    assert _compare(q, "B", "B").status == CORRECT


@pytest.mark.parametrize("qid", sorted(qid for qid, q in QUESTIONS.items()
                                       if any(getattr(q, key, None) for key in ("accept", "codes", "feedback"))))
def test_accept_codes_and_feedback_fit_their_question(qid):
    """What the specs say must fit the expected answer: accept names real rows, codes cover the expected column,
    and no letter that is the answer has feedback."""
    from course.checks import _key, _tidy

    q = QUESTIONS[qid]
    expected = q.expected()
    if q.kind == "choice":
        assert expected not in q.feedback
        return
    keys = {_key(k) for k in expected[q.key]}
    assert {_key(k) for k in q.accept} <= keys, f"{qid}: accept names rows the table does not have"
    for column, codes in q.codes.items():
        assert {_tidy(v) for v in expected[column]} <= {_tidy(v) for v in codes}, f"{qid}: {column} uses other codes"


def test_an_ordering_message_is_in_good_english():
    q = _first("order")
    wanted = list(q.expected())
    swapped = wanted[1:] + wanted[:1]  # everything one place out
    assert " are in the right place" in evaluate(q.qid, swapped).message or " is in the right place" in \
        evaluate(q.qid, swapped).message


FRIENDLY = r'''
import sys
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
shell.run_cell("import course, pandas as pd")
shell.run_cell(sys.argv[1])
'''


@pytest.mark.parametrize("code, says", [
    ("q4 = B", 'a letter answer goes in quotes, like "B"'),
    ("a = pd.Series(pd.to_datetime(['1992-03-12'])); b = a + pd.Timedelta(days=35); (b - a).days", "`.dt.days`"),
    ("arsenal = course.load('arsenal_1991'); arsenal['warhead_low']", "Did you mean 'warheads_low' (a column of arsenal)?"),
    ("answer = undefined_table", "have you run the cells above"),
    ("events = course.load('events'); events['date_precision'] == day", 'put it in quotes: "day"'),
    ("events = course.load('events'); events.loc['ussr_dissolved', 'date']", "make that column the labels first"),
    ("events = course.load('events'); y = events['date'].dt.year; events[(y > 1991) and (y < 1996)]", "`&`"),
    ("events = course.load('events'); events[events['event_id'] == ['a', 'b']]", ".isin"),
    ("events = course.load('events'); events[events['date'] >= 2014]", ".dt.year"),
    ("events = course.load('events'); events['source_ids'].str.split(';').nunique()", ".explode()"),
    ("events = course.load('events'); events[events['title'] == 'nothing']['date'].iloc[0]", "kept no rows"),
    ("w = course.load('withdrawal'); w[w['contry'] == 'Ukraine']", "Did you mean 'country' (a column of w)?"),
    ("w = course.load('withdrawal'); w[['Country', 'date']]", "Did you mean 'country'"),
    # review 11 (S8): pandas' own message was quoted as if it were the label
    ("i = course.load('assurance_instruments'); i.loc[['friendship_treaty_1997', 'north_atlantic_treaty_art5']]",
     'these are rows of `i` (its `instrument_id` column): `.loc` looks up row labels, so make that column the labels '
     'first, e.g. `i.set_index("instrument_id").loc[["friendship_treaty_1997", "north_atlantic_treaty_art5"]]`.'),
    ("i = course.load('assurance_instruments'); i.set_index('row_id')", "'row_id' is not a column of this table."),
    ("i = course.load('assurance_instruments'); i.set_index(['Form'])", "there is no column 'Form'. Did you mean 'form'"),
    # review 11 (S8): the name typed was suggested for itself
    ("readings = course.load('readings'); memorandum = course.load('memorandum'); readings['paragraph']",
     "there is no column 'paragraph'. Did you mean 'paragraphs' (a column of readings)? 'paragraph' itself is a "
     "column of memorandum"),
    ("readings = course.load('readings'); memorandum = course.load('memorandum'); readings.paragraph",
     "Did you mean 'paragraphs' (a column of readings)?"),
    ("import numpy as np; np.int64(30) / pd.Timedelta(days=3)", "a time difference is not a number: add `.days` first"),
    ("30 // pd.Timedelta(days=3)", "a time difference is not a number: add `.days` first"),
    ("events = course.load('events'); events['event_id', 'date']",
     'to pick several columns, put their names in a list: `events[["event_id", "date"]]`.'),
    ("s = course.load('un_votes_by_state'); s['state'] == 'Belarus' | s['state'] == 'Kazakhstan'",
     "each in its own brackets"),
    ("events = course.load('events'); chosen = ['a', 'b']; events[events['event_id'].isin([chosen])]",
     'In plain words: to keep the rows whose value is one of several, `.isin(...)` takes a plain list'),
])
def test_common_errors_get_a_plain_language_line_under_the_traceback(code, says):
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", FRIENDLY, code], capture_output=True, text=True, timeout=60)
    assert "Traceback" in out.stdout or "Error" in out.stdout  # the traceback is still shown
    assert says in out.stdout, out.stdout[-800:]
    assert "None of [" not in out.stdout.split("In plain words")[-1], "pandas' message quoted as a label"
    if ".isin([chosen])" in code:
        assert "`&`" not in out.stdout.split("In plain words")[-1]  # only the advice that fits the mistake


@pytest.mark.parametrize("lesson", sorted({qid[1:3] for qid in QUESTIONS}))
def test_the_right_option_cannot_be_guessed_from_its_length_or_letter(lesson):
    """Found in review: the right option was always the longest, and most answers were B. Within a lesson, the right
    option is the longest in at most half of the choice questions, and no letter is the answer to more than half."""
    choice = [q for q in QUESTIONS.values() if q.qid[1:3] == lesson and q.kind == "choice"]
    if len(choice) < 2:
        return
    letters = [q.expected() for q in choice]
    longest = [q.qid for q, letter in zip(choice, letters)
               if len(q.choices[letter]) == max(len(text) for text in q.choices.values())]
    assert len(longest) * 2 <= len(choice), f"the right option is the longest in {longest}"
    most = max(letters.count(letter) for letter in set(letters))
    assert most * 2 <= len(choice) or len(choice) == 2, f"one letter answers {most} of {len(choice)}: {letters}"


def test_a_date_written_with_its_midnight_time_is_read_as_the_date():
    """Found in review: str() of a pandas date gives "2016-01-06 00:00:00"; that is the right date, not a wrong format."""
    q = _first("date")
    right = pd.Timestamp(q.expected())
    assert evaluate(q.qid, str(right)).status == CORRECT
    assert evaluate(q.qid, str(right + pd.Timedelta(days=1))).status == NOT_YET
    assert "YYYY-MM-DD" in evaluate(q.qid, "6 January 2016").message


def test_a_share_given_for_a_percentage_is_told_to_multiply():
    """Found in review: a forgotten ×100 got only "too low", the same line as a wrong count."""
    q = next(q for q in QUESTIONS.values() if q.kind == "number" and 1 < float(q.expected()) <= 100 and q.tolerance < 0.5)
    right = float(q.expected())
    assert "multiply by 100" in evaluate(q.qid, right / 100).message
    assert "multiply by 100" not in evaluate(q.qid, right * 0.7).message
    assert evaluate(q.qid, right).status == CORRECT


def test_an_order_given_backwards_is_told_so():
    q = _first("order")
    wanted = list(q.expected())
    assert "reversed" in evaluate(q.qid, wanted[::-1]).message
    assert "reversed" not in evaluate(q.qid, wanted[1:] + wanted[:1]).message


def test_a_table_row_with_its_own_feedback_gets_that_line_instead_of_the_hint():
    """Found in review: coding paragraph 4 as a condition (the essay's own misreading) got only the generic hint."""
    q = next(q for q in QUESTIONS.values() if q.kind == "table" and q.feedback)
    key, line = next(iter(q.feedback.items()))
    codes = [c for c in q.columns if c != q.key and c in q.codes]
    right = q.expected()[list(q.columns)].copy()
    row = right[q.key].astype(str) == key
    for column in codes:
        wrong = right.copy()
        wrong.loc[row, column] = next(v for v in q.codes[column] if v is not None and v != right.loc[row, column].iloc[0])
        message = evaluate(q.qid, wrong).message
        assert line in message and q.hint not in message
    other = right.copy()
    elsewhere = ~row & ~right[q.key].astype(str).isin(list(q.feedback))
    column = codes[0]
    index = right[elsewhere].index[0]
    other.loc[index, column] = next(v for v in q.codes[column] if v is not None and v != right.loc[index, column])
    assert q.hint in evaluate(q.qid, other).message and line not in evaluate(q.qid, other).message
