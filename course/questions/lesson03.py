"""Lesson 03, Bargaining (1993–1994). Expected answers are computed from data/."""

import pandas as pd

from ..checks import letter_of, question
from ..data import load
from .common import agreements_in_order

SIDES = ("ukraine", "russia", "us")
# Q03.4 asks for these agreements (agreement_id in negotiations.csv) in date order; offered scrambled.
Q4_AGREEMENTS = ["ctr_umbrella_ukraine_1993", "rada_lifts_conditions_1994", "massandra_accords_1993",
                 "rada_start_ratification_1993"]
Q5_CHOICES = {
    "A": "a legally binding US promise to defend Ukraine if it were attacked",
    "B": "reactor fuel as compensation for the uranium in the warheads, US dismantlement aid, and security assurances once it joined the NPT",
    "C": "Russia's half of the Black Sea Fleet in exchange for the warheads",
    "D": "the right to keep the SS-24 missiles until the year 2000",
}
# Q03.6: each letter stands for one value of negotiations.kind; the letter is found from the data.
Q6_KINDS = {"A": "treaty", "B": "political_statement", "C": "domestic_law", "D": "protocol"}
Q6_CHOICES = {
    "A": "a treaty, so its promises bound the three states in international law",
    "B": "a political statement, so its promises rested on the leaders' word rather than on a ratified treaty",
    "C": "a domestic law, binding only on Ukraine",
    "D": "a protocol to START I, ratified together with the treaty",
}
Q8_CHOICES = {
    "A": "about half of them",
    "B": "all of them",
    "C": "the data hold no count between March 1994 and June 1996, so they cannot say",
    "D": "none: shipments had stopped",
}
# Q03.9: phrases looked for in the `ukraine_got` entry of the Rada's November 1993 resolution.
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


@question("Q03.1", "table", key="agreement_id", columns=("agreement_id", "n_parties", "sides_giving"),
          hint="Count the states in `parties` with `.str.split(';').str.len()`; for `sides_giving`, add up "
               "`.notna()` of the three `_gave` columns (True counts as 1). Keep all rows of `negotiations`.",
          praise="Only a few instruments record all three sides giving something; the Rada's three acts have a single party.")
def q03_1():
    return bargaining_matrix()


@question("Q03.2", "number",
          hint="Take the `date` of 'trilateral_statement_1994' in `negotiations` and the earliest `date` of Ukraine's "
               "strategic rows in `withdrawal` that have a count; subtract, then use `.days`.",
          praise="Less than two months: once the package was agreed, the first warheads moved quickly.")
def q03_2():
    signed = _agreement("trilateral_statement_1994")["date"]
    first = _ukraine_strategic_counts()["date"].iloc[0]
    return int((first - signed).days)


@question("Q03.3", "date", hint="Find the row of `negotiations` whose `agreement_id` is 'rada_start_ratification_1993'.",
          praise="The vote came weeks after the Nunn–Lugar umbrella agreement: the US offer of aid had not yet settled the matter.")
def q03_3():
    return _agreement("rada_start_ratification_1993")["date"]


@question("Q03.4", "order", hint="Look up the four `agreement_id`s in `negotiations` and sort them by `date`.",
          praise="Summit, aid framework, conditional vote, and only after the Trilateral Statement the conditions dropped.")
def q03_4():
    return agreements_in_order(Q4_AGREEMENTS)


@question("Q03.5", "choice", choices=tuple(Q5_CHOICES),
          hint="Read the `ukraine_got` entry of 'trilateral_statement_1994' in `negotiations`, and its note.",
          praise="Fuel, money and assurances: no defence guarantee, and the fleet was a separate quarrel.")
def q03_5():
    text = _agreement("trilateral_statement_1994")["ukraine_got"]
    return "B" if "reactor fuel" in text and "assurances" in text else "A"


@question("Q03.6", "choice", choices=tuple(Q6_CHOICES),
          hint="Look at the `kind` column of 'trilateral_statement_1994' in `negotiations`, then ask what that kind "
               "of instrument does and does not require.",
          praise="The same question returns in lesson 04: the Budapest memorandum, too, was not a ratified treaty.")
def q03_6():
    return letter_of(Q6_KINDS, _agreement("trilateral_statement_1994")["kind"])


@question("Q03.7", "number",
          hint="Keep Ukraine's strategic rows of `withdrawal` whose `warheads_removed_cumulative_low` is not empty, "
               "sort by `date`, take `.diff()` of the dates and find the largest, in days.",
          praise="More than two years with no published count: the chart leaves the gap open instead of drawing a line across it.")
def q03_7():
    return int(_ukraine_strategic_counts()["date"].diff().max().days)


@question("Q03.8", "choice", choices=tuple(Q8_CHOICES),
          hint="In the withdrawal chart, choose Ukraine and look at what the data record between the spring of 1994 "
               "and mid-1996.",
          praise="Saying 'we do not know' from the data is a finding, not a failure; a line drawn across the gap would be invented.")
def q03_8():
    counts = _ukraine_strategic_counts()
    inside = counts["date"].between("1994-04-01", "1996-05-31").any()
    return "A" if inside else "C"


@question("Q03.9", "choice", choices=tuple(Q9_PHRASES),
          hint="Read the `ukraine_got` entry of 'rada_start_ratification_1993' in `negotiations` word by word.",
          praise="Security, money for the warheads, help with the cost of dismantling, and ownership: the four reasons to hesitate, in one resolution.")
def q03_9():
    text = _agreement("rada_start_ratification_1993")["ukraine_got"]
    return next(letter for letter, phrase in Q9_PHRASES.items() if phrase not in text)
