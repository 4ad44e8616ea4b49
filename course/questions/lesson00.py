"""Lesson 00, Start here: expected answers computed from data/ (the questions are in solutions/00_start_here.ipynb)."""

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
    """C: the map draws Kazakhstan's tactical warheads as not known."""
    arsenal = load("arsenal_1991")
    tactical = arsenal[(arsenal["republic"] == "Kazakhstan") & (arsenal["category"] == "tactical")]
    require(len(tactical) == 1 and tactical["warheads_high"].isna().all(),
            "the question assumes that arsenal_1991 gives no count for Kazakhstan's tactical warheads")
    return "C"


@expected("Q00.5")
def q00_5():
    recent = load("events")
    recent = recent[recent["date"] >= "2014-01-01"]
    return recent.groupby("category").size().reset_index(name="events")


@expected("Q00.6")
def q00_6():
    events = load("events")
    return int(events.loc[events["date"].dt.year == 1994, "source_ids"].str.split(";").explode().nunique())
