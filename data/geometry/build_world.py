#!/usr/bin/env python3
"""Build src/recognition/geometry/world.geojson from world-atlas TopoJSON.

Usage (from the repository root):

    python3 data/geometry/build_world.py PATH/TO/countries-50m.json [OUTPUT]

OUTPUT defaults to src/recognition/geometry/world.geojson next to this
repository. The input is the ``countries-50m.json`` file of the npm package
``world-atlas`` version 2.0.2 (Natural Earth 4.1.0 admin-0 countries, 1:50m).

Standard library only, deterministic: the same input gives the same bytes.

What it does:

1. Decodes the TopoJSON arcs (delta-encoded, quantised transform).
2. Maps every country to our entity id: ISO 3166-1 alpha-2 from the numeric
   ISO id, plus ``XK`` (Kosovo), ``X-NCY`` (Northern Cyprus), ``X-SOL``
   (Somaliland), ``X-SIA`` (Siachen Glacier, disputed India/Pakistan) for the
   shapes that have no ISO id; Australia's "Indian Ocean Ter." is split into
   ``CX`` (Christmas I.) and ``CC`` (Cocos (Keeling) Is.). Antarctica (``AQ``)
   is dropped.
3. Simplifies every *arc* once with Douglas-Peucker, so that neighbours keep
   exactly the same shared border (no gaps, no overlaps). An arc that would
   make a ring degenerate is simplified again with a smaller tolerance, down
   to none, so no country, island state or enclave disappears.
4. Drops small islands of a country: rings under MIN_RING_AREA that are also
   under MIN_RING_SHARE of the country's largest ring and share no border
   (never the largest ring; atoll states, whose rings are all alike in
   size, keep their atolls).
5. Merges shapes with the same id into one Feature (plotly.js colours only
   the first feature with a given id).
6. Orients rings the way plotly.js (d3-geo, spherical) fills them: exterior
   rings clockwise, holes counter-clockwise, in longitude/latitude. This is
   the d3/TopoJSON convention, the opposite of RFC 7946's recommendation:
   with RFC 7946 winding plotly.js fills the rest of the globe instead.
7. Rounds coordinates and writes compact, sorted JSON.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

# --- parameters (change them and rebuild; README.md records the values used)
DECIMALS = 2            # coordinate rounding, in degrees (0.01 deg ~ 1.1 km)
TOLERANCE = 0.03       # Douglas-Peucker tolerance, degrees
MIN_RING_AREA = 0.01    # a country's island smaller than this (deg^2) ...
MIN_RING_SHARE = 0.02   # ... and smaller than this share of its largest ring is dropped
CLOCKWISE_EXTERIOR = True  # d3-geo / plotly.js convention (see docstring)

NUMERIC_TO_ALPHA2 = {
    "004": "AF", "008": "AL", "010": "AQ", "012": "DZ", "016": "AS", "020": "AD", "024": "AO", "028": "AG",
    "031": "AZ", "032": "AR", "036": "AU", "040": "AT", "044": "BS", "048": "BH", "050": "BD", "051": "AM",
    "052": "BB", "056": "BE", "060": "BM", "064": "BT", "068": "BO", "070": "BA", "072": "BW", "076": "BR",
    "084": "BZ", "086": "IO", "090": "SB", "092": "VG", "096": "BN", "100": "BG", "104": "MM", "108": "BI",
    "112": "BY", "116": "KH", "120": "CM", "124": "CA", "132": "CV", "136": "KY", "140": "CF", "144": "LK",
    "148": "TD", "152": "CL", "156": "CN", "158": "TW", "170": "CO", "174": "KM", "178": "CG", "180": "CD",
    "184": "CK", "188": "CR", "191": "HR", "192": "CU", "196": "CY", "203": "CZ", "204": "BJ", "208": "DK",
    "212": "DM", "214": "DO", "218": "EC", "222": "SV", "226": "GQ", "231": "ET", "232": "ER", "233": "EE",
    "234": "FO", "238": "FK", "239": "GS", "242": "FJ", "246": "FI", "248": "AX", "250": "FR", "258": "PF",
    "260": "TF", "262": "DJ", "266": "GA", "268": "GE", "270": "GM", "275": "PS", "276": "DE", "288": "GH",
    "296": "KI", "300": "GR", "304": "GL", "308": "GD", "316": "GU", "320": "GT", "324": "GN", "328": "GY",
    "332": "HT", "334": "HM", "336": "VA", "340": "HN", "344": "HK", "348": "HU", "352": "IS", "356": "IN",
    "360": "ID", "364": "IR", "368": "IQ", "372": "IE", "376": "IL", "380": "IT", "384": "CI", "388": "JM",
    "392": "JP", "398": "KZ", "400": "JO", "404": "KE", "408": "KP", "410": "KR", "414": "KW", "417": "KG",
    "418": "LA", "422": "LB", "426": "LS", "428": "LV", "430": "LR", "434": "LY", "438": "LI", "440": "LT",
    "442": "LU", "446": "MO", "450": "MG", "454": "MW", "458": "MY", "462": "MV", "466": "ML", "470": "MT",
    "478": "MR", "480": "MU", "484": "MX", "492": "MC", "496": "MN", "498": "MD", "499": "ME", "500": "MS",
    "504": "MA", "508": "MZ", "512": "OM", "516": "NA", "520": "NR", "524": "NP", "528": "NL", "531": "CW",
    "533": "AW", "534": "SX", "540": "NC", "548": "VU", "554": "NZ", "558": "NI", "562": "NE", "566": "NG",
    "570": "NU", "574": "NF", "578": "NO", "580": "MP", "583": "FM", "584": "MH", "585": "PW", "586": "PK",
    "591": "PA", "598": "PG", "600": "PY", "604": "PE", "608": "PH", "612": "PN", "616": "PL", "620": "PT",
    "624": "GW", "626": "TL", "630": "PR", "634": "QA", "642": "RO", "643": "RU", "646": "RW", "652": "BL",
    "654": "SH", "659": "KN", "660": "AI", "662": "LC", "663": "MF", "666": "PM", "670": "VC", "674": "SM",
    "678": "ST", "682": "SA", "686": "SN", "688": "RS", "690": "SC", "694": "SL", "702": "SG", "703": "SK",
    "704": "VN", "705": "SI", "706": "SO", "710": "ZA", "716": "ZW", "724": "ES", "728": "SS", "729": "SD",
    "732": "EH", "740": "SR", "748": "SZ", "752": "SE", "756": "CH", "760": "SY", "762": "TJ", "764": "TH",
    "768": "TG", "776": "TO", "780": "TT", "784": "AE", "788": "TN", "792": "TR", "795": "TM", "796": "TC",
    "798": "TV", "800": "UG", "804": "UA", "807": "MK", "818": "EG", "826": "GB", "831": "GG", "832": "JE",
    "833": "IM", "834": "TZ", "840": "US", "850": "VI", "854": "BF", "858": "UY", "860": "UZ", "862": "VE",
    "876": "WF", "882": "WS", "887": "YE", "894": "ZM",
}

# Shapes without an ISO numeric id in world-atlas, by their Natural Earth name.
NAME_TO_ID = {
    "Kosovo": "XK",
    "N. Cyprus": "X-NCY",
    "Somaliland": "X-SOL",
    "Siachen Glacier": "X-SIA",
    "Indian Ocean Ter.": "CX/CC",  # split below
}

DROP_IDS = {"AQ"}  # Antarctica: not a state; see README.md

# Names written to properties.name (Natural Earth's short names otherwise;
# for a merged id the name of the largest part is used).
NAMES = {
    "CC": "Cocos (Keeling) Is.",
    "CX": "Christmas I.",
    "EH": "Western Sahara",
    "MK": "North Macedonia",
    "SZ": "Eswatini",
    "X-NCY": "Northern Cyprus",
}


def decode_arcs(topology):
    """Absolute lon/lat coordinates of every arc."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def douglas_peucker(points, tol):
    """Indices of the points kept by Douglas-Peucker (end points always kept)."""
    n = len(points)
    if n <= 2 or tol <= 0:
        return list(range(n))
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    tol2 = tol * tol
    while stack:
        a, b = stack.pop()
        if b <= a + 1:
            continue
        ax, ay = points[a]
        bx, by = points[b]
        dx, dy = bx - ax, by - ay
        len2 = dx * dx + dy * dy
        best, best_i = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            if len2 == 0:
                d2 = (px - ax) ** 2 + (py - ay) ** 2
            else:
                t = ((px - ax) * dx + (py - ay) * dy) / len2
                t = 0.0 if t < 0 else 1.0 if t > 1 else t
                d2 = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2
            if d2 > best:
                best, best_i = d2, i
        if best > tol2:
            keep[best_i] = True
            stack.append((a, best_i))
            stack.append((best_i, b))
    return [i for i in range(n) if keep[i]]


