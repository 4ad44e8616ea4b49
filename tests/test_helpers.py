"""Unit tests of the helper package: data loading and chart style."""

import json
import math
import shutil
import subprocess
import sys

import pandas as pd
import plotly.io as pio
import pytest

import course.charts as charts
from course import DataFileError, cite, load
from course import data as course_data
from tools.notebooks import ROOT


# ---------------------------------------------------------------- data.load
@pytest.mark.parametrize("folder", ["notebooks", "exercises", "solutions", "/tmp"])
def test_load_works_from_any_working_directory(folder):
    cwd = ROOT / folder if not folder.startswith("/") else folder
    code = "from course import load; e = load('events'); print(len(e), e['date'].dtype)"
    out = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True)
    rows, dtype = out.stdout.split()
    assert int(rows) == len(pd.read_csv(ROOT / "data" / "events.csv"))
    assert dtype.startswith("datetime64")


def test_load_types_columns_from_the_schema():
    events = load("events")
    assert str(events["lesson"].dtype) == "Int64"
    arsenal = load("arsenal_1991")
    assert str(arsenal["warheads_low"].dtype) == "Int64"
    assert arsenal["launchers"].isna().any()  # tactical rows have no launchers: missing, not zero


def test_load_returns_a_fresh_copy():
    load("events").drop(columns="title")
    assert "title" in load("events")


def test_missing_file_names_the_file(data_copy):
    (data_copy / "events.csv").unlink()
    with pytest.raises(DataFileError, match="events.csv"):
        load("events")


def test_malformed_file_names_the_file(data_copy):
    path = data_copy / "events.csv"
    path.write_text(path.read_text().replace("1991-12-26", "26/12/1991", 1))
    with pytest.raises(DataFileError, match=r"events\.csv.*'date'"):
        load("events")


def test_wrong_columns_name_the_file(data_copy):
    path = data_copy / "arsenal_1991.csv"
    frame = pd.read_csv(path, dtype=str).rename(columns={"warheads_low": "low"})
    frame.to_csv(path, index=False)
    with pytest.raises(DataFileError, match=r"arsenal_1991\.csv.*missing: \['warheads_low'\]"):
        load("arsenal_1991")


def test_empty_required_value_names_file_and_line(data_copy):
    path = data_copy / "events.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[2, "category"] = ""
    frame.to_csv(path, index=False)
    with pytest.raises(DataFileError, match=r"events\.csv.*'category'.*line 4"):
        load("events")


def test_corrupt_datapackage_names_the_file(data_copy):
    (data_copy / "datapackage.json").write_text("{ not json")
    with pytest.raises(DataFileError, match="datapackage.json"):
        load("events")


def test_unknown_table_lists_the_tables():
    with pytest.raises(DataFileError, match="Tables: .*events"):
        load("evnets")


def test_cite_resolves_ids_and_rejects_unknown_ones():
    sources = load("sources")
    first = sources.iloc[0]
    assert first["publisher"] in cite(first["source_id"])
    with pytest.raises(DataFileError, match="no_such_source"):
        cite("no_such_source")


# ---------------------------------------------------------------- charts
def test_template_and_renderer_are_set_on_import():
    assert pio.templates.default == "course"
    assert list(pio.templates["course"].layout.colorway) == charts.PALETTE
    assert pio.renderers.default == "plotly_mimetype"
    assert pio.renderers["plotly_mimetype"].config["showSendToCloud"] is False


def test_add_source_writes_citation_under_the_chart():
    sources = load("sources")
    fig = charts.add_source(pio.from_json('{"data": [], "layout": {}}'), sources["source_id"].iloc[0])
    note = fig.layout.annotations[-1]
    assert note.text.startswith("Source: ") and sources["publisher"].iloc[0] in note.text
    assert note.yanchor == "top" and note.y == 0


def _map():
    arsenal = load("arsenal_1991").groupby("republic", as_index=False)["warheads_high"].sum()
    arsenal["iso3"] = arsenal["republic"].map({v: k for k, v in charts.SUCCESSOR_STATES.items()})
    arsenal["hover"] = arsenal["republic"]
    return charts.successor_states_map(arsenal, color="warheads_high", hover="hover", title="t")


