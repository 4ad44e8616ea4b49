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
                for source_id in ids.split(";"):
                    if source_id not in known:
                        found.append(f"{name}.csv line {line}: source id {source_id!r} is not in sources.csv")
        for column in (c for c in table.columns if c == "date" or c == "as_of"):
            for line, value in enumerate(table[column], start=2):
                if value > today:
                    found.append(f"{name}.csv line {line}: {column} {value} is in the future")

    for name, table in tables.items():  # every estimate range runs from low to high
        for low_col in (c for c in table.columns if c.endswith("_low")):
            high_col = low_col[: -len("_low")] + "_high"
            if high_col not in table:
                continue
            for line, (low, high) in enumerate(zip(table[low_col], table[high_col]), start=2):
                if low != "" and high != "" and float(low) > float(high):
                    found.append(f"{name}.csv line {line}: {low_col} {low} > {high_col} {high}")

    events = tables["events"]
    for line, (date, precision) in enumerate(zip(events["date"], events["date_precision"]), start=2):
        if precision in {"month", "year"} and not date.endswith("-01"):
            found.append(f"events.csv line {line}: a {precision}-precision date should be the first of its {precision}")
        if precision == "year" and date[5:7] != "01":
            found.append(f"events.csv line {line}: a year-precision date should be 1 January")

    if "arsenal_1991" in tables:
        arsenal = tables["arsenal_1991"]
        for line, row in enumerate(arsenal.itertuples(), start=2):
            if (row.warheads_low == "") != (row.warheads_high == ""):
                found.append(f"arsenal_1991.csv line {line}: give both warheads_low and warheads_high, or neither")
                continue
            if row.warheads_low == "":
                if not row.note:
                    found.append(f"arsenal_1991.csv line {line}: an unknown count needs a note saying why")
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
