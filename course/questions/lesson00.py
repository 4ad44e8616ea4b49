"""Lesson 00, Start here: expected answers computed from data/ (the questions are in solutions/00_start_here.ipynb)."""

import pandas as pd

from ..checks import expected, require
from ..data import load
from .common import events_in_order

# Q00.3 asks for these events in date order (ids in events.csv); the prompt offers them in another order.
Q3_EVENTS = ["ukraine_npt_accession_law", "first_warhead_train_1994", "rada_conditional_start_ratification",
             "trilateral_statement"]


@expected("Q00.1")
def q00_1():
    events = load("events")
    year = events["date"].dt.year
    return len(events[(year >= 1991) & (year <= 1996) & (events["date_precision"] == "day")])


@expected("Q00.2")
def q00_2():
    dates = load("events").set_index("event_id")["date"]
    return int((dates["ussr_dissolved"] - dates["independence_referendum"]).days)


@expected("Q00.3")
def q00_3():
    return events_in_order(Q3_EVENTS)


@expected("Q00.4")
def q00_4():
    """B: the map draws Kazakhstan's tactical warheads as not known."""
    arsenal = load("arsenal_1991")
    tactical = arsenal[(arsenal["republic"] == "Kazakhstan") & (arsenal["category"] == "tactical")]
    require(len(tactical) == 1 and tactical["warheads_high"].isna().all(),
            "the question assumes that arsenal_1991 gives no count for Kazakhstan's tactical warheads")
    return "B"


@expected("Q00.5")
def q00_5():
    recent = load("events")
    recent = recent[recent["date"] >= "2014-01-01"]
    return recent.groupby("category").size().reset_index(name="events")


@expected("Q00.6")
def q00_6():
    events, sources = load("events"), load("sources")
    ids = events.loc[events["date"].dt.year == 1994, "source_ids"].str.split(";").explode()
    cited = sources[sources["source_id"].isin(ids)]
    return int((cited["kind"] == "primary_document").sum())


@expected("Q00.9")
def q00_9():
    """C: a range between estimates, none preferred."""
    arsenal = load("arsenal_1991")
    ukraine = arsenal[arsenal["republic"] == "Ukraine"]
    low, high = ukraine["warheads_low"].sum(skipna=False), ukraine["warheads_high"].sum(skipna=False)
    require(pd.notna(low) and pd.notna(high) and low < high,
            "the question assumes a known range of warheads on Ukraine's territory")
    require(f"{low:,}–{high:,}" == "4,092–6,068", "the prompt quotes 4,092–6,068: update it to the data")
    return "C"