def test_map_is_drawn_offline_with_maplibre_and_shipped_boundaries():
    fig = _map()
    assert {trace.type for trace in fig.data} == {"choroplethmap"}
    assert fig.layout.map.style == "white-bg"
    text = fig.to_json()
    assert "http" not in text  # no tiles, styles or topojson fetched from anywhere
    assert set(fig.data[0].locations) == set(charts.SUCCESSOR_STATES)


def _inside(point, ring):
    """Ray casting: is (lon, lat) inside the polygon ring?"""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _country_at(point, features=None):
    for feature in features or course_data.boundaries()["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for polygon in polygons:
            if _inside(point, [tuple(p) for p in polygon[0]]):
                return feature["id"]
    return None


PLACES = [
    ("Simferopol, Crimea", (34.10, 44.95), "UKR"),
    ("Sevastopol", (33.55, 44.60), "UKR"),
    ("Donetsk", (37.80, 48.00), "UKR"),
    ("Kyiv", (30.52, 50.45), "UKR"),
    ("Moscow", (37.62, 55.75), "RUS"),
    ("Minsk", (27.56, 53.90), "BLR"),
    ("Almaty", (76.90, 43.25), "KAZ"),
    ("Kaliningrad", (20.51, 54.71), "RUS"),
]


@pytest.mark.parametrize("place, lon_lat, iso3", PLACES)
def test_boundaries_are_the_internationally_recognised_ones(place, lon_lat, iso3):
    assert _country_at(lon_lat) == iso3, place


@pytest.mark.parametrize("zoom", [1.25, 1.7, 4])
def test_map_outlines_keep_the_borders_at_the_detail_the_zoom_shows(zoom):
    """Simplified for display, each test place is in its country (or within a pixel of its outline), never in
    another; coordinates carry no more decimals than a pixel needs; fewer points are stored than shipped."""
    shipped = course_data.boundaries()["features"]
    shown = charts.for_display(shipped, zoom)
    pixel = 360 / (512 * 2 ** zoom)
    for place, lon_lat, iso3 in PLACES:
        found = _country_at(lon_lat, shown)
        assert found in (iso3, None), f"{place} drawn in {found}"
        if found is None:
            outline = next(f for f in shown if f["id"] == iso3)["geometry"]["coordinates"]
            assert min(_distance(lon_lat, ring) for polygon in outline for ring in polygon) <= pixel, place
    size = lambda features: len(json.dumps([f["geometry"] for f in features]))  # noqa: E731
    assert size(shown) < size(shipped)
    decimals = math.ceil(-math.log10(pixel))  # enough to resolve one pixel
    for feature in shown:
        for polygon in feature["geometry"]["coordinates"]:
            assert all(round(x, decimals) == x and round(y, decimals) == y for x, y in polygon[0])


def _distance(point, ring):
    """Shortest distance from a point to a ring's edges, in degrees."""
    px, py = point
    best = math.inf
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        dx, dy = x2 - x1, y2 - y1
        t = max(0, min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy or 1)))
        best = min(best, math.hypot(px - x1 - t * dx, py - y1 - t * dy))
    return best


def test_simplify_keeps_the_corners_and_drops_what_lies_within_tolerance():
    line = [(0, 0), (1, 0.01), (2, 0), (2, 2), (0, 2), (0, 0)]
    assert charts._simplify(line, 0.1) == [(0, 0), (2, 0), (2, 2), (0, 2), (0, 0)]
    assert charts._simplify(line, 0.001) == line


def test_charts_do_not_import_the_slow_iri_grammar():
    """Every lesson's first cell imports the chart module: it must not compile rfc3987-syntax's Lark grammars.

    plotly imports nbformat, which imports jsonschema; jsonschema 4.25 and later import rfc3987_syntax at
    import time (about 2 s here). requirements.txt pins jsonschema below that; this fails if the pin is lost.
    """
    code = "import sys, course.charts, plotly.express; print(sorted({'rfc3987_syntax', 'lark'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_boundaries_do_not_cross_the_antimeridian():
    for feature in course_data.boundaries()["features"]:
        text = json.dumps(feature["geometry"]["coordinates"])
        lons = [float(v) for v in text.replace("[", " ").replace("]", " ").replace(",", " ").split()[::2]]
        assert -180 <= min(lons) and max(lons) <= 180, feature["id"]


