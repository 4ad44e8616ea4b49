"""Lesson 00, Start here: questions on reading the course's data.

Expected answers are computed from data/ here, so a data fix updates them.
"""

import pandas as pd

from ..checks import letter_of, question
from ..data import load
from .common import events_in_order

# Q00.4 offers the successor states in this order; the letter is found from the data.
Q4_CHOICES = {"A": "Belarus", "B": "Kazakhstan", "C": "Ukraine"}
# Q00.5 offers these categories.
Q5_CHOICES = {"A": "war", "B": "nuclear_signalling", "C": "npt_regime", "D": "proliferation"}
# Q00.3 asks for these events in date order.
Q3_EVENTS = ["ussr_dissolved", "ukraine_independence_act", "belovezha_accords", "independence_referendum"]


@question("Q00.1", "number", hint="Filter `events` on the year of its `date` column (`events['date'].dt.year`), "
          "keep 1991 to 1996 inclusive, then count the rows.",
          praise="Dense years: the six years from independence to the last warhead's departure fill much of the timeline.")
def q00_1():
    events = load("events")
    return int(events["date"].dt.year.between(1991, 1996).sum())


@question("Q00.2", "date", hint="Select the row whose `event_id` is 'budapest_memorandum' and read its `date`.",
          praise="That is the day of the Budapest summit of the CSCE, where the memorandum was signed.")
def q00_2():
    events = load("events").set_index("event_id")
    return events.loc["budapest_memorandum", "date"]


@question("Q00.3", "order", hint="Sort the rows for these four event_ids by `date` (`.sort_values('date')`).",
          praise="Independence came first, the Soviet Union's formal end last: Ukraine was a state before the USSR was gone.")
def q00_3():
    return events_in_order(Q3_EVENTS)


@question("Q00.4", "choice", choices=tuple(Q4_CHOICES),
          hint="On the map, switch to the view with all warheads and compare the high estimates in the hover text; "
               "or group `arsenal_1991` by republic and add up `warheads_high`.",
          praise="After Russia, this republic held more Soviet nuclear warheads than any other.")
def q00_4():
    arsenal = load("arsenal_1991")
    totals = arsenal[arsenal["republic"] != "Russia"].groupby("republic")["warheads_high"].sum()
    return letter_of(Q4_CHOICES, totals.idxmax())


@question("Q00.5", "choice", choices=tuple(Q5_CHOICES),
          hint="On the timeline, use the range buttons to show 2014 onward and count the dots in each row; "
               "or filter `events` on dates from 2014 and use `value_counts()` on `category`.",
          praise="Since 2014 the timeline is dominated by this theme.")
def q00_5():
    events = load("events")
    recent = events[events["date"] >= "2014-01-01"]
    counts = recent["category"].value_counts()
    offered = counts[counts.index.isin(Q5_CHOICES.values())]
    if (offered == offered.max()).sum() > 1:
        raise ValueError("Q00.5 has a tie in the data: change its choices")
    return letter_of(Q5_CHOICES, offered.idxmax())


@question("Q00.6", "number",
          hint="Split `source_ids` on ';' (`.str.split(';')`), put one id per row with `.explode()`, then count the "
               "distinct ids with `.nunique()`.",
          praise="Every one of them is listed in sources.csv, with its address, so any date can be checked.")
def q00_6():
    events = load("events")
    return int(events["source_ids"].str.split(";").explode().nunique())


@question("Q00.7", "table", key="lesson", columns=("lesson", "events"),
          hint="Group `events` by `lesson` and count the rows in each group; `.reset_index(name=...)` then turns "
               "the result into a table with the two columns wanted, one row per lesson.",
          praise="Lessons with few events are the ones about ideas (doctrine, the regime's health) rather than dates.")
def q00_7():
    events = load("events")
    counts = events.groupby("lesson").size().reset_index(name="events")
    return pd.DataFrame({"lesson": counts["lesson"].astype(int), "events": counts["events"].astype(int)})
