"""What a moderator is shown about a submission: likely duplicates and the address check."""

from __future__ import annotations

import datetime
import difflib
import unicodedata

from django.utils import translation
from django_countries import countries

from translations.core.languages import LANGUAGE_CODES

from ..models import EventPage

#: Titles at least this similar (0–1, difflib ratio) count as likely duplicates.
SIMILARITY = 0.6


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


def title_similarity(first: str, second: str) -> float:
    return difflib.SequenceMatcher(None, _normalise(first), _normalise(second)).ratio()


def likely_duplicates(event, limit: int = 10) -> list:
    """Other events (live or draft) in the same country on the same local day with a similar title."""
    if not event.start:
        return []
    window = datetime.timedelta(hours=26)
    candidates = (
        EventPage.objects.filter(
            country=event.country, start__gte=event.start - window, start__lte=event.start + window
        )
        .exclude(pk=event.pk)
        .defer_streamfields()
        .order_by("start")[:200]
    )
    found = []
    for other in candidates:
        if other.first_day != event.first_day:
            continue
        score = title_similarity(event.title, other.title)
        if score >= SIMILARITY:
            found.append((other, round(score, 2)))
    found.sort(key=lambda pair: -pair[1])
    return found[:limit]


def _country_names(code: str) -> set[str]:
    names = set()
    for language in LANGUAGE_CODES:
        with translation.override(language):
            names.add(_normalise(str(countries.name(code))))
    return {name for name in names if name}


def address_check(address: str, country: str) -> dict:
    """``{"result": "match" | "other" | "unknown", "other": <name>}``.

    "match": the address names the declared country (in any of our languages or by code);
    "other": it names another country instead; "unknown": it names no country.
    """
    if not address or not country:
        return {"result": "unknown", "other": ""}
    text = f" {_normalise(address)} "
    # Short Latin names and codes ("usa", "be") match too much; the code counts as an
    # upper-case word ("1000 Brussels, BE"). CJK names are short and still count ("日本").
    upper_words = set(address.replace(",", " ").split())
    if (
        any(f" {name} " in text for name in _country_names(country) if len(name) > 3 or not name.isascii())
        or country in upper_words
    ):
        return {"result": "match", "other": ""}
    for code, name in countries:
        if code == country:
            continue
        normalised = _normalise(str(name))
        if (len(normalised) > 3 or not normalised.isascii()) and f" {normalised} " in text:
            return {"result": "other", "other": str(name)}
    return {"result": "unknown", "other": ""}
