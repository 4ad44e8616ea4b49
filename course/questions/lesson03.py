"""Lesson 03, Bargaining: expected answers computed from data/ (questions in solutions/03_bargaining.ipynb)."""

import pandas as pd

from ..checks import expected, require
from ..data import load
from .common import agreements_in_order

SIDES = ("ukraine", "russia", "us")
# Q03.4 asks for these agreements (agreement_id in negotiations.csv) in date order; offered scrambled.
Q4_AGREEMENTS = ["ctr_umbrella_ukraine_1993", "rada_lifts_conditions_1994", "massandra_accords_1993",
                 "rada_start_ratification_1993"]
# Q03.9: the phrase each letter stands for, looked for in the Rada's November 1993 `ukraine_got` entry.
Q9_PHRASES = {"A": "security guarantees", "B": "compensation for warheads", "C": "aid for elimination",
              "D": "the whole Black Sea Fleet"}


def _agreement(agreement_id: str) -> pd.Series:
    return load("negotiations").set_index("agreement_id").loc[agreement_id]


def _ukraine_strategic_counts() -> pd.DataFrame:
    """Ukraine's strategic withdrawal rows that carry a count of warheads removed, in date order."""
    w = load("withdrawal")
    rows = w[(w["country"] == "Ukraine") & (w["weapon_class"] == "strategic")
             & w["warheads_removed_cumulative_low"].notna()]
    return rows.sort_values("date")


def bargaining_matrix() -> pd.DataFrame:
    """One row per agreement: how many states took part, and how many of the three sides gave something."""
    table = load("negotiations")
    return pd.DataFrame({
        "agreement_id": table["agreement_id"],
        "n_parties": table["parties"].str.split(";").str.len().astype(int),
        "sides_giving": sum(table[f"{side}_gave"].notna().astype(int) for side in SIDES),
    })


@expected("Q03.1")
def q03_1():
    return bargaining_matrix()


@expected("Q03.2")
def q03_2():
    signed = _agreement("trilateral_statement_1994")["date"]
    first = _ukraine_strategic_counts()["date"].iloc[0]
    return int((first - signed).days)


@expected("Q03.3")
def q03_3():
    return _agreement("rada_start_ratification_1993")["date"]


@expected("Q03.4")
def q03_4():
    return agreements_in_order(Q4_AGREEMENTS)


@expected("Q03.5")
def q03_5():
    """B: reactor fuel, US aid and assurances."""
    text = _agreement("trilateral_statement_1994")["ukraine_got"]
    require("reactor fuel" in text and "assurances" in text,
            "the Trilateral Statement's `ukraine_got` no longer mentions reactor fuel and assurances")
    return "B"


@expected("Q03.6")
def q03_6():
    return _agreement("trilateral_statement_1994")["kind"]


@expected("Q03.7")
def q03_7():
    return int(_ukraine_strategic_counts()["date"].diff().max().days)


@expected("Q03.8")
def q03_8():
    """C: no count between spring 1994 and mid-1996."""
    counts = _ukraine_strategic_counts()
    require(not counts["date"].between("1994-04-01", "1996-05-31").any(),
            "withdrawal.csv now has a count for Ukraine between April 1994 and May 1996: rewrite the question")
    return "C"


@expected("Q03.9")
def q03_9():
    text = _agreement("rada_start_ratification_1993")["ukraine_got"]
    absent = [letter for letter, phrase in Q9_PHRASES.items() if phrase not in text]
    require(len(absent) == 1, f"exactly one phrase should be missing from the Rada's conditions; missing: {absent}")
    return absent[0]
