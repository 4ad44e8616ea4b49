"""The course's plotly look, set once on import, and the small builders that keep chart cells short.

Importing this module:
- registers the ``course`` template (Okabe–Ito colour-blind-safe palette, readable fonts, a legend above
  the plot, room for a source line) and makes it the default;
- makes plotly store figures as plotly JSON only (the ``plotly_mimetype`` renderer), which JupyterLab
  draws offline, without the "share to cloud" button.

Builders, each used by several lessons:
- :func:`add_source` writes the source line under a chart (every chart has one);
- :func:`hover_card` / :func:`hover_cards` write the text shown on hover: title, date as precisely as
  known, details, sources; pass them as ``customdata`` with ``hovertemplate=HOVER``;
- :func:`range_dots` draws estimates the course's way: a dot with an interval, never a bar;
- :func:`dated_progress` draws progress told by dated milestones (withdrawals, dismantling), gaps left open;
- :func:`view_menu` makes the buttons or drop-down that switch a chart between views;
- :func:`stepped_colorscale` gives each category one flat colour (maps, heatmaps);
- :func:`successor_states_map` draws the offline map of the Soviet successor states.
"""

from __future__ import annotations

import gc
import math
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from plotly.subplots import make_subplots

from . import data
from .text import estimate, period_end, when, wrap

__all__ = ["PALETTE", "HOVER", "HOVER_PX", "SUCCESSOR_STATES", "add_source", "source_line", "hover_card", "hover_cards",
           "range_dots", "dated_progress", "view_menu", "stepped_colorscale", "successor_states_map", "map_view", "for_display"]

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the common colour-vision deficiencies. Their
# yellow is left out (too faint on white); a mid grey, dark enough to read on white, takes the last place.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#767676"]

SUCCESSOR_STATES = {"RUS": "Russia", "UKR": "Ukraine", "KAZ": "Kazakhstan", "BLR": "Belarus"}

pio.templates["course"] = go.layout.Template(
    layout=dict(
        colorway=PALETTE,
        font=dict(family="DejaVu Sans, Arial, sans-serif", size=13, color="#222"),
        title=dict(x=0.01, xanchor="left", font=dict(size=17)),
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=60, r=30, t=100, b=100),
        xaxis=dict(showgrid=True, gridcolor="#e5e5e5", linecolor="#888", zeroline=False, automargin=True),
        yaxis=dict(showgrid=True, gridcolor="#e5e5e5", linecolor="#888", zeroline=False, automargin=True),
        hoverlabel=dict(align="left"),
        hovermode="closest",
        legend=dict(title_font=dict(size=12), orientation="h", x=0, xanchor="left", y=1.02, yanchor="bottom"),
    )
)
# The hovertemplate for a trace whose ``customdata`` holds ready-made hover cards (plotly.graph_objects), and for
# plotly.express charts given ``custom_data=["hover"]``.
HOVER = "%{customdata}<extra></extra>"
HOVER_PX = "%{customdata[0]}<extra></extra>"
pio.templates.default = "course"
pio.renderers.default = "plotly_mimetype"
pio.renderers["plotly_mimetype"].config = {"showSendToCloud": False, "displaylogo": False}


def source_line(source_ids: str | list[str], most: int = 3) -> str:
    """"Source: A (1993); B (2001)", naming at most ``most`` sources and counting the rest."""
    cited = data.cite(source_ids).split("; ")
    label = "Source" if len(cited) == 1 else "Sources"
    if len(cited) <= most:
        return f"{label}: " + "; ".join(cited)
    return f"{label}: " + "; ".join(cited[:most]) + f"; and {len(cited) - most} more (all in data/sources.csv)"


