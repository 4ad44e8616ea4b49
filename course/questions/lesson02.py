"""Lesson 02, Custody is not control: expected answers from data/ (questions in solutions/02_custody_is_not_control.ipynb)."""

import pandas as pd

from ..checks import expected, require
from ..data import load
from .common import events_in_order

# Q02.6 asks for these events in date order (ids in events.csv).
Q6_EVENTS = ["kazakhstan_last_warheads", "ukraine_npt_accession_law", "belarus_last_warheads",
             "belarus_npt_accession", "kazakhstan_npt_accession"]


def holder(who: str) -> str:
    """The class of a `who` cell in control.csv: 'disputed', 'Ukraine' or 'Moscow' (Russian or CIS authorities)."""
    who = str(who).strip().lower()
    if who.startswith("disputed"):
        return "disputed"
    return "Ukraine" if who.startswith("ukraine") else "Moscow"


def _tactical(country: str) -> pd.DataFrame:
    withdrawal = load("withdrawal")
    return withdrawal[(withdrawal["country"] == country) & (withdrawal["weapon_class"] == "tactical")]


@expected("Q02.1")
def q02_1():
    control = load("control")
    chain = control[control["country"] == "Ukraine"].copy()
    chain["holder"] = chain["who"].map(holder)
    return chain[["aspect", "holder"]].reset_index(drop=True)


@expected("Q02.2")
def q02_2():
    rows = _tactical("Ukraine")
    suspension = rows[rows["milestone"].str.contains("suspended")]
    require(len(suspension) == 1, "Ukraine's tactical rows of withdrawal.csv should have one suspension row")
    return round(float(suspension["share_removed_low"].iloc[0]) * 100)


@expected("Q02.3")
def q02_3():
    by_id = load("events").set_index("event_id")["date"]
    return int((by_id["tactical_transfers_resume"] - by_id["tactical_transfers_suspended"]).days)


@expected("Q02.4")
def q02_4():
    return load("negotiations").set_index("agreement_id").loc["lisbon_protocol_1992", "date"]


@expected("Q02.6")
def q02_6():
    return events_in_order(Q6_EVENTS)


@expected("Q02.7")
def q02_7():
    return load("positions").set_index("position_id").loc["kostenko_2022", "position"]


@expected("Q02.8")
def q02_8():
    """B: the sources give two completion dates, and the chart keeps both."""
    completions = _tactical("Belarus")
    completions = completions[completions["share_removed_low"] == 1]
    require(len(completions) == 2, "the question assumes two completion dates for Belarus's tactical withdrawal")
    return "B"
