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
        ("sources", "kind", "blog", "kind"),
        ("sources", "kind", "", "kind"),
        ("events", "source_ids", "wikipedia_budapest_memorandum", "sourced only by reference pages or mirrors"),
        ("events", "source_ids", "wikipedia_lisbon_protocol;wikipedia_kazakhstan_wmd",
         "sourced only by reference pages or mirrors"),
        ("positions", "source_ids", "wikipedia_historical_stockpiles", "sourced only by reference pages or mirrors"),
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
        # a lower bound alone is allowed (with a note saying "more than" / "at least"); an upper bound alone is not
        ("arsenal_1991", "warheads_low", "", "warheads_high without warheads_low"),
        ("arsenal_1991", "warheads_high", "", "lower bound"),
        # a month or year is stored as its first day, in every table with a date_precision
        ("withdrawal", "date", "1991-12-15", "first of its month"),
        ("quotations", "date_precision", "month", "first of its month"),
        # events and negotiations are kept out of date order (sorted by category / kind first)
        ("events", "category", "war", "rows are sorted by category"),
        ("negotiations", "kind", "memorandum", "rows are sorted by kind"),
        # quotations: short key phrases with speaker, date, channel and source
        ("quotations", "quote", " ".join(["word"] * 40), "at most 25 words"),
        ("quotations", "quote", "\u201ctantamount to high treason\u201d", "without surrounding quotation marks"),
        ("quotations", "speaker", "", "speaker"),
        ("quotations", "date", "", "date"),
        ("quotations", "channel", "tweet", "channel"),
        ("quotations", "source_ids", "", "source_ids"),
        ("quotations", "source_ids", "no_such_source", "no_such_source"),
        ("quotations", "lesson", "2", "lesson"),
        # essay claims: a verdict from the enum, and sources behind every verdict given
        ("essay_claims", "verdict", "maybe", "verdict"),
        ("essay_claims", "source_ids", "", "needs source_ids"),
        ("essay_claims", "claim_id", "8", "claim_id"),
        ("essay_claims", "tested_in", "1;2", "tested_in"),
        # memorandum: six paragraphs, restates codes, short key phrases
        ("memorandum", "paragraph", "7", "paragraph"),
        ("memorandum", "status_2014", "abandoned", "status_2014"),
        ("memorandum", "restates", "treaty_of_rome", "restates"),
        ("memorandum", "restates", "new;un_charter", "'new' stands alone"),
        ("memorandum", "restates", "un_charter;un_charter", "no code repeats"),
        ("memorandum", "key_phrase", " ".join(["word"] * 30), "at most 25 words"),
        ("memorandum", "key_phrase", "\u201cto respect the independence\u201d", "without surrounding quotation marks"),
        ("memorandum", "argued_by", "", "argued_by"),
        ("memorandum", "source_ids", "no_such_source", "no_such_source"),
        # assurance_instruments: enums, disputed legal force needs both sides, ratification and automatic response
        ("assurance_instruments", "form", "handshake", "form"),
        ("assurance_instruments", "legally_binding", "maybe", "legally_binding"),
        ("assurance_instruments", "source_ids", "un_budapest_memorandum_text", "sources on each side"),
        ("assurance_instruments", "note", "", "sources on each side"),
        ("assurance_instruments", "ratified", "not_applicable", "not one a state ratifies"),
        ("assurance_instruments", "automatic_response", "yes", "automatic response"),
        ("assurance_instruments", "date", "1994-02-30", "date"),
        # dismantlement and compensation: several dated columns, bounds, certainty, links to negotiations.csv
        ("dismantlement", "fate", "vaporised", "fate"),
        ("dismantlement", "country", "Poland", "country"),
        ("dismantlement", "certainty", "probably", "certainty"),
        ("dismantlement", "count_low", "-3", "count_low"),
        ("dismantlement", "count_high", "100", "count_low 111 > count_high 100"),
        ("dismantlement", "count_low", "", "count_high without count_low"),
        ("dismantlement", "source_ids", "nobody_said_so", "nobody_said_so"),
        ("dismantlement", "date_start", "1996-07-15", "first of its month"),
        ("dismantlement", "date_start_precision", "", "go together"),
        ("dismantlement", "date_end", "1995-01-01", "is before date_start"),
        ("dismantlement", "date_end", "2999-01-01", "future"),
        ("dismantlement", "certainty", "single_weak_report", "unconfirmed"),
        ("compensation", "instrument_ids", "no_such_agreement", "negotiations.csv"),
        ("compensation", "measure", "", "measure"),
        ("compensation", "provider", "France", "provider"),
        ("compensation", "unit", "", "unit"),
        ("compensation", "delivered_high", "", "lower bound"),
        ("compensation", "period_end", "1993-01-01", "is before period_start"),
        # lesson 06: UN votes add up to the membership; votes by state, territory pairs, readings
        ("un_votes", "yes", "101", "yes + no + abstain + non_voting"),
        ("un_votes", "non_voting", "-1", "non_voting"),
        ("un_votes", "resolution", "Resolution 68/262", "resolution"),
        ("un_votes_by_state", "resolution", "A/RES/99/999", "not in un_votes.csv"),
        ("un_votes_by_state", "vote", "absent", "vote"),
        ("un_votes_by_state", "state", "Atlantis", "state"),
        ("territory", "area_km2_low", "", "give a share"),
        ("territory", "share_high", "150", "share_high"),
        ("territory", "estimator", "", "estimator"),
        ("readings", "breach_by", "", "needs breach_by"),
        ("readings", "reading", "not_breached", "breach_by is only for"),
        ("readings", "quote_id", "no_such_quote", "not in quotations.csv"),
        ("readings", "paragraphs", "7", "paragraphs"),
        ("readings", "side", "Atlantis", "side"),
        ("readings", "channel", "tweet", "channel"),
        # readings.paragraphs_charged (row 0: Belarus 2011 charges the US under paragraph 3)
        ("readings", "paragraphs_charged", "", "needs paragraphs_charged"),
        ("readings", "paragraphs_charged", "2", "must be among the paragraphs"),
        ("readings", "paragraphs_charged", "7", "paragraphs_charged"),
        ("readings", "paragraphs_charged", "unspecified", "names no paragraph"),
        ("readings", "reading", "other", "paragraphs_charged is only for"),
        ("readings", "breach_by", "Ukraine", "none of which binds it"),
        ("readings", "breach_by", "European Union", "signed nothing"),
        # a reading and its quotation: one date, precision and channel per statement
        ("readings", "date", "2011-08-20", "does not agree with its quotation"),
        ("readings", "channel", "speech", "does not agree with its quotation"),
        # doctrine (lesson 08; row 0: the 2000 doctrine's clause on weapons of mass destruction)
        ("doctrine", "category", "escalation_termination", "does not belong to clause_kind"),
        ("doctrine", "clause_kind", "wish", "clause_kind"),
        ("doctrine", "document_id", "military_doctrine_1999", "document_id"),
        ("doctrine", "protects", "not_applicable", "exactly for purpose clauses"),
        ("doctrine", "threshold_en", " ".join(["word"] * 30), "at most 25 words"),
        ("doctrine", "threshold_en", "\u201cin response\u201d", "without surrounding quotation marks"),
        ("doctrine", "date", "2000-04-22", "one document, one date"),
        ("doctrine", "paragraph", "8a", "paragraph"),
        ("doctrine", "paragraph", "", "was not read"),
        ("doctrine", "source_ids", "no_such_source", "no_such_source"),
        ("doctrine", "note", "", "note"),
        # programmes (lesson 07). Row 0 is the United States (acquired_kept, later_fate none); the tests below use other rows
        ("programmes", "furthest_stage", "pursue", "furthest stage with a start year"),
        ("programmes", "furthest_stage", "inherited", "'inherited' is for the added_inherited rows"),
        ("programmes", "end_type", "dismantled_own", "needs the date the programme ended"),
        ("programmes", "end_type", "gave_up_inherited", "goes with furthest_stage 'inherited'"),
        ("programmes", "ended", "1990-01-01", "has no end date"),
        ("programmes", "npt_status", "withdrew", "npt_withdrew is given exactly when"),
        ("programmes", "npt_status", "never_joined", "cannot have an npt_joined date"),
        ("programmes", "npt_status", "member", "npt_status"),
        ("programmes", "later_fate", "invaded", "needs fate_date"),
        ("programmes", "later_fate", "conquered", "later_fate"),
        ("programmes", "later_fate", "", "must say so"),
        ("programmes", "acquire_end", "1991", "acquired_kept"),
        ("programmes", "explore_start", "1800", "explore_start"),
        ("programmes", "source_ids", "nobody_said_so", "nobody_said_so"),
        # nk_tests (lesson 07; row 0: the test of 9 October 2006)
        ("nk_tests", "mb_usgs", "5.9", "outside mb_low-mb_high"),
        ("nk_tests", "mb_low", "", "mb_low"),
        ("nk_tests", "yield_kt_low", "", "yield_kt_high without yield_kt_low"),
        ("nk_tests", "yield_kt_high", "", "lower bound"),
        ("nk_tests", "yield_kt_low", "5", "yield_kt_low 5 > yield_kt_high 1"),
        ("nk_tests", "nk_claim", "North Korea tested a bomb.", "nk_claim"),
        ("nk_tests", "event_id", "no_such_event", "not in events.csv"),
        ("nk_tests", "claimed_hydrogen_bomb", "true", "claimed_hydrogen_bomb is true"),
        ("nk_tests", "date_precision", "month", "first of its month"),
        ("nk_tests", "source_ids", "no_such_source", "no_such_source"),
        # coercion_cases (lesson 08; row 0: Korea 1953, outcome disputed)
        ("coercion_cases", "aim", "annex", "aim"),
        ("coercion_cases", "channel", "tweet", "channel"),
        ("coercion_cases", "aim_other", "compel", "the same as aim"),
        ("coercion_cases", "coding_note", "", "coding_note"),
        ("coercion_cases", "outcome", "won", "outcome"),
        ("coercion_cases", "outcome", "not_judged", "outcome_judged_by"),
        ("coercion_cases", "outcome_judged_by", "", "outcome_judged_by"),
        ("coercion_cases", "source_ids", "foot_1988_nuclear_coercion_korea", "sources on each side"),
        ("coercion_cases", "source_ids", "wikipedia_draft_nuclear_coercion", "sourced only by reference pages"),
        ("coercion_cases", "date_end", "1946-01-01", "is before date_start"),
        ("coercion_cases", "date_end_precision", "", "go together"),
        # lesson 08: signals (row 0: Putin's "consequences" warning of 24 Feb 2022, implicit, quotation putin_2022_consequences)
        ("signals", "type", "rumour", "type"),
        ("signals", "channel", "tweet", "channel"),
        ("signals", "nuclear_reference", "maybe", "nuclear_reference"),
        ("signals", "certainty", "probably", "certainty"),
        ("signals", "date", "2021-12-31", "date"),
        ("signals", "source_ids", "no_such_source", "no_such_source"),
        ("signals", "coding_note", "", "implicit nuclear reference needs a coding_note"),
        ("signals", "quote_id", "no_such_quote", "not in quotations.csv"),
        ("signals", "date", "2022-02-25", "does not agree with its quotation"),
        ("signals", "channel", "social_media_post", "does not fit its quotation"),
        ("signals", "event_id", "no_such_event", "not in events.csv"),
        ("signals", "stated_reason", "A warning to anyone who would interfere.", "begins with 'Claim'"),
        ("signals", "certainty", "single_weak_report", "unconfirmed"),
    ],
)
def test_corrupted_copy_fails(data_copy, table, column, value, expected):
    _edit(data_copy, table, column, 0, value)
    found = problems(data_copy)
    assert found, f"setting {table}.{column} to {value!r} went unnoticed"
    assert any(expected in message for message in found), found


