"""Lesson 06, The breach: expected answers computed from data/ (questions in solutions/06_the_breach.ipynb)."""

import pandas as pd

from ..checks import expected, require
from ..data import load
from .common import events_in_order

# Q06.1 asks for these events in date order; offered scrambled, and events.csv is sorted by category, not date.
Q1_EVENTS = ["unga_es11_4", "deterrence_forces_special_regime", "icj_provisional_measures_2022",
             "annexations_claimed_2022", "ukraine_consultations_request_2022", "unga_es11_3"]


def _event(event_id: str) -> pd.Series:
    return load("events").set_index("event_id").loc[event_id]


def _reading(reading_id: str) -> pd.Series:
    return load("readings").set_index("reading_id").loc[reading_id]


def _vote(resolution: str) -> pd.Series:
    return load("un_votes").set_index("resolution").loc[resolution]


@expected("Q06.1")
def q06_1():
    order = events_in_order(Q1_EVENTS)
    require(len(order) == len(Q1_EVENTS), "an event of Q06.1 is missing from events.csv")
    dates = load("events").set_index("event_id").loc[order, "date"]
    require(dates.is_unique, "two events of Q06.1 now share a date: the order is no longer defined")
    return order


@expected("Q06.2")
def q06_2():
    """C: force was approved before the vote, held under Russian control; Putin signed the treaty absorbing Crimea."""
    force, vote, treaty = (_event(e) for e in ["federation_council_force_2014", "crimea_referendum_2014",
                                               "crimea_annexation_claimed"])
    require(force["date"] < vote["date"] < treaty["date"], "the Crimean events of 2014 are no longer in the order option C states")
    require("Russian forces in control" in vote["description"], "the referendum's row no longer says it was held under Russian control")
    require("Putin signed" in treaty["description"], "the annexation's row no longer says Putin signed the treaty")
    require(_reading("ru_mfa_2014_04_01")["reading"] == "not_applicable", "the ministry's reading of 1 April 2014 has changed")
    return "C"


@expected("Q06.3")
def q06_3():
    """B: the charge of 19 March 2014 is one-sided, the EU is not a signatory, and no paragraph is conditional."""
    charge = _reading("ru_mfa_2014_03_19")
    require(charge["reading"] == "breached" and "European Union" in str(charge["breach_by"]),
            "the ministry's charge of 19 March 2014 no longer accuses the EU (options B and D)")
    require("3" in str(charge["paragraphs_charged"]).split(";"), "the ministry's charge no longer falls on paragraph 3")
    readings = load("readings")
    charged = readings.assign(paragraph=readings["paragraphs_charged"].str.split(";")).explode("paragraph")
    west = charged[(charged["paragraph"] == "3") & ~charged["breach_by"].str.contains("Russia", na=False)]
    sides = set(west["side"])
    require(not sides & {"Ukraine", "United States", "United Kingdom"},
            f"a {sorted(sides)} statement now charges the West under paragraph 3: options B and C must be rewritten")
    require("coercion" in load("memorandum").set_index("paragraph").loc[3, "commitment"],
            "paragraph 3 no longer concerns economic coercion")
    return "B"


@expected("Q06.4")
def q06_4():
    """D: the claim invokes paragraph 2's own exception and must be weighed against the record and the votes."""
    claim = _reading("ru_putin_2022_02_24_art51")
    require(claim["paragraphs"] == "2" and "Article 51" in claim["paraphrase"], "the Article 51 reading has changed")
    require(_event("russia_recognises_dpr_lpr_2022")["date"] < _event("full_scale_invasion")["date"],
            "the recognition of the two republics is no longer dated before the invasion")
    require(_vote("A/RES/ES-11/1")["yes"] == 141, "ES-11/1 is no longer recorded with 141 votes in favour (praise)")
    require("21 February" in _vote("A/RES/ES-11/4")["note"], "ES-11/4's note no longer demands the reversal of 21 February")
    return "D"


@expected("Q06.5")
def q06_5():
    """A: the UK and US read their own duty as consultation and support, with no military commitment."""
    hague, lidington = _reading("uk_hague_2014_03_04"), _reading("uk_lidington_2014_09_09")
    require("no armed action" in hague["paraphrase"] and "6" in hague["paragraphs"], "Hague's reading has changed")
    require("no military commitments" in lidington["paraphrase"], "Lidington's reading no longer records no military commitments")
    return "A"