def test_a_map_draws_an_unknown_as_not_known_never_as_zero():
    values = pd.DataFrame({"iso3": ["UKR", "KAZ"], "n": [3000.0, None], "hover": ["Ukraine", "Kazakhstan: not known"]})
    fig = charts.successor_states_map(values, color="n", hover="hover", title="t")
    coloured, unknown = fig.data
    assert list(coloured.locations) == ["UKR"] and list(unknown.locations) == ["KAZ"]
    assert unknown.name == "number not known" and unknown.showlegend and unknown.colorscale[0][1] == charts.UNKNOWN
    view = charts.map_view(values.fillna({"n": 5.0}), color="n", hover="hover")
    assert view["locations"] == [["UKR", "KAZ"], []] and view["showlegend"] == [False, False]


def test_categorical_map_gives_each_label_its_colour():
    values = load("arsenal_1991")[["republic"]].drop_duplicates()
    values["iso3"] = values["republic"].map({v: k for k, v in charts.SUCCESSOR_STATES.items()})
    values["group"] = values["republic"].map(lambda r: "big" if r == "Russia" else "small")
    fig = charts.successor_states_map(values, color="group", hover="republic", title="t",
                                      categories={"small": "#E69F00", "big": "#0072B2"})
    trace = fig.data[0]
    assert list(trace.colorbar.ticktext) == ["small", "big"]
    russia = list(trace.locations).index("RUS")
    position = (trace.z[russia] - trace.zmin) / (trace.zmax - trace.zmin)
    colour = next(c for (lo, c), (hi, _) in zip(trace.colorscale, trace.colorscale[1:]) if lo <= position <= hi and c == _)
    assert colour == "#0072B2"


def test_source_ids_are_gathered_from_tables_strings_and_lists():
    from course.data import source_ids_in

    table = pd.DataFrame({"source_ids": ["a;b", "b;c"]})
    assert source_ids_in(table, "c;d", ["e", "a;f"], pd.Series(["g"])) == ["a", "b", "c", "d", "e", "f", "g"]


def test_bibliography_lists_each_cited_source_once_and_rejects_unknown_ids():
    from course import bibliography

    arsenal = load("arsenal_1991")
    listed = bibliography(arsenal, "naturalearth_admin0_50m")
    expected = {i for ids in arsenal["source_ids"] for i in ids.split(";")} | {"naturalearth_admin0_50m"}
    assert set(listed.table["source_id"]) == expected and listed.table["source_id"].is_unique
    shown = listed._repr_markdown_().splitlines()
    assert len(shown) == len(expected)  # one line per distinct source, never merged by publisher
    first = listed.table.iloc[0]
    assert shown[0].startswith(f"- {first['author']} (") and f"({first['url']})" in shown[0]
    assert all(line.count("http") == 1 for line in shown)  # the link's text is its site, not the URL again (size)
    with pytest.raises(DataFileError, match="no_such_source"):
        bibliography("no_such_source")


def test_range_dots_span_low_to_high_around_the_middle_and_leave_unknowns_out():
    trace = charts.range_dots(pd.Series([100, 50, None]), pd.Series([300, 50, None]), ["a", "b", "c"])
    middle = list(trace.x)
    assert middle[:2] == [200, 50] and pd.isna(middle[2])  # an unknown draws nothing, never a zero
    assert list(trace.error_x.array[:2]) == [100, 0] and list(trace.error_x.arrayminus[:2]) == [100, 0]
    assert list(trace.customdata) == ["100–300", "50", "not known"]
    assert trace.type == "scatter" and trace.mode == "markers"  # a dot with an interval, never a bar


def test_a_lower_bound_alone_is_a_triangle_at_the_bound():
    trace = charts.range_dots(pd.Series([420, 60]), pd.Series([None, 60]), ["Belarus", "x"])
    assert list(trace.x) == [420, 60] and list(trace.marker.symbol) == ["triangle-right", "circle"]
    assert list(trace.customdata) == ["at least 420", "60"]


