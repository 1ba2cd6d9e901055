"""Generate ``countries.json``: country outlines, projected and simplified once for the map.

Source: the npm package ``world-atlas`` 2.0.2 (ISC licence, ``LICENSE-world-atlas.txt``), a
redistribution of Natural Earth's 1:50m Admin 0 boundaries (public domain) as TopoJSON. It is
a dev dependency in ``package.json``; run after ``npm ci``::

    .venv/bin/python campaign/reach/shapes/build.py [node_modules/world-atlas/countries-50m.json]

What it does, with no library beyond Python's own: decodes the TopoJSON arcs, projects
longitude/latitude with the Equal Earth projection (equal-area, so a large country does not
look busier than it is) into a 1000-unit-wide box, drops Antarctica, simplifies each ring
(Douglas-Peucker, ``TOLERANCE`` units), and writes one SVG path per ISO 3166 alpha-2 code
with the bounding box of its largest ring (a region's map is framed on its countries). The committed output is
read by ``campaign.reach.worldmap``; the site never fetches shapes from anywhere.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parents[2] / "node_modules" / "world-atlas" / "countries-50m.json"
OUTPUT = HERE / "countries.json"
WIDTH = 1000.0
#: Largest deviation (map units, 1/1000 of the map's width) a simplified outline may take.
TOLERANCE = 0.45
#: Rings smaller than this (units, either side) are dropped unless they are a country's largest.
MIN_RING = 0.9

# Equal Earth (Šavrič, Patterson, Jenny 2018).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
X_MAX = 2.7066297319215575  # x at longitude 180°, latitude 0°
SCALE = WIDTH / (2 * X_MAX)


def project(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (9 * A4 * t6 * t2 + 7 * A3 * t6 + 3 * A2 * t2 + A1))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return (x + X_MAX) * SCALE, (1.3173627591574 - y) * SCALE


def decode_arcs(topology) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs, indexes) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def unwrap(points):
    """A ring crossing the antimeridian (Chukotka, Fiji) stays on one side: its points on the
    other side move by 360°, beyond the map's edge (clipped), instead of a stripe across it."""
    lons = [lon for lon, _lat in points]
    if max(lons) - min(lons) <= 180:
        return points
    east = sum(1 for lon in lons if lon > 0) >= len(lons) / 2
    return [(lon + 360 if east and lon < 0 else lon - 360 if not east and lon > 0 else lon, lat) for lon, lat in points]


def simplify(points, tolerance):
    """Douglas-Peucker, iterative (rings of thousands of points)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        worst, worst_index = 0.0, None
        for index in range(first + 1, last):
            px, py = points[index]
            if length == 0:
                distance = math.hypot(px - x1, py - y1)
            else:
                distance = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length
            if distance > worst:
                worst, worst_index = distance, index
        if worst_index is not None and worst > tolerance:
            keep[worst_index] = True
            stack += [(first, worst_index), (worst_index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def path_data(rings) -> str:
    """Absolute first point, then relative moves in tenths: the shortest plain SVG path."""
    parts = []
    for points in rings:
        coords = [(round(x * 10), round(y * 10)) for x, y in points]
        deduped = [coords[0]] + [c for previous, c in zip(coords, coords[1:], strict=False) if c != previous]
        if len(deduped) < 3:
            continue
        x0, y0 = deduped[0]
        text = [f"M{_num(x0)} {_num(y0)}l"]
        moves = []
        for (ax, ay), (bx, by) in zip(deduped, deduped[1:], strict=False):
            moves.append(f"{_num(bx - ax)} {_num(by - ay)}")
        text.append(" ".join(moves).replace(" -", "-"))
        parts.append("".join(text) + "z")
    return "".join(parts)


def _num(tenths: int) -> str:
    value = f"{tenths / 10:.1f}".rstrip("0").rstrip(".")
    return value.replace("0.", ".", 1) if value.startswith(("0.", "-0.")) else value


def build(source: Path) -> dict:
    sys.path.insert(0, str(HERE.parents[2]))
    # A script run once by hand: Django is set up here, then what needs it is imported.
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sid.settings.dev")
    django.setup()
    from django_countries import countries

    topology = json.loads(source.read_text())
    arcs = decode_arcs(topology)
    shapes = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        code = countries.alpha2(numeric) if numeric else None
        if not code or code == "AQ":
            continue  # no ISO code (disputed areas), or Antarctica
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = []
        for polygon in polygons:
            for indexes in polygon:
                projected = [project(lon, lat) for lon, lat in unwrap(ring(arcs, indexes))]
                rings.append(simplify(projected, TOLERANCE))
        sized = []
        for points in rings:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            sized.append((max(max(xs) - min(xs), max(ys) - min(ys)), points))
        largest = max(size for size, _points in sized)
        kept = [points for size, points in sized if size >= MIN_RING or size == largest]
        # The box of the largest ring (the mainland): what a region's map is framed on, and
        # what decides whether a country is drawn in a frame (overseas parts come with it).
        mainland = next(points for size, points in sized if size == largest)
        xs, ys = [p[0] for p in mainland], [p[1] for p in mainland]
        entry = {
            "d": path_data(kept),
            "box": [round(min(xs), 1), round(min(ys), 1), round(max(xs), 1), round(max(ys), 1)],
        }
        if code in shapes:  # one country in two geometries: join them
            old = shapes[code]
            entry["d"] = old["d"] + entry["d"]
            entry["box"] = [
                min(old["box"][0], entry["box"][0]),
                min(old["box"][1], entry["box"][1]),
                max(old["box"][2], entry["box"][2]),
                max(old["box"][3], entry["box"][3]),
            ]
        shapes[code] = entry
    _left, top = project(0, 84)
    _right, bottom = project(0, -57)
    return {
        "source": "world-atlas 2.0.2 countries-50m.json (Natural Earth 1:50m Admin 0, v4.1.0)",
        "projection": "Equal Earth",
        "width": WIDTH,
        "top": round(top, 1),
        "height": round(bottom - top, 1),
        "countries": dict(sorted(shapes.items())),
    }


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    data = build(source)
    OUTPUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), indent=0) + "\n")
    total = sum(len(shape["d"]) for shape in data["countries"].values())
    print(f"{len(data['countries'])} countries, {total:,} bytes of path data -> {OUTPUT}")