def test_kind_is_one_of_the_schema_values():
    schema = next(r for r in json.loads((DATA / "datapackage.json").read_text())["resources"] if r["name"] == "sources")
    kind = next(f for f in schema["schema"]["fields"] if f["name"] == "kind")
    assert kind["constraints"]["required"] is True
    expected = ["primary_document", "scholarship", "journalism", "reference", "data", "mirror"]
    assert kind["constraints"]["enum"] == expected
    sources = pd.read_csv(DATA / "sources.csv", dtype=str, keep_default_na=False)
    assert list(sources.columns) == ["source_id", "author", "title", "publisher", "year", "url", "kind", "note"]
    assert set(sources["kind"]) <= set(kind["constraints"]["enum"])


def test_a_source_turned_reference_leaves_its_rows_weak(data_copy):
    """The rule reads each source's kind: downgrading the only source of a row makes that row fail."""
    _edit(data_copy, "positions", "source_ids", 0, "mearsheimer_1993_case_for")
    path = data_copy / "sources.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[frame["source_id"] == "mearsheimer_1993_case_for", "kind"] = "mirror"
    frame.to_csv(path, index=False)
    assert any(m == "positions.csv line 2: sourced only by reference pages or mirrors: mearsheimer_1993_case_for"
               for m in problems(data_copy))