def add_source(fig: go.Figure, source_ids: str | list[str] | None = None, text: str | None = None) -> go.Figure:
    """Write the source line under a chart: citations for ``source_ids``, or ``text`` as given."""
    if text is None:
        text = source_line(source_ids)
    left = fig.layout.margin.l if fig.layout.margin.l is not None else 80
    # The line starts where the plot starts: past a wide left margin (long row labels) it must wrap sooner.
    text = "<br>".join(textwrap.wrap(text, 110 - max(0, int(left) - 80) // 6))
    fig.add_annotation(
        text=text,
        xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top", yshift=-60,
        showarrow=False, align="left", font=dict(size=11, color="#555"),
    )
    return fig


def hover_card(title: str, *, date=None, precision: str = "day", lines=(), source_ids=None, width: int = 60) -> str:
    """The text shown on hover: the title in bold, the date as precisely as known, each line wrapped, the sources."""
    parts = [f"<b>{wrap(title, width)}</b>"]
    if date is not None:
        parts.append(when(date, precision))
    parts += [wrap(line, width) for line in lines if line is not None and not (isinstance(line, float) and pd.isna(line))]
    if source_ids is not None:
        parts.append(f"<i>{wrap(data.cite(source_ids), width)}</i>")
    return "<br>".join(parts)


def hover_cards(table: pd.DataFrame, title: str, *, date: str | None = None, lines=(), width: int = 60) -> list[str]:
    """One hover card per row of ``table``: ``title`` and ``lines`` name columns (a line may also be a function of
    the row); the date comes from ``date`` and the row's ``date_precision``; sources from ``source_ids``."""
    def value(row, line):
        return line(row) if callable(line) else row[line]

    return [hover_card(row[title], date=row[date] if date else None,
                       precision=row.get("date_precision", "day") if date else "day",
                       lines=[value(row, line) for line in lines], source_ids=row["source_ids"], width=width)
            for _, row in table.iterrows()]


def range_dots(low: pd.Series, high: pd.Series, labels, *, name: str = "estimate", color: str = PALETTE[0],
               hover=None, horizontal: bool = True) -> go.Scatter:
    """Estimates as a dot with an interval: the line runs from ``low`` to ``high``, the dot marks its middle.

    An exact count (low = high) is a plain dot; a lower bound alone (high empty: the sources say "more than") is a
    triangle at the bound pointing towards larger values; an unknown (both empty) draws nothing. ``hover`` is a list
    of hover cards; without it, the hover shows the range ("1,240–1,410", "at least 420").
    """
    # numpy arrays, NaN where a value is missing: the same numbers as pandas' nullable floats, a tenth of the time.
    low = pd.Series(low, dtype="Float64").to_numpy(dtype=float, na_value=np.nan)
    high = pd.Series(high, dtype="Float64").to_numpy(dtype=float, na_value=np.nan)
    open_ended = ~np.isnan(low) & np.isnan(high)
    middle = np.where(open_ended, low, (low + high) / 2)
    if hover is None:
        hover = [estimate(lo, hi) for lo, hi in zip(low, high)]

    def length(values):
        return np.where(np.isnan(values), 0.0, values)

    error = dict(type="data", symmetric=False, array=length(high - middle), arrayminus=length(middle - low), color=color,
                 thickness=3, width=6)
    axis = dict(x=middle, y=list(labels), error_x=error) if horizontal else dict(x=list(labels), y=middle, error_y=error)
    symbols = [("triangle-right" if horizontal else "triangle-up") if bound else "circle" for bound in open_ended]
    return go.Scatter(**axis, mode="markers", name=name,
                      marker=dict(size=11, color=color, symbol=symbols, line=dict(color="white", width=1)),
                      customdata=list(hover), hovertemplate=HOVER)


def view_menu(views: dict[str, list], *, dropdown: bool = False, x: float = 1, y: float = 1.02) -> list[dict]:
    """The ``updatemenus`` for a chart with several views: one button (or drop-down entry) per view.

    By default it sits just above the plot on the right, beside the legend (which the template puts on the left).

    ``views`` maps each label to the ``args`` of a plotly "update": ``[trace changes, layout changes]``,
    e.g. ``{"Ukraine": [{"visible": [True, False]}, {"title.text": "…"}]}``.
    """
    buttons = [dict(label=label, method="update", args=args) for label, args in views.items()]
    menu = dict(buttons=buttons, x=x, y=y, xanchor="right" if x > 0.5 else "left", yanchor="bottom", bgcolor="white")
    if not dropdown:
        menu.update(type="buttons", direction="right")
    return [menu]


def stepped_colorscale(colours: list[str]) -> list:
    """A colour scale with one flat colour per category, for z values 0, 1, 2… (with zmin=-0.5, zmax=n-0.5)."""
    n = len(colours)
    return [[edge, colour] for i, colour in enumerate(colours) for edge in (i / n, (i + 1) / n)]


def dated_progress(table: pd.DataFrame, *, low: str, high: str, group: str, title: str, y_title: str,
                   groups: list[str] | None = None, percent: bool = False, gap_days: int = 365, all_view: str | None = None,
                   periods: dict | None = None, references: dict | None = None) -> go.Figure:
    """Progress told by dated milestones (e.g. warheads removed so far), one view per group (e.g. per country).

    Each row of ``table`` is a milestone with ``date``, ``date_precision``, a ``hover`` card, and a count as
    ``low``–``high`` (empty if the sources give none). It is drawn as the sources allow:
    - a count dated to the day: a dot with its interval;
    - a count dated only to a month or a year: a line across that month or year;
    - several completions (count at 100%) with different dates: a shaded window "sources disagree";
    - a milestone without a count: an open diamond in the strip above the plot;
    - more than ``gap_days`` between two counts: a grey band saying so. No line is ever drawn across it.
    ``periods`` ({group: [(start, end, label)]}) shades spans of time; ``references`` ({group: (low, high, label)})
    shades a range of values to compare with. Every shaded area carries its label on the chart. ``all_view`` names an extra view that shows every group.
    """
    groups = groups or list(dict.fromkeys(table[group]))
    colour = dict(zip(groups, PALETTE))
    table = table.assign(end=[period_end(d, p) for d, p in zip(table["date"], table["date_precision"])])
    counted = table[table[low].notna()]
    top = 1.0 if percent else float(max([counted[high].max()] + [r[1] for r in (references or {}).values()])) * 1.05
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.12, 0.88], vertical_spacing=0.03)

    def add(trace, owner, row=2):
        trace.meta = owner
        fig.add_trace(trace, row=row, col=1)

    def rectangle(x0, x1, y0, y1, fill, text, owner, name):
        """A shaded rectangle, labelled on the chart with ``name`` and explained on hover by ``text``."""
        add(go.Scatter(x=[x0, x1, x1, x0, x0], y=[y0, y0, y1, y1, y0], fill="toself", mode="lines", line=dict(width=0),
                       fillcolor=fill, name=name, hoveron="fills", text=text, hoverinfo="text", showlegend=False), owner)
        middle = pd.Timestamp(x0) + (pd.Timestamp(x1) - pd.Timestamp(x0)) / 2
        add(go.Scatter(x=[middle], y=[y1], mode="text", text=[name], textposition="bottom center", hoverinfo="skip",
                       textfont=dict(size=11, color="#444"), showlegend=False), owner)

    for g in groups:
        rows = counted[counted[group] == g].sort_values("date")
        exact = rows[rows["date_precision"] == "day"]
        if len(exact):
            add(range_dots(exact[low], exact[high], exact["date"], name=g, color=colour[g], hover=exact["hover"],
                           horizontal=False), g)
        for _, row in rows[rows["date_precision"] != "day"].iterrows():
            add(go.Scatter(x=[row["date"], row["end"]], y=[(row[low] + row[high]) / 2] * 2, mode="lines+markers",
                           line=dict(color=colour[g], width=7), marker=dict(symbol="line-ns", size=12, line=dict(width=2)),
                           name=f"{g}: dated to the {row['date_precision']} only", customdata=[row["hover"]] * 2,
                           hovertemplate=HOVER, showlegend=False), g)
        done = rows[rows[low] >= (1 if percent else rows[high].max())]
        if done["date"].nunique() > 1:
            rectangle(done["date"].min(), done["end"].max(), 0, top, "rgba(230,159,0,0.18)",
                      f"{g}: the sources disagree on when it ended ({when(done['date'].min(), done['date_precision'].iloc[0])}"
                      f" or {when(done['date'].max(), done['date_precision'].iloc[-1])})", g, "sources disagree<br>on the end")
        for a, b in zip(rows["end"], rows["date"].iloc[1:]):
            if (b - a).days > gap_days:
                rectangle(a, b, 0, top, "rgba(150,150,150,0.18)", f"{g}: no count in the sources between {a:%b %Y} and "
                          f"{b:%b %Y}; nothing is drawn across the gap", g, "no count in<br>the sources")
        for start, end, label in (periods or {}).get(g, []):
            rectangle(start, end, 0, top, "rgba(213,94,0,0.15)", label, g, label)
        if g in (references or {}):
            ref_low, ref_high, label = references[g]
            rectangle(rows["date"].min() - pd.Timedelta(days=60), table["date"].max() + pd.Timedelta(days=240),
                      ref_low, ref_high, "rgba(0,114,178,0.08)", label, g, label)
        silent = table[(table[group] == g) & table[low].isna()]
        exact = silent[silent["date_precision"] == "day"]
        add(go.Scatter(x=exact["date"], y=[g] * len(exact), mode="markers", name=f"{g}: dated, no count",
                       marker=dict(symbol="diamond-open", size=12, color=colour[g], line=dict(width=2)),
                       customdata=exact["hover"], hovertemplate=HOVER, showlegend=False), g, row=1)
        for _, row in silent[silent["date_precision"] != "day"].iterrows():
            add(go.Scatter(x=[row["date"], row["end"]], y=[g] * 2, mode="lines+markers", line=dict(color=colour[g], width=5),
                           marker=dict(symbol="line-ns", size=12, line=dict(width=2)), customdata=[row["hover"]] * 2,
                           hovertemplate=HOVER, name=f"{g}: dated to the {row['date_precision']} only, no count",
                           showlegend=False), g, row=1)
    views = {g: [{"visible": [t.meta == g for t in fig.data]}, {"title.text": title.format(g)}] for g in groups}
    if all_view:
        views[all_view] = [{"visible": [True] * len(fig.data)}, {"title.text": title.format(all_view)}]
    fig.update_traces(visible=False)
    fig.update_traces(visible=True, selector=dict(meta=groups[0]))
    fig.update_layout(title=title.format(groups[0]), height=540, showlegend=False, updatemenus=view_menu(views))
    fig.update_yaxes(title=dict(text="dated,<br>no count", font=dict(size=11)), showgrid=False, showticklabels=False,
                     row=1, col=1)
    fig.update_yaxes(title=y_title, range=[0, top * 1.02], tickformat=".0%" if percent else ",", row=2, col=1)
    fig.update_xaxes(tickformat="%b<br>%Y", row=2, col=1)
    return fig


