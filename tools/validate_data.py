"""Validate data/: Frictionless schemas, then what a schema cannot say.

    python -m tools.validate_data [DATA_DIR]

Prints each problem and exits 1 if there is any. ``problems(folder)`` returns them as a list.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parent.parent / "data"

# Kinds of source (sources.csv `kind`) that may back a row only together with a source of another kind.
WEAK_KINDS = {"reference", "mirror"}

# Tables kept in an order that is not date order, so that ordering questions cannot be answered from the file:
# table -> the column whose enum (in the schema's order) sorts the rows first; then they are sorted by date.
SORTED_BY_ENUM_THEN_DATE = {"events": "category", "negotiations": "kind"}

MAX_QUOTE_WORDS = 25  # quotations.csv holds short key phrases, not passages

# assurance_instruments: forms a state can ratify; every other form has ratified = not_applicable
RATIFIABLE_FORMS = {"treaty", "memorandum"}

# Rows kept on purpose although only reference works support them, each until a better source is found:
# (table, the row's first three cells, its source_ids) -> why. An entry that stops matching its row is a problem too,
# so the list cannot outlive the rows it excuses.
ONLY_WEAK_SOURCES_KEPT = {
    ("withdrawal", ("Belarus", "1993-05-01", "month"), "nti_belarus_disarmament;globalsecurity_belarus_weapons"):
        "NTI's and the Library of Congress country study's later date (by May / mid-1993) for the end of the "
        "tactical withdrawal from Belarus, kept beside the 1992 row to show the disagreement; no primary, "
        "scholarly or press source for the 1993 date was found.",
}


# doctrine: each category belongs to one kind of clause (see data/README.md, lesson 08)
DOCTRINE_KINDS = {
    "condition": {"wmd_attack", "conventional_aggression", "missile_launch_warning", "attack_on_critical_sites",
                  "aerospace_attack_warning"},
    "attribution": {"coalition_as_whole", "joint_attack_nuclear_backed"},
    "purpose": {"deterrence_aim", "escalation_termination", "last_resort"},
}


def _frictionless(folder: Path) -> list[str]:
    from frictionless import Package, system

    with system.use_context(trusted=True):
        report = Package(str(folder / "datapackage.json")).validate()
    found = []
    for task in report.tasks:
        for error in task.errors:
            found.append(f"{task.name}: {error.message}")
    return found


def _read(folder: Path, path: str) -> pd.DataFrame:
    return pd.read_csv(folder / path, dtype=str, keep_default_na=False)


def problems(folder: Path = DATA) -> list[str]:
    folder = Path(folder)
    try:
        descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        return [f"{folder / 'datapackage.json'}: {exc}"]
    found = _frictionless(folder)
    if found:
        return found  # the checks below assume well-formed tables

    today = dt.date.today().isoformat()
    tables = {r["name"]: _read(folder, r["path"]) for r in descriptor["resources"]}
    known = set(tables["sources"]["source_id"])
    for name, table in tables.items():
        if "source_ids" in table:
            for line, ids in enumerate(table["source_ids"], start=2):
                for source_id in (i for i in ids.split(";") if ids):
                    if source_id not in known:
                        found.append(f"{name}.csv line {line}: source id {source_id!r} is not in sources.csv")
        for column in (c for c in table.columns if c == "date" or c == "as_of"):
            for line, value in enumerate(table[column], start=2):
                if value > today:
                    found.append(f"{name}.csv line {line}: {column} {value} is in the future")

    kinds = dict(zip(tables["sources"]["source_id"], tables["sources"].get("kind", [])))
    excused = set()
    for name, table in tables.items():  # a reference page or a mirror never stands alone behind a row
        if "source_ids" not in table:
            continue
        for line, (_, row) in enumerate(table.iterrows(), start=2):
            ids = row["source_ids"]
            if ids and all(kinds.get(i) in WEAK_KINDS for i in ids.split(";")):
                key = (name, tuple(row.iloc[:3]), ids)
                if key in ONLY_WEAK_SOURCES_KEPT:
                    excused.add(key)
                else:
                    found.append(f"{name}.csv line {line}: sourced only by reference pages or mirrors: {ids}")
    for name, cells, ids in ONLY_WEAK_SOURCES_KEPT.keys() - excused:
        found.append(f"{name}.csv: no row {', '.join(cells)} sourced only by {ids} any more; "
                     "remove it from ONLY_WEAK_SOURCES_KEPT in tools/validate_data.py")

    for name, table in tables.items():  # every estimate range runs from low to high
        for low_col in (c for c in table.columns if c.endswith("_low")):
            high_col = low_col[: -len("_low")] + "_high"
            if high_col not in table:
                continue
            for line, (low, high) in enumerate(zip(table[low_col], table[high_col]), start=2):
                if low != "" and high != "" and float(low) > float(high):
                    found.append(f"{name}.csv line {line}: {low_col} {low} > {high_col} {high}")

    for name, table in tables.items():  # a month or year is stored as its first day
        if not {"date", "date_precision"} <= set(table.columns):
            continue
        for line, (date, precision) in enumerate(zip(table["date"], table["date_precision"]), start=2):
            if precision in {"month", "year"} and not date.endswith("-01"):
                found.append(f"{name}.csv line {line}: a {precision}-precision date should be the first of its {precision}")
            if precision == "year" and date[5:7] != "01":
                found.append(f"{name}.csv line {line}: a year-precision date should be 1 January")

    schemas = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in descriptor["resources"]}
    for name, column in SORTED_BY_ENUM_THEN_DATE.items():  # never in date order: see data/README.md
        if name not in tables:
            continue
        order = schemas[name][column]["constraints"]["enum"]
        keys = list(zip((order.index(v) for v in tables[name][column]), tables[name]["date"]))
        for line, (before, after) in enumerate(zip(keys, keys[1:]), start=3):
            if after < before:
                found.append(f"{name}.csv line {line}: rows are sorted by {column} (in the order of the schema's "
                             f"enum: {', '.join(order)}), then by date; move this row to its place")
                break

    if "quotations" in tables:
        for line, quote in enumerate(tables["quotations"]["quote"], start=2):
            words = len(quote.split())
            if words > MAX_QUOTE_WORDS:
                found.append(f"quotations.csv line {line}: a quotation is a short key phrase of at most "
                             f"{MAX_QUOTE_WORDS} words, not {words}; quote less and say the rest in `context`")
            if quote and (quote[0] in "\"'“‘«" or quote[-1] in "\"'”’»"):
                found.append(f"quotations.csv line {line}: store the quotation without surrounding quotation marks")

    if "essay_claims" in tables:
        claims = tables["essay_claims"]
        for line, (verdict, ids) in enumerate(zip(claims["verdict"], claims["source_ids"]), start=2):
            if verdict != "not_yet_tested" and not ids:
                found.append(f"essay_claims.csv line {line}: a claim with the verdict {verdict!r} needs source_ids "
                             "for the evidence behind it")

    if "memorandum" in tables:
        memo = tables["memorandum"]
        if sorted(memo["paragraph"], key=int) != [str(n) for n in range(1, 7)]:
            found.append("memorandum.csv: the memorandum has six paragraphs; paragraph must be 1 to 6, each once, "
                         f"not {', '.join(memo['paragraph'])}")
        for line, row in enumerate(memo.itertuples(), start=2):
            codes = row.restates.split(";")
            if len(set(codes)) != len(codes) or ("new" in codes and len(codes) > 1):
                found.append(f"memorandum.csv line {line}: restates {row.restates!r}: 'new' stands alone and no code "
                             "repeats")
            words = len(row.key_phrase.split())
            if words > MAX_QUOTE_WORDS:
                found.append(f"memorandum.csv line {line}: a key phrase is a short exact phrase of at most "
                             f"{MAX_QUOTE_WORDS} words, not {words}")
            if row.key_phrase and (row.key_phrase[0] in "\"'“‘«" or row.key_phrase[-1] in "\"'”’»"):
                found.append(f"memorandum.csv line {line}: store the key phrase without surrounding quotation marks")

    if "assurance_instruments" in tables:
        for line, row in enumerate(tables["assurance_instruments"].itertuples(), start=2):
            if row.legally_binding == "disputed" and (not row.note or len(row.source_ids.split(";")) < 2):
                found.append(f"assurance_instruments.csv line {line}: legally_binding 'disputed' needs a note and "
                             "sources on each side (at least two source ids)")
            if (row.form in RATIFIABLE_FORMS) == (row.ratified == "not_applicable"):
                found.append(f"assurance_instruments.csv line {line}: ratified is 'not_applicable' exactly when the "
                             f"form ({row.form}) is not one a state ratifies ({', '.join(sorted(RATIFIABLE_FORMS))})")
            if row.automatic_response == "yes" and row.legally_binding != "yes":
                found.append(f"assurance_instruments.csv line {line}: an automatic response is a legal commitment; "
                             "it needs legally_binding 'yes'")

    if "arsenal_1991" in tables:
        arsenal = tables["arsenal_1991"]
        for line, row in enumerate(arsenal.itertuples(), start=2):
            if row.warheads_low == "" and row.warheads_high != "":
                found.append(f"arsenal_1991.csv line {line}: warheads_high without warheads_low; give the low "
                             "estimate too (a lower bound alone is allowed, an upper bound alone is not)")
                continue
            if row.warheads_low == "":
                if not row.note:
                    found.append(f"arsenal_1991.csv line {line}: an unknown count needs a note saying why")
                continue
            if row.warheads_high == "":
                if not any(words in row.note.lower() for words in ("more than", "at least")):
                    found.append(f"arsenal_1991.csv line {line}: warheads_low without warheads_high is a lower "
                                 "bound: the note must say so (\"more than\" or \"at least\")")
                continue
            low, high = int(row.warheads_low), int(row.warheads_high)
            if row.launchers and row.warheads_per_launcher and row.category == "icbm":
                product = int(row.launchers) * int(row.warheads_per_launcher)
                if not low <= product <= high:
                    found.append(f"arsenal_1991.csv line {line}: launchers × warheads per launcher = {product}, "
                                 f"outside {low}–{high}")
    # Tables with several dated columns (dismantlement, compensation): every <x> with an <x>_precision column is
    # checked like date/date_precision, and an <y>_end is never before its <y>_start (compared at the coarser precision).
    digits = {"year": 4, "month": 7, "day": 10}
    for name, table in tables.items():
        for precision_col in (c for c in table.columns if c.endswith("_precision") and c != "date_precision"):
            date_col = precision_col[: -len("_precision")]
            if date_col not in table:
                continue
            for line, (date, precision) in enumerate(zip(table[date_col], table[precision_col]), start=2):
                if bool(date) != bool(precision):
                    found.append(f"{name}.csv line {line}: {date_col} and {precision_col} go together: give both, "
                                 "or leave both empty when the date is not known")
                    continue
                if date > today:
                    found.append(f"{name}.csv line {line}: {date_col} {date} is in the future")
                if precision in {"month", "year"} and not date.endswith("-01"):
                    found.append(f"{name}.csv line {line}: {date_col} has {precision} precision, so it should be the "
                                 f"first of its {precision}")
                if precision == "year" and date[5:7] != "01":
                    found.append(f"{name}.csv line {line}: {date_col} has year precision, so it should be 1 January")
        for start_col in (c for c in table.columns if c.endswith("_start")):
            end_col = start_col[: -len("_start")] + "_end"
            if end_col not in table:
                continue
            for line, (_, row) in enumerate(table.iterrows(), start=2):
                start, end = row[start_col], row[end_col]
                if not (start and end):
                    continue
                precisions = [row.get(f"{c}_precision") or "day" for c in (start_col, end_col)]
                width = min(digits.get(p, 10) for p in precisions)
                if end[:width] < start[:width]:
                    found.append(f"{name}.csv line {line}: {end_col} {end} is before {start_col} {start}")

    for name in ("dismantlement", "compensation"):  # ranges: a lower bound alone says so; an upper bound alone is an error
        if name not in tables:
            continue
        table = tables[name]
        for low_col in (c for c in table.columns if c.endswith("_low")):
            high_col = low_col[: -len("_low")] + "_high"
            for line, (low, high, note) in enumerate(zip(table[low_col], table[high_col], table["note"]), start=2):
                if high and not low:
                    found.append(f"{name}.csv line {line}: {high_col} without {low_col}; give the low estimate too "
                                 "(a lower bound alone is allowed, an upper bound alone is not)")
                elif low and not high and not any(w in note.lower() for w in ("at least", "more than", "lower bound")):
                    found.append(f"{name}.csv line {line}: {low_col} without {high_col} is a lower bound: the note "
                                 "must say so (\"at least\", \"more than\" or \"lower bound\")")
        for line, (certainty, note) in enumerate(zip(table["certainty"], table["note"]), start=2):
            if certainty == "single_weak_report" and "unconfirmed" not in note.lower():
                found.append(f"{name}.csv line {line}: a single_weak_report row must say in its note that it is "
                             "unconfirmed")

    if {"compensation", "negotiations"} <= tables.keys():
        agreements = set(tables["negotiations"]["agreement_id"])
        compensation = tables["compensation"]
        for line, (_, row) in enumerate(compensation.iterrows(), start=2):
            for agreement in (a for a in row["instrument_ids"].split(";") if a):
                if agreement not in agreements:
                    found.append(f"compensation.csv line {line}: instrument {agreement!r} is not an agreement_id in "
                                 "negotiations.csv")
            if bool(row["delivered_low"] or row["delivered_high"]) != bool(row["measure"]):
                found.append(f"compensation.csv line {line}: measure says what the delivered figure counts "
                             "(delivered, obligated, committed, written_off): give it with a delivered figure, and "
                             "only then")


    # Lesson 06 (issue 11): UN votes, votes by state, territory, readings of the memorandum
    if "un_votes" in tables:
        for line, row in enumerate(tables["un_votes"].itertuples(index=False), start=2):
            counts = [row.yes, row.no, row.abstain, row.non_voting]
            given, members = sum(int(c) for c in counts if c != ""), int(row.members)
            if "" not in counts and given != members:
                found.append(f"un_votes.csv line {line}: yes + no + abstain + non_voting = {given}, not the "
                             f"{members} members; check the counts (leave non_voting empty if no source gives it)")
            elif given > members:
                found.append(f"un_votes.csv line {line}: the recorded votes add up to {given}, more than the "
                             f"{members} members")
    if {"un_votes", "un_votes_by_state"} <= tables.keys():
        totals = {row.resolution: row for row in tables["un_votes"].itertuples(index=False)}
        for line, row in enumerate(tables["un_votes_by_state"].itertuples(index=False), start=2):
            if row.resolution not in totals:
                found.append(f"un_votes_by_state.csv line {line}: resolution {row.resolution!r} is not in "
                             "un_votes.csv")
        for (resolution, vote), n in tables["un_votes_by_state"].groupby(["resolution", "vote"]).size().items():
            total = getattr(totals[resolution], vote) if resolution in totals else ""
            if total != "" and n > int(total):
                found.append(f"un_votes_by_state.csv: {n} states recorded as {vote!r} on {resolution}, more than "
                             f"the {total} in un_votes.csv")
    if "territory" in tables:
        for line, row in enumerate(tables["territory"].itertuples(index=False), start=2):
            pairs = [(row.share_low, row.share_high), (row.area_km2_low, row.area_km2_high)]
            if any((low == "") != (high == "") for low, high in pairs) or all(low == "" for low, _ in pairs):
                found.append(f"territory.csv line {line}: give a share (share_low and share_high) or an area "
                             "(area_km2_low and area_km2_high), each as a pair; store a single figure as low = high")
    if "readings" in tables:
        quote_ids = set(tables["quotations"]["quote_id"]) if "quotations" in tables else set()
        for line, row in enumerate(tables["readings"].itertuples(index=False), start=2):
            if row.reading == "breached" and not row.breach_by:
                found.append(f"readings.csv line {line}: a reading 'breached' needs breach_by (whom the speaker "
                             "says broke the memorandum)")
            if row.reading != "breached" and row.breach_by:
                found.append(f"readings.csv line {line}: breach_by is only for the reading 'breached', not "
                             f"{row.reading!r}")
            if row.quote_id and row.quote_id not in quote_ids:
                found.append(f"readings.csv line {line}: quote_id {row.quote_id!r} is not in quotations.csv")
            found.extend(f"readings.csv line {line}: {message}" for message in _charge_problems(row))
        if "quotations" in tables:  # one date, precision and channel per statement
            said = {q.quote_id: q for q in tables["quotations"].itertuples(index=False)}
            for line, row in enumerate(tables["readings"].itertuples(index=False), start=2):
                quote = said.get(row.quote_id)
                if quote is None:
                    continue
                for column in ("date", "date_precision", "channel"):
                    if getattr(row, column) != getattr(quote, column):
                        found.append(f"readings.csv line {line}: {column} {getattr(row, column)!r} does not agree "
                                     f"with its quotation {row.quote_id!r} ({getattr(quote, column)!r}); one statement "
                                     "has one date, precision and channel in both tables")

    # Lesson 08 (issue 12): doctrine clauses coded the same way across documents
    if "doctrine" in tables:
        dates = {}
        for line, row in enumerate(tables["doctrine"].itertuples(index=False), start=2):
            found.extend(f"doctrine.csv line {line}: {message}" for message in _doctrine_problems(row))
            dates.setdefault(row.document_id, set()).add(row.date)
        for document, days in sorted(dates.items()):
            if len(days) > 1:
                found.append(f"doctrine.csv: {document} has more than one date ({', '.join(sorted(days))}); "
                             "one document, one date: the day it was approved")
    # Lesson 07 (issue 12): programmes
    if "programmes" in tables:
        found.extend(_programme_problems(tables["programmes"]))
    # Lessons 07-08 (issue 12): North Korea's tests and earlier nuclear coercion cases
    found.extend(_nk_test_problems(tables))
    found.extend(_coercion_problems(tables))

    # Lesson 08 (issue 12): Russian nuclear signalling
    if "signals" in tables:
        found.extend(_signal_problems(tables))
    return found


# readings.paragraphs_charged: who can be charged under which paragraph of the memorandum
NUCLEAR_SIGNATORIES = {"Russia", "United Kingdom", "United States"}
BOUND_BY_PARAGRAPH = {**{str(p): NUCLEAR_SIGNATORIES for p in range(1, 6)}, "6": NUCLEAR_SIGNATORIES | {"Ukraine"}}
CHARGE_OUTSIDE_PARAGRAPHS = {"none", "unspecified"}  # see data/README.md


def _charge_problems(row) -> list[str]:
    """What is wrong with one reading's paragraphs_charged (an empty list if nothing)."""
    charged = row.paragraphs_charged
    if row.reading != "breached":
        return [f"paragraphs_charged is only for the reading 'breached', not {row.reading!r}"] if charged else []
    if not charged:
        return ["a reading 'breached' needs paragraphs_charged: the paragraphs it charges someone with breaking, "
                "'none' for a charge outside the six paragraphs, or 'unspecified'"]
    if charged == "unspecified":
        return [] if not row.paragraphs else [
            f"paragraphs_charged 'unspecified' is for a statement that names no paragraph, but it names "
            f"{row.paragraphs}; give the paragraphs it charges"]
    if charged in CHARGE_OUTSIDE_PARAGRAPHS:
        return []
    issues = []
    named, paragraphs = set(row.paragraphs.split(";")) - {""}, charged.split(";")
    if not set(paragraphs) <= named:
        issues.append(f"paragraphs_charged {charged} must be among the paragraphs the statement names "
                      f"({row.paragraphs or 'none'})")
    accused = set(row.breach_by.split(";")) - {""}
    signatories = accused & BOUND_BY_PARAGRAPH["6"]
    for party in sorted(accused - signatories):
        if not signatories:
            issues.append(f"{party} signed nothing and is bound by no paragraph; a charge under paragraphs {charged} "
                          "must also name a signatory bound by them")
    for party in sorted(signatories):
        if not any(party in BOUND_BY_PARAGRAPH.get(p, set()) for p in paragraphs):
            issues.append(f"{party} is charged under paragraphs {charged}, none of which binds it (1-5 bind Russia, "
                          "the UK and the US; 6 binds all four signatories)")
    for paragraph in paragraphs:
        if accused and not accused & BOUND_BY_PARAGRAPH.get(paragraph, set()):
            issues.append(f"paragraph {paragraph} is charged, but it binds none of {row.breach_by}")
    return issues


