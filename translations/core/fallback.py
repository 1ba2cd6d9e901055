"""Fallback chains that depend on the region being served.

modeltranslation resolves a missing translation along ``MODELTRANSLATION_FALLBACK_LANGUAGES``
(``modeltranslation.utils.resolution_order``). We give it a mapping that consults the
region chain active in the current context first, so ``page.intro`` in Portuguese reads
Spanish then English on a Latin-American page and English directly elsewhere, without any
code naming a language column.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar

from django.utils.translation import gettext as _

_region_rules: ContextVar[dict[str, tuple[str, ...]] | None] = ContextVar("sid_region_fallback_rules", default=None)


class RegionAwareFallbacks(dict):
    """A dict of global chains that yields to the active region's rules."""

    def get(self, key, default=None):
        rules = _region_rules.get()
        if rules and key in rules:
            return rules[key]
        return super().get(key, default)

    def __getitem__(self, key):
        rules = _region_rules.get()
        if rules and key in rules:
            return rules[key]
        return super().__getitem__(key)


@contextlib.contextmanager
def region_fallbacks(rules: dict[str, tuple[str, ...]] | None):
    """Apply a region's fallback rules (``{"pt": ("es", "en")}``) within the block."""
    token = _region_rules.set(rules or None)
    try:
        yield
    finally:
        _region_rules.reset(token)


def active_rules() -> dict[str, tuple[str, ...]] | None:
    return _region_rules.get()


def parse_rules(text: str, valid_codes) -> dict[str, tuple[str, ...]]:
    """Parse ``"pt: es, en"`` lines into ``{"pt": ("es", "en")}``.

    Raises ValueError with a translated message naming the offending line.
    """
    rules: dict[str, tuple[str, ...]] = {}
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if ":" not in line:
            raise ValueError(
                _('Line %(number)s: write a language, a colon, then the languages to use instead, e.g. "pt: es, en".')
                % {"number": number}
            )
        source, _sep, targets = line.partition(":")
        source = source.strip()
        chain = tuple(code.strip() for code in targets.split(",") if code.strip())
        unknown = [code for code in (source, *chain) if code not in valid_codes]
        if unknown:
            raise ValueError(
                _("Line %(number)s: unknown language code(s): %(codes)s.")
                % {"number": number, "codes": ", ".join(unknown)}
            )
        if source in chain:
            raise ValueError(_("Line %(number)s: a language cannot fall back to itself.") % {"number": number})
        rules[source] = chain
    return rules