def test_a_kept_weak_row_must_still_exist(data_copy):
    """A row excused in ONLY_WEAK_SOURCES_KEPT that gains a better source must leave the list."""
    from tools.validate_data import ONLY_WEAK_SOURCES_KEPT

    (table, cells, ids), = list(ONLY_WEAK_SOURCES_KEPT)[:1]
    path = data_copy / f"{table}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = frame.index[(frame.iloc[:, :3].apply(tuple, axis=1) == cells) & (frame["source_ids"] == ids)][0]
    frame.loc[row, "source_ids"] = ids + ";aca_belarus_transfer_1996"
    frame.to_csv(path, index=False)
    assert any("ONLY_WEAK_SOURCES_KEPT" in m for m in problems(data_copy))


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


def test_a_claim_not_yet_tested_may_have_no_sources(data_copy):
    """Only a verdict needs evidence: emptying the sources of a claim not yet tested is fine."""
    path = data_copy / "essay_claims.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    untested = frame.index[frame["verdict"] == "not_yet_tested"][0]
    frame.loc[untested, "source_ids"] = ""
    frame.to_csv(path, index=False)
    assert problems(data_copy) == []


def test_a_lower_bound_alone_needs_its_words(data_copy):
    """The Belarus tactical row gives only a lower bound; without "more than"/"at least" in its note it fails."""
    path = data_copy / "arsenal_1991.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    lower_only = frame.index[(frame["warheads_low"] != "") & (frame["warheads_high"] == "")]
    assert len(lower_only), "the test expects at least one lower-bound-only row"
    assert problems(data_copy) == []
    frame.loc[lower_only[0], "note"] = "Estimate."
    frame.to_csv(path, index=False)
    assert any("lower bound" in m for m in problems(data_copy))