def _doctrine_problems(row) -> list[str]:
    """What is wrong with one clause of doctrine.csv (an empty list if nothing)."""
    issues = []
    if row.category not in DOCTRINE_KINDS.get(row.clause_kind, set()):
        issues.append(f"category {row.category!r} does not belong to clause_kind {row.clause_kind!r} "
                      f"({', '.join(sorted(DOCTRINE_KINDS.get(row.clause_kind, [])))})")
    for column in ("threshold_en", "threshold_ru"):
        phrase = getattr(row, column)
        if len(phrase.split()) > MAX_QUOTE_WORDS:
            issues.append(f"{column} is a short exact phrase of at most {MAX_QUOTE_WORDS} words, not "
                          f"{len(phrase.split())}")
        if phrase and (phrase[0] in "\"'“‘«" or phrase[-1] in "\"'”’»"):
            issues.append(f"store {column} without surrounding quotation marks")
    if row.clause_kind == "condition" and not (row.threshold_en or row.threshold_ru):
        issues.append("a condition needs its words: give threshold_en or threshold_ru (or both)")
    if row.category == "escalation_termination" and not row.other_reading:
        issues.append("an escalation_termination clause is contested: record the other readings, with who holds "
                      "them, in other_reading")
    if not row.paragraph and not ("number" in row.note and "not read" in row.note):
        issues.append("paragraph is empty: the note must say the paragraph number was not read "
                      "(\"... number ... not read\")")
    if (row.clause_kind == "purpose") != (row.protects == "not_applicable"):
        issues.append("protects is 'not_applicable' exactly for purpose clauses")
    return issues


