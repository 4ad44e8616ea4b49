"""Self-checking exercises: ``check("Q00.1", answer)`` prints one friendly line.

A question is specified once, beside its prompt in the solution master (``tools/questions.py`` says how);
``make sync`` gathers the specifications into ``course/questions/specs.json``. Where the expected answer
comes from the data, a function in ``course/questions/lessonNN.py`` computes it (``@expected("Q02.6")``),
so a fix to the data can never leave a stale answer behind.

Whatever it is given, the student sees one line:

    ✔ Q00.1 correct. <what the result means>
    ✘ Q00.1 not yet. <a hint that does not give the answer away>
    ⏳ Q00.1 not answered yet. <how to start>
    ⚠ Q00.1 could not be checked. <a problem in the course, not in the answer: what to tell the instructor>

``check`` never raises in the course. Only when nbgrader runs the notebook (``nbgrader autograde`` or
``validate`` set ``NBGRADER_EXECUTION``) does an answer that is not correct raise ``NoPoints`` instead of printing
its line, so that nbgrader marks the question's test cell failed; IPython shows that error as the same one line,
not a traceback, and nbgrader's feedback and Validate dialog (which show a failed cell's error only) show it too.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import json
import math
import numbers
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd

from .lessons import lessons

__all__ = ["check", "evaluate", "expected", "questions", "NoPoints", "Question", "Result", "UnexpectedData"]

CORRECT, NOT_YET, UNANSWERED, COURSE_ERROR = "correct", "not yet", "not answered yet", "could not be checked"
_SYMBOL = {CORRECT: "✔", NOT_YET: "✘", UNANSWERED: "⏳", COURSE_ERROR: "⚠"}
SPECS = Path(__file__).resolve().parent / "questions" / "specs.json"
TELL_INSTRUCTOR = ("This is a problem in the course, not in your answer: please tell your instructor (or open an "
                   "issue), quoting this line.")


class UnexpectedData(Exception):
    """The data do not support the question any more (a course bug): raised by expected-answer functions."""


def require(condition: bool, problem: str) -> None:
    """In an expected-answer function: fail loudly, naming the ``problem``, when the data are not as the question assumes."""
    if not condition:
        raise UnexpectedData(problem)


@dataclass(frozen=True)
class Result:
    status: str
    message: str

    def line(self, qid: str) -> str:
        return f"{_SYMBOL[self.status]} {qid} {self.status}. {self.message}".rstrip()


@dataclass(frozen=True)
class Question:
    qid: str
    kind: str  # number | date | choice | order | table
    hint: str
    praise: str
    objective: tuple[int, ...]
    lookup: bool
    choices: dict = field(default_factory=dict)  # choice: letter -> wording, in the order shown
    answer: str | None = None  # choice: a fixed letter (conceptual questions)
    values: dict = field(default_factory=dict)  # choice: letter -> the data value it stands for
    tolerance: float = 0.0  # number: absolute tolerance
    key: str = ""  # table: the column rows are matched on
    columns: tuple[str, ...] = ()  # table: the columns it must have
    stretch: bool = False
    feedback: dict = field(default_factory=dict)  # choice: wrong letter -> the ✘ line said for it (instead of hint)
    accept: dict = field(default_factory=dict)  # table: key value -> column -> other values that also count as right
    codes: dict = field(default_factory=dict)  # table: column -> the codes it may hold (None for empty)
    compute: Callable[[], Any] | None = None  # computes the expected answer from data/

    def expected(self) -> Any:
        """The expected answer (a letter for choice questions). Raises if the course cannot work it out."""
        if self.answer is not None:
            return self.answer
        if self.compute is None:
            raise UnexpectedData(f"no expected answer: give it an `answer` or an @expected function")
        value = self.compute()
        if self.kind != "choice":
            return value
        if self.values:
            letters = [letter for letter, stands_for in self.values.items() if stands_for == value]
            require(len(letters) == 1, f"the data give {value!r}, which is none of the options")
            return letters[0]
        require(value in self.choices, f"the expected answer {value!r} is not one of the letters offered")
        return value


# ---------------------------------------------------------------- registry
_COMPUTE: dict[str, Callable[[], Any]] = {}


def expected(qid: str) -> Callable:
    """Register the decorated function as the maker of ``qid``'s expected answer, computed from data/."""
    def register(func: Callable[[], Any]) -> Callable[[], Any]:
        if qid in _COMPUTE:
            raise ValueError(f"two expected-answer functions for {qid}: {_COMPUTE[qid].__name__} and {func.__name__}")
        _COMPUTE[qid] = func
        return func

    return register


