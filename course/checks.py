"""Self-checking exercises: ``check("Q00.1", answer)`` prints one friendly line.

Each question is registered in ``course/questions/`` with the kind of answer it
wants and a function that computes the expected answer from the data, so a
fix to the data can never leave a stale answer behind. ``check`` never raises:
whatever it is given, the student sees one of

    ✔ Q00.1 correct. ...
    ✘ Q00.1 not yet. <hint that does not give the answer away>
    ⏳ Q00.1 not answered yet. ...
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
import re
from dataclasses import dataclass, field
from typing import Any, Callable

import pandas as pd

__all__ = ["check", "evaluate", "question", "QUESTIONS", "Result"]

CORRECT, NOT_YET, UNANSWERED = "correct", "not yet", "not answered yet"
_SYMBOL = {CORRECT: "✔", NOT_YET: "✘", UNANSWERED: "⏳"}


@dataclass(frozen=True)
class Result:
    status: str
    message: str

    def line(self, qid: str) -> str:
        return f"{_SYMBOL[self.status]} {qid} {self.status}. {self.message}".rstrip()


@dataclass
class Question:
    qid: str
    kind: str  # number | date | choice | order | table
    expected: Callable[[], Any]
    hint: str
    tolerance: float = 0.0  # numbers: absolute tolerance
    choices: tuple[str, ...] = ()  # choice: the letters on offer
    key: str = ""  # table: the column rows are matched on
    columns: tuple[str, ...] = ()  # table: the columns it must have
    praise: str = ""  # said on a correct answer: what the result means
    extra: dict = field(default_factory=dict)


QUESTIONS: dict[str, Question] = {}


def question(qid: str, kind: str, hint: str, **options) -> Callable:
    """Register the decorated function as the expected-answer maker for ``qid``."""
    if kind not in {"number", "date", "choice", "order", "table"}:
        raise ValueError(f"unknown question kind {kind!r}")

    def register(func: Callable[[], Any]) -> Callable[[], Any]:
        QUESTIONS[qid] = Question(qid=qid, kind=kind, expected=func, hint=hint, **options)
        return func

    return register


def letter_of(choices: dict[str, str], value: str) -> str:
    """The letter under which a multiple-choice question offers ``value``."""
    return next(letter for letter, offered in choices.items() if offered == value)


# ---------------------------------------------------------------- answer readers
class _Unreadable(Exception):
    """The answer cannot be read as the kind wanted; the message says why, kindly."""


def _is_placeholder(answer: Any) -> bool:
    if answer is ... or answer is None:
        return True
    return isinstance(answer, str) and answer.strip() in {"", "...", "…"}


def _describe(answer: Any) -> str:
    if isinstance(answer, pd.DataFrame):
        return "a table (DataFrame)"
    if isinstance(answer, pd.Series):
        return "a column (Series)"
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
    """Unwrap a one-element Series/list (e.g. the result of a filter) into its value."""
    if isinstance(answer, pd.Series) and len(answer) == 1:
        return answer.iloc[0]
    if isinstance(answer, (list, tuple)) and len(answer) == 1:
        return answer[0]
    return answer


def _as_number(answer: Any) -> float:
    answer = _single(answer)
    if isinstance(answer, bool) or not isinstance(answer, numbers.Number):
        if isinstance(answer, str):
            raise _Unreadable("Your answer is text in quotes; give a number without quotes, e.g. 42, not '42'.")
        raise _Unreadable(f"Expected a single number, but got {_describe(answer)}.")
    value = float(answer)
    if math.isnan(value):
        raise _Unreadable("Your answer is NaN (not a number): check the column name and any filtering.")
    return value


def _as_date(answer: Any) -> _dt.date:
    answer = _single(answer)
    if isinstance(answer, pd.Timestamp):
        if pd.isna(answer):
            raise _Unreadable("Your answer is NaT (no date): check the row you selected.")
        return answer.date()
    if isinstance(answer, _dt.datetime):
        return answer.date()
    if isinstance(answer, _dt.date):
        return answer
    if isinstance(answer, str):
        try:
            return _dt.date.fromisoformat(answer.strip())
        except ValueError:
            raise _Unreadable("Write the date as 'YYYY-MM-DD', e.g. '1945-08-06'.") from None
    raise _Unreadable(f"Expected a date such as '1945-08-06', but got {_describe(answer)}.")


def _as_letter(answer: Any, choices: tuple[str, ...]) -> str:
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
        raise _Unreadable(f"Expected a list in square brackets, e.g. ['a', 'b'], but got {_describe(answer)}.")
    return [str(item).strip().lower() for item in answer]


def _as_table(answer: Any, q: Question) -> pd.DataFrame:
    if isinstance(answer, pd.Series) and answer.name is not None:
        answer = answer.reset_index()
    if not isinstance(answer, pd.DataFrame):
        raise _Unreadable(f"Expected a table (DataFrame) with columns {list(q.columns)}, but got {_describe(answer)}.")
    missing = [c for c in q.columns if c not in answer.columns]
    if missing:
        raise _Unreadable(f"Your table needs the columns {list(q.columns)}; it lacks {missing}.")
    if answer.empty:
        raise _Unreadable("Your table has no rows yet.")
    return answer[list(q.columns)]


# ---------------------------------------------------------------- comparisons
def _compare(q: Question, answer: Any, expected: Any) -> Result:
    if q.kind == "number":
        value = _as_number(answer)
        if abs(value - float(expected)) <= q.tolerance + 1e-9:
            return Result(CORRECT, q.praise)
        direction = "high" if value > float(expected) else "low"
        return Result(NOT_YET, f"Your number is too {direction}. {q.hint}")
    if q.kind == "date":
        value = _as_date(answer)
        if value == pd.Timestamp(expected).date():
            return Result(CORRECT, q.praise)
        direction = "late" if value > pd.Timestamp(expected).date() else "early"
        return Result(NOT_YET, f"That date is too {direction}. {q.hint}")
    if q.kind == "choice":
        if _as_letter(answer, q.choices) == expected:
            return Result(CORRECT, q.praise)
        return Result(NOT_YET, q.hint)
    if q.kind == "order":
        value = _as_sequence(answer)
        wanted = [str(item).lower() for item in expected]
        if sorted(value) != sorted(wanted):
            return Result(NOT_YET, f"Use each of the {len(wanted)} items exactly once, spelled as given. {q.hint}")
        if value == wanted:
            return Result(CORRECT, q.praise)
        right = sum(a == b for a, b in zip(value, wanted))
        return Result(NOT_YET, f"{right} of {len(wanted)} are in the right place. {q.hint}")
    if q.kind == "table":
        table = _as_table(answer, q)
        mine = _normalise(table, q.key)
        theirs = _normalise(expected[list(q.columns)], q.key)
        if not mine.index.is_unique:
            return Result(NOT_YET, f"Each value of {q.key!r} should appear in one row only. {q.hint}")
        missing = theirs.index.difference(mine.index)
        extra = mine.index.difference(theirs.index)
        if len(missing) or len(extra):
            return Result(NOT_YET, f"Your table has {len(mine)} rows; {len(missing)} expected rows are missing "
                                   f"and {len(extra)} are unexpected. {q.hint}")
        wrong = (mine.loc[theirs.index] != theirs).any(axis=1).sum()
        if wrong:
            return Result(NOT_YET, f"{wrong} of {len(theirs)} rows have a wrong value. {q.hint}")
        return Result(CORRECT, q.praise)
    raise ValueError(f"unknown kind {q.kind}")


def _normalise(table: pd.DataFrame, key: str) -> pd.DataFrame:
    """Compare tables by value, not by dtype: numbers rounded, text stripped and lower-cased."""
    def tidy(value: Any) -> Any:
        if isinstance(value, numbers.Number) and not isinstance(value, bool):
            return round(float(value), 6)
        return str(value).strip().lower()

    out = table.copy().astype(object).map(tidy)
    return out.set_index(key)


# ---------------------------------------------------------------- public API
def evaluate(qid: str, answer: Any) -> Result:
    """Judge ``answer`` to question ``qid``. Never raises."""
    from . import questions  # noqa: F401  (registers every lesson's questions)

    q = QUESTIONS.get(str(qid).strip()) if isinstance(qid, str) else None
    if q is None:
        return Result(NOT_YET, f"There is no question {qid!r}; check the id in the line above.")
    try:
        if _is_placeholder(answer):
            return Result(UNANSWERED, "Replace the ... with your answer and run the cell again.")
        if isinstance(answer, pd.DataFrame) and answer.empty and q.kind != "table":
            return Result(NOT_YET, f"Your answer is an empty table. {q.hint}")
        return _compare(q, answer, q.expected())
    except _Unreadable as why:
        return Result(NOT_YET, str(why))
    except Exception as exc:  # a malformed answer must never show the student a traceback
        return Result(NOT_YET, f"Could not read your answer ({type(exc).__name__}). {q.hint}")


def check(qid: str, answer: Any) -> None:
    """Print one line saying whether ``answer`` to question ``qid`` is right."""
    print(evaluate(qid, answer).line(qid if isinstance(qid, str) else repr(qid)))