@expected("Q06.6")
def q06_6():
    """One row per charged paragraph (readings.paragraphs_charged): how many statements charge Russia, how many others."""
    readings = load("readings")
    rows = readings.assign(paragraph=readings["paragraphs_charged"].str.split(";")).explode("paragraph")
    charges = rows[rows["paragraph"].isin(list("123456"))].copy()
    require((charges["reading"] == "breached").all() and charges["breach_by"].notna().all(),
            "a paragraph is charged by a reading that is not 'breached' or names no accused")
    charges["accused"] = "others"
    charges.loc[charges["breach_by"].str.contains("Russia"), "accused"] = "Russia"
    table = pd.crosstab(charges["paragraph"], charges["accused"]).reset_index()
    require(list(table.columns) == ["paragraph", "Russia", "others"], "the charges no longer name both Russia and others")
    against_russia = set(table.loc[table["Russia"] > 0, "paragraph"])   # the praise names these paragraphs
    against_others = set(table.loc[table["others"] > 0, "paragraph"])
    require(against_russia == {"1", "2", "3", "4", "6"}, f"Russia is now charged under paragraphs {sorted(against_russia)}: rewrite the praise")
    require(against_others == {"1", "3"}, f"others are now charged under paragraphs {sorted(against_others)}: rewrite the praise")
    return table


@expected("Q06.7")
def q06_7():
    """The breach matrix after 2014 as memorandum.csv codes it: every 2014 cell follows from the lesson's rules.
    (The 2022 column, where three cells can be defended more than one way, is the unchecked stretch part.)"""
    memo = load("memorandum")
    require(list(memo["paragraph"]) == [1, 2, 3, 4, 5, 6], "memorandum.csv no longer has paragraphs 1 to 6")
    require(memo.set_index("paragraph").loc[5, "status_2014"] == "kept",
            "paragraph 5, the lesson's worked example, is no longer kept after 2014")
    require(memo["status_2014"].notna().all(), "a 2014 cell is now empty: check the praise of Q06.7")
    return memo[["paragraph", "status_2014"]]


@expected("Q06.8")
def q06_8():
    votes = load("un_votes")
    require(votes[["yes", "members"]].notna().all().all(), "a vote in un_votes.csv has no yes count or membership")
    fewer = votes["yes"] < votes["members"] / 2
    named = {"A/RES/73/194", "A/RES/ES-11/3", "A/RES/ES-11/5", "A/RES/ES-11/7", "A/ES-11/L.11"}   # the praise names these
    require(set(votes.loc[fewer, "resolution"]) == named, "other resolutions now pass with fewer than half: rewrite the praise")
    require(set(votes.loc[votes["yes"] >= 140, "resolution"]) == {"A/RES/ES-11/1", "A/RES/ES-11/2", "A/RES/ES-11/4",
                                                                  "A/RES/ES-11/6"}, "the praise's votes with 140 or more have changed")
    return int(fewer.sum())


@expected("Q06.9")
def q06_9():
    """C: Belarus voted no whenever recorded; Kazakhstan abstained except on the Human Rights Council, where it voted no."""
    by_state = load("un_votes_by_state")
    belarus = by_state[by_state["state"] == "Belarus"]
    kazakhstan = by_state[by_state["state"] == "Kazakhstan"]
    require(len(belarus) > 0 and (belarus["vote"] == "no").all(), "Belarus is no longer recorded voting no every time")
    other = kazakhstan[kazakhstan["vote"] != "abstain"]
    require(list(other["vote"]) == ["no"], "Kazakhstan no longer abstains on all but one recorded vote")
    require("Human Rights Council" in _vote(other["resolution"].iloc[0])["title"],
            "Kazakhstan's one vote against is no longer the Human Rights Council resolution")
    require(load("un_votes")["resolution"].nunique() - kazakhstan["resolution"].nunique() == 4,
            "Kazakhstan no longer lacks a row for exactly four resolutions: rewrite option D and the interpretation")
    return "C"


@expected("Q06.10")
def q06_10():
    mapper = load("territory")
    mapper = mapper[mapper["estimator"] == "War Mapper"].sort_values("date")
    require(len(mapper) >= 2 and mapper["share_high"].notna().all(), "War Mapper's rows no longer give a share each")
    require(mapper["date"].is_unique, "two War Mapper rows now share a date: 'latest' is no longer defined")
    return float(mapper["share_high"].max() - mapper["share_high"].iloc[-1])