@dataclass
class _Registry:
    questions: dict[str, Question]
    broken: dict[str, str]  # lesson number -> why its question module could not be imported


@lru_cache(maxsize=None)
def _registry() -> _Registry:
    specs = json.loads(SPECS.read_text(encoding="utf-8"))
    broken = {}
    for lesson in lessons():
        if lesson.ready:
            try:  # one lesson's slip must not break the others' checks
                importlib.import_module(f"course.questions.lesson{lesson.number}")
            except ModuleNotFoundError as exc:
                if exc.name != f"course.questions.lesson{lesson.number}":
                    broken[lesson.number] = f"{type(exc).__name__}: {exc}"
            except Exception as exc:  # noqa: BLE001
                broken[lesson.number] = f"{type(exc).__name__}: {exc}"
    return _Registry({qid: _question(qid, spec) for qid, spec in specs.items()}, broken)


def _question(qid: str, spec: dict) -> Question:
    """A question from its specification, as ``make sync`` writes it into specs.json."""
    return Question(
        qid=qid, kind=spec["kind"], hint=spec["hint"], praise=spec["praise"],
        objective=tuple(spec["objective"]), lookup=spec["lookup"], choices=spec.get("choices", {}),
        answer=spec.get("answer"), values=spec.get("values", {}), tolerance=spec.get("tolerance", 0.0),
        key=spec.get("key", ""), columns=tuple(spec.get("columns", ())), stretch=spec.get("stretch", False),
        feedback=spec.get("feedback", {}), accept=spec.get("accept", {}), codes=spec.get("codes", {}),
        compute=_COMPUTE.get(qid),
    )


def questions() -> dict[str, Question]:
    """Every question of the course, by id."""
    return _registry().questions


# ---------------------------------------------------------------- answer readers
class _Unreadable(Exception):
    """The answer cannot be read as the kind wanted; the message says why, kindly."""


def _is_placeholder(answer: Any) -> bool:
    if answer is ... or answer is None:
        return True
    return isinstance(answer, str) and answer.strip() in {"", "...", "…"}


def _describe(answer: Any) -> str:
    """What the answer is, in words, without its size (a count could be the very number asked for)."""
    if isinstance(answer, pd.DataFrame):
        return "a table (DataFrame)"
    if isinstance(answer, pd.Series):
        if pd.api.types.is_datetime64_any_dtype(answer):
            return "a Series of dates (a column, or part of one)"
        return "a Series: several values (a column, or a row of a table)"
    if isinstance(answer, (pd.Timedelta, _dt.timedelta)):
        return "a time difference (Timedelta)"
    if isinstance(answer, str):
        return "text in quotes"
    if isinstance(answer, bool):
        return "True/False"
    if isinstance(answer, (list, tuple, set)):
        return "a list"
    if isinstance(answer, dict):
        return "a dictionary"
    return f"a {type(answer).__name__}"


def _single(answer: Any) -> Any:
    """Unwrap a one-value container (a filtered Series, a 1×1 table, a one-item list or array) into its value."""
    if isinstance(answer, pd.DataFrame) and answer.shape == (1, 1):
        return answer.iloc[0, 0]
    if isinstance(answer, (pd.Series, pd.Index)) and len(answer) == 1:
        return answer[0] if isinstance(answer, pd.Index) else answer.iloc[0]
    if isinstance(answer, (list, tuple)) and len(answer) == 1:
        return answer[0]
    if type(answer).__name__ == "ndarray" and getattr(answer, "size", 0) == 1:
        return answer.reshape(-1)[0]
    return answer


SUBTRACTED_COLUMNS = ("If you subtracted two filtered columns, pandas matched their rows by label and found none: "
                      "take one value from each with `.iloc[0]` first, then subtract.")