def test_a_25_word_quotation_passes_and_26_fails(data_copy):
    path = data_copy / "quotations.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[0, "quote"] = " ".join(["word"] * 25)
    frame.to_csv(path, index=False)
    assert problems(data_copy) == []
    frame.loc[0, "quote"] = " ".join(["word"] * 26)
    frame.to_csv(path, index=False)
    assert any("at most 25 words" in m for m in problems(data_copy))


def test_a_row_appended_at_the_end_of_events_is_reported(data_copy):
    """Lesson authors append rows; the check says where the row belongs instead of letting the file drift."""
    path = data_copy / "events.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = frame[frame["category"] == "independence"].iloc[[0]].assign(event_id="appended_event")
    pd.concat([frame, row]).to_csv(path, index=False)
    assert any(m.startswith("events.csv line") and "move this row" in m for m in problems(data_copy))


def test_uk_columns_follow_the_us_columns():
    negotiations = pd.read_csv(DATA / "negotiations.csv", dtype=str, keep_default_na=False)
    columns = list(negotiations.columns)
    assert columns[columns.index("us_got") + 1: columns.index("us_got") + 3] == ["uk_gave", "uk_got"]
    for _, row in negotiations.iterrows():
        signed = "United Kingdom" in row["parties"].split(";")
        assert signed == bool(row["uk_gave"] or row["uk_got"]), row["agreement_id"]


def test_memorandum_needs_all_six_paragraphs(data_copy):
    path = data_copy / "memorandum.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame[frame["paragraph"] != "6"].to_csv(path, index=False)
    assert any("six paragraphs" in m for m in problems(data_copy))


def test_a_resolution_cannot_be_ratified(data_copy):
    """ratified is not_applicable exactly for resolutions, declarations and statements."""
    path = data_copy / "assurance_instruments.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = frame.index[frame["form"] == "unsc_resolution"][0]
    frame.loc[row, "ratified"] = "yes"
    frame.to_csv(path, index=False)
    assert any("not one a state ratifies" in m for m in problems(data_copy))


def test_the_memorandum_is_compared_with_a_guarantee():
    """Lesson 04 contrasts assurances with a guarantee: the table keeps both kinds of instrument."""
    table = pd.read_csv(DATA / "assurance_instruments.csv", dtype=str, keep_default_na=False)
    budapest = table.set_index("instrument_id").loc["budapest_memorandum_ukraine"]
    assert (budapest["form"], budapest["automatic_response"]) == ("memorandum", "no")
    assert (table["automatic_response"] == "yes").any()


def test_an_end_in_the_same_year_as_a_day_precise_start_is_not_before_it(data_copy):
    """An end known only to the year is compared at year precision: 1999 is not before 26 Feb 1999."""
    path = data_copy / "dismantlement.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[0, ["date_start", "date_start_precision", "date_end", "date_end_precision"]] = [
        "1999-02-26", "day", "1999-01-01", "year"]
    frame.to_csv(path, index=False)
    assert problems(data_copy) == []


