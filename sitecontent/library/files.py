"""Which file a visitor gets in a language: their own, or a fallback that says so."""

from __future__ import annotations

from modeltranslation.utils import resolution_order

from translations.core.fallback import region_fallbacks
from translations.core.languages import DEFAULT_LANGUAGE


def language_chain(language: str, rules=None) -> list[str]:
    """``language`` then its fallbacks (region rules first), then the default language."""
    with region_fallbacks(rules):
        chain = list(resolution_order(language))
    if DEFAULT_LANGUAGE not in chain:
        chain.append(DEFAULT_LANGUAGE)
    return chain


_UNSET = object()


def choose_file(resource, language: str, files=None, rules=_UNSET):
    """(file, is_fallback) for ``language``; (None, False) when the resource has no file.

    Follows the fallback chain; if none of its languages has a file, any file is better
    than nothing for a teacher, and it is marked as a fallback.
    """
    files = list(files if files is not None else resource.files.select_related("document").all())
    if not files:
        return None, False
    by_language = {f.language: f for f in files}
    if rules is _UNSET:  # None is a valid answer: "no region rules"
        rules = resource.active_fallback_rules()
    for code in language_chain(language, rules):
        if code in by_language:
            return by_language[code], code != language
    return files[0], True