def simplify_arc(points, tol):
    """Simplified arc; a closed arc is split at its farthest point first."""
    if tol <= 0 or len(points) <= 2:
        return list(points)
    if points[0] == points[-1]:
        x0, y0 = points[0]
        far = max(range(len(points)), key=lambda i: ((points[i][0] - x0) ** 2 + (points[i][1] - y0) ** 2, -i))
        first = [points[i] for i in douglas_peucker(points[: far + 1], tol)]
        second = [points[far + i] for i in douglas_peucker(points[far:], tol)]
        return first + second[1:]
    return [points[i] for i in douglas_peucker(points, tol)]


def rnd(value):
    value = round(value, DECIMALS)
    if value == 0:
        return 0
    if value == int(value):
        return int(value)
    return value


def signed_area(ring):
    """Shoelace area in deg^2: positive when counter-clockwise.

    Longitudes are unwrapped along the ring, so a ring that crosses the
    antimeridian (Natural Earth's Wrangel Island goes from 179.9 to -180)
    gets its true orientation rather than that of a 360-degree-wide ring.
    """
    total = 0.0
    px, py = ring[0]
    for x, y in ring[1:]:
        dx = x - px
        x = px + dx - 360 * round(dx / 360)
        total += px * y - x * py
        px, py = x, y
    return total / 2


