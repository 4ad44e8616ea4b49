"""Lesson 00, Start here: expected answers computed from data/ (the questions are in solutions/00_start_here.ipynb)."""

import pandas as pd

from ..checks import expected, require
from ..data import load
from .common import events_in_order

# Q00.3 asks for these events in date order.
Q3_EVENTS = ["ussr_dissolved", "ukraine_independence_act", "belovezha_accords", "independence_referendum"]


@expected("Q00.1")
def q00_1():
    events = load("events")
    return int(events["date"].dt.year.between(1991, 1996).sum())


@expected("Q00.2")
def q00_2():
    return load("events").set_index("event_id").loc["budapest_memorandum", "date"]


@expected("Q00.3")
def q00_3():
    return events_in_order(Q3_EVENTS)


@expected("Q00.4")
def q00_4():
    arsenal = load("arsenal_1991")
    return arsenal[arsenal["republic"] != "Russia"].groupby("republic")["warheads_high"].sum().idxmax()


@expected("Q00.5")
def q00_5():
    events = load("events")
    counts = events.loc[events["date"] >= "2014-01-01", "category"].value_counts()
    offered = counts[counts.index.isin(["war", "nuclear_signalling", "npt_regime", "proliferation"])]
    require((offered == offered.max()).sum() == 1, "two themes tie for the most events since 2014")
    return offered.idxmax()


@expected("Q00.6")
def q00_6():
    return int(load("events")["source_ids"].str.split(";").explode().nunique())


@expected("Q00.7")
def q00_7():
    counts = load("events").groupby("lesson").size().reset_index(name="events")
    return pd.DataFrame({"lesson": counts["lesson"].astype(int), "events": counts["events"].astype(int)})
