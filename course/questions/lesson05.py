"""Lesson 05, Keeping the bargain: expected answers computed from data/ (questions in solutions/05_keeping_the_bargain.ipynb)."""

import pandas as pd

from ..checks import expected, require
from ..data import load
from .common import events_in_order

MONTH = 30.44  # days: the course's average month (365.25 / 12), as the lesson and Q05.3's prompt say
# Q05.1 asks for these events in date order; offered scrambled, and events.csv is sorted by category, not date.
Q1_EVENTS = ["bombers_to_russia_for_gas_2000", "friendship_treaty_in_force_1999", "kazakhstan_last_warheads",
             "russia_rejects_compensation_claim_2000", "ss19_facility_opens_1996", "last_ss19_eliminated_1999"]
# Q05.8: the five steps of the 1997 friendship treaty, as its prompt gives them.
TREATY_STEPS = ["friendship_treaty_signed_1997", "rada_ratifies_friendship_treaty_1998", "duma_ratifies_friendship_treaty_1998",
                "federation_council_ratifies_friendship_treaty_1999", "friendship_treaty_in_force_1999"]


def _event(event_id: str) -> pd.Series:
    return load("events").set_index("event_id").loc[event_id]


def _ukraine(start: str = "", end: str = "") -> pd.DataFrame:
    """Ukraine's rows of dismantlement.csv whose system starts with ``start`` and ends with ``end``."""
    table = load("dismantlement")
    return table[(table["country"] == "Ukraine") & table["system"].str.startswith(start) & table["system"].str.endswith(end)]


def _day_precise(*event_ids: str) -> None:
    for event_id in event_ids:
        require(_event(event_id)["date_precision"] == "day", f"{event_id} is no longer dated to the day")


@expected("Q05.1")
def q05_1():
    order = events_in_order(Q1_EVENTS)
    require(len(order) == len(Q1_EVENTS), "an event of Q05.1 is missing from events.csv")
    months = [e for e in Q1_EVENTS if _event(e)["date_precision"] != "day"]
    require(months == ["ss19_facility_opens_1996"], "Q05.1's events now have other imprecise dates: check the order is knowable")
    return order


@expected("Q05.2")
def q05_2():
    _day_precise("start1_final_reductions_2001", "ukraine_last_silo_destroyed")
    days = (_event("start1_final_reductions_2001")["date"] - _event("ukraine_last_silo_destroyed")["date"]).days
    require(days > 0, "the last silo is no longer dated before START I's final limits: rewrite Q05.2's prompt and praise")
    return days


@expected("Q05.3")
def q05_3():
    """Silos a month from the low and the high counts (rounded to two decimals, as the prompt asks), and no rate for the
    SS-24 silos alone, whose first date is not in the record."""
    silos = _ukraine(end="silos")
    require(len(silos) == 2 and silos["count_low"].notna().all() and silos["count_high"].notna().all(),
            "Ukraine's two silo rows (SS-19, SS-24) have changed")
    _day_precise("first_silo_destroyed_1996", "ukraine_last_silo_destroyed")
    ss24 = silos[silos["system"].str.startswith("SS-24")]
    require(len(ss24) == 1 and pd.isna(ss24["date_start"].iloc[0]),
            "the SS-24 silos now have a first date: rewrite Q05.3's third row (a rate may now be computable)")
    months = (_event("ukraine_last_silo_destroyed")["date"] - _event("first_silo_destroyed_1996")["date"]).days / MONTH
    rates = [round(float(silos[column].sum()) / months, 2) for column in ("count_low", "count_high")]
    for column in ("count_low", "count_high"):  # rounding must not sit on a knife-edge (a student's float may differ)
        exact = float(silos[column].sum()) / months * 100
        require(abs(exact - round(exact)) < 0.45, "a silo rate now sits on a rounding boundary: change Q05.3's rounding")
    return pd.DataFrame({"silos": ["all, low count", "all, high count", "SS-24 alone"],
                         "silos_per_month": rates + [None]})


@expected("Q05.4")
def q05_4():
    kh55 = _ukraine(start="Kh-55")
    require(len(kh55) == 3 and kh55["count_high"].notna().all(),
            "Ukraine's Kh-55 rows are no longer three rows with a high count: rewrite Q05.4")
    return int(kh55["count_high"].sum())


@expected("Q05.5")
def q05_5():
    """C: every warhead to Russia by June 1996; most delivery systems destroyed in Ukraine, 11 bombers and ~600 ALCMs to Russia."""
    w = load("withdrawal")
    last = w[(w["country"] == "Ukraine") & (w["weapon_class"] == "strategic") & (w["share_removed_low"] == 1)]
    require(len(last) == 1 and str(last["date"].iloc[0].date()) == "1996-06-01",
            "Ukraine's last strategic warheads are no longer dated 1 June 1996: rewrite option C")
    to_russia = _ukraine()[_ukraine()["fate"] == "transferred_to_russia"]
    bombers = to_russia[to_russia["system"].str.startswith("Tu-")]["count_high"].sum()
    missiles = to_russia[to_russia["system"].str.startswith("Kh-55")]["count_high"].sum()
    require(bombers == 11 and 575 <= missiles <= 600, "the bombers and cruise missiles handed to Russia have changed: rewrite option C")
    require((_ukraine(end="silos")["fate"] == "destroyed").all(), "Ukraine's silos are no longer all recorded as destroyed")
    return "C"


