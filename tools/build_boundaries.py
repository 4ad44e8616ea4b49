#!/usr/bin/env python3
"""Build data/boundaries/successor_states.geojson from Natural Earth 1:50m Admin-0 countries.

A maintainer's tool, not run by the course or its tests. It needs shapely, which the course does not: run it in a
throwaway venv with the course's pins plus `shapely==2.2.0` (built with Python 3.11.7, numpy 2.4.6).

Source, from the npm registry (so no website is needed):
    npm pack world-atlas@2.0.2
    -> package/countries-50m.json
       TopoJSON of Natural Earth v4.1.0 "Admin 0 - Countries", 1:50m, by Mike Bostock.
       Its sha256 is checked below; data/sources.csv cites it as `naturalearth_admin0_50m`.

Usage, from the course folder:
    python -m tools.build_boundaries [path/to/countries-50m.json]
    (default: build/boundaries/_src/world-atlas-2.0.2/package/countries-50m.json, which is
     created by `npm pack world-atlas@2.0.2` + `tar xzf` if missing)

What the script does
    1. Decodes the TopoJSON (quantised, delta-encoded arcs) in pure Python.
    2. Simplifies every *arc* once (shapely simplify, tolerance TOL degrees),
       so borders shared by two countries stay identical on both sides (no
       slivers / gaps), then rounds to 3 decimals.
    3. Internationally recognised boundaries: Natural Earth's default (de facto)
       view draws Crimea + Sevastopol as part of Russia.  The Russian polygon(s)
       lying in the Crimean peninsula are moved to Ukraine and dissolved with
       mainland Ukraine (shapely unary_union), removing the Perekop-isthmus line.
       (UNGA Resolution 68/262, 27 March 2014.)  Donetsk/Luhansk/Zaporizhzhia/
       Kherson oblasts are already Ukrainian in the source; this is asserted.
    4. Drops tiny islands (< MIN_AREA sq. degrees), always keeping each
       country's largest part, Crimea and Kaliningrad (asserted).
    5. Antimeridian: world-atlas stores Chukotka and Wrangel Island as rings
       that jump from +179.9 to -180 deg (fine on a sphere in d3, but a planar
       renderer such as MapLibre draws a band across the whole map).  Arcs are
       unwrapped to continuous longitudes (up to ~190 deg), the polygons are
       cut at 180 deg and the pieces east of it shifted back by -360 deg
       (RFC 7946 section 3.1.9), so Chukotka's tip becomes separate polygons
       at -180..-169 deg.  The script asserts that no ring has a step
       |dlon| > 180 and that all longitudes lie in [-180, 180].
"""
import hashlib
import json
import os
import subprocess
import sys
import tarfile

from shapely.geometry import LineString, MultiPolygon, Polygon, Point, box, mapping, shape
from shapely.affinity import translate
from shapely.ops import unary_union
from shapely.validation import make_valid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(ROOT, "build", "boundaries")  # scratch space, git-ignored
SRC_DEFAULT = os.path.join(HERE, "_src", "world-atlas-2.0.2", "package", "countries-50m.json")
SRC_SHA256 = "04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394"
OUT = os.path.join(ROOT, "data", "boundaries", "successor_states.geojson")

TOL = 0.05        # degrees, Douglas-Peucker tolerance per shared arc
MIN_AREA = 0.2    # square degrees; smaller islands are dropped
NDIGITS = 3

# iso3 -> (ISO 3166-1 numeric as used by world-atlas ids, display name)
COUNTRIES = {
    # 15 former Soviet republics
    "RUS": ("643", "Russia"),
    "UKR": ("804", "Ukraine"),
    "BLR": ("112", "Belarus"),
    "KAZ": ("398", "Kazakhstan"),
    "MDA": ("498", "Moldova"),
    "LTU": ("440", "Lithuania"),
    "LVA": ("428", "Latvia"),
    "EST": ("233", "Estonia"),
    "GEO": ("268", "Georgia"),
    "ARM": ("051", "Armenia"),
    "AZE": ("031", "Azerbaijan"),
    "UZB": ("860", "Uzbekistan"),
    "TKM": ("795", "Turkmenistan"),
    "KGZ": ("417", "Kyrgyzstan"),
    "TJK": ("762", "Tajikistan"),
    # context
    "POL": ("616", "Poland"),
    "SVK": ("703", "Slovakia"),
    "HUN": ("348", "Hungary"),
    "ROU": ("642", "Romania"),
    "BGR": ("100", "Bulgaria"),
    "TUR": ("792", "Türkiye"),
    "FIN": ("246", "Finland"),
    "NOR": ("578", "Norway"),
    "SWE": ("752", "Sweden"),
    "MNG": ("496", "Mongolia"),
    "CHN": ("156", "China"),
    "IRN": ("364", "Iran"),
    "AFG": ("004", "Afghanistan"),
    "DEU": ("276", "Germany"),
    "CZE": ("203", "Czechia"),
    "AUT": ("040", "Austria"),
}

