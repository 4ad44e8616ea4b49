"""data/: schemas, ids, dates and cross-table facts; every check is shown to fail on a corrupted copy."""

import json

import pandas as pd
import pytest

from tools.validate_data import DATA, problems


def test_data_package_is_valid():
    assert problems(DATA) == []


def _edit(folder, table, column, row, value):
    path = folder / f"{table}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[row, column] = value
    frame.to_csv(path, index=False)


@pytest.mark.parametrize(
    "table, column, value, expected",
    [
        ("events", "source_ids", "no_such_source", "no_such_source"),
        ("events", "date", "1991-02-30", "date"),
        ("events", "date", "26 Dec 1991", "date"),
        ("events", "title", "", "title"),
        ("events", "category", "gossip", "category"),
        ("events", "lesson", "11", "lesson"),
        ("events", "date", "2999-01-01", "future"),
        ("sources", "url", "", "url"),
        ("arsenal_1991", "republic", "Poland", "republic"),
        ("arsenal_1991", "warheads_low", "999999", "warheads_low"),
        ("stockpiles", "warheads_low", "99999999", "warheads_low"),
        ("stockpiles", "country", "Atlantis", "country"),
        ("withdrawal", "country", "Poland", "country"),
        ("withdrawal", "share_removed_high", "1.5", "share_removed_high"),
        ("withdrawal", "date", "2031-01-01", "date"),
        ("negotiations", "kind", "handshake", "kind"),
        ("negotiations", "date", "1993-02-30", "date"),
        ("control", "source_ids", "nobody_said_so", "nobody_said_so"),
        ("positions", "position", "maybe", "position"),
    ],
)
def test_corrupted_copy_fails(data_copy, table, column, value, expected):
    _edit(data_copy, table, column, 0, value)
    found = problems(data_copy)
    assert found, f"setting {table}.{column} to {value!r} went unnoticed"
    assert any(expected in message for message in found), found


def test_duplicate_id_fails(data_copy):
    path = data_copy / "events.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    pd.concat([frame, frame.iloc[[0]]]).to_csv(path, index=False)
    assert problems(data_copy)


def test_icbm_warheads_match_launchers(data_copy):
    path = data_copy / "arsenal_1991.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = frame.index[(frame["category"] == "icbm") & (frame["warheads_per_launcher"] != "")][0]
    frame.loc[row, "launchers"] = str(int(frame.loc[row, "launchers"]) + 50)
    frame.to_csv(path, index=False)
    assert any("launchers × warheads" in m for m in problems(data_copy))


def test_timeline_spans_the_course():
    events = pd.read_csv(DATA / "events.csv", parse_dates=["date"])
    assert len(events) >= 40
    assert events["date"].dt.year.min() == 1945
    assert events["date"].dt.year.max() >= 2024
    # Every lesson that tells history has events on the timeline.
    assert set(range(0, 10)) <= set(events["lesson"])
    schema = next(r for r in json.loads((DATA / "datapackage.json").read_text())["resources"] if r["name"] == "events")
    categories = next(f for f in schema["schema"]["fields"] if f["name"] == "category")["constraints"]["enum"]
    assert set(events["category"]) == set(categories), "every theme of the timeline has events, and no other theme"


def test_every_source_is_cited_somewhere():
    """The bibliography holds no orphans: each source backs a row, the map boundaries, or a lesson's text."""
    cited = set()
    for path in DATA.glob("*.csv"):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        if "source_ids" in frame:
            cited |= {i for ids in frame["source_ids"] for i in ids.split(";")}
    cited |= {line.split("`")[1] for line in (DATA / "README.md").read_text().splitlines() if line.startswith("source: `")}
    lessons = " ".join(p.read_text(encoding="utf-8") for p in (DATA.parent / "notebooks").glob("*.ipynb"))
    sources = pd.read_csv(DATA / "sources.csv", dtype=str)
    cited |= {i for i in sources["source_id"] if f"`{i}`" in lessons}
    assert set(sources["source_id"]) - cited == set()
