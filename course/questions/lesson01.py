"""Lesson 01, The inheritance: expected answers computed from data/ (questions in solutions/01_the_inheritance.ipynb)."""

import pandas as pd

from ..checks import expected, require
from ..data import load
from .common import events_in_order

# Q01.5 asks for these events in date order (ids in events.csv).
Q5_EVENTS = ["warsaw_pact_dissolved", "ukraine_independence_act", "moiseyev_nukes_removed_1990", "ussr_dissolved"]


def _totals() -> pd.DataFrame:
    """Warheads on each republic's territory, all weapon classes, low and high (unknown counts left out)."""
    arsenal = load("arsenal_1991")
    return arsenal.groupby("republic")[["warheads_low", "warheads_high"]].sum().astype(int)


def _big_three_1992() -> int:
    stockpiles = load("stockpiles")
    chosen = stockpiles[(stockpiles["year"] == 1992) & stockpiles["country"].isin(["UK", "France", "China"])]
    return int(chosen["warheads_low"].sum())


@expected("Q01.1")
def q01_1():
    arsenal = load("arsenal_1991")
    icbms = arsenal[(arsenal["republic"] == "Ukraine") & (arsenal["category"] == "icbm")]
    return int((icbms["launchers"] * icbms["warheads_per_launcher"]).sum())


@expected("Q01.2")
def q01_2():
    return round(_totals().loc["Ukraine", "warheads_low"] / _big_three_1992(), 2)


@expected("Q01.3")
def q01_3():
    return load("events").set_index("event_id").loc["sovereignty_declaration", "date"]


@expected("Q01.5")
def q01_5():
    return events_in_order(Q5_EVENTS)


@expected("Q01.6")
def q01_6():
    return _totals().reset_index()


@expected("Q01.7")
def q01_7():
    """A: smaller than France's; B: larger than the three together; C: larger than the UK's and China's together."""
    arsenal = load("arsenal_1991")
    strategic_low = int(arsenal[(arsenal["republic"] == "Ukraine") & (arsenal["category"] != "tactical")]["warheads_low"].sum())
    stockpiles = load("stockpiles").set_index(["country", "year"])["warheads_low"]
    france, uk, china = (int(stockpiles[(country, 1992)]) for country in ("France", "UK", "China"))
    if strategic_low > france + uk + china:
        return "B"
    if strategic_low < france:
        return "A"
    require(strategic_low > uk + china, "Ukraine's strategic low estimate fits none of the options")
    return "C"
