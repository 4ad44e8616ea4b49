"""The course's plotly look, set once on import, and the map builder.

Importing this module:
- registers the ``course`` template (Okabe–Ito colour-blind-safe palette,
  readable fonts, room for a source line) and makes it the default;
- makes plotly store figures as plotly JSON only (the ``plotly_mimetype``
  renderer), which JupyterLab draws offline, without the "share to cloud" button.

Every chart gets a source line with :func:`add_source`.
"""

from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from . import data

__all__ = ["PALETTE", "add_source", "source_line", "whiskers", "successor_states_map", "for_display", "SUCCESSOR_STATES"]

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

SUCCESSOR_STATES = {"RUS": "Russia", "UKR": "Ukraine", "KAZ": "Kazakhstan", "BLR": "Belarus"}

pio.templates["course"] = go.layout.Template(
    layout=dict(
        colorway=PALETTE,
        font=dict(family="DejaVu Sans, Arial, sans-serif", size=13, color="#222"),
        title=dict(x=0.01, xanchor="left", font=dict(size=17)),
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=60, r=30, t=80, b=100),
        xaxis=dict(showgrid=True, gridcolor="#e5e5e5", linecolor="#888", zeroline=False, automargin=True),
        yaxis=dict(showgrid=True, gridcolor="#e5e5e5", linecolor="#888", zeroline=False, automargin=True),
        hoverlabel=dict(align="left"),
        legend=dict(title_font=dict(size=12)),
    )
)
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
    text = "<br>".join(textwrap.wrap(text, 110))
    fig.add_annotation(
        text=text,
        xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top", yshift=-60,
        showarrow=False, align="left", font=dict(size=11, color="#555"),
    )
    return fig


def whiskers(low: pd.Series, high: pd.Series, color: str = "#333", **style) -> tuple[pd.Series, dict]:
    """An estimate range drawn the course's way: a mark at the middle, a whisker from low to high.

    Returns ``(middle, error)``: plot ``middle`` and pass ``error`` as ``error_x`` or ``error_y``.
    """
    middle = (low + high) / 2
    error = dict(type="data", symmetric=False, array=high - middle, arrayminus=middle - low, color=color, **style)
    return middle, error


def _simplify(points: list, tolerance: float) -> list:
    """Douglas–Peucker: the fewest points of a line that stay within ``tolerance`` of it."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1)
        far, farthest = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            if length:
                distance = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
            else:
                distance = math.hypot(x - x1, y - y1)
            if distance > far:
                far, farthest = distance, i
        if farthest is not None and far > tolerance:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
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
) -> go.Figure:
    """A map of the Soviet successor states coloured by ``values[color]``, drawn offline.

    ``values`` has one row per country to colour (ISO3 code in column ``iso3``),
    and a ``hover`` column of ready-written hover text. Neighbouring countries
    are drawn in grey for orientation. Boundaries are the internationally
    recognised ones shipped in ``data/boundaries/`` (source: ``naturalearth_admin0_50m``).
    It uses MapLibre traces with a blank ("white-bg") style, so nothing is
    fetched from the internet and the chart renders under any base URL.

    For a categorical map, give ``categories`` ({label: colour}) and put the
    labels in ``values[color]``; the colour bar then works as a legend.
    ``center`` (latitude, longitude) and ``zoom`` frame the map; outlines are
    stored at the detail that zoom can show (:func:`for_display`).
    """
    features = for_display(data.boundaries()["features"], zoom)
    shown = set(values[iso3])
    coloured = {"type": "FeatureCollection", "features": [f for f in features if f["id"] in shown]}
    # Neighbours are a plain grey layer under the trace, so each outline is stored in the figure only once.
    context = {"type": "FeatureCollection", "features": [f for f in features if f["id"] not in shown]}
    z, scale, bar = values[color], "Blues", dict(title=dict(text=colorbar_title), thickness=14)
    if categories:  # one flat colour per label: a stepped colour scale, its bar labelled like a legend
        labels, n = list(categories), len(categories)
        z = values[color].map(labels.index)
        scale = [[edge, colour] for i, colour in enumerate(categories.values()) for edge in (i / n, (i + 1) / n)]
        bar.update(tickvals=list(range(n)), ticktext=labels, orientation="h", x=0, xanchor="left", y=-0.02,
                   yanchor="top", len=1, thickness=12)
    fig = go.Figure(go.Choroplethmap(
        geojson=coloured, featureidkey="id",
        locations=values[iso3], z=z, text=values[hover],
        hovertemplate="%{text}<extra></extra>",
        colorscale=scale, marker=dict(line=dict(color="#333", width=1)),
        colorbar=bar, name=colorbar_title,
    ))
    if categories:
        fig.update_traces(zmin=-0.5, zmax=len(categories) - 0.5)
    fig.update_layout(
        title=title,
        map=dict(
            style="white-bg", center=dict(lat=center[0], lon=center[1]), zoom=zoom,
            layers=[dict(sourcetype="geojson", source=context, type="fill", below="traces",
                         color="#e6e6e6", fill=dict(outlinecolor="white"))],
        ),
        margin=dict(l=10, r=10, t=70, b=100),
        height=520,
    )
    return fig
