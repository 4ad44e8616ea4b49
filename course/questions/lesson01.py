"""Lesson 01, The inheritance: expected answers computed from data/ (questions in solutions/01_the_inheritance.ipynb).
Q01.3, Q01.8 and Q01.9 are conceptual: their letters are fixed in their specifications."""

import pandas as pd

from ..checks import expected, require
from ..data import load
from .common import events_in_order

# Q01.2 asks for these events in date order (ids in events.csv), given in this order in the prompt.
Q2_EVENTS = ["ukraine_independence_act", "soviet_troops_leave_poland", "sovereignty_declaration",
             "tactical_withdrawal_complete", "gdr_leaves_warsaw_pact"]


def _strategic(republic: str) -> pd.DataFrame:
    """The low and high warheads of a republic's strategic (non-tactical) rows, all of which must be known."""
    arsenal = load("arsenal_1991")
    rows = arsenal[(arsenal["republic"] == republic) & (arsenal["category"] != "tactical")]
    require(len(rows) > 0, f"arsenal_1991 has no strategic rows for {republic}")
    require(rows[["warheads_low", "warheads_high"]].notna().all().all(),
            f"a strategic row of {republic} has an unknown count: the question assumes every part is known")
    return rows[["warheads_low", "warheads_high"]]


def _stockpile_1992(countries: list[str]) -> pd.DataFrame:
    stockpiles = load("stockpiles")
    rows = stockpiles[(stockpiles["year"] == 1992) & stockpiles["country"].isin(countries)]
    require(sorted(rows["country"]) == sorted(countries), f"stockpiles lacks a 1992 row for one of {countries}")
    return rows.set_index("country")[["warheads_low", "warheads_high"]]


@expected("Q01.1")
def q01_1():
    events = load("events").set_index("event_id")
    chosen = events.loc[["warsaw_pact_dissolved", "ussr_dissolved"]]
    require((chosen["date_precision"] == "day").all(), "both dates must be known to the day to count days between them")
    return int((chosen.loc["ussr_dissolved", "date"] - chosen.loc["warsaw_pact_dissolved", "date"]).days)


@expected("Q01.2")
def q01_2():
    return events_in_order(Q2_EVENTS)


@expected("Q01.4")
def q01_4():
    """How many more strategic warheads (high ends) stood on Ukraine's soil than on Kazakhstan's. The question is
    built so that forgetting the 'not tactical' filter changes the answer: Ukraine's tactical row must have numbers."""
    arsenal = load("arsenal_1991")
    ukraine_tactical = arsenal[(arsenal["republic"] == "Ukraine") & (arsenal["category"] == "tactical")]
    require(len(ukraine_tactical) == 1 and ukraine_tactical["warheads_high"].notna().all(),
            "Ukraine's tactical row should have a high estimate, so that leaving it in gives a wrong answer")
    return int(_strategic("Ukraine")["warheads_high"].sum() - _strategic("Kazakhstan")["warheads_high"].sum())


@expected("Q01.5")
def q01_5():
    arsenal = load("arsenal_1991")
    three = arsenal[arsenal["republic"] != "Russia"]
    require(set(three["republic"]) == {"Ukraine", "Kazakhstan", "Belarus"}, "the non-Russian republics are not the three expected")
    return three.groupby("category")[["warheads_low", "warheads_high"]].sum(skipna=False).reset_index()


@expected("Q01.6")
def q01_6():
    return round(_strategic("Ukraine")["warheads_low"].sum() / _stockpile_1992(["UK", "France", "China"])["warheads_low"].sum(), 2)


@expected("Q01.7")
def q01_7():
    """Where the strategic weapons on Kazakhstan's soil rank in 1992: 'fourth' (below Ukraine's and above France's
    stockpile, with only the USA's and Russia's stockpiles larger), 'below_france' or 'above_ukraine'."""
    kazakhstan, ukraine = _strategic("Kazakhstan").sum(), _strategic("Ukraine").sum()
    states = _stockpile_1992(["USA", "Russia", "UK", "France", "China"])
    if kazakhstan["warheads_high"] < states.loc["France", "warheads_low"]:
        return "below_france"
    if kazakhstan["warheads_low"] > ukraine["warheads_high"]:
        return "above_ukraine"
    smaller = states.drop(index=["USA", "Russia"])
    require(kazakhstan["warheads_low"] > smaller["warheads_high"].max(), "Kazakhstan overlaps a smaller stockpile")
    require(kazakhstan["warheads_high"] < ukraine["warheads_low"], "Kazakhstan's and Ukraine's ranges overlap")
    require(kazakhstan["warheads_high"] < states.loc[["USA", "Russia"], "warheads_low"].min(), "Kazakhstan overlaps a superpower")
    return "fourth"