# programmes (lesson 07): see data/README.md, "Lesson 07: `programmes`"
STAGE_YEARS = {"explore": "explore_start", "pursue": "pursue_start", "acquire": "acquire_start"}
END_TYPE_NEEDS_END = {"dismantled_own", "gave_up_inherited", "abandoned", "destroyed_by_force"}
FATES_WITH_DATE = {"regime_overthrown_with_foreign_help", "invaded", "attacked_on_territory"}


def _programme_problems(table) -> list[str]:
    """What breaks the coding rules of programmes.csv (an empty list if nothing)."""
    issues = []
    for line, row in enumerate(table.itertuples(index=False), start=2):
        where = f"programmes.csv line {line}"
        stage = row.furthest_stage
        if stage == "inherited":
            if row.basis != "added_inherited" or row.explore_start or row.pursue_start or row.acquire_start:
                issues.append(f"{where}: furthest_stage 'inherited' is for the added_inherited rows, which have no "
                              "Bleek years")
        else:
            reached = [s for s, col in STAGE_YEARS.items() if getattr(row, col)]
            if row.basis != "bleek_2017" or not reached or reached[-1] != stage:
                issues.append(f"{where}: furthest_stage {stage!r} must be the furthest stage with a start year "
                              f"in Bleek's columns ({', '.join(reached) or 'none'})")
        if (row.end_type == "gave_up_inherited") != (stage == "inherited"):
            issues.append(f"{where}: end_type 'gave_up_inherited' goes with furthest_stage 'inherited', and only with it")
        if row.end_type in {"acquired_kept", "dismantled_own"} and stage != "acquire":
            issues.append(f"{where}: end_type {row.end_type!r} needs furthest_stage 'acquire'")
        if row.end_type == "acquired_kept" and row.acquire_end:
            issues.append(f"{where}: end_type 'acquired_kept' but acquire_end {row.acquire_end} says the weapons went")
        if (row.end_type in END_TYPE_NEEDS_END) != bool(row.ended):
            issues.append(f"{where}: end_type {row.end_type!r} " + ("needs the date the programme ended (ended)"
                          if row.end_type in END_TYPE_NEEDS_END else "has no end date: leave ended empty"))
        if (row.npt_status == "withdrew") != bool(row.npt_withdrew):
            issues.append(f"{where}: npt_withdrew is given exactly when npt_status is 'withdrew'")
        if row.npt_status in {"never_joined", "not_applicable"} and row.npt_joined:
            issues.append(f"{where}: npt_status {row.npt_status!r} cannot have an npt_joined date")
        if row.npt_withdrew and row.npt_joined and row.npt_withdrew < row.npt_joined:
            issues.append(f"{where}: npt_withdrew {row.npt_withdrew} is before npt_joined {row.npt_joined}")
        fate = row.later_fate
        if fate in FATES_WITH_DATE and not row.fate_date:
            issues.append(f"{where}: later_fate {fate!r} needs fate_date (when the foreign military action began)")
        if fate in {"none", "not_applicable", ""} and row.fate_date:
            issues.append(f"{where}: fate_date is only for a coded fate, not for later_fate {fate or 'empty'!r}")
        if not fate and "not coded" not in row.fate_note.lower():
            issues.append(f"{where}: an empty later_fate means 'not coded'; the fate_note must say so")
        after = row.ended or row.acquire_start or row.pursue_start or row.explore_start
        if row.fate_date and after:
            width = 4 if (row.ended_precision or "year") == "year" else (7 if row.ended_precision == "month" else 10)
            if row.fate_date[:width] <= after[:width]:
                issues.append(f"{where}: fate_date {row.fate_date} must come after the programme ended ({after}); "
                              "what ended a programme is its end_type, not its later fate")
    return issues