def _as_number(answer: Any) -> float:
    answer = _single(answer)
    if isinstance(answer, (pd.Timedelta, _dt.timedelta)):
        raise _Unreadable("Your answer is a time difference (Timedelta): add `.days` to get it as a number of days.")
    if isinstance(answer, pd.DataFrame):
        raise _Unreadable("Expected a single number, but got a table (DataFrame). If the question asks how many rows, "
                          "count them with `len(...)`; if it asks for one value, pick its column and row first.")
    if isinstance(answer, (pd.Series, list, tuple)) and len(answer) > 1:
        if isinstance(answer, pd.Series) and answer.isna().all():
            raise _Unreadable("Your answer is a Series of empty values (NaN). " + SUBTRACTED_COLUMNS)
        if isinstance(answer, pd.Series) and pd.api.types.is_timedelta64_dtype(answer):
            raise _Unreadable("Expected a single number, but got a Series of time differences. Do you need one of "
                              "them (pick it), or the largest or smallest (`.max()`, `.min()`)? Then add `.days`.")
        raise _Unreadable(f"Expected a single number, but got {_describe(answer)}. For a total or a count use `.sum()` "
                          "or `len(...)`; for the largest `.max()`; for one of the values, pick it with `.loc` or `.iloc`.")
    if answer is None or answer is pd.NA or answer is pd.NaT:
        raise _Unreadable("Your answer is empty (NA): a value the data do not have, or a filter that kept no rows. "
                          + SUBTRACTED_COLUMNS)
    if isinstance(answer, bool) or not isinstance(answer, numbers.Number):
        if isinstance(answer, str):
            raise _Unreadable("Your answer is text in quotes; give a number without quotes, e.g. 42, not '42'.")
        raise _Unreadable(f"Expected a single number, but got {_describe(answer)}.")
    value = float(answer)
    if math.isnan(value):
        raise _Unreadable("Your answer is NaN (not a number). " + SUBTRACTED_COLUMNS
                          + " Otherwise check the column name and any filter.")
    return value


def _as_date(answer: Any) -> _dt.date:
    answer = _single(answer)
    if isinstance(answer, pd.Timestamp) or answer is pd.NaT:
        if pd.isna(answer):
            raise _Unreadable("Your answer is NaT (no date): the row you selected has no date, or your filter kept "
                              "no rows. Check the exact text you filtered on.")
        return answer.date()
    if isinstance(answer, _dt.datetime):
        return answer.date()
    if isinstance(answer, _dt.date):
        return answer
    if isinstance(answer, str):
        try:
            return _dt.date.fromisoformat(answer.strip())
        except ValueError:
            pass
        try:  # str() of a pandas date: "2016-01-06 00:00:00"; the date is what counts
            return _dt.datetime.fromisoformat(answer.strip()).date()
        except ValueError:
            raise _Unreadable("Write the date as 'YYYY-MM-DD', e.g. '1945-08-06'.") from None
    if isinstance(answer, (pd.Series, pd.DataFrame, list, tuple)):
        raise _Unreadable(f"Expected one date, but got {_describe(answer)}. Narrow your filter to the one row you "
                          "need, then take its date with `.iloc[0]`.")
    raise _Unreadable(f"Expected a date such as '1945-08-06', but got {_describe(answer)}.")


def _as_letter(answer: Any, choices: dict) -> str:
    answer = _single(answer)
    offer = ", ".join(choices)
    if not isinstance(answer, str):
        raise _Unreadable(f"Answer with one letter in quotes: one of {offer}.")
    letter = re.sub(r"[\s().]", "", answer).upper()
    if letter not in choices:
        raise _Unreadable(f"Answer with one letter in quotes: one of {offer}.")
    return letter


def _as_sequence(answer: Any) -> list[str]:
    if isinstance(answer, pd.Series):
        answer = answer.tolist()
    if isinstance(answer, str) or not isinstance(answer, (list, tuple)):
        raise _Unreadable(f"Expected a list in square brackets, e.g. ['a', 'b'], but got {_describe(answer)}. "
                          "`list(...)` turns a column into a list.")
    return [str(item).strip().lower() for item in answer]


