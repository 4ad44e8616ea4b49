"""Lesson 02, Custody is not control: expected answers from data/ (questions in solutions/02_custody_is_not_control.ipynb).

Q02.1, Q02.4, Q02.6 and Q02.7 are conceptual: their letters are fixed here and in the master. The functions below also
check that the data the prompts show still say what the questions assume, so that a data change makes the check
say "could not be checked" rather than mark a right answer wrong.
"""

import pandas as pd

from ..checks import expected, require
from ..data import load

# The quotations the exercises show (rows of quotations.csv).
QUOTES = {"Q02.1": "semenets_1993_approval", "Q02.6": "kozyrev_1993_safe", "Q02.7": "kuleba_2022_fox"}
# Q02.2: the resumption of the tactical transfers and Russia's announcement that they were complete (events.csv).
RESUMED, COMPLETED = "tactical_transfers_resume", "tactical_withdrawal_complete"
# Q02.5: each state's NPT accession and the departure of its last strategic warheads (event ids in events.csv).
PATHS = {"Belarus": ("belarus_npt_accession", "belarus_last_warheads"),
         "Kazakhstan": ("kazakhstan_npt_accession", "kazakhstan_last_warheads"),
         "Ukraine": ("budapest_memorandum", "ukraine_last_warheads")}


def _tactical(country: str) -> pd.DataFrame:
    withdrawal = load("withdrawal")
    return withdrawal[(withdrawal["country"] == country) & (withdrawal["weapon_class"] == "tactical")]


def _quoted(qid: str) -> None:
    quote_id = QUOTES[qid]
    require(quote_id in set(load("quotations")["quote_id"]), f"the question shows the quotation {quote_id!r}")


@expected("Q02.1")
def q02_1():
    """C: the plan would have given Kyiv a veto, not control; the prompt shows a quotation that must exist."""
    _quoted("Q02.1")
    return "C"


@expected("Q02.2")
def q02_2():
    events = load("events").set_index("event_id")
    require({RESUMED, COMPLETED} <= set(events.index), f"the prompt names the events {RESUMED!r} and {COMPLETED!r}")
    require(set(events.loc[[RESUMED, COMPLETED], "date_precision"]) == {"day"},
            "the question subtracts two dates stored to the day")
    done = _tactical("Ukraine")
    done = done[done["share_removed_low"] == 1]
    require(list(done["date"]) == [events.loc[COMPLETED, "date"]],
            "events.csv and withdrawal.csv should date the end of Ukraine's tactical withdrawal alike")
    return int((events.loc[COMPLETED, "date"] - events.loc[RESUMED, "date"]).days)


@expected("Q02.3")
def q02_3():
    completions = _tactical("Belarus")
    completions = completions[completions["share_removed_low"] == 1]
    require(len(completions) == 2, "the question assumes two completion dates for Belarus's tactical withdrawal")
    ids = completions["source_ids"].str.split(";").explode()
    sources = load("sources")
    return sources[sources["source_id"].isin(ids)][["source_id", "kind"]].reset_index(drop=True)


@expected("Q02.5")
def q02_5():
    events = load("events").set_index("event_id")
    ids = [event for pair in PATHS.values() for event in pair]
    require(set(events.loc[ids, "date_precision"]) == {"day"}, "the question subtracts dates known to the day")
    days = [int((events.loc[out, "date"] - events.loc[npt, "date"]).days) for npt, out in PATHS.values()]
    return pd.DataFrame({"country": list(PATHS), "days": days})


@expected("Q02.6")
def q02_6():
    """D: an interested party's claim on the could question, to be checked against other evidence."""
    _quoted("Q02.6")
    return "D"


@expected("Q02.7")
def q02_7():
    """B: a reason taken from another interview codes the speaker, not the statement; the prompt says positions.csv
    codes the CBS answer as keep."""
    _quoted("Q02.7")
    require(load("positions").set_index("position_id").loc["kuleba_2022", "position"] == "keep",
            "the prompt says positions.csv codes Kuleba's CBS answer as keep")
    return "B"
