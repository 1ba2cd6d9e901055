"""The world map drawn by the server: country outlines shaded by a count, as plain SVG data.

Outlines come from ``shapes/countries.json``, generated once from Natural Earth by
``shapes/build.py`` (already projected and simplified; read once per process). Country names
are CLDR's, through ICU, in every language the site speaks (django-countries has no Hindi or
Swahili names). Nothing here queries the database: callers pass the counts.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

from django_countries import countries as django_countries

from translations.core.collation import ICU_LOCALES, icu

SHAPES = Path(__file__).resolve().parent / "shapes" / "countries.json"
#: Shading classes above "none" (``map__c1`` … ``map__c5`` in reach.css).
CLASSES = 5
NICE = (1, 2, 5)


@functools.cache
def shapes() -> dict:
    return json.loads(SHAPES.read_text())


@functools.lru_cache(maxsize=4096)
def country_name(code: str, language: str) -> str:
    """The country's name in ``language`` (CLDR via ICU; django-countries as a fallback)."""
    if icu is not None and code:
        locale = icu.Locale.forLanguageTag(ICU_LOCALES.get(language, language))
        name = icu.Locale("", code).getDisplayCountry(locale)
        if name and name != code:
            return name
    return str(django_countries.name(code)) or code


def _nice_floor(value: float) -> int:
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    return max(step * magnitude for step in NICE if step * magnitude <= value)


def class_bounds(highest: int) -> list[int]:
    """Lower bounds of the shading classes: 1 and round numbers spread on a log scale."""
    if highest <= 0:
        return [1]
    bounds = sorted({_nice_floor(highest ** (index / CLASSES)) for index in range(CLASSES)})
    return bounds


def shade(count: int, bounds: list[int]) -> int:
    level = 0
    for index, lower in enumerate(bounds, start=1):
        if count >= lower:
            level = index
    return level


@dataclass
class Legend:
    level: int
    lower: int
    upper: int | None


@dataclass
class Country:
    code: str
    name: str
    count: int
    level: int
    path: str = ""
    links: dict = field(default_factory=dict)


@dataclass
class WorldMap:
    view_box: str
    countries: list[Country]
    background: list[str]
    legend: list[Legend]


def view_box(codes) -> tuple[float, float, float, float]:
    data = shapes()
    boxes = [data["countries"][code]["box"] for code in codes if code in data["countries"]]
    if not boxes:
        return 0.0, data["top"], data["width"], data["height"]
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    # Some room around, and never narrower than a fifth of the world (a single island).
    pad = max(right - left, bottom - top) * 0.06 + 4
    width = max(right - left + 2 * pad, data["width"] / 5)
    height = max(bottom - top + 2 * pad, width / 2.4)
    centre_x, centre_y = (left + right) / 2, (top + bottom) / 2
    return centre_x - width / 2, centre_y - height / 2, width, height


def _overlaps(box, frame) -> bool:
    x, y, width, height = frame
    return box[2] >= x and box[0] <= x + width and box[3] >= y and box[1] <= y + height


def build(counts: dict[str, int], language: str, *, scope=None, links=None) -> WorldMap:
    """The map of ``counts`` (country code → events). ``scope``: the codes to frame (a region's
    countries); ``links(code)``: the URLs a country links to."""
    data = shapes()
    frame = view_box(scope) if scope else (0.0, data["top"], data["width"], data["height"])
    bounds = class_bounds(max(counts.values(), default=0))
    shaded, background = [], []
    for code, shape in data["countries"].items():
        if not _overlaps(shape["box"], frame):
            continue
        count = counts.get(code, 0)
        if count:
            shaded.append(
                Country(
                    code=code,
                    name=country_name(code, language),
                    count=count,
                    level=shade(count, bounds),
                    path=shape["d"],
                    links=links(code) if links else {},
                )
            )
        else:
            background.append(shape["d"])
    legend = [
        Legend(level=index, lower=lower, upper=(bounds[index] - 1) if index < len(bounds) else None)
        for index, lower in enumerate(bounds, start=1)
    ]
    return WorldMap(
        view_box=" ".join(f"{value:.0f}" for value in frame),
        countries=shaded,
        background=background,
        legend=legend,
    )