def _nk_test_problems(tables) -> list[str]:
    """nk_tests.csv: each agency's magnitude lies in the range, yields are ranges, claims say what they claim."""
    if "nk_tests" not in tables:
        return []
    issues, table = [], tables["nk_tests"]
    events = set(tables["events"]["event_id"]) if "events" in tables else set()
    for line, row in enumerate(table.itertuples(index=False), start=2):
        low, high = float(row.mb_low), float(row.mb_high)
        for column in ("mb_usgs", "mb_ctbto"):
            value = getattr(row, column)
            if value and not low <= float(value) <= high:
                issues.append(f"nk_tests.csv line {line}: {column} {value} is outside mb_low-mb_high ({row.mb_low}-"
                              f"{row.mb_high}); the range spans every agency's figure")
        if row.yield_kt_high and not row.yield_kt_low:
            issues.append(f"nk_tests.csv line {line}: yield_kt_high without yield_kt_low; give the low estimate too "
                          "(a lower bound alone is allowed, an upper bound alone is not)")
        elif row.yield_kt_low and not row.yield_kt_high and not any(
                w in row.yield_note.lower() for w in ("at least", "more than", "lower bound")):
            issues.append(f"nk_tests.csv line {line}: yield_kt_low without yield_kt_high is a lower bound: the "
                          "yield_note must say so (\"at least\", \"more than\" or \"lower bound\")")
        if events and row.event_id not in events:
            issues.append(f"nk_tests.csv line {line}: event_id {row.event_id!r} is not in events.csv")
        hydrogen = any(w in row.nk_claim.lower() for w in ("hydrogen", "thermonuclear"))
        if (row.claimed_hydrogen_bomb == "true") != hydrogen:
            issues.append(f"nk_tests.csv line {line}: claimed_hydrogen_bomb is {row.claimed_hydrogen_bomb} but "
                          f"nk_claim {'does not say' if not hydrogen else 'says'} 'hydrogen' or 'thermonuclear'; "
                          "the flag records the claim, so the two must agree")
    order = list(table.sort_values("date")["test_number"])
    if order != [str(n) for n in range(1, len(table) + 1)]:
        issues.append("nk_tests.csv: test_number must count the tests in date order (1, 2, 3, ...), not "
                      f"{', '.join(order)}")
    return issues


