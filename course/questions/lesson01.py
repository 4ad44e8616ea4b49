"""Lesson 01, The inheritance (1990–1991). Expected answers are computed from data/."""

import pandas as pd

from ..checks import question
from ..data import load
from .common import events_in_order

Q4_CHOICES = {
    "A": "a member of the Warsaw Pact in its own right",
    "B": "a republic of the Soviet Union, whose membership of the pact was the USSR's",
    "C": "a neutral state outside both alliances",
    "D": "a member of NATO's Partnership for Peace",
}
# Q01.5 asks for these events in date order (ids in events.csv).
Q5_EVENTS = ["warsaw_pact_dissolved", "ukraine_independence_act", "moiseyev_nukes_removed_1990", "ussr_dissolved"]
Q7_CHOICES = {
    "A": "smaller than France's arsenal alone",
    "B": "larger than the UK's, France's and China's arsenals together",
    "C": "larger than the UK's and China's together, but not France's",
    "D": "about the same as China's",
}


def _totals() -> pd.DataFrame:
    """Warheads on each republic's territory, all weapon classes, low and high (unknown counts left out)."""
    arsenal = load("arsenal_1991")
    return arsenal.groupby("republic")[["warheads_low", "warheads_high"]].sum().astype(int)


def _big_three_1992() -> int:
    stockpiles = load("stockpiles")
    chosen = stockpiles[(stockpiles["year"] == 1992) & stockpiles["country"].isin(["UK", "France", "China"])]
    return int(chosen["warheads_low"].sum())


@question("Q01.1", "number",
          hint="Keep Ukraine's rows whose `category` is 'icbm', multiply `launchers` by `warheads_per_launcher`, then add up.",
          praise="Intercontinental missiles alone carried more warheads than Britain, France or China each had in 1992.")
def q01_1():
    arsenal = load("arsenal_1991")
    icbms = arsenal[(arsenal["republic"] == "Ukraine") & (arsenal["category"] == "icbm")]
    return int((icbms["launchers"] * icbms["warheads_per_launcher"]).sum())


@question("Q01.2", "number", tolerance=0.05,
          hint="Divide Ukraine's low total (sum of `warheads_low` over its rows in `arsenal_1991`) by the sum of the "
               "1992 `warheads_low` for the UK, France and China in `stockpiles`. Round to two decimals.",
          praise="Even on the lowest estimate, the weapons on Ukrainian soil outnumbered three recognised nuclear powers together several times over.")
def q01_2():
    return round(_totals().loc["Ukraine", "warheads_low"] / _big_three_1992(), 2)


@question("Q01.3", "date", hint="Find the row of `events` whose `event_id` is 'sovereignty_declaration'.",
          praise="The non-nuclear pledge came more than a year before independence, from a republic that did not control an army.")
def q01_3():
    return load("events").set_index("event_id").loc["sovereignty_declaration", "date"]


@question("Q01.4", "choice", choices=tuple(Q4_CHOICES),
          hint="Who signed the Warsaw Treaty in 1955? Check which states were members, and what Ukraine was in 1991.",
          praise="Ukraine had a seat at the UN from 1945, but in the Warsaw Pact it was represented only as part of the USSR.")
def q01_4():
    return "B"


@question("Q01.5", "order",
          hint="Look up the four `event_id`s in `events` and sort them by `date`.",
          praise="The Soviet weapons had left the Central European allies, and the pact itself was gone, before Ukraine was independent.")
def q01_5():
    return events_in_order(Q5_EVENTS)


@question("Q01.6", "table", key="republic", columns=("republic", "warheads_low", "warheads_high"),
          hint="Group `arsenal_1991` by `republic` and add up the two estimate columns; rows with unknown counts are "
               "simply left out of the sums. `.reset_index()` turns the result into a table.",
          praise="Totals like these are what the headlines quote; the ranges are what they leave out.")
def q01_6():
    return _totals().reset_index()


@question("Q01.7", "choice", choices=tuple(Q7_CHOICES),
          hint="In the comparison chart, choose 'strategic only' and compare the bottom of Ukraine's range with the "
               "three others added together.",
          praise="Even counting only long-range weapons, at the low estimate, Ukraine's territory held more than the three smaller nuclear powers combined.")
def q01_7():
    arsenal = load("arsenal_1991")
    strategic_low = int(arsenal[(arsenal["republic"] == "Ukraine") & (arsenal["category"] != "tactical")]["warheads_low"].sum())
    stockpiles = load("stockpiles").set_index(["country", "year"])["warheads_low"]
    if strategic_low > _big_three_1992():
        return "B"
    return "A" if strategic_low < stockpiles[("France", 1992)] else "C"