def _as_table(answer: Any, q: Question) -> pd.DataFrame:
    values = [c for c in q.columns if c != q.key]
    if isinstance(answer, pd.Series):
        if answer.name is None:
            name = values[0] if len(values) == 1 else "..."
            raise _Unreadable(f"Expected a table with columns {list(q.columns)}, but got a Series (one column of values "
                              f"with row labels). Turn it into a table with `.reset_index(name=\"{name}\")`.")
        answer = answer.reset_index()
    if not isinstance(answer, pd.DataFrame):
        raise _Unreadable(f"Expected a table (DataFrame) with columns {list(q.columns)}, but got {_describe(answer)}.")
    missing = [c for c in q.columns if c not in answer.columns]
    if q.key in missing and _other_way_round(answer, q):
        raise _Unreadable(f"Your table is the other way round: its rows are what should be its columns. Put "
                          f"`{q.key}` first in `pd.crosstab(...)`, as the rows.")
    in_index = [c for c in missing if c in (answer.index.names or [])]
    if in_index:
        raise _Unreadable(f"Your table has {in_index} as its row labels (the index), not as a column: add "
                          "`.reset_index()` to turn it into one.")
    if q.key in missing and answer.index.name is None and not isinstance(answer.index, pd.RangeIndex):
        raise _Unreadable(f"Your table's rows are labelled (its index) but it has no column {q.key!r}: turn the labels "
                          f"into a column with `.reset_index()` and name it {q.key!r} (`.rename(columns=...)`).")
    if 0 in answer.columns and missing:
        raise _Unreadable(f"Your table has a column called 0, the counts without a name: use "
                          f"`.reset_index(name=\"{missing[0]}\")` instead of `.reset_index()`.")
    if missing:
        raise _Unreadable(f"Your table needs the columns {list(q.columns)}; it lacks {missing}.")
    if answer.empty:
        raise _Unreadable("Your table has no rows yet: a filter kept none. Check each step on its own. " + q.hint)
    durations = [c for c in values if pd.api.types.is_timedelta64_dtype(answer[c])]
    if durations:
        raise _Unreadable(f"The column {durations[0]!r} holds time differences: add `.dt.days` to turn them into days.")
    return answer[list(q.columns)]


def _other_way_round(answer: pd.DataFrame, q: Question) -> bool:
    """A crosstab with its two columns swapped: the wanted value columns are its row labels (or first column)."""
    wanted = {_tidy(c) for c in q.columns if c != q.key}
    if answer.columns.name == q.key:
        return True
    labels = {_tidy(v) for v in answer.index}
    if len(answer.columns):
        labels |= {_tidy(v) for v in answer.iloc[:, 0]}
    return bool(wanted) and wanted <= labels


# ---------------------------------------------------------------- comparisons
def _compare(q: Question, answer: Any, expected_answer: Any) -> Result:
    if q.kind == "number":
        value = _as_number(answer)
        if abs(value - float(expected_answer)) <= q.tolerance + 1e-9:
            return Result(CORRECT, q.praise)
        wanted = float(expected_answer)
        if value and wanted and abs(value * 100 - wanted) <= q.tolerance + 1e-9:
            return Result(NOT_YET, f"Your number looks like a share (0 to 1), not a percentage: multiply by 100. {q.hint}")
        if value and wanted and abs(value / 100 - wanted) <= q.tolerance + 1e-9 and wanted < 1:
            return Result(NOT_YET, f"Your number looks like a percentage; the question wants a share (0 to 1): divide by "
                                   f"100. {q.hint}")
        direction = "high" if value > wanted else "low"
        return Result(NOT_YET, f"Your number is too {direction}. {q.hint}")
    if q.kind == "date":
        value = _as_date(answer)
        wanted = pd.Timestamp(expected_answer).date()
        if value == wanted:
            return Result(CORRECT, q.praise)
        return Result(NOT_YET, f"That date is too {'late' if value > wanted else 'early'}. {q.hint}")
    if q.kind == "choice":
        letter = _as_letter(answer, q.choices)
        if letter == expected_answer:
            return Result(CORRECT, q.praise)
        return Result(NOT_YET, q.feedback.get(letter) or q.hint)
    if q.kind == "order":
        value = _as_sequence(answer)
        wanted = [str(item).lower() for item in expected_answer]
        if sorted(value) != sorted(wanted):
            return Result(NOT_YET, f"Use each of the {len(wanted)} items exactly once, spelled as given. {q.hint}")
        if value == wanted:
            return Result(CORRECT, q.praise)
        if value == wanted[::-1]:
            return Result(NOT_YET, f"Your list is the right order reversed: turn it round. {q.hint}")
        right = sum(a == b for a, b in zip(value, wanted))
        return Result(NOT_YET, f"{right} of {len(wanted)} {'is' if right == 1 else 'are'} in the right place. {q.hint}")
    if q.kind == "table":
        return _compare_tables(q, _as_table(answer, q), expected_answer[list(q.columns)])
    raise ValueError(f"unknown kind {q.kind}")


