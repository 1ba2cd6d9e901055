"""Translation memory inside the platform: identical source texts translated once.

``remember`` records (source, translation) pairs for a language; ``suggest`` finds them for
the sources of an export in one query. Exports pre-fill what it finds and mark it for review
(XLIFF 1.2 ``needs-review-translation``, XLIFF 2.0 ``initial`` with a sub-state, PO
``fuzzy``); imports skip such units until a translator has reviewed them.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..models import TranslationMemory
from .units import fingerprint
from .validation import normalise

BATCH = 500


def _key(source: str) -> str:
    return fingerprint(normalise(source))


def remember(language: str, pairs: Iterable[tuple[str, str]]) -> int:
    """Record translations of ``language`` (latest wins); returns how many were written."""
    rows: dict[str, TranslationMemory] = {}
    for source, target in pairs:
        if source.strip() and target.strip() and source != target:
            rows[_key(source)] = TranslationMemory(
                language=language, source_hash=_key(source), source=normalise(source), target=target
            )
    if rows:
        TranslationMemory.objects.bulk_create(
            list(rows.values()),
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["language", "source_hash"],
            update_fields=["source", "target", "updated_at"],
        )
    return len(rows)


def suggest(language: str, sources: Iterable[str]) -> dict[str, str]:
    """``{source: translation}`` for the sources already translated into ``language``."""
    wanted = {_key(source): source for source in sources if source.strip()}
    found: dict[str, str] = {}
    keys = list(wanted)
    for start in range(0, len(keys), BATCH):
        rows = TranslationMemory.objects.filter(language=language, source_hash__in=keys[start : start + BATCH])
        for source_hash, source, target in rows.values_list("source_hash", "source", "target"):
            original = wanted[source_hash]
            if normalise(original) == source:  # a fingerprint is short: confirm the text itself
                found[original] = target
    return found