def _coercion_problems(tables) -> list[str]:
    """coercion_cases.csv: the other reading differs, a judged outcome says who judges, a dispute has two sides."""
    if "coercion_cases" not in tables:
        return []
    issues = []
    for line, row in enumerate(tables["coercion_cases"].itertuples(index=False), start=2):
        if row.aim_other and row.aim_other == row.aim:
            issues.append(f"coercion_cases.csv line {line}: aim_other {row.aim_other!r} is the same as aim; give the "
                          "other reading's aim, or leave aim_other empty where the rule decides")
        if (row.outcome == "not_judged") == bool(row.outcome_judged_by):
            issues.append(f"coercion_cases.csv line {line}: outcome_judged_by names who judges the outcome: give it "
                          f"for {row.outcome!r}, and leave it empty exactly for 'not_judged'")
        if row.outcome == "disputed" and len(row.source_ids.split(";")) < 2:
            issues.append(f"coercion_cases.csv line {line}: a disputed outcome needs sources on each side (at least "
                          "two source ids)")
    return issues


# signals.channel -> the quotations.channel values that can record the same statement
SIGNAL_QUOTE_CHANNELS = {
    "official_document": {"official_document"},
    "official_statement": {"official_statement", "speech", "interview", "press_report"},
    "state_media_commentary": {"state_media"},
    "social_media_post": {"social_media"},
}
SIGNAL_STATEMENT_ONLY_CHANNELS = {"state_media_commentary", "social_media_post"}