SHOWN_CELLS = 3  # a wrong table names at most this many cells, then "and N more"


def _compare_tables(q: Question, answer: pd.DataFrame, wanted: pd.DataFrame) -> Result:
    """Match rows on the key (1, 1.0 and "1" alike), then name the cells that differ, never their right values."""
    _same_kinds(answer, wanted, q)
    mine, theirs = _normalise(answer, q.key), _normalise(wanted, q.key)
    if not mine.index.is_unique:
        return Result(NOT_YET, f"Each value of {q.key!r} should appear in one row only. {q.hint}")
    missing = theirs.index.difference(mine.index)
    extra = [k for k in mine.index if k not in theirs.index]
    if len(missing) or len(extra):
        shown = _relabel(answer, mine.index)[q.key]  # the student's own keys: naming them gives nothing away
        unexpected = " Not expected: " + _listed([f"{q.key} {_shown_key(shown[k])}" for k in extra]) + "." \
            if extra else ""
        return Result(NOT_YET, f"Your table has {_count(len(mine), 'row')}; {_count(len(missing), 'expected row')} "
                               f"{'is' if len(missing) == 1 else 'are'} missing and {len(extra)} "
                               f"{'is' if len(extra) == 1 else 'are'} unexpected.{unexpected} {q.hint}")
    mine, mine_raw = mine.loc[theirs.index], _relabel(answer, mine.index).loc[theirs.index]
    accepted = {(_key(k), c): {_tidy(v) for v in values}
                for k, columns in q.accept.items() for c, values in columns.items()}
    wrong = [(k, c) for k in theirs.index for c in theirs.columns
             if not _close(mine.at[k, c], theirs.at[k, c], q.tolerance) and mine.at[k, c] not in accepted.get((k, c), ())]
    if not wrong:
        return Result(CORRECT, q.praise)
    rows = len({k for k, _ in wrong})
    key_shown = _relabel(wanted, theirs.index)[q.key]
    named: dict[str, list[str]] = {}
    for k, c in wrong[:SHOWN_CELLS]:
        said = f"`{c}` is {_shown(mine_raw.at[k, c])}{_direction(mine.at[k, c], theirs.at[k, c])}"
        named.setdefault(k, []).append(said)
    cells = "; ".join(f"{q.key} {_shown_key(key_shown[k])}, {' and '.join(said)}" for k, said in named.items())
    more = f"; and {len(wrong) - SHOWN_CELLS} more" if len(wrong) > SHOWN_CELLS else ""
    said_for_row = {_key(k): line for k, line in q.feedback.items()}  # a row's own line, else the hint
    advice = " ".join(dict.fromkeys(said_for_row[k] for k, _ in wrong if k in said_for_row)) or q.hint
    return Result(NOT_YET, f"{rows} of {_count(len(theirs), 'row')} {'has' if rows == 1 else 'have'} a wrong value: "
                           f"{cells}{more}. Check {'this cell' if len(wrong) == 1 else 'these cells'}."
                           f"{_outside_codes(q, wrong, mine, mine_raw, theirs, accepted)} {advice}")


