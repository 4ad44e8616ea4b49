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
    assert set(listed["source_id"]) == expected and listed["source_id"].is_unique
    with pytest.raises(DataFileError, match="no_such_source"):
        bibliography("no_such_source")


def test_whiskers_span_low_to_high_around_the_middle():
    low, high = pd.Series([100, 50]), pd.Series([300, 50])
    middle, error = charts.whiskers(low, high)
    assert list(middle) == [200, 50]
    assert list(middle + error["array"]) == [300, 50] and list(middle - error["arrayminus"]) == [100, 50]
