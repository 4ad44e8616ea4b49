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

# Rows kept on purpose although only reference works support them, each until a better source is found:
# (table, the row's first three cells, its source_ids) -> why. An entry that stops matching its row is a problem too,
# so the list cannot outlive the rows it excuses.
ONLY_WEAK_SOURCES_KEPT = {
    ("withdrawal", ("Belarus", "1993-05-01", "month"), "nti_belarus_disarmament;globalsecurity_belarus_weapons"):
        "NTI's and the Library of Congress country study's later date (by May / mid-1993) for the end of the "
        "tactical withdrawal from Belarus, kept beside the 1992 row to show the disagreement; no primary, "
        "scholarly or press source for the 1993 date was found.",
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
    return found


if __name__ == "__main__":
    issues = problems(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA)
    print("\n".join(issues) or "data/ is valid")
    sys.exit(1 if issues else 0)