class Builder:
    def __init__(self, topology):
        self.arcs = decode_arcs(topology)
        self.tol = {}
        self.cache = {}
        self.parts = []  # (id, name, [polygon = [ring = [arc refs]]])
        for geometry in topology["objects"]["countries"]["geometries"]:
            name = geometry["properties"]["name"]
            numeric = geometry.get("id")
            if numeric is not None:
                if numeric not in NUMERIC_TO_ALPHA2:
                    raise SystemExit(f"unknown ISO numeric id {numeric!r} ({name})")
                eid = NUMERIC_TO_ALPHA2[numeric]
            elif name in NAME_TO_ID:
                eid = NAME_TO_ID[name]
            else:
                raise SystemExit(f"shape without id and without a rule: {name!r}")
            if eid in DROP_IDS:
                continue
            if geometry["type"] == "Polygon":
                polygons = [geometry["arcs"]]
            elif geometry["type"] == "MultiPolygon":
                polygons = geometry["arcs"]
            else:
                raise SystemExit(f"unexpected geometry {geometry['type']} for {name}")
            if eid == "CX/CC":
                for polygon in polygons:
                    lon = self.arcs[self.index(polygon[0][0])][0][0]
                    cid = "CX" if lon > 100 else "CC"
                    self.parts.append((cid, NAMES[cid], [polygon]))
                continue
            self.parts.append((eid, NAMES.get(eid, name), polygons))
        self.owners = {}  # arc index -> set of ids that use it
        for eid, _, polygons in self.parts:
            for polygon in polygons:
                for ring in polygon:
                    for ref in ring:
                        self.owners.setdefault(self.index(ref), set()).add(eid)
        for i in self.owners:
            self.tol[i] = TOLERANCE

    @staticmethod
    def index(ref):
        return ref if ref >= 0 else ~ref

    def arc(self, i):
        key = (i, self.tol[i])
        if key not in self.cache:
            self.cache[key] = [(rnd(x), rnd(y)) for x, y in simplify_arc(self.arcs[i], self.tol[i])]
        return self.cache[key]

    def ring(self, refs):
        """Rounded ring (closed, no repeated consecutive points), or None if degenerate."""
        points = []
        for ref in refs:
            arc = self.arc(self.index(ref))
            if ref < 0:
                arc = arc[::-1]
            for p in arc:
                if not points or points[-1] != p:
                    points.append(p)
        if points and points[0] != points[-1]:
            points.append(points[0])
        if len(set(points)) < 3 or signed_area(points) == 0:
            return None
        return points

    def settle(self):
        """Lower the tolerance of arcs whose rings degenerate, until none does."""
        while True:
            changed = False
            for _, _, polygons in self.parts:
                for polygon in polygons:
                    for refs in polygon:
                        if self.ring(refs) is None:
                            for ref in refs:
                                i = self.index(ref)
                                if self.tol[i] > 0:
                                    self.tol[i] = 0 if self.tol[i] < TOLERANCE / 64 else self.tol[i] / 4
                                    changed = True
            if not changed:
                return

    def features(self):
        merged = {}
        for eid, name, polygons in self.parts:
            entry = merged.setdefault(eid, {"names": [], "polygons": []})
            for polygon in polygons:
                rings = []
                for k, refs in enumerate(polygon):
                    points = self.ring(refs)
                    if points is None:
                        continue  # still degenerate at full detail, e.g. a sub-pixel islet
                    if k == 0:
                        shared = any(len(self.owners[self.index(r)]) > 1 for r in refs)
                        rings.append((points, shared))
                    elif rings:
                        rings.append((points, True))  # holes (enclaves) are always kept
                if rings:
                    entry["polygons"].append(rings)
                    entry["names"].append((abs(signed_area(rings[0][0])), name))
        features = []
        for eid in sorted(merged):
            entry = merged[eid]
            polygons = entry["polygons"]
            if not polygons:
                print(f"warning: {eid} has no ring left", file=sys.stderr)
                continue
            areas = [abs(signed_area(p[0][0])) for p in polygons]
            largest = max(areas)
            kept = []
            for polygon, area in zip(polygons, areas):
                shared = polygon[0][1]
                if area < MIN_RING_AREA and area < MIN_RING_SHARE * largest and not shared:
                    continue
                kept.append([self.orient(points, k == 0) for k, (points, _) in enumerate(polygon)])
            name = max(entry["names"])[1]
            if len(kept) == 1:
                geometry = {"type": "Polygon", "coordinates": kept[0]}
            else:
                geometry = {"type": "MultiPolygon", "coordinates": kept}
            features.append({"type": "Feature", "id": eid, "properties": {"name": name}, "geometry": geometry})
        return features

    @staticmethod
    def orient(points, exterior):
        ccw = signed_area(points) > 0
        want_ccw = exterior != CLOCKWISE_EXTERIOR
        ring = points if ccw == want_ccw else points[::-1]
        return [list(p) for p in ring]


def main(argv):
    if len(argv) not in (2, 3):
        raise SystemExit(__doc__)
    source = Path(argv[1])
    if len(argv) == 3:
        target = Path(argv[2])
    else:
        target = Path(__file__).resolve().parents[2] / "src" / "recognition" / "geometry" / "world.geojson"
    topology = json.loads(source.read_text(encoding="utf-8"))
    builder = Builder(topology)
    builder.settle()
    features = builder.features()
    collection = {"type": "FeatureCollection", "features": features}
    data = json.dumps(collection, separators=(",", ":"), ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    points = sum(
        len(ring)
        for f in features
        for polygon in ([f["geometry"]["coordinates"]] if f["geometry"]["type"] == "Polygon" else f["geometry"]["coordinates"])
        for ring in polygon
    )
    print(f"wrote {target}: {len(features)} features, {points} points, {len(data)} bytes")


if __name__ == "__main__":
    main(sys.argv)
