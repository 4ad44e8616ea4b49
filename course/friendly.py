"""Friendlier errors for beginners, as Data 8 does: after the usual traceback, one line in plain language.

``import course`` installs it when running in IPython or Jupyter (nothing is sent anywhere, nothing is logged).
It covers the mistakes new students make most in answer cells:

- a letter answer without quotes (``q4 = B``): put it in quotes;
- ``.days`` on a column of time differences: take one value first, or use ``.dt.days``;
- a misspelt column name: the columns the table has, and the nearest one;
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


def explain(error: BaseException, namespace: dict | None = None) -> str | None:
    """One plain-language line for a common beginner's error, or None if there is nothing useful to add."""
    namespace = namespace or {}
    message = str(error)
    if isinstance(error, NameError):
        name = getattr(error, "name", None) or (re.findall(r"'(\w+)'", message) or [""])[0]
        if re.fullmatch(r"[A-Ea-e]", name):
            return f'In plain words: a letter answer goes in quotes, like "{name.upper()}", not {name}.'
        if name in {"true", "false", "none"}:
            return f"In plain words: Python writes {name.capitalize()} with a capital letter."
        return (f"In plain words: Python does not know `{name}` yet. Is it spelt as where it is made, and have you run "
                "the cells above this one? (Run > Run All Above Selected Cell runs them all.)")
    if isinstance(error, AttributeError):
        if "'Series' object has no attribute 'days'" in message:
            return ("In plain words: `.days` works on one time difference, and this is a whole column of them. "
                    "Take one value first, e.g. `(b - a).iloc[0].days`, or use `.dt.days` for every row.")
        if "'Series' object has no attribute 'year'" in message:
            return "In plain words: for the year of every date in a column, write `.dt.year`."
        if "'DataFrame' object has no attribute" in message:
            column = (re.findall(r"attribute '(\w+)'", message) or [""])[0]
            tables = _tables(namespace)
            near = sorted({c for t in tables.values() for c in difflib.get_close_matches(column, map(str, t.columns), 1)})
            hint = f" Did you mean `{near[0]}`?" if near else ""
            return f"In plain words: this table has no column `{column}`.{hint} `table.columns` lists the columns."
        return None
    if isinstance(error, KeyError):
        key = error.args[0] if error.args else None
        if not isinstance(key, str):
            return None
        tables = _tables(namespace)
        for name, table in tables.items():
            near = difflib.get_close_matches(key, list(map(str, table.columns)), 1)
            if near and key not in table.columns:
                return (f"In plain words: there is no column '{key}'. Did you mean '{near[0]}'? "
                        f"`{name}.columns` lists the columns of `{name}`.")
        return (f"In plain words: '{key}' is not a column (or row label) here. Check its spelling and capitals; "
                "`table.columns` lists the columns.")
    return None


def _handler(shell, etype, value, tb, tb_offset=None):
    shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
    line = explain(value, shell.user_ns)
    if line:
        print(line)


def install() -> bool:
    """Add the plain-language line under NameError, AttributeError and KeyError in this IPython kernel, if any."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None:
        return False
    shell.set_custom_exc((NameError, AttributeError, KeyError), _handler)
    return True