def test_compensation_instruments_are_agreements():
    """Every instrument a promise cites is an agreement the course describes in negotiations.csv."""
    compensation = pd.read_csv(DATA / "compensation.csv", dtype=str, keep_default_na=False)
    agreements = set(pd.read_csv(DATA / "negotiations.csv", dtype=str)["agreement_id"])
    cited = {i for ids in compensation["instrument_ids"] for i in ids.split(";") if i}
    assert cited and cited <= agreements


def test_un_votes_without_non_voting_must_still_fit_the_membership(data_copy):
    """non_voting may be empty (no source gives it); the recorded votes still cannot exceed the membership."""
    _edit(data_copy, "un_votes", "non_voting", 0, "")
    assert problems(data_copy) == []
    _edit(data_copy, "un_votes", "yes", 0, "150")
    assert any("more than the 193 members" in m for m in problems(data_copy))


def test_more_states_against_than_the_total_is_reported(data_copy):
    """un_votes_by_state cannot record more states voting one way than un_votes counts."""
    path = data_copy / "un_votes.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = frame.index[frame["resolution"] == "A/RES/ES-11/1"][0]
    frame.loc[row, ["no", "non_voting"]] = ["1", "16"]  # still adds up to 193
    frame.to_csv(path, index=False)
    assert any("more than the 1 in un_votes.csv" in m for m in problems(data_copy))


def test_a_state_twice_for_one_resolution_is_reported(data_copy):
    """(resolution, state) is the table's primary key: one vote per state and resolution."""
    path = data_copy / "un_votes_by_state.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    pd.concat([frame, frame.iloc[[0]].assign(vote="abstain")]).to_csv(path, index=False)
    assert any("un_votes_by_state" in m for m in problems(data_copy))


def _edit_row(folder, table, key_column, key, **values):
    path = folder / f"{table}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows = frame[key_column] == key
    assert rows.sum() == 1, key
    for column, value in values.items():
        frame.loc[rows, column] = value
    frame.to_csv(path, index=False)


def test_paragraph_6_binds_ukraine_too(data_copy):
    # Ukraine signed paragraph 6 (consultation), so a charge against it under 6 is possible; under 2 it is not
    _edit_row(data_copy, "readings", "reading_id", "ua_mfa_2014_09_02", breach_by="Russia;Ukraine")
    assert problems(data_copy) == []
    _edit_row(data_copy, "readings", "reading_id", "ua_mfa_2014_09_02", paragraphs="2", paragraphs_charged="2")
    assert any("Ukraine is charged under paragraphs 2" in message for message in problems(data_copy))


def test_a_charge_outside_the_paragraphs_may_name_anyone(data_copy):
    # 'none': commitments outside the six paragraphs (Russia's argument that Ukraine broke its CSCE commitments)
    _edit_row(data_copy, "readings", "reading_id", "ru_vorontsov_2022_10", breach_by="European Union")
    assert problems(data_copy) == []


def test_a_reading_and_its_quotation_agree_on_precision(data_copy):
    _edit_row(data_copy, "quotations", "quote_id", "lidington_2014_breaches", date_precision="month", date="2014-09-01")
    found = problems(data_copy)
    assert any("does not agree with its quotation 'lidington_2014_breaches'" in message for message in found), found


def test_a_doctrine_condition_needs_its_words(data_copy):
    _edit_row(data_copy, "doctrine", "clause_id", "bp2024_p18_wmd", threshold_ru="")
    assert any("a condition needs its words" in message for message in problems(data_copy))


def test_the_contested_purpose_clause_keeps_the_other_readings(data_copy):
    _edit_row(data_copy, "doctrine", "clause_id", "bp2020_purpose_p4", other_reading="")
    assert any("escalation_termination clause is contested" in message for message in problems(data_copy))


def test_a_purpose_clause_needs_no_threshold(data_copy):
    """Only conditions must quote their words; a purpose clause without a phrase is allowed."""
    _edit_row(data_copy, "doctrine", "clause_id", "md2010_purpose", threshold_en="")
    assert problems(data_copy) == []