# Crimean peninsula (incl. Sevastopol), generous box that stops west of the
# Kerch Strait's eastern (Taman, Russian) shore.
CRIMEA_BOX = box(32.3, 44.3, 36.66, 46.25)
CRIMEA_TEST_POINTS = {"Simferopol": (34.10, 44.95), "Sevastopol": (33.52, 44.60),
                      "Kerch": (36.45, 45.35), "Yalta": (34.16, 44.50)}
UKR_EAST_TEST_POINTS = {"Donetsk": (37.80, 48.00), "Luhansk": (39.30, 48.57),
                        "Mariupol": (37.55, 47.10), "Melitopol": (35.37, 46.85),
                        "Kherson": (32.62, 46.64)}
KALININGRAD = (20.51, 54.71)
# other disputed / breakaway areas: recognised boundaries expected in the source
RECOGNISED_CHECKS = {"GEO": {"Sukhumi (Abkhazia)": (41.02, 43.00),
                            "Tskhinvali (South Ossetia)": (43.96, 42.23)},
                     "MDA": {"Tiraspol (Transnistria)": (29.63, 46.84)},
                     "AZE": {"Stepanakert/Khankendi (Karabakh)": (46.75, 39.82),
                             "Nakhchivan": (45.41, 39.21)}}


def ensure_source(path):
    if os.path.exists(path):
        return path
    dest = os.path.join(HERE, "_src")
    os.makedirs(dest, exist_ok=True)
    subprocess.run(["npm", "pack", "world-atlas@2.0.2"], cwd=dest, check=True)
    with tarfile.open(os.path.join(dest, "world-atlas-2.0.2.tgz")) as tf:
        tf.extractall(os.path.join(dest, "world-atlas-2.0.2"), filter="data")
    return path


# ---------------------------------------------------------------- TopoJSON
def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            lon, lat = x * sx + tx, y * sy + ty
            if pts:  # unwrap: keep the arc continuous across the antimeridian
                while lon - pts[-1][0] > 180:
                    lon -= 360
                while lon - pts[-1][0] < -180:
                    lon += 360
            pts.append((lon, lat))
        out.append(pts)
    return out


def simplify_arc(pts):
    if len(pts) < 3:
        return pts
    closed = pts[0] == pts[-1]
    if closed:
        # an island made of one closed arc: split in two halves so DP keeps 3+ points
        mid = len(pts) // 2
        a = list(LineString(pts[: mid + 1]).simplify(TOL, preserve_topology=False).coords)
        b = list(LineString(pts[mid:]).simplify(TOL, preserve_topology=False).coords)
        res = a + b[1:]
    else:
        res = list(LineString(pts).simplify(TOL, preserve_topology=False).coords)
    return [(round(x, NDIGITS), round(y, NDIGITS)) for x, y in res]


def ring_from(arc_ids, arcs):
    ring = []
    for i in arc_ids:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        if ring:  # shift the whole arc by 360 deg if needed to join continuously
            shift = round((ring[-1][0] - pts[0][0]) / 360) * 360
            pts = [(x + shift, y) for x, y in pts[1:]]
        ring.extend(pts)
    return ring


WORLD = box(-180, -90, 180, 90)


def split_antimeridian(p):
    """Cut a polygon whose (unwrapped) longitudes leave [-180, 180] at the
    antimeridian and shift the outside pieces back by 360 degrees."""
    minx, _, maxx, _ = p.bounds
    if minx >= -180 and maxx <= 180:
        return [p]
    pieces = []
    for k in (-1, 0, 1):
        part = p.intersection(box(-180 + 360 * k, -90, 180 + 360 * k, 90))
        if part.is_empty:
            continue
        part = translate(part, xoff=-360 * k)
        pieces += [g for g in getattr(part, "geoms", [part]) if isinstance(g, Polygon) and g.area > 0]
    return pieces


def geometry_to_polys(geom, arcs):
    if geom["type"] == "Polygon":
        polys = [geom["arcs"]]
    elif geom["type"] == "MultiPolygon":
        polys = geom["arcs"]
    else:
        raise ValueError(geom["type"])
    out = []
    for rings in polys:
        rr = [ring_from(r, arcs) for r in rings]
        rr = [r for r in rr if len(r) >= 4]
        if not rr:
            continue
        p = Polygon(rr[0], rr[1:])
        if not p.is_valid:
            p = make_valid(p)
        for part in getattr(p, "geoms", [p]):
            if isinstance(part, Polygon) and part.area > 0:
                out.extend(split_antimeridian(part))
    return out


