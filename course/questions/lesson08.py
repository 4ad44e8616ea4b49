"""Lesson 08, Offensive deterrence: expected answers computed from data/ (questions in solutions/08_offensive_deterrence.ipynb)."""

import pandas as pd

from ..checks import expected, require
from ..data import load


@expected("Q08.1")
def q08_1():
    """C: worded as deterrence of third parties, given on the day of Russia's own invasion."""
    row = load("signals").set_index("signal_id").loc["putin_consequences_2022"]
    require(str(row["date"].date()) == "2022-02-24", "the warning's date has changed (option C)")
    require(row["nuclear_reference"] == "implicit", "the warning is no longer coded implicit (option D's feedback)")
    invasion = load("events").set_index("event_id").loc["full_scale_invasion", "date"]
    require(invasion == row["date"], "the invasion and the warning no longer share a date (option C)")
    return "C"


@expected("Q08.2")
def q08_2():
    table = load("doctrine")
    rows = table[table["document_id"] == "basic_principles_2020"]
    require(len(rows) == 8, "the 2020 Basic Principles should have eight clauses (the prompt says eight)")
    require(set(rows["clause_kind"]) <= {"condition", "attribution", "purpose"}, "a 2020 clause has a new kind")
    rows = rows.assign(order=rows["paragraph"].str.extract(r"(\d+)", expand=False).astype(int))
    rows = rows.sort_values(["order", "paragraph", "clause_id"]).assign(clause=range(1, 9))   # as in the set-up cell
    require(list(rows["clause_id"][:2]) == ["bp2020_purpose_p4", "bp2020_last_resort_p5"],
            "clauses 1 and 2 are no longer paragraphs 4 and 5 (the feedback of Q08.2 names them)")
    return rows[["clause", "clause_kind"]].reset_index(drop=True)


@expected("Q08.3")
def q08_3():
    table = load("doctrine")
    counts = table[table["clause_kind"] == "condition"].groupby("document_id")["category"].nunique()
    require({"basic_principles_2024", "military_doctrine_2000"} <= set(counts.index), "a document of Q08.3 is missing")
    return int(counts["basic_principles_2024"] - counts["military_doctrine_2000"])


@expected("Q08.4")
def q08_4():
    """A: the phrase is in paragraph 4, coded purpose; the conditions are paragraphs 17 and 19."""
    table = load("doctrine").set_index("clause_id")
    require(table.loc["bp2020_purpose_p4", "clause_kind"] == "purpose", "paragraph 4 is no longer coded purpose")
    require(str(table.loc["bp2020_purpose_p4", "paragraph"]) == "4", "the purpose clause is no longer paragraph 4")
    rows = table[(table["document_id"] == "basic_principles_2020") & (table["clause_kind"] == "condition")]
    require(all(str(p).startswith(("17", "19")) for p in rows["paragraph"]), "a 2020 condition is outside 17 and 19")
    require(not rows["category"].eq("escalation_termination").any(), "a 2020 condition is now escalation_termination")
    return "A"


@expected("Q08.5")
def q08_5():
    table = load("signals")
    explicit = table[table["nuclear_reference"] == "explicit"]
    require(len(explicit) > 0, "no explicit signals")
    per_quarter = explicit.groupby(explicit["date"].dt.to_period("Q")).size()
    require(list(per_quarter[per_quarter == per_quarter.max()].index.astype(str)) == ["2023Q1"],
            "the busiest quarter is no longer 2023Q1 alone (the praise names it)")
    return int(per_quarter.max())


@expected("Q08.6")
def q08_6():
    table = load("signals")
    documents = table[table["channel"] == "official_document"]
    require(len(documents) > 0, "no signal is an official document")
    first = documents.sort_values("date").iloc[0]
    require(first["signal_id"] == "new_start_suspension_law_2023", "the first official document has changed (the praise names it)")
    return first["date"]


@expected("Q08.7")
def q08_7():
    """D: one earlier case of ten is coded shield_offensive, in a sample."""
    table = load("coercion_cases")
    n = int((table["aim"] == "shield_offensive").sum())
    require(n == 1, f"{n} earlier cases are now coded shield_offensive: options A, C and D must be rewritten")
    require(len(table) == 10, "the table no longer has ten cases (option D and the lesson's sections 5, Verdict and Summary)")
    return "D"


@expected("Q08.8")
def q08_8():
    """B: a 2017 description of the concept by Russian analysts: stated intent, not the effect of the 2022 threats."""
    quote = load("quotations").set_index("quote_id").loc["fink_2017_defensive"]
    require(quote["date"].year == 2017, "Fink's quotation is no longer dated 2017 (option B: before the war)")
    require("defensive" in quote["quote"], "Fink's quotation no longer calls strategic deterrence defensive")
    return "B"


@expected("Q08.9")
def q08_9():
    table = load("signals")
    require(table["date"].min() >= pd.Timestamp("2022-01-01") and table["date"].max() <= pd.Timestamp("2025-12-31"),
            "the signals now run outside 2022Q1-2025Q4: the prompt's sixteen quarters must be changed")
    explicit = table[table["nuclear_reference"] == "explicit"]
    quarters = explicit["date"].dt.to_period("Q")
    answer = 16 - int(quarters.nunique())
    # Found in review: wrong methods must not pass by coincidence (the distinct counts, or Q8.5's answer reused).
    require(answer != int(explicit.groupby(quarters).size().nunique()), "Q8.9 now equals the number of distinct counts")
    require(answer != q08_5(), "Q8.9 now has the same answer as Q8.5")
    return answer