# Lessons 07-08 (issue 12): one row edited so that it breaks one rule, and the message that rule must print.
ROW_EDITS_12 = [
    pytest.param("programmes", "programme_id", "libya", dict(fate_date="2003-01-01"), "must come after the programme ended", id="a_fate_must_come_after_the_programme_ended"),
    pytest.param("programmes", "programme_id", "belarus", dict(fate_date="2014-02-27", fate_date_precision="day"), "fate_date is only for a coded fate", id="a_fate_of_none_has_no_date"),
    pytest.param("programmes", "programme_id", "ukraine", dict(explore_start="1991"), "'inherited' is for the added_inherited rows", id="inherited_rows_have_no_bleek_years"),
    pytest.param("programmes", "programme_id", "north_korea", dict(npt_withdrew="1980-01-10"), "is before npt_joined", id="withdrawal_before_joining_fails"),
    pytest.param("signals", "signal_id", "deterrence_forces_alert_2022", dict(date="2022-02-26", quote_id=""), "does not agree with its event 'deterrence_forces_special_regime'", id="a_signal_and_its_event_share_a_date"),
    pytest.param("signals", "signal_id", "kiselyov_world_2022", dict(type="alert"), "state_media_commentary row is a statement", id="a_talk_show_cannot_order_an_alert"),
    pytest.param("signals", "signal_id", "belarus_warheads_delivered_2023", dict(coding_note=""), "certainty 'conflicting' needs a coding_note", id="a_conflicting_signal_needs_its_note"),
    pytest.param("quotations", "quote_id", "kiselyov_2022_world", dict(lesson="06"), "must list lesson 08", id="a_signal_quotation_is_shown_in_lesson_08"),
]


@pytest.mark.parametrize("table, key, row, edits, message", ROW_EDITS_12)
def test_a_row_edited_against_a_lesson_07_08_rule_fails(data_copy, table, key, row, edits, message):
    _edit_row(data_copy, table, key, row, **edits)
    assert any(message in m for m in problems(data_copy))


def test_programmes_hold_both_sides_of_the_insurance_argument():
    table = pd.read_csv(DATA / "programmes.csv", dtype=str, keep_default_na=False).set_index("programme_id")
    assert table.loc["libya", "later_fate"] == "regime_overthrown_with_foreign_help"
    assert table.loc["iraq", "later_fate"] == "regime_overthrown_with_foreign_help"
    assert table.loc["ukraine", "later_fate"] == "invaded"
    for case in ("south_africa", "belarus", "kazakhstan", "brazil", "argentina", "sweden"):
        assert table.loc[case, "later_fate"] == "none", case
    assert (table["basis"] == "bleek_2017").sum() == 31


def test_nk_tests_are_numbered_in_date_order(data_copy):
    path = data_copy / "nk_tests.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[[0, 1], "test_number"] = ["2", "1"]
    frame.to_csv(path, index=False)
    assert any("test_number must count the tests in date order" in m for m in problems(data_copy))


def test_nk_tests_keep_each_agencys_magnitude_and_the_claims():
    """Lesson 07 compares agencies and claims: every test has a range, and the two hydrogen-bomb claims are flagged."""
    table = pd.read_csv(DATA / "nk_tests.csv", dtype=str, keep_default_na=False)
    assert list(table["date"]) == ["2006-10-09", "2009-05-25", "2013-02-12", "2016-01-06", "2016-09-09", "2017-09-03"]
    assert set(table.loc[table["claimed_hydrogen_bomb"] == "true", "test_id"]) == {"nk_2016_01", "nk_2017_09"}
    assert (table["yield_kt_low"] != "").all() and (table["mb_usgs"] != "").all()


def test_coercion_cases_use_every_aim_and_hold_a_shield_case():
    """Lesson 08 tests the essay's 'one of the few times': the table must let students find shield_offensive cases."""
    table = pd.read_csv(DATA / "coercion_cases.csv", dtype=str, keep_default_na=False)
    assert set(table["aim"]) == {"deter", "compel", "shield_offensive"}
    assert (table["aim_other"] != "").sum() >= 3  # contested codings keep the other reading


def test_signals_keep_the_channels_apart():
    """Lesson 08 compares channels: the table holds each of the four, and every type is used."""
    signals = pd.read_csv(DATA / "signals.csv", dtype=str, keep_default_na=False)
    schema = next(r for r in json.loads((DATA / "datapackage.json").read_text())["resources"] if r["name"] == "signals")
    enums = {f["name"]: f.get("constraints", {}).get("enum") for f in schema["schema"]["fields"]}
    assert set(signals["channel"]) == set(enums["channel"])
    assert set(signals["type"]) == set(enums["type"])
    assert list(signals["date"]) == sorted(signals["date"]), "signals.csv is kept in date order"