@pytest.mark.parametrize("date, precision, shown", [
    ("1994-12-05", "day", "5 Dec 1994"),
    ("1992-05-01", "month", "May 1992"),
    ("1991-01-01", "year", "1991"),
    (pd.NaT, "day", "date not known"),
])
def test_dates_are_written_only_as_precisely_as_known(date, precision, shown):
    from course import when

    assert when(pd.Timestamp(date) if pd.notna(date) else date, precision) == shown


def test_a_date_of_unknown_precision_is_refused():
    from course import when

    with pytest.raises(ValueError, match="precision"):
        when(pd.Timestamp("1992-05-01"), "week")


def test_period_end_is_the_last_day_a_date_can_stand_for():
    from course.text import period_end

    assert period_end(pd.Timestamp("1992-05-01"), "month") == pd.Timestamp("1992-05-31")
    assert period_end(pd.Timestamp("1992-01-01"), "year") == pd.Timestamp("1992-12-31")
    assert period_end(pd.Timestamp("1992-05-06"), "day") == pd.Timestamp("1992-05-06")


@pytest.mark.parametrize("low, high, kwargs, shown", [
    (780, 780, {}, "780"),
    (1240, 1410, {"unit": "warheads"}, "1,240–1,410 warheads"),
    (None, None, {}, "not known"),
    (pd.NA, 5, {}, "not known"),
    (420, pd.NA, {"unit": "warheads"}, "at least 420 warheads"),
    (0.57, 0.57, {"percent": True}, "57%"),
    (56.99999999999999, 57, {}, "57"),
])
def test_estimates_are_written_as_ranges_never_as_780_780(low, high, kwargs, shown):
    from course import estimate

    assert estimate(low, high, **kwargs) == shown


def test_hover_cards_carry_title_date_details_and_sources():
    events = load("events").head(2).assign(date_precision=["day", "year"])
    cards = charts.hover_cards(events, "title", date="date", lines=["description"])
    assert cards[0].startswith(f"<b>{events['title'].iloc[0][:20]}") and cite(events["source_ids"].iloc[0])[:15] in cards[0]
    assert f"<br>{events['date'].iloc[1].year}<br>" in cards[1]  # a year-precision date shows the year only


def test_view_menu_makes_one_button_per_view():
    menu = charts.view_menu({"a": [{"visible": [True, False]}, {}], "b": [{"visible": [False, True]}, {}]})
    assert [b["label"] for b in menu[0]["buttons"]] == ["a", "b"] and menu[0]["type"] == "buttons"
    assert "type" not in charts.view_menu({"a": [{}, {}]}, dropdown=True)[0]


def test_dated_progress_draws_what_the_sources_allow():
    """Exact dates as dots, month-dated counts as lines across the month, silent milestones in the strip, gaps
    over a year labelled and never bridged, and one view per group."""
    table = pd.DataFrame({
        "country": ["A", "A", "A", "A", "B"],
        "date": pd.to_datetime(["1994-03-01", "1994-04-01", "1996-06-01", "1995-01-01", "1995-01-01"]),
        "date_precision": ["day", "day", "month", "day", "day"],
        "low": [60, 120, 1600, None, 10], "high": [60, 120, 2000, None, 10], "hover": list("abcde"),
    })
    fig = charts.dated_progress(table, low="low", high="high", group="country", title="{}", y_title="n")
    names = [trace.name for trace in fig.data if trace.meta == "A"]
    assert "A" in names and "A: dated to the month only" in names and "A: dated, no count" in names
    gap = [t for t in fig.data if t.meta == "A" and t.fill == "toself"]
    assert len(gap) == 1 and "no count" in gap[0].text
    assert not [t for t in fig.data if t.mode and "lines" in t.mode and t.meta == "A" and len(t.x) > 2 and t.fill is None]
    assert [b["label"] for b in fig.layout.updatemenus[0].buttons] == ["A", "B"]


def test_stepped_colorscale_gives_each_category_one_colour():
    assert charts.stepped_colorscale(["red", "blue"]) == [[0, "red"], [0.5, "red"], [0.5, "blue"], [1, "blue"]]