# ---------------------------------------------------------------- helpers
def check_no_antimeridian_jump(geom, iso3):
    for poly in getattr(geom, "geoms", [geom]):
        for ring in [poly.exterior, *poly.interiors]:
            xs = [c[0] for c in ring.coords]
            for a, b in zip(xs, xs[1:]):
                assert abs(a - b) <= 180, f"{iso3}: ring jumps across antimeridian"
            assert -180 <= min(xs) and max(xs) <= 180, f"{iso3}: lon outside [-180,180]"


def rounded(geom):
    def r(coords):
        return [[round(x, NDIGITS), round(y, NDIGITS)] for x, y in coords]
    polys = []
    for p in getattr(geom, "geoms", [geom]):
        polys.append([r(p.exterior.coords)] + [r(i.coords) for i in p.interiors])
    if len(polys) == 1:
        return {"type": "Polygon", "coordinates": polys[0]}
    return {"type": "MultiPolygon", "coordinates": polys}


def as_multi(polys):
    polys = sorted(polys, key=lambda p: -p.area)
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def main():
    src = ensure_source(sys.argv[1] if len(sys.argv) > 1 else SRC_DEFAULT)
    raw = open(src, "rb").read()
    digest = hashlib.sha256(raw).hexdigest()
    assert digest == SRC_SHA256, f"unexpected source file (sha256 {digest})"
    print("source", src, "sha256", digest)
    topo = json.loads(raw)

    arcs = [simplify_arc(a) for a in decode_arcs(topo)]
    by_id = {g.get("id"): g for g in topo["objects"]["countries"]["geometries"]}

    polys = {}
    for iso3, (num, _) in COUNTRIES.items():
        g = by_id.get(num)
        if g is None:
            print("  missing in source:", iso3)
            continue
        polys[iso3] = geometry_to_polys(g, arcs)
        print(f"  {iso3} {g['properties']['name']!r}: {len(polys[iso3])} parts")

    # ---- Crimea: check the source's view, then move to Ukraine
    crimea = [p for p in polys["RUS"] if CRIMEA_BOX.contains(p.representative_point())]
    print(f"Crimea: {len(crimea)} Russian polygon(s) in the source, "
          f"area {sum(p.area for p in crimea):.3f} sq.deg")
    if crimea:
        polys["RUS"] = [p for p in polys["RUS"] if p not in crimea]
        ukr = unary_union(polys["UKR"] + crimea)
        polys["UKR"] = list(getattr(ukr, "geoms", [ukr]))
        print(f"  moved to UKR; UKR now {len(polys['UKR'])} parts after unary_union")

    # ---- drop tiny islands, keep largest part of each country
    for iso3, pp in polys.items():
        pp = sorted(pp, key=lambda p: -p.area)
        polys[iso3] = [pp[0]] + [p for p in pp[1:] if p.area >= MIN_AREA]

    geoms = {k: as_multi(v) for k, v in polys.items()}

    # ---- assertions: recognised boundaries, Kaliningrad, antimeridian
    for name, (x, y) in {**CRIMEA_TEST_POINTS, **UKR_EAST_TEST_POINTS}.items():
        assert geoms["UKR"].contains(Point(x, y)), f"{name} not in UKR"
        assert not geoms["RUS"].contains(Point(x, y)), f"{name} in RUS"
    assert geoms["RUS"].contains(Point(*KALININGRAD)), "Kaliningrad missing"
    for iso3, pts in RECOGNISED_CHECKS.items():
        for name, (x, y) in pts.items():
            assert geoms[iso3].contains(Point(x, y)), f"{name} not in {iso3}"
    # Perekop line dissolved: Crimea is in the same polygon as Kyiv
    main_ukr = max(getattr(geoms["UKR"], "geoms", [geoms["UKR"]]), key=lambda p: p.area)
    assert main_ukr.contains(Point(34.10, 44.95)) and main_ukr.contains(Point(30.52, 50.45))

    feats = []
    for iso3, (num, name) in COUNTRIES.items():
        if iso3 not in geoms:
            continue
        g = geoms[iso3]
        check_no_antimeridian_jump(g, iso3)
        feats.append({"type": "Feature", "id": iso3,
                      "properties": {"iso3": iso3, "name": name},
                      "geometry": rounded(g)})
    fc = {"type": "FeatureCollection", "features": feats}
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(fc, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")

    # re-read and validate
    back = json.load(open(OUT, encoding="utf-8"))
    bad = [ft["id"] for ft in back["features"] if not shape(ft["geometry"]).is_valid]
    print(f"wrote {OUT}: {len(back['features'])} features, "
          f"{os.path.getsize(OUT)/1024:.1f} KiB, invalid after rounding: {bad or 'none'}")
    rus = shape(next(ft for ft in back["features"] if ft["id"] == "RUS")["geometry"])
    print("RUS bounds", rus.bounds, "parts", len(rus.geoms))


if __name__ == "__main__":
    main()
