"""Writing data as text, honestly: dates only as precise as they are known, ranges as ranges, unknowns as unknown.

Used by hover cards, tables and sentences computed in the lessons, so the same rule holds everywhere.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache

import pandas as pd

__all__ = ["when", "period_end", "estimate", "wrap"]

PRECISIONS = ("day", "month", "year")


def when(date, precision: str = "day") -> str:
    """A date written only as precisely as it is known: '5 Dec 1994', 'May 1992', '1991'; 'date not known' if missing.

    ``precision`` is the table's ``date_precision`` ("day", "month" or "year"); a month- or year-precise date is
    stored as the first day of its month or year, and must not be shown as that day.
    """
    if date is None or pd.isna(date):
        return "date not known"
    if precision not in PRECISIONS:
        raise ValueError(f"date precision {precision!r} is not one of {PRECISIONS}")
    date = pd.Timestamp(date)
    if precision == "year":
        return f"{date.year}"
    if precision == "month":
        return f"{date:%b %Y}"
    return f"{date.day} {date:%b %Y}"


def period_end(date, precision: str = "day") -> pd.Timestamp:
    """The last day a date may stand for: itself if exact to the day, else the end of its month or year."""
    date = pd.Timestamp(date)
    if precision == "month":
        return date + pd.offsets.MonthEnd(0)
    if precision == "year":
        return date + pd.offsets.YearEnd(0)
    return date


def _missing(value) -> bool:
    return value is None or pd.isna(value)


def estimate(low, high, unit: str = "", percent: bool = False) -> str:
    """'780', '1,240–1,410 warheads', 'at least 420' or 'not known': one number when low and high agree (never
    '780–780'); a lower bound alone (the sources say "more than") is 'at least'; nothing known is 'not known'."""
    if _missing(low):
        return "not known"

    def number(value) -> str:
        return f"{float(value):.0%}" if percent else f"{value:,.0f}"

    if _missing(high):
        text = f"at least {number(low)}"
    else:
        text = number(low) if number(low) == number(high) else f"{number(low)}–{number(high)}"
    return f"{text} {unit}".strip()


def wrap(text, width: int = 60) -> str:
    """Text broken into lines of about ``width`` characters for a hover card (``<br>``); '—' for an empty cell."""
    if text is None or (not isinstance(text, str) and pd.isna(text)) or str(text).strip() == "":
        return "—"
    return _wrapped(str(text), width)


@lru_cache(maxsize=4096)
def _wrapped(text: str, width: int) -> str:
    # A lesson wraps the same descriptions and citations for several charts; textwrap is slow (README, "Speed").
    if len(text) <= width and not (text[0].isspace() or text[-1].isspace() or _RESHAPED.intersection(text)):
        return text  # one line already, exactly as textwrap would leave it
    return "<br>".join(textwrap.wrap(text, width))


_RESHAPED = frozenset("\t\n\x0b\x0c\r")  # textwrap turns each of these into a space