def _close(mine: Any, theirs: Any, tolerance: float) -> bool:
    """Two tidied cells alike; numbers within the question's tolerance (a rate rounded another way is still right)."""
    if isinstance(mine, float) and isinstance(theirs, float):
        return abs(mine - theirs) <= tolerance + 1e-9
    return mine == theirs


def _relabel(table: pd.DataFrame, index: pd.Index) -> pd.DataFrame:
    table = table.copy()
    table.index = index
    return table


def _direction(mine: Any, theirs: Any) -> str:
    if isinstance(mine, float) and isinstance(theirs, float):
        return ", too high" if mine > theirs else ", too low"
    return ""


def _outside_codes(q: Question, wrong: list, mine: pd.DataFrame, mine_raw: pd.DataFrame, theirs: pd.DataFrame,
                   accepted: dict) -> str:
    """" 'breached' is not one of the codes `status_2022` uses: …" for text that no cell of the column may hold."""
    said = []
    for column in dict.fromkeys(c for _, c in wrong):
        if column in q.codes:
            codes = {_tidy(v) for v in q.codes[column]}
        elif all(isinstance(v, str) for v in theirs[column]):
            codes = set(theirs[column]) | {v for (_, c), values in accepted.items() if c == column for v in values}
        else:
            continue  # a number column: "too high" or "too low" says enough
        outside = list(dict.fromkeys(_shown(mine_raw.at[k, c]) for k, c in wrong
                                     if c == column and mine.at[k, c] not in codes and mine.at[k, c] != ""))
        if not outside:
            continue
        are = "is not one of" if len(outside) == 1 else "are not among"
        if column in q.codes:
            named = [str(v) for v in q.codes[column] if v is not None and _tidy(v) != ""]
            empty = " or None (no quotes) for an empty cell" if len(named) < len(q.codes[column]) else ""
            said.append(f"{_listed(outside)} {are} the codes `{column}` uses: {', '.join(named)}{empty}.")
        else:
            said.append(f"{_listed(outside)} {are} the values `{column}` uses: check the spelling.")
    return "".join(" " + sentence for sentence in said)


def _same_kinds(answer: pd.DataFrame, wanted: pd.DataFrame, q: Question) -> None:
    """A column of numbers typed as text, or the reverse, is told how to convert (keys are matched either way)."""
    for column in (c for c in q.columns if c != q.key):
        mine = [_tidy(v) for v in answer[column] if _tidy(v) != ""]
        theirs = [_tidy(v) for v in wanted[column] if _tidy(v) != ""]
        if not mine or not theirs:
            continue
        if all(isinstance(v, float) for v in theirs) and all(isinstance(v, str) and _number(v) is not None
                                                             for v in mine):
            convert = "int" if all(float(_number(v)).is_integer() for v in mine) else "float"
            raise _Unreadable(f"Your column `{column}` holds text ({_shown(mine[0])}); this question wants numbers "
                              f"there: use `.astype({convert})`.")
        if all(isinstance(v, str) and _number(v) is not None for v in theirs) and all(isinstance(v, float)
                                                                                      for v in mine):
            raise _Unreadable(f"Your column `{column}` holds numbers; this question wants text there: use "
                              "`.astype(str)`.")