@expected("Q05.6")
def q05_6():
    """A: $569 million committed by 30 Sep 1999, and of money paid only a press lower bound (> $500M by Feb 1999).
    B adds the cumulative snapshots; C takes a pledge for a payment; D reads the committed total as money paid out."""
    comp = load("compensation").set_index("item_id")
    last = comp.loc["ctr_ukraine_fy1999"]
    require(last["delivered_low"] == 569 and last["measure"] == "committed" and str(last["period_end"].date()) == "1999-09-30",
            "the Nunn-Lugar total for fiscal 1999 has changed: rewrite options A and D")
    ctr = comp[comp.index.str.startswith("ctr_")]
    paid = ctr[ctr["measure"] == "delivered"]
    require(list(paid.index) == ["ctr_ukraine_1999_02"] and paid["delivered_low"].iloc[0] == 500
            and pd.isna(paid["delivered_high"].iloc[0]) and str(paid["period_end"].iloc[0].date()) == "1999-02-26",
            "the Nunn-Lugar rows measured as delivered have changed: rewrite option A")
    require(ctr["delivered_low"].sum() > 2000, "the Nunn-Lugar rows no longer add up to more than $2 billion: rewrite option B")
    require(comp.loc["ctr_ukraine_1994_09", "promised_low"] == 350, "the March 1994 pledge is no longer $350 million: rewrite option C")
    return "A"


@expected("Q05.7")
def q05_7():
    """D: Russia's 1,800 fuel assemblies are its own account (one_party_claim); Ukraine's 1996 complaint was about the tactical warheads."""
    comp = load("compensation").set_index("item_id")
    fuel = comp.loc["fuel_for_strategic_warheads"]
    require(fuel["certainty"] == "one_party_claim" and fuel["delivered_low"] == 1800,
            "the fuel row is no longer Russia's unconfirmed account of 1,800 assemblies: rewrite Q05.7")
    require("received nothing" in comp.loc["tactical_warheads_compensation", "note"],
            "the tactical row no longer records Ukraine's 1996 complaint: rewrite option B")
    require("No Ukrainian official confirmation" in fuel["note"] and "White House" in fuel["note"],
            "the fuel row's note no longer says Kyiv did not confirm the total and the White House fits it: rewrite options C and D")
    return "D"


@expected("Q05.8")
def q05_8():
    """The five steps of the treaty in date order, with the days since the step before (empty for the signing)."""
    steps = load("events")
    steps = steps[steps["event_id"].isin(TREATY_STEPS)].sort_values("date")
    require(len(steps) == len(TREATY_STEPS) and (steps["date_precision"] == "day").all(),
            "the friendship treaty's five steps are no longer all in events.csv, dated to the day")
    return pd.DataFrame({"event_id": list(steps["event_id"]), "days_since_previous": list(steps["date"].diff().dt.days)})


@expected("Q05.9")
def q05_9():
    """B: a ratified, binding treaty in which Russia recognised Ukraine's borders, with no automatic response."""
    table = load("assurance_instruments").set_index("instrument_id")
    treaty, memo = table.loc["friendship_treaty_1997"], table.loc["budapest_memorandum_ukraine"]
    require((treaty["legally_binding"], treaty["ratified"], treaty["automatic_response"]) == ("yes", "yes", "no"),
            "the 1997 treaty's row no longer reads binding, ratified, no automatic response: rewrite Q05.9")
    require(memo["ratified"] == "no", "the Budapest Memorandum's row no longer reads not ratified: rewrite option C")
    return "B"


@expected("Q05.10")
def q05_10():
    """C: the nuclear obligations kept on time, with lapses (smuggled Kh-55s, without warheads) that show no bid for the bomb."""
    smuggled = load("dismantlement").set_index("item_id").loc["ua_kh55_exported_illegally", "note"]
    require("without nuclear warheads" in smuggled and "no state body" in smuggled,
            "the Kh-55 smuggling row no longer says the missiles had no warheads and no state body took part: rewrite Q05.10")
    deadline = _event("start1_final_reductions_2001")["date"]
    require(_event("ukraine_last_silo_destroyed")["date"] < deadline,
            "the last silo is no longer before START I's final limits: rewrite option C")
    tu160 = _ukraine(start="Tu-160").set_index("fate")
    require(set(tu160.index) == {"destroyed", "transferred_to_russia", "converted"} and (tu160["date_end"].dropna() < deadline).all()
            and tu160.loc["converted", "count_high"] == 1,
            "the Tu-160 rows no longer read destroyed or handed over before START I's deadline, one kept for display: rewrite option D")
    return "C"
