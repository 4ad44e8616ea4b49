"""Lesson 07, Lessons for would-be proliferators: expected answers computed from data/ (questions in
solutions/07_lessons_for_proliferators.ipynb)."""

import pandas as pd

from ..checks import expected, require
from ..data import load
from .common import events_in_order

ROLLBACK = ["abandoned", "dismantled_own", "gave_up_inherited"]
GRAVE = ["invaded", "regime_overthrown_with_foreign_help"]
# Q07.2 asks for these events in date order; offered scrambled, and events.csv is sorted by category, not date.
Q2_EVENTS = ["iraq_invasion", "npt_revcon_2015_fails", "libya_intervention_2011", "north_korea_first_test",
             "crimea_seizure_begins", "north_korea_npt_withdrawal"]


def _quote(quote_id: str) -> pd.Series:
    return load("quotations").set_index("quote_id").loc[quote_id]


def _existing(end_types: list[str]) -> pd.DataFrame:
    rows = load("programmes")
    return rows[rows["end_type"].isin(end_types) & (rows["later_fate"] != "not_applicable")]


@expected("Q07.1")
def q07_1():
    """C: an official statement, after the 2006 and 2009 tests; the State Department denied the link (D)."""
    row = _quote("dprk_fm_libya_lesson_2011")
    require(row["channel"] == "official_statement", "the 2011 statement is no longer an official statement (option B)")
    require("denied" in row["context"], "the row no longer says the State Department denied the link (option D)")
    tests = load("nk_tests").sort_values("date")
    require((tests["date"] < row["date"]).sum() == 2, "the statement no longer follows exactly two tests (option C)")
    return "C"


@expected("Q07.2")
def q07_2():
    order = events_in_order(Q2_EVENTS)
    require(len(order) == len(Q2_EVENTS), "an event of Q07.2 is missing from events.csv")
    require(order[:4] == ["north_korea_npt_withdrawal", "iraq_invasion", "north_korea_first_test", "libya_intervention_2011"],
            "the praise's order (withdrawal, Iraq, first test, Libya) has changed")
    return order


@expected("Q07.3")
def q07_3():
    tests = load("nk_tests")
    ratio = tests["yield_kt_high"] / tests["yield_kt_low"]
    require(tests.loc[ratio.idxmax(), "date"].year == 2009, "the widest yield range is no longer the 2009 test's: rewrite the praise")
    return round(float(ratio.max()), 1)


@expected("Q07.5")
def q07_5():
    tests = load("nk_tests")
    return tests[tests["claimed_hydrogen_bomb"]].sort_values("date")["date"].iloc[0]


@expected("Q07.6")
def q07_6():
    """The rollback table: end_type against later_fate, for the three kinds of rollback."""
    rows = load("programmes")
    rolled = rows[rows["end_type"].isin(ROLLBACK)]
    table = pd.crosstab(rolled["end_type"], rolled["later_fate"]).reset_index()
    require(len(rolled) == 21 and (rolled["later_fate"] == "none").sum() == 17,
            "the praise's counts (21 rolled back, 17 with none) have changed")
    grave = set(rolled.loc[rolled["later_fate"].isin(GRAVE), "programme_id"])
    require(grave == {"libya", "ukraine"}, f"the grave fates after rollback are now {sorted(grave)}: rewrite the praise")
    return table


@expected("Q07.7")
def q07_7():
    rows = _existing(ROLLBACK)
    kept = _existing(["acquired_kept"])
    require(len(kept) == 9 and kept["later_fate"].isin(GRAVE).sum() == 1, "the praise's comparison (1 of 9 kept) has changed")
    return round(100 * rows["later_fate"].isin(GRAVE).sum() / len(rows), 1)


@expected("Q07.8")
def q07_8():
    """B: grave fates rare in both groups, and the comparison turns on one coding (D reversed; C reads two cases as a cause)."""
    rolled, kept = _existing(ROLLBACK), _existing(["acquired_kept"])
    share = lambda rows, fates: rows["later_fate"].isin(fates).mean()
    require(len(rolled) == 20 and rolled["later_fate"].isin(GRAVE).sum() == 2, "option B's 2 of 20 no longer holds")
    require(kept.loc[kept["later_fate"].isin(GRAVE), "programme_id"].tolist() == ["russia"],
            "option B's one grave fate among the nine (Russia, for Kursk) no longer holds")
    require(share(kept, ["attacked_on_territory"]) > share(rolled, ["attacked_on_territory"]), "option D is no longer wrong")
    return "B"


@expected("Q07.9")
def q07_9():
    """D: the 1993 exchange; A reverses Budjeryn, B reverses Sechser and Fuhrmann."""
    require("starter kit" in _quote("budjeryn_2022_starter_kit")["quote"], "Budjeryn's phrase has changed (option A)")
    sources = load("sources").set_index("source_id")
    require("outweigh" in sources.loc["miller_1993_case_against", "note"], "Miller's source note no longer says the costs outweigh the benefits")
    require("useful for deterrence but not for coercion" in sources.loc["perkovich_sechser_fuhrmann_review_2017", "note"],
            "the review's note no longer gives Sechser and Fuhrmann's finding (option B)")
    return "D"
