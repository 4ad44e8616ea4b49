"""Lesson 03, Bargaining: expected answers computed from data/ (questions in solutions/03_bargaining.ipynb)."""

import pandas as pd

from ..checks import expected, require
from ..data import load
from .common import events_in_order

SIDES = ("ukraine", "russia", "us", "uk")
# Q03.1 asks for these events in date order; offered scrambled, and events.csv is sorted by category, not date.
Q1_EVENTS = ["first_warhead_train_1994", "kuchma_elected_1994", "russia_sevastopol_resolution_1993",
             "kazakhstan_npt_accession", "massandra_accords"]


def _agreement(agreement_id: str) -> pd.Series:
    return load("negotiations").set_index("agreement_id").loc[agreement_id]


def _event(event_id: str) -> pd.Series:
    return load("events").set_index("event_id").loc[event_id]


def _ukraine_strategic_counts() -> pd.DataFrame:
    """Ukraine's strategic withdrawal rows that carry a count of warheads removed, in date order."""
    w = load("withdrawal")
    rows = w[(w["country"] == "Ukraine") & (w["weapon_class"] == "strategic")
             & w["warheads_removed_cumulative_low"].notna()]
    return rows.sort_values("date")


@expected("Q03.1")
def q03_1():
    order = events_in_order(Q1_EVENTS)
    require(len(order) == len(Q1_EVENTS), "an event of Q03.1 is missing from events.csv")
    return order


@expected("Q03.2")
def q03_2():
    in_force = _event("start1_entry_into_force")
    require(in_force["date_precision"] == "day", "START I's entry into force is no longer dated to the day")
    require(in_force["date"] > _agreement("rada_lifts_conditions_1994")["date"],
            "START I's entry into force is no longer after the Rada dropped its conditions")
    return in_force["date"]


@expected("Q03.3")
def q03_3():
    """C: the UK–Ukraine treaty of February 1993 was a treaty, signed but not in force while the Rada had not ratified."""
    treaty = _event("uk_ukraine_treaty_1993")
    text = treaty["description"]
    require(str(treaty["date"].date()) == "1993-02-10", "the UK–Ukraine treaty is no longer dated 10 February 1993")
    require("Treaty" in text and "ratify" in text and "had not completed" in text,
            "the UK–Ukraine treaty's row no longer says who had ratified it by December 1993: rewrite Q03.3")
    return "C"


@expected("Q03.4")
def q03_4():
    """One row per side: in how many instruments the table records it giving, and getting, something."""
    table = load("negotiations")
    for side in SIDES:  # the praise says the gave and got counts match because each side is recorded on both sides
        require((table[f"{side}_gave"].notna() == table[f"{side}_got"].notna()).all(),
                f"negotiations.csv now records {side} giving without getting (or the reverse): rewrite Q03.4's praise")
    return pd.DataFrame({
        "side": list(SIDES),
        "gave": [int(table[f"{side}_gave"].notna().sum()) for side in SIDES],
        "got": [int(table[f"{side}_got"].notna().sum()) for side in SIDES],
    })


@expected("Q03.5")
def q03_5():
    signed = _agreement("trilateral_statement_1994")["date"]
    first = _ukraine_strategic_counts()
    require(len(first) > 0 and (first["date_precision"].iloc[0] == "day"),
            "withdrawal.csv no longer dates Ukraine's first counted shipment to the day")
    return int((first["date"].iloc[0] - signed).days)


@expected("Q03.6")
def q03_6():
    """A: the US gave in several instruments, money among them; the UK only assurances, in the Budapest Memorandum."""
    table = load("negotiations").set_index("agreement_id")
    uk = table[table["uk_gave"].notna()]
    us = table[table["us_gave"].notna()]
    require(list(uk.index) == ["budapest_memorandum_1994"],
            f"the UK now gives in other instruments too ({list(uk.index)}): rewrite option A")
    require("assurance" in uk.loc["budapest_memorandum_1994", "uk_gave"], "the UK's Budapest entry no longer names assurances")
    require(len(us) > 1 and "trilateral_statement_1994" in us.index
            and us["us_gave"].str.contains("Nunn-Lugar|Nunn–Lugar|dismantlement|assistance", regex=True).any(),
            "the US entries no longer show money for dismantling in several instruments")
    require(pd.isna(table.loc["trilateral_statement_1994", "uk_gave"])
            and "United Kingdom" not in table.loc["trilateral_statement_1994", "parties"],
            "the UK is now recorded as a party to the Trilateral Statement: rewrite option C")
    return "A"


@expected("Q03.7")
def q03_7():
    return int(_ukraine_strategic_counts()["date"].diff().max().days)


@expected("Q03.8")
def q03_8():
    """D: the NPT accession law, passed after the price was agreed, still declared Ukraine the owner."""
    law = _agreement("npt_accession_law_1994")
    price = _agreement("trilateral_statement_1994")["date"]
    require(law["date"] > price, "the NPT law is no longer dated after the Trilateral Statement")
    require("owner" in f"{law['note']} {law['ukraine_got']}",
            "the NPT law's row no longer records that it declared Ukraine the owner of the weapons")
    require(_agreement("rada_lifts_conditions_1994")["date"] > price, "the Rada no longer drops its conditions after the price")
    return "D"


@expected("Q03.9")
def q03_9():
    """B: Moscow's charge has a basis in the resolution's text (no NPT pledge, reductions cut); the reading is disputed."""
    rada = _agreement("rada_start_ratification_1993")
    require("except Article V" in rada["ukraine_gave"] and "63 missiles" in rada["ukraine_gave"],
            "the Rada's START resolution no longer records the NPT exclusion and the cut to 63 missiles: rewrite Q03.9")
    charge = _event("russia_rejects_rada_start_1993")
    require("reneging" in charge["description"] and charge["date"] > rada["date"],
            "Russia's rejection of the Rada's vote is no longer recorded as a charge of reneging: rewrite Q03.9")
    return "B"