def _listed(items: list[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _shown(value: Any) -> str:
    """A cell as a student would recognise it: 'text' in quotes, numbers without a needless .0, or empty."""
    if isinstance(value, (pd.Series, pd.Index, np.ndarray, list)) and len(value) != 1:
        return "several values, not one (a whole column? take one value with `.iloc[0]`)"
    tidy = _tidy(value)
    if tidy == "":
        return "empty"
    if isinstance(tidy, float):
        return f"{tidy:g}" if not tidy.is_integer() else str(int(tidy))
    return f"'{str(value).strip()}'"


def _shown_key(value: Any) -> str:
    """A key as the lesson writes it: paragraph 3 (whether typed 3, 3.0 or "3"), form 'treaty'."""
    key = _key(value)
    if _number(key) is not None:
        return key
    return f"'{value.strip()}'" if isinstance(value, str) and value.strip() else _shown(value)  # a code 'none' stays itself


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" + ("" if n == 1 else "s")


def first_step(hint: str) -> str:
    """The first sentence of a hint: a nudge shown before any attempt (the whole hint comes after a wrong answer)."""
    match = re.match(r"(.+?[.!?])(\s|$)", hint.strip(), re.S)
    return match.group(1) if match else hint


EMPTY_WORDS = {"", "none", "nan", "<na>"}  # typed in quotes, they still mean an empty cell


def _tidy(value: Any) -> Any:
    """One cell, compared by value: numbers rounded, text stripped and lower-cased, every kind of empty alike."""
    if isinstance(value, (pd.Series, pd.Index, np.ndarray, list)) and len(value) == 1:
        value = list(value)[0]  # a one-row Series put in a cell (`rate` where `rate.iloc[0]` was meant) is its value
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):  # lists and other containers
        pass
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return round(float(value), 6)
    text = str(value).strip().lower()
    return "" if text in EMPTY_WORDS else text


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _key(value: Any) -> str:
    """A key cell, matched by value whatever its type: 1, 1.0 and "1" are the same row."""
    tidy = _tidy(value)
    number = tidy if isinstance(tidy, float) else _number(tidy) if isinstance(tidy, str) else None
    if number is None:
        return str(tidy)
    return str(int(number)) if float(number).is_integer() else repr(round(float(number), 6))


def _normalise(table: pd.DataFrame, key: str) -> pd.DataFrame:
    tidy = table.copy().astype(object).map(_tidy)
    tidy.index = [_key(v) for v in table[key]]
    return tidy.drop(columns=key)


# ---------------------------------------------------------------- public API
def evaluate(qid: str, answer: Any) -> Result:
    """Judge ``answer`` to question ``qid``. Never raises."""
    try:
        registry = _registry()
    except Exception as exc:  # noqa: BLE001  (the question list itself is missing or corrupt)
        return Result(COURSE_ERROR, f"The course's list of questions could not be read ({type(exc).__name__}). "
                                    + TELL_INSTRUCTOR)
    q = registry.questions.get(qid.strip()) if isinstance(qid, str) else None
    if q is None:
        return Result(NOT_YET, f"There is no question {qid!r}; check the id in the line above.")
    lesson = q.qid[1:3]
    if lesson in registry.broken:
        return Result(COURSE_ERROR, f"The checks of lesson {lesson} could not be loaded ({registry.broken[lesson]}). "
                                    + TELL_INSTRUCTOR)
    if _is_placeholder(answer):
        return Result(UNANSWERED, "Replace the ... with your answer and run the cell again. First step: "
                      + first_step(q.hint))
    try:
        wanted = q.expected()
        if q.kind == "table":
            lacking = [c for c in q.columns if c not in getattr(wanted, "columns", ())]
            require(not lacking, f"the expected table lacks the columns {lacking} that the question asks for")
    except Exception as exc:  # noqa: BLE001  (a course bug: never blame the student for it)
        return Result(COURSE_ERROR, f"The course could not work out the expected answer ({type(exc).__name__}: "
                                    f"{exc}). " + TELL_INSTRUCTOR)
    try:
        if isinstance(answer, pd.DataFrame) and answer.empty and q.kind != "table":
            return Result(NOT_YET, f"Your answer is an empty table. {q.hint}")
        return _compare(q, answer, wanted)
    except _Unreadable as why:
        message = str(why)
        return Result(NOT_YET, message if q.hint in message else f"{message} {q.hint}")
    except Exception as exc:  # noqa: BLE001  (a malformed answer must never show the student a traceback)
        return Result(NOT_YET, f"Could not read your answer ({type(exc).__name__}). {q.hint}")


class NoPoints(AssertionError):
    """Under nbgrader: the answer earns no points; the message is the check's line. IPython shows the message alone."""

    def _render_traceback_(self) -> list[str]:  # IPython's hook: these lines instead of a traceback
        return [str(self)]


def check(qid: str, answer: Any) -> None:
    """Print one line saying whether ``answer`` to question ``qid`` is right (under nbgrader, raise it unless it is)."""
    result = evaluate(qid, answer)
    line = result.line(qid if isinstance(qid, str) else repr(qid))
    if result.status != CORRECT and os.environ.get("NBGRADER_EXECUTION"):
        raise NoPoints(line)
    print(line)
