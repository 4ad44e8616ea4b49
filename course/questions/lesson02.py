"""Lesson 02, Custody is not control (1992). Expected answers are computed from data/."""

import pandas as pd

from ..checks import letter_of, question
from ..data import load
from .common import events_in_order

# Q02.5: what the Lisbon Protocol committed Belarus, Kazakhstan and Ukraine to.
Q5_CHOICES = {
    "A": "to hand the strategic forces on their soil to the CIS joint command for good",
    "B": "to become parties to START I as successors of the USSR and to join the NPT as non-nuclear-weapon states",
    "C": "to join the NPT as nuclear-weapon states alongside Russia",
    "D": "to give up their weapons in exchange for US security guarantees",
}
# Q02.6 asks for these events in date order (ids in events.csv).
Q6_EVENTS = ["kazakhstan_last_warheads", "ukraine_npt_accession_law", "belarus_last_warheads",
             "belarus_npt_accession", "kazakhstan_npt_accession"]
# Q02.7: classify a quoted position with the codes of positions.csv.
Q7_POSITION = "kostenko_2022"
Q7_CHOICES = {"A": "keep", "B": "give_up", "C": "qualified"}
# Q02.8: reading the tactical-withdrawal chart for Belarus.
Q8_CHOICES = {
    "A": "Belarus's tactical weapons left in two batches, one in 1992 and one in May 1993",
    "B": "the sources disagree on when the withdrawal was completed, and the course keeps both dates",
    "C": "Belarus suspended the transfers for a year, as Ukraine had done for a few weeks",
    "D": "the number of tactical warheads in Belarus is known exactly, but not the date of each shipment",
}


def holder(who: str) -> str:
    """The class of a `who` cell in control.csv: 'disputed', 'Ukraine' or 'Moscow' (Russian or CIS authorities)."""
    who = str(who).strip().lower()
    if who.startswith("disputed"):
        return "disputed"
    return "Ukraine" if who.startswith("ukraine") else "Moscow"


def _tactical(country: str) -> pd.DataFrame:
    withdrawal = load("withdrawal")
    return withdrawal[(withdrawal["country"] == country) & (withdrawal["weapon_class"] == "tactical")]


@question("Q02.1", "table", key="aspect", columns=("aspect", "holder"),
          hint="Keep the Ukraine rows of `control`. Lower-case the `who` column and look at how it begins: "
               "`.str.lower().str.startswith(...)`. Links held by Russia or the CIS command count as Moscow.",
          praise="One link in seven was Ukraine's, and it was the one that cannot launch anything: custody.")
def q02_1():
    control = load("control")
    chain = control[control["country"] == "Ukraine"].copy()
    chain["holder"] = chain["who"].map(holder)
    return chain[["aspect", "holder"]].reset_index(drop=True)


@question("Q02.2", "number", tolerance=0.5,
          hint="In `withdrawal`, find Ukraine's tactical row whose `milestone` mentions the suspension. The share "
               "columns hold fractions of 1: multiply by 100 for a percentage.",
          praise="More than half had already gone: the suspension was leverage over the rest, not a veto over all of it.")
def q02_2():
    rows = _tactical("Ukraine")
    row = rows[rows["milestone"].str.contains("suspended")].iloc[0]
    return round(float(row["share_removed_low"]) * 100)


@question("Q02.3", "number",
          hint="Subtract the `date` of 'tactical_transfers_suspended' from that of 'tactical_transfers_resume' in "
               "`events`; a difference of two dates has a `.days` attribute.",
          praise="A pause of weeks, not months: it won a joint commission to supervise the shipments, then the trains ran again.")
def q02_3():
    by_id = load("events").set_index("event_id")["date"]
    return int((by_id["tactical_transfers_resume"] - by_id["tactical_transfers_suspended"]).days)


@question("Q02.4", "date",
          hint="Look up the row of `negotiations` whose `agreement_id` is 'lisbon_protocol_1992'.",
          praise="Less than two weeks after the last tactical weapons left Ukraine, the three states became treaty parties.")
def q02_4():
    return load("negotiations").set_index("agreement_id").loc["lisbon_protocol_1992", "date"]


@question("Q02.5", "choice", choices=tuple(Q5_CHOICES),
          hint="Read the `ukraine_gave` and `ukraine_got` cells of the Lisbon row in `negotiations`. Security "
               "assurances came later, and the NPT recognises only five nuclear-weapon states.",
          praise="Two commitments in one protocol: treaty status on a par with Russia, and a promise to be non-nuclear.")
def q02_5():
    return "B"  # a reading of the protocol's text, not a value in the data


@question("Q02.6", "order",
          hint="Look up the five `event_id`s in `events` and sort them by `date`.",
          praise="The first state to join the NPT was the last to see its warheads go: joining and finishing are different clocks.")
def q02_6():
    return events_in_order(Q6_EVENTS)


@question("Q02.7", "choice", choices=tuple(Q7_CHOICES),
          hint="Does the speaker say the weapons should have been kept, that giving them up was right, or something "
               "in between? Compare with the `argument` column of `positions`.",
          praise="Regret about the terms is not the same as wishing Ukraine had kept the bomb.")
def q02_7():
    positions = load("positions").set_index("position_id")
    return letter_of(Q7_CHOICES, positions.loc[Q7_POSITION, "position"])


@question("Q02.8", "choice", choices=tuple(Q8_CHOICES),
          hint="Hover over the two orange bars in the Belarus view and read the notes: do they describe two "
               "shipments, or one event?",
          praise="One event, two dates: the chart shows the window of doubt instead of inventing a second step.")
def q02_8():
    completions = _tactical("Belarus")
    completions = completions[completions["share_removed_low"] == 1]
    return "B" if len(completions) > 1 else "A"