def _signal_problems(tables) -> list[str]:
    """signals.csv: coding rules a schema cannot state (see data/README.md, lesson 08)."""
    issues = []
    quotes = {q.quote_id: q for q in tables["quotations"].itertuples(index=False)} if "quotations" in tables else {}
    events = dict(zip(tables["events"]["event_id"], tables["events"]["date"])) if "events" in tables else {}
    for line, row in enumerate(tables["signals"].itertuples(index=False), start=2):
        where = f"signals.csv line {line}"
        if row.nuclear_reference == "implicit" and not row.coding_note:
            issues.append(f"{where}: an implicit nuclear reference needs a coding_note saying who reads it as nuclear "
                          "and what the other reading is")
        if row.certainty != "consistent" and not row.coding_note:
            issues.append(f"{where}: certainty {row.certainty!r} needs a coding_note saying who says what")
        if row.certainty == "single_weak_report" and "unconfirmed" not in row.coding_note.lower():
            issues.append(f"{where}: a single_weak_report row must say in its coding_note that it is unconfirmed")
        if row.stated_reason and not row.stated_reason.startswith("Claim"):
            issues.append(f"{where}: stated_reason reports the speaker's justification and begins with 'Claim'")
        if row.channel in SIGNAL_STATEMENT_ONLY_CHANNELS and row.type != "statement":
            issues.append(f"{where}: a {row.channel} row is a statement, not {row.type!r} (a post or a talk show "
                          "cannot order an alert, sign a law or launch a missile)")
        if row.quote_id:
            quote = quotes.get(row.quote_id)
            if quote is None:
                issues.append(f"{where}: quote_id {row.quote_id!r} is not in quotations.csv")
            else:
                for column in ("date", "date_precision"):
                    if getattr(row, column) != getattr(quote, column):
                        issues.append(f"{where}: {column} {getattr(row, column)!r} does not agree with its quotation "
                                      f"{row.quote_id!r} ({getattr(quote, column)!r})")
                if quote.channel not in SIGNAL_QUOTE_CHANNELS[row.channel]:
                    issues.append(f"{where}: channel {row.channel!r} does not fit its quotation {row.quote_id!r} "
                                  f"(channel {quote.channel!r})")
                if "08" not in quote.lesson.split(";"):
                    issues.append(f"{where}: its quotation {row.quote_id!r} must list lesson 08")
        if row.event_id:
            if row.event_id not in events:
                issues.append(f"{where}: event_id {row.event_id!r} is not in events.csv")
            elif events[row.event_id] != row.date:
                issues.append(f"{where}: date {row.date} does not agree with its event {row.event_id!r} "
                              f"({events[row.event_id]})")
    return issues


if __name__ == "__main__":
    issues = problems(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA)
    print("\n".join(issues) or "data/ is valid")
    sys.exit(1 if issues else 0)
