"""Friendlier errors for beginners, as Data 8 does: after the usual traceback, one line in plain language.

``import course`` installs it when running in IPython or Jupyter (nothing is sent anywhere, nothing is logged).
It covers the mistakes new students make most in answer cells:

- a letter or a word without quotes (``q4 = B``, ``== day``): put it in quotes;
- ``.days`` on a column of time differences: take one value from each column first, or use ``.dt.days``;
- a misspelt column name: the nearest column, and the tables that have it;
- ``.loc`` with an id (or a list of ids) before ``set_index``, or an id from another table;
- several columns picked without a list (``table["a", "b"]``);
- ``and``/``or`` between conditions, or ``&``/``|`` without brackets; ``==`` with a list; ``.isin`` with a list
  inside a list; a date compared with a number; a time difference used as a number; a filter that kept no rows;
  ``.str.split`` without ``.explode``; columns of different lengths;
- any other name Python does not know: run the cells above first.

The traceback is shown unchanged, so nothing is hidden from students who can read it.
"""

from __future__ import annotations

import difflib
import linecache
import re

import pandas as pd

__all__ = ["explain", "install"]


def _tables(namespace: dict) -> dict[str, pd.DataFrame]:
    return {name: value for name, value in namespace.items()
            if isinstance(value, pd.DataFrame) and not name.startswith("_")}


def _near_columns(name: str, namespace: dict, first: str | None = None) -> str:
    """" Did you mean `country` (a column of withdrawal and control)?" for a misspelt column, or "".

    The table the student used (``first``, when known) is searched first; a name is never suggested for itself,
    and a table that has the very name typed is said to have it (the student may have used the wrong table)."""
    tables = _tables(namespace)
    holders = [table for table, frame in tables.items() if name in map(str, frame.columns)]
    elsewhere = f" '{name}' itself is a column of {' and '.join(holders[:3])}: is that the table you meant?" \
        if holders and first not in holders else ""
    if first in tables:
        near = difflib.get_close_matches(name, [str(c) for c in tables[first].columns if str(c) != name], 1, 0.75)
        if near:
            return f" Did you mean '{near[0]}' (a column of {first})?{elsewhere}"
    found: dict[str, list[str]] = {}
    for table, frame in tables.items():
        if table in holders:
            continue  # the table that failed does not have the name, so it is not this one
        for match in difflib.get_close_matches(name, [str(c) for c in frame.columns], 1, 0.75):
            found.setdefault(match, []).append(table)
    if not found:
        return elsewhere
    best = difflib.get_close_matches(name, list(found), 1, 0)[0]
    return f" Did you mean '{best}' (a column of {' and '.join(found[best][:3])})?{elsewhere}"


def _table_used(error: BaseException, name: str) -> str | None:
    """The table the student's own line picked ``name`` from (``readings["paragraph"]``, ``readings.paragraph``)."""
    used = re.compile(rf"(\w+)\s*(?:\[\s*\[?\s*['\"]{re.escape(name)}['\"]|\.{re.escape(name)}\b)")
    tb = error.__traceback__
    while tb is not None:  # the student's cell is one of the frames (IPython's own come first)
        found = used.search(linecache.getline(tb.tb_frame.f_code.co_filename, tb.tb_lineno))
        if found:
            return found.group(1)
        tb = tb.tb_next
    return None


def _id_tables(keys: str | list[str], namespace: dict) -> str:
    """Where ``keys`` are ids in some table's first column, say which (and how .loc finds them), else ""."""
    keys = [keys] if isinstance(keys, str) else keys
    looked_up = f'"{keys[0]}"' if len(keys) == 1 else "[" + ", ".join(f'"{k}"' for k in keys) + "]"
    for table, frame in _tables(namespace).items():
        if len(frame.columns) and frame[frame.columns[0]].astype(str).isin(keys).any():
            column = frame.columns[0]
            which = f"'{keys[0]}' is a row" if len(keys) == 1 else "these are rows"
            return (f" {which} of `{table}` (its `{column}` column): `.loc` looks up row labels, so make "
                    f"that column the labels first, e.g. `{table}.set_index(\"{column}\").loc[{looked_up}]`.")
    for table, frame in _tables(namespace).items():
        if len(frame.columns):
            near = difflib.get_close_matches(keys[0], frame[frame.columns[0]].astype(str).tolist(), 1, 0.8)
            if near:
                return f" `{table}` has a row '{near[0]}': ids differ between tables (check which table you use)."
    return ""


