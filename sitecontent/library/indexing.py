"""Write an item's facets and per-language search text when it is published.

Only live content is indexed: rows are written on ``page_published`` from the published
object and removed on ``page_unpublished`` (deletion cascades). Draft edits never reach the
library, so a search can never reveal unpublished text.
"""

from __future__ import annotations

import unicodedata

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.html import strip_tags

from translations.languages import LANGUAGE_CODES
from translations.status import available_languages
from translations.tooling import get_translation

from .analysis import analyse

#: The facet row every indexed item has, once (value ""): the library lists an item when
#: this row exists, counts its total on these rows, and needs nothing else to know that the
#: item is live and public (only such items are indexed, see ``searchable_items``).
LISTED = "listed"

# Fields whose own text, per language, is searchable. Titles are Page fields.
SEARCH_FIELDS = ("title", "summary", "body", "source")
# How much an occurrence weighs in the ranking, per field ("topics": the topics' names).
FIELD_WEIGHTS = {"title": 8, "summary": 4, "topics": 2, "body": 1, "source": 1}


def normalise(text: str) -> str:
    """NFKC and case-folding, so "ÉCOLE", "école" and full-width letters compare equal."""
    return unicodedata.normalize("NFKC", text).casefold()


def _strings(raw) -> list[str]:
    """Every string inside a StreamField's raw data (block values, list items)."""
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, dict):
        # Skip block metadata (type, id); keep values.
        return [s for key, value in raw.items() if key not in {"type", "id"} for s in _strings(value)]
    if isinstance(raw, list | tuple):
        return [s for item in raw for s in _strings(item)]
    return []


def _own_text(value) -> str:
    """The text of one stored value, or "" when it is empty. Never the word "None"."""
    if value is None:
        return ""
    if hasattr(value, "raw_data"):
        return " ".join(strip_tags(s) for s in _strings(list(value.raw_data)))
    return strip_tags(str(value))


def _files(item) -> list:
    files = getattr(item, "files", None)
    return list(files.all()) if files is not None else []


def item_languages(item) -> list[str]:
    """Languages an item exists in: those with a file, and those its summary is written in."""
    found = set(available_languages(item, "summary"))
    found.update(f.language for f in _files(item))
    return [code for code in LANGUAGE_CODES if code in found]


def search_texts(item) -> dict[str, str]:
    """{language: normalised text} for each language the item has its own text in."""
    topics = list(item.topics.all())
    texts = {}
    for code in LANGUAGE_CODES:
        parts = [_own_text(get_translation(item, name, code)) for name in SEARCH_FIELDS if hasattr(item, name)]
        if not any(part.strip() for part in parts[:2]):  # no own title or summary: nothing in this language
            continue
        parts += [_own_text(get_translation(topic, "name", code)) for topic in topics]
        texts[code] = normalise(" ".join(part for part in parts if part.strip()))
    return texts


def search_fields(item) -> dict[str, dict[str, str]]:
    """{language: {field: own text}} for each language the item has its own text in."""
    topics = list(item.topics.all())
    found = {}
    for code in LANGUAGE_CODES:
        fields = {name: _own_text(get_translation(item, name, code)) for name in SEARCH_FIELDS if hasattr(item, name)}
        if not (fields.get("title", "").strip() or fields.get("summary", "").strip()):
            continue
        fields["topics"] = " ".join(_own_text(get_translation(topic, "name", code)) for topic in topics)
        found[code] = fields
    return found


def weighted_terms(fields: dict[str, str], language: str) -> tuple[dict[str, int], dict[str, str]]:
    """({term: weight}, {term: a word it was written as}) of one language's fields."""
    weights: dict[str, int] = {}
    words: dict[str, str] = {}
    for name, text in fields.items():
        for term in analyse(text, language):
            weights[term.text] = weights.get(term.text, 0) + FIELD_WEIGHTS.get(name, 1)
            words.setdefault(term.text, term.word)
    return weights, words


def facet_values(item) -> list[tuple[str, str]]:
    values = [(LISTED, "")]
    values += [("audience", code) for code in item.audiences or []]
    values += [("age", code) for code in item.age_bands or []]
    values += [("topic", topic.slug) for topic in item.topics.all()]
    if item.get_library_format():
        values.append(("format", item.get_library_format()))
    values += [("language", code) for code in item_languages(item)]
    region = item.region
    if region is not None:
        values.append(("region", region.short_code))
    return list(dict.fromkeys(values))


def searchable_items():
    """Live library items that everyone may see: not private, not below an unpublished
    or private library or region. Only these are in the index (its vocabulary, offered
    by "did you mean", must never carry a word of a page the public cannot read)."""
    from sitecontent.library.search import LibraryQuery

    return LibraryQuery().items_queryset()


@transaction.atomic
def index_item(item) -> None:
    from sitecontent.models import LibraryFacet, LibrarySearchText, LibraryTerm, LibraryWord

    unindex_item(item.pk)
    if not searchable_items().filter(pk=item.pk).exists():
        return
    LibraryFacet.objects.bulk_create(
        [LibraryFacet(page_id=item.pk, facet=facet, value=value) for facet, value in facet_values(item)]
    )
    LibrarySearchText.objects.bulk_create(
        [LibrarySearchText(page_id=item.pk, language=code, text=text) for code, text in search_texts(item).items()]
    )
    terms, words = [], []
    for code, fields in search_fields(item).items():
        weights, written = weighted_terms(fields, code)
        terms += [LibraryTerm(page_id=item.pk, language=code, term=t, weight=w) for t, w in weights.items()]
        words += [LibraryWord(language=code, term=t, word=w) for t, w in written.items()]
    LibraryTerm.objects.bulk_create(terms, batch_size=500)
    LibraryWord.objects.bulk_create(words, batch_size=500, ignore_conflicts=True)


@transaction.atomic
def unindex_item(page_id: int) -> None:
    from sitecontent.models import LibraryFacet, LibrarySearchText, LibraryTerm, LibraryWord

    LibraryFacet.objects.filter(page_id=page_id).delete()
    LibrarySearchText.objects.filter(page_id=page_id).delete()
    terms = LibraryTerm.objects.filter(page_id=page_id)
    written = list(terms.values_list("language", "term"))
    terms.delete()
    # Words no other item uses leave the vocabulary, so "did you mean" never offers a word
    # of a page that was unpublished or made private.
    for code in {language for language, _term in written}:
        LibraryWord.objects.filter(language=code, term__in=[t for lang, t in written if lang == code]).exclude(
            Exists(LibraryTerm.objects.filter(language=OuterRef("language"), term=OuterRef("term")))
        ).delete()


def rebuild_index(chunk_size: int = 200) -> int:
    """Index every live, public library item again from scratch, and forget every other
    page (drafts, unpublished, private ones). Safe to re-run; returns the items indexed."""
    from wagtail.models import Page

    from sitecontent.models import LibraryFacet, LibraryItem, LibrarySearchText, LibraryTerm, LibraryWord

    with transaction.atomic():
        LibraryFacet.objects.all().delete()
        LibrarySearchText.objects.all().delete()
        LibraryTerm.objects.all().delete()
        LibraryWord.objects.all().delete()
        ids = list(searchable_items().order_by("pk").values_list("pk", flat=True))
        count = 0
        for start in range(0, len(ids), chunk_size):
            for item in Page.objects.filter(pk__in=ids[start : start + chunk_size]).specific():
                if isinstance(item, LibraryItem):
                    index_item(item)
                    count += 1
    return count
