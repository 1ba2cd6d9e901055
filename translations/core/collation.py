"""Sort words the way readers of a language expect (CLDR collation through ICU).

Python's default sort orders by code point: Arabic names come out in a broken order, and
Chinese names by character code instead of pinyin. ICU's collator for the language gives the
order a reader of that language expects (Arabic alphabetical order, pinyin for Simplified
Chinese, gojūon for Japanese kana, Devanagari for Hindi), independent of the server's
``locale`` settings. PyICU itself ships no wheels; ``pyicu-wheels`` is the same binding
built with ICU included, so no system library or compiler is needed. Without it (an
unusual install), sorting degrades to a casefolded code-point order and never fails.
"""

from __future__ import annotations

import functools
import unicodedata

try:  # pragma: no branch
    import icu
except ImportError:  # pragma: no cover (the pinned requirement provides it)
    icu = None

#: Django language codes whose ICU locale is spelt differently.
ICU_LOCALES = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}


@functools.lru_cache(maxsize=32)
def _collator(language: str):
    if icu is None:
        return None
    locale = icu.Locale.forLanguageTag(ICU_LOCALES.get(language, language))
    return icu.Collator.createInstance(locale)


def sort_key(language: str):
    """A key function for ``sorted`` that orders text as ``language`` does."""
    collator = _collator((language or "en").lower())
    if collator is None:
        return lambda text: unicodedata.normalize("NFKD", str(text)).casefold()
    return lambda text: collator.getSortKey(str(text))


def collated(items, language: str, key=lambda item: item):
    by = sort_key(language)
    return sorted(items, key=lambda item: by(key(item)))