def _simplify(points: list, tolerance: float) -> list:
    """Douglas–Peucker: the fewest points of a line that stay within ``tolerance`` of it."""
    xy = np.asarray(points, dtype=float)
    keep = np.zeros(len(xy), dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, len(xy) - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        (x1, y1), (x2, y2) = xy[first], xy[last]
        inner = xy[first + 1:last]
        length = math.hypot(x2 - x1, y2 - y1)
        if length:
            distance = np.abs((x2 - x1) * (y1 - inner[:, 1]) - (x1 - inner[:, 0]) * (y2 - y1)) / length
        else:
            distance = np.hypot(inner[:, 0] - x1, inner[:, 1] - y1)
        farthest = int(distance.argmax())
        if distance[farthest] > tolerance:
            keep[first + 1 + farthest] = True
            stack += [(first, first + 1 + farthest), (first + 1 + farthest, last)]
    return [p for p, kept in zip(points, keep) if kept]


def for_display(features: list[dict], zoom: float) -> list[dict]:
    """Country outlines at the detail a map at ``zoom`` can show, so notebooks store no invisible detail.

    At MapLibre zoom ``z`` a pixel spans 360 / (512 · 2^z) degrees of longitude. Each ring is simplified
    to within a pixel, coordinates are rounded to the decimal place that resolves a pixel, and polygons
    smaller than a pixel (small islands) are dropped. A student who zooms in sees coarser outlines; the
    full-detail boundaries stay in ``data/boundaries/``.
    """
    pixel = 360 / (512 * 2 ** zoom)
    decimals = max(0, math.ceil(-math.log10(pixel)))
    shown = []
    for feature in features:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        kept = []
        for polygon in sorted(polygons, key=lambda rings: -_extent(rings[0])):
            rings = [_rounded(_simplify(ring, pixel), decimals) for ring in polygon]
            rings = [ring for ring in rings if len(ring) >= 4 and _extent(ring) >= pixel]
            if rings and rings[0] is not None:
                kept.append(rings)
        if not kept:  # smaller than a pixel: keep its outline as it is
            kept = [polygons[0]]
        shown.append({**feature, "geometry": {"type": "MultiPolygon", "coordinates": kept}})
    return shown


def _rounded(ring: list, decimals: int) -> list:
    rounded = [[round(x, decimals), round(y, decimals)] for x, y in ring]
    return [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]


def _extent(ring: list) -> float:
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return max(max(xs) - min(xs), max(ys) - min(ys))


UNKNOWN = "#9a9a9a"  # a country whose number is not known: mid grey with a dark outline, named in the legend
CONTEXT = "#ececec"  # neighbouring countries, drawn for orientation only


def map_view(values: pd.DataFrame, *, iso3: str = "iso3", color: str, hover: str) -> dict:
    """The ``restyle`` arguments that show ``values`` on a :func:`successor_states_map`: known values on its first
    trace, countries whose value is missing on its second ("not known"). Use it for a menu between views."""
    known, missing = values[values[color].notna()], values[values[color].isna()]
    return {"locations": [list(known[iso3]), list(missing[iso3])], "z": [list(known[color]), [0] * len(missing)],
            "text": [list(known[hover]), list(missing[hover])], "showlegend": [False, len(missing) > 0]}


def successor_states_map(
    values: pd.DataFrame,
    *,
    iso3: str = "iso3",
    color: str,
    hover: str,
    title: str,
    colorbar_title: str = "",
    categories: dict[str, str] | None = None,
    center: tuple[float, float] = (55, 75),
    zoom: float = 1.25,
    unknown: str | None = "number not known",
) -> go.Figure:
    """A map of the Soviet successor states coloured by ``values[color]``, drawn offline.

    ``values`` has one row per country to colour (ISO3 code in column ``iso3``), and a ``hover`` column of
    ready-written hover text. On a map of numbers, a country whose value is missing is drawn grey and named in the
    legend as ``unknown``, never coloured as if it were zero (a categorical map has no such trace). Neighbouring countries are drawn in light grey for
    orientation. Boundaries are the internationally recognised ones shipped in ``data/boundaries/`` (source:
    ``naturalearth_admin0_50m``). It uses MapLibre traces with a blank ("white-bg") style, so nothing is fetched
    from the internet and the chart renders under any base URL.

    For a categorical map, give ``categories`` ({label: colour}) and put the labels in ``values[color]``; the
    colour bar then works as a legend. ``center`` (latitude, longitude) and ``zoom`` frame the map; outlines are
    stored at the detail that zoom can show (:func:`for_display`). To switch views, restyle with :func:`map_view`.
    """
    features = for_display(data.boundaries()["features"], zoom)
    shown = set(values[iso3])
    coloured = {"type": "FeatureCollection", "features": [f for f in features if f["id"] in shown]}
    # Neighbours are a plain layer under the traces, so each outline is stored in the figure only once.
    context = {"type": "FeatureCollection", "features": [f for f in features if f["id"] not in shown]}
    values = values.copy()
    scale, bar = "Blues", dict(title=dict(text=colorbar_title), thickness=14)
    if categories:  # one flat colour per label: a stepped colour scale, its bar labelled like a legend
        labels, n = list(categories), len(categories)
        values[color] = values[color].map(labels.index)
        scale = stepped_colorscale(list(categories.values()))
        bar.update(tickvals=list(range(n)), ticktext=labels, orientation="h", x=0, xanchor="left", y=-0.02,
                   yanchor="top", len=1, thickness=12)
    view = map_view(values, iso3=iso3, color=color, hover=hover)
    outline = dict(line=dict(color="#333", width=1))
    fig = go.Figure(go.Choroplethmap(
        geojson=coloured, featureidkey="id", locations=view["locations"][0], z=view["z"][0], text=view["text"][0],
        hovertemplate="%{text}<extra></extra>", colorscale=scale, marker=outline, colorbar=bar, name=colorbar_title,
        showlegend=False))
    if unknown and not categories:  # a second trace for the countries whose number is not known, named in the legend
        fig.add_trace(go.Choroplethmap(
            geojson=coloured, featureidkey="id", locations=view["locations"][1], z=view["z"][1], text=view["text"][1],
            hovertemplate="%{text}<extra></extra>", showscale=False, colorscale=[[0, UNKNOWN], [1, UNKNOWN]],
            marker=outline, name=unknown, showlegend=view["showlegend"][1]))
    if categories:
        fig.update_traces(zmin=-0.5, zmax=len(categories) - 0.5, selector=0)
    fig.update_layout(
        title=title,
        map=dict(
            style="white-bg", center=dict(lat=center[0], lon=center[1]), zoom=zoom,
            layers=[dict(sourcetype="geojson", source=context, type="fill", below="traces",
                         color=CONTEXT, fill=dict(outlinecolor="white"))],
        ),
        legend=dict(x=0, y=0, xanchor="left", yanchor="bottom", bgcolor="rgba(255,255,255,0.8)"),
        margin=dict(l=10, r=10, t=70, b=100),
        height=520,
    )
    return fig


# Plotly's validators and the course template, built above, live as long as the kernel: out of the garbage
# collector's sight with the rest of the imports (see course/__init__.py and README, "Speed").
import os as _os
if not _os.environ.get("COURSE_NO_FREEZE"): gc.freeze()