NONE_OF = re.compile(r"None of (.*) are in the \[?(index|columns)\]?")
AND_OR = ("join conditions with `&` (and) or `|` (or), each in its own brackets: `table[(a > 1) & (b == \"x\")]`. "
          "The words `and`/`or` do not work on columns.")
ISIN = 'to keep the rows whose value is one of several, `.isin(...)` takes a plain list: `.isin(["a", "b"])`.'


def _labels(text: str) -> list[str]:
    """The labels inside pandas' "None of [Index(['a', 'b'], dtype='str')] are in the [index]"."""
    text = re.sub(r",\s*dtype=[^)\]]*", "", text)
    return re.findall(r"'([^']*)'", text) or re.findall(r"-?\d+(?:\.\d+)?", text)


def _through(error: BaseException, function: str) -> bool:
    """Whether the error passed through a function of that name (``isin``, say)."""
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_name == function:
            return True
        tb = tb.tb_next
    return False


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
            near = _near_columns(column, namespace, _table_used(error, column))
            return f"{plain}this table has no column `{column}`.{near} `table.columns` lists a table's columns."
        return None
    if isinstance(error, KeyError):
        key = error.args[0] if error.args else None
        if isinstance(key, tuple) and key and all(isinstance(k, str) for k in key):
            names = ", ".join(f'"{k}"' for k in key)
            table = next((t for t, frame in _tables(namespace).items() if set(key) <= set(map(str, frame.columns))),
                         "table")
            return f"{plain}to pick several columns, put their names in a list: `{table}[[{names}]]`."
        if not isinstance(key, str):
            return None
        none_of = NONE_OF.search(key)
        if none_of:
            listed, where = _labels(none_of.group(1)), none_of.group(2)
        else:
            listed, where = (re.findall(r"'([^']+)'", key) if "not in index" in key else []), "columns"
        ids = _id_tables(listed or key, namespace) if where == "index" or not none_of else ""
        if ids and none_of:  # `.loc[[...]]` looked the labels up as rows
            return plain + ids.strip()
        for name in listed or [key]:
            near = _near_columns(name, namespace, _table_used(error, name))
            if near:
                return f"{plain}there is no column '{name}'.{near} `table.columns` lists a table's columns."
        if ids:
            return plain + ids.strip()
        shown = (", ".join(f"'{name}'" for name in listed[:-1]) + " and " if len(listed) > 1 else "") + \
            (f"'{listed[-1]}'" if listed else f"'{key}'")
        if none_of and where == "columns":
            return (f"{plain}{shown} {'is not a column' if len(listed) == 1 else 'are not columns'} of this table. "
                    "Check the spelling and capitals: `table.columns` lists the columns.")
        return (f"{plain}{shown} {'is' if len(listed) < 2 else 'are'} not a column or a row label of this table. "
                "Check the spelling and capitals (`table.columns` lists the columns); to find a row by an id, make "
                "the id column the row labels first with `.set_index(...)`.")
    if isinstance(error, ValueError):
        if "truth value of" in message and _through(error, "isin"):
            return plain + ISIN
        if "truth value of a Series is ambiguous" in message:
            return plain + AND_OR
        if "truth value of an array" in message:
            return f"{plain}{AND_OR} And `.isin(...)` takes a plain list: `.isin([\"a\", \"b\"])`."
        if "Lengths must match to compare" in message:
            return f"{plain}to keep the rows whose value is one of several, use `.isin([...])`, not `==` with a list."
        if "does not match index length" in message or "must be of the same length" in message:
            return (f"{plain}the columns you are putting into one table have different lengths. Build each from the same "
                    "table, or turn a result into a list first with `list(...)`.")
        if "Cannot subset columns with a tuple" in message:
            return f'{plain}pick several columns with a list, in double brackets: `table[["a", "b"]]`.'
        return None
    if isinstance(error, TypeError):
        if re.search(r"unsupported operand type\(s\) for (//|/|\*|\+|-|%): .*'Timedelta'", message) \
                and "Timestamp" not in message and "datetime" not in message:
            return (f"{plain}a time difference is not a number: add `.days` first (`.dt.days` for a column of "
                    "them), then do the arithmetic.")
        if re.search(r"unsupported operand type\(s\) for [|&]:", message):
            return plain + AND_OR
        if "only list-like objects are allowed to be passed to isin()" in message:
            return plain + ISIN
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
