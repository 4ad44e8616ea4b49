"""Friendlier errors for beginners, as Data 8 does: after the usual traceback, one line in plain language.

``import course`` installs it when running in IPython or Jupyter (nothing is sent anywhere, nothing is logged).
It covers the mistakes new students make most in answer cells:

- a letter or a word without quotes (``q4 = B``, ``== day``): put it in quotes;
- ``.days`` on a column of time differences: take one value from each column first, or use ``.dt.days``;
- a misspelt column name: the nearest column, and the tables that have it;
- ``.loc`` with an id before ``set_index``, or an id from another table;
- ``and``/``or`` between conditions, ``==`` with a list, a date compared with a number, a filter that kept no rows,
  ``.str.split`` without ``.explode``, columns of different lengths;
- any other name Python does not know: run the cells above first.

The traceback is shown unchanged, so nothing is hidden from students who can read it.
"""

from __future__ import annotations

import difflib
import re

import pandas as pd

__all__ = ["explain", "install"]


def _tables(namespace: dict) -> dict[str, pd.DataFrame]:
    return {name: value for name, value in namespace.items()
            if isinstance(value, pd.DataFrame) and not name.startswith("_")}


def _near_columns(name: str, namespace: dict) -> str:
    """" Did you mean `country` (a column of withdrawal and control)?" for a misspelt column, or ""."""
    found: dict[str, list[str]] = {}
    for table, frame in _tables(namespace).items():
        for match in difflib.get_close_matches(name, [str(c) for c in frame.columns], 1, 0.75):
            found.setdefault(match, []).append(table)
    if not found:
        return ""
    best = difflib.get_close_matches(name, list(found), 1, 0)[0]
    return f" Did you mean '{best}' (a column of {' and '.join(found[best][:3])})?"


def _id_tables(key: str, namespace: dict) -> str:
    """Where ``key`` is an id in some table's first column, say which (and how .loc finds it), else ""."""
    for table, frame in _tables(namespace).items():
        if len(frame.columns) and frame[frame.columns[0]].astype(str).eq(key).any():
            column = frame.columns[0]
            return (f" '{key}' is a row of `{table}` (its `{column}` column): `.loc` looks up row labels, so make "
                    f"that column the labels first, e.g. `{table}.set_index(\"{column}\").loc[\"{key}\"]`.")
    for table, frame in _tables(namespace).items():
        if len(frame.columns):
            near = difflib.get_close_matches(key, frame[frame.columns[0]].astype(str).tolist(), 1, 0.8)
            if near:
                return f" `{table}` has a row '{near[0]}': ids differ between tables (check which table you use)."
    return ""


def explain(error: BaseException, namespace: dict | None = None) -> str | None:
    """One plain-language line for a common beginner's error, or None if there is nothing useful to add."""
    namespace = namespace or {}
    message = str(error)
    plain = "In plain words: "
    if isinstance(error, NameError):
        name = getattr(error, "name", None) or (re.findall(r"'(\w+)'", message) or [""])[0]
        if re.fullmatch(r"[A-Ea-e]", name):
            return f'{plain}a letter answer goes in quotes, like "{name.upper()}", not {name}.'
        if name in {"true", "false", "none"}:
            return f"{plain}Python writes {name.capitalize()} with a capital letter."
        text = f' If you meant the text {name}, put it in quotes: "{name}".' if name.islower() and len(name) > 2 else ""
        return (f"{plain}Python does not know `{name}` yet. Is it spelt as where it is made, and have you run the "
                f"cells above this one (did one of them stop with an error)?{text}")
    if isinstance(error, AttributeError):
        if "'Series' object has no attribute 'days'" in message:
            return (f"{plain}`.days` works on one time difference, and this is a whole column of them. Take one date "
                    "from each column before subtracting (`b.iloc[0] - a.iloc[0]`, then `.days`); or, when both dates "
                    "are columns of the same table, use `.dt.days` for every row.")
        if "'Series' object has no attribute 'year'" in message:
            return f"{plain}for the year of every date in a column, write `.dt.year`."
        if "'DataFrame' object has no attribute" in message:
            column = (re.findall(r"attribute '(\w+)'", message) or [""])[0]
            return (f"{plain}this table has no column `{column}`.{_near_columns(column, namespace)} "
                    "`table.columns` lists a table's columns.")
        return None
    if isinstance(error, KeyError):
        key = error.args[0] if error.args else None
        if not isinstance(key, str):
            return None
        listed = re.findall(r"'([^']+)'", key) if "not in index" in key else []
        for name in listed or [key]:
            near = _near_columns(name, namespace)
            if near:
                return f"{plain}there is no column '{name}'.{near} `table.columns` lists a table's columns."
        ids = _id_tables(key, namespace)
        if ids:
            return plain + ids.strip()
        return (f"{plain}'{listed[0] if listed else key}' is not a column or a row label of this table. Check its "
                "spelling and capitals (`table.columns` lists the columns); to find a row by an id, make the id "
                "column the row labels first with `.set_index(...)`.")
    if isinstance(error, ValueError):
        if "truth value of a Series is ambiguous" in message or "truth value of an array" in message:
            return (f"{plain}join conditions with `&` (and) or `|` (or), each in its own brackets: "
                    "`table[(a > 1) & (b == \"x\")]`. The words `and`/`or` do not work on columns, and `.isin(...)` "
                    "takes a plain list: `.isin([\"a\", \"b\"])`.")
        if "Lengths must match to compare" in message:
            return f"{plain}to keep the rows whose value is one of several, use `.isin([...])`, not `==` with a list."
        if "does not match index length" in message or "must be of the same length" in message:
            return (f"{plain}the columns you are putting into one table have different lengths. Build each from the same "
                    "table, or turn a result into a list first with `list(...)`.")
        if "Cannot subset columns with a tuple" in message:
            return f'{plain}pick several columns with a list, in double brackets: `table[["a", "b"]]`.'
        return None
    if isinstance(error, TypeError):
        if "Invalid comparison between dtype=datetime64" in message:
            return (f"{plain}a date column is compared with dates, not numbers: use `.dt.year >= 2014` for a year, or "
                    "a date in quotes like `>= \"2014-01-01\"`.")
        if "unhashable type: 'list'" in message:
            return f"{plain}after `.str.split(...)` each value is a list: `.explode()` puts one item on each row."
        if "reset_index() got an unexpected keyword argument 'name'" in message:
            return (f"{plain}`reset_index(name=...)` names the values of a Series (for example after `.size()`); a table's "
                    "columns already have names, so write `.reset_index()`.")
        if "does not support operation 'sum'" in message or "Could not convert" in message:
            return f'{plain}pick the number columns before summing: `table[["a", "b"]].sum()`.'
        return None
    if isinstance(error, IndexError) and "out-of-bounds" in message:
        return (f"{plain}your filter kept no rows, so there is nothing to take with `.iloc[0]`. Check the exact text "
                "you filter on (capitals, spelling): `table[\"column\"].unique()` lists the values.")
    return None


def _handler(shell, etype, value, tb, tb_offset=None):
    shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
    line = explain(value, shell.user_ns)
    if line:
        print(line)


def install() -> bool:
    """Add the plain-language line under the commonest beginners' errors in this IPython kernel, if any."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None:
        return False
    shell.set_custom_exc((NameError, AttributeError, KeyError, ValueError, TypeError, IndexError), _handler)
    return True
