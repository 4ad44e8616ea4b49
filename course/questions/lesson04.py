"""Lesson 04, The Budapest Memorandum: expected answers computed from data/ (questions in
solutions/04_the_budapest_memorandum.ipynb)."""

import pandas as pd

from ..checks import expected, require
from ..data import load


def _memorandum() -> pd.DataFrame:
    table = load("memorandum")
    require(sorted(table["paragraph"]) == [1, 2, 3, 4, 5, 6], "memorandum.csv no longer has paragraphs 1 to 6")
    return table.set_index("paragraph")


def _instrument(instrument_id: str) -> pd.Series:
    return load("assurance_instruments").set_index("instrument_id").loc[instrument_id]


@expected("Q04.1")
def q04_1():
    """C: paragraph 4 promises to seek Security Council action, only against aggression with nuclear weapons."""
    fourth = _memorandum().loc[4]
    require("seek immediate United Nations Security Council action" in fourth["key_phrase"],
            "paragraph 4's key phrase no longer says 'seek ... Security Council action': rewrite Q04.1")
    require("nuclear weapons are used" in fourth["commitment"], "paragraph 4 no longer records its nuclear condition")
    require("veto" in fourth["restates_detail"], "paragraph 4's detail no longer mentions the veto that option C names")
    require(_instrument("budapest_memorandum_ukraine")["automatic_response"] == "no",
            "the memorandum is now recorded as requiring a response: rewrite Q04.1")
    return "C"


@expected("Q04.2")
def q04_2():
    """One row per code in `restates`, with the number of paragraphs that restate it."""
    codes = load("memorandum")["restates"].str.split(";").explode()
    require(len(codes) >= 6, "memorandum.csv lost a paragraph's classification")
    return codes.value_counts().rename_axis("restates").reset_index(name="paragraphs")


@expected("Q04.3")
def q04_3():
    """B: only paragraph 6 (consultation) is new; paragraphs 4 and 5 were renewed for every non-nuclear NPT party."""
    table = _memorandum()
    require(list(table.index[table["restates"] == "new"]) == [6], "a paragraph other than 6 is now new, or 6 is not")
    require(table.loc[4, "restates"] == "unsc_action_pledge" and "984" in table.loc[4, "restates_detail"],
            "paragraph 4 is no longer recorded as restated for every NPT party in resolution 984 (option C)")
    return "B"


@expected("Q04.4")
def q04_4():
    """The date of the earliest instrument whose trigger mentions nuclear weapons (resolution 255, June 1968)."""
    table = load("assurance_instruments")
    rows = table[table["trigger"].str.contains("nuclear")].sort_values("date")
    require(len(rows) > 0 and rows["instrument_id"].iloc[0] == "unsc_resolution_255",
            "the earliest nuclear-triggered instrument is no longer resolution 255: rewrite Q04.4's praise")
    require(rows["date_precision"].iloc[0] == "day", "resolution 255 is no longer dated to the day")
    return rows["date"].iloc[0]


@expected("Q04.5")
def q04_5():
    """pd.crosstab of form against legally_binding, with the forms as a column."""
    table = load("assurance_instruments")
    require(set(table["legally_binding"]) == {"yes", "no", "disputed"},
            "legally_binding no longer takes exactly the values yes, no and disputed that Q04.5 names")
    resolutions = table[table["form"] == "unsc_resolution"]
    require(len(resolutions) == 2 and set(resolutions["legally_binding"]) == {"no"},
            "the table no longer has two non-binding Security Council resolutions, as Q04.5's praise says")
    counts = pd.crosstab(table["form"], table["legally_binding"]).reset_index()
    counts.columns.name = None
    return counts


@expected("Q04.6")
def q04_6():
    """D: resolution 984 recognises and takes note; it binds no state to act, and Council action stays open to a veto."""
    row = _instrument("unsc_resolution_984")
    require((row["legally_binding"], row["automatic_response"]) == ("no", "no"),
            "resolution 984 is no longer recorded as not binding and without a duty to respond: rewrite Q04.6")
    require(row["who_is_bound"].startswith("No state is committed"), "resolution 984's who_is_bound no longer says no state is committed")
    require("nuclear" in row["trigger"] and "veto" in row["note"],
            "resolution 984's trigger (nuclear aggression) or its note on the veto (options B and C) has changed")
    require("provide or support" in _instrument("nsa_us_1995")["promise"],
            "the US declaration of 1995 no longer states an intention to provide or support assistance (option A)")
    return "D"


@expected("Q04.7")
def q04_7():
    """A: paragraph 2 covers any threat or use of force, not only nuclear weapons; Lavrov said it at a press conference."""
    quotes = load("quotations").set_index("quote_id")
    require("lavrov_2016_single_obligation" in quotes.index, "the Lavrov quotation of Q04.7 is gone from quotations.csv")
    lavrov = quotes.loc["lavrov_2016_single_obligation"]
    require("nuclear" in lavrov["context"], "Lavrov's quotation no longer concerns nuclear weapons")
    require(lavrov["channel"] == "interview" and "press conference" in lavrov["context"],
            "Lavrov's quotation is no longer an answer at a press conference (options A to D name the channel)")
    second = _memorandum().loc[2]
    require("threat or use of force" in second["key_phrase"] and "nuclear" not in second["key_phrase"],
            "paragraph 2's key phrase no longer covers force in general: rewrite Q04.7")
    return "A"


@expected("Q04.8")
def q04_8():
    """The number of readings that name paragraph 6."""
    table = load("readings")
    by_paragraph = table.assign(paragraph=table["paragraphs"].str.split(";")).explode("paragraph")
    sixth = by_paragraph[by_paragraph["paragraph"] == "6"]
    require(sixth["reading_id"].is_unique, "a reading names paragraph 6 twice")
    require(not (sixth["side"] == "Russia").any(), "a Russian reading now names paragraph 6: rewrite Q04.8's praise")
    return int(len(sixth))
