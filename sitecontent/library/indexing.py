"""Write an item's facets and per-language search documents when it is published.

Only live content is indexed: rows are written on ``page_published`` from the published
object and removed on ``page_unpublished`` (Wagtail unpublishes a live page it deletes).
Draft edits never reach the library, so a search can never reveal unpublished text. The
documents go into Wagtail's search backend (``LibraryDocument.search_fields``); the
vocabulary (``LibraryWord``) counts the documents holding each term, for prefix expansion,
common words and "did you mean". The facet rows carry the item's region and first
publication (the library's order), and are added to and taken from the counts kept per
region (``counting``) whenever they are written or deleted (``write_facets``,
``delete_facets``): write facet rows only through these.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils.html import strip_tags

from sitecontent.models.library import LISTED, item_languages
from translations.core.languages import LANGUAGE_CODES
from translations.core.tooling import get_translation

from .analysis import analyse
from .counting import count_facets

logger = logging.getLogger(__name__)

# Fields whose own text, per language, is searchable. Titles are Page fields.
SEARCH_FIELDS = ("title", "summary", "body", "source")


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


def document_fields(fields: dict[str, str], language: str) -> dict[str, str]:
    """{field: its index terms, space-separated} of one language's own text: what the search
    backend stores for the item in that language (``LibraryDocument``)."""
    return {
        name: " ".join(term.text for term in analyse(text, language))
        for name, text in {
            "title": fields.get("title", ""),
            "summary": fields.get("summary", ""),
            "topics": fields.get("topics", ""),
            # The credits (source) are matched like the body.
            "body": " ".join(fields.get(name, "") for name in ("body", "source")),
        }.items()
    }


def vocabulary(fields: dict[str, str], language: str) -> dict[str, str]:
    """{term: a word it was written as} of one language's own text (for "did you mean")."""
    words: dict[str, str] = {}
    for text in fields.values():
        for term in analyse(text, language):
            words.setdefault(term.text, term.word)
    return words


def add_documents(documents) -> None:
    """Put saved ``LibraryDocument`` rows into every search backend that is kept current
    (``WAGTAILSEARCH_BACKENDS``), in bulk: rows written with ``bulk_create`` send no signal."""
    from wagtail.search.backends import get_search_backends

    from sitecontent.models import LibraryDocument

    documents = list(documents)
    if not documents:
        return
    for backend in get_search_backends(with_auto_update=True):
        try:
            backend.add_bulk(LibraryDocument, documents)
        except Exception:
            # As Wagtail does: a search service that is down must not fail the publish
            # (rebuild_library_index catches up); a database backend's error must.
            if not backend.catch_indexing_errors:
                raise
            logger.exception("Library documents not added to the search backend %r", backend)


def count_words(counts: dict[tuple[str, str], tuple[str, int]], change: int) -> None:
    """Add ``change`` × n to the document count of each ``(language, term)`` of ``counts``
    (``{(language, term): (a word it was written as, n)}``). A term no document holds any
    more leaves the vocabulary, so "did you mean" never offers a word of a page that was
    unpublished or made private. A few queries, however many terms (grouped by n)."""
    from django.db.models import F, Q

    from sitecontent.models import LibraryWord

    if not counts:
        return
    if change > 0:
        LibraryWord.objects.bulk_create(
            [LibraryWord(language=lang, term=term, word=word) for (lang, term), (word, _n) in counts.items()],
            batch_size=500,
            ignore_conflicts=True,
        )
    by_count: dict[int, list[tuple[str, str]]] = {}
    for key, (_word, n) in counts.items():
        by_count.setdefault(n, []).append(key)
    for n, keys in by_count.items():
        for start in range(0, len(keys), 400):
            match = Q(pk__in=[])
            for language in {lang for lang, _term in keys[start : start + 400]}:
                terms = [term for lang, term in keys[start : start + 400] if lang == language]
                match |= Q(language=language, term__in=terms)
            LibraryWord.objects.filter(match).update(documents=F("documents") + change * n)
    if change < 0:
        languages = {lang for lang, _term in counts}
        LibraryWord.objects.filter(language__in=languages, documents__lte=0).delete()


def write_documents(texts: list[tuple[int, str, dict[str, str]]]) -> None:
    """Index the own text of items in bulk: ``(page_id, language, {field: text})`` rows become
    ``LibraryDocument`` rows (analysed), are put into the search backends and counted in the
    vocabulary. Publishing writes one item's rows; imports and benchmarks write thousands."""
    from sitecontent.models import LibraryDocument

    documents, counts = [], {}
    for page_id, language, fields in texts:
        documents.append(LibraryDocument(page_id=page_id, language=language, **document_fields(fields, language)))
        for term, word in vocabulary(fields, language).items():
            written, n = counts.get((language, term), (word, 0))
            counts[(language, term)] = (written, n + 1)
    count_words(counts, 1)
    for start in range(0, len(documents), 500):
        chunk = LibraryDocument.objects.bulk_create(documents[start : start + 500])
        # bulk_create sets primary keys on SQLite and PostgreSQL; read them back elsewhere.
        if any(document.pk is None for document in chunk):
            pairs = [(d.page_id, d.language) for d in chunk]
            chunk = [
                d
                for d in LibraryDocument.objects.filter(page_id__in={p for p, _l in pairs})
                if (d.page_id, d.language) in pairs
            ]
        add_documents(chunk)


def facet_values(item, region=None) -> list[tuple[str, str]]:
    """(facet, value) of each fact the library filters ``item`` on; ``region``: the item's
    region page (``item.region``), or None outside every region."""
    values = [(LISTED, "")]
    values += [("audience", code) for code in item.audiences or []]
    values += [("age", code) for code in item.age_bands or []]
    values += [("topic", topic.slug) for topic in item.topics.all()]
    if item.get_library_format():
        values.append(("format", item.get_library_format()))
    values += [("language", code) for code in item_languages(item)]
    if region is not None:
        values.append(("region", region.short_code))
    return list(dict.fromkeys(values))


def item_facts_text(facts) -> str:
    """An item's facts ("facet=value" each) as its "listed" row keeps them: sorted, unique,
    each between commas (",age=5-8,topic=privacy,"), so that one is found as ",facet=value,"."""
    return f",{','.join(sorted(set(facts)))},"


def write_facets(rows) -> None:
    """Store ``LibraryFacet`` rows (one item's on publish; imports and benchmarks write
    thousands) and add them to the kept counts (``counting``), in bulk. Each row carries its
    item's region and first publication (``LibraryFacet.region``, ``published_at``)."""
    from sitecontent.models import LibraryFacet

    rows = list(rows)
    # Each item's "listed" row carries all of the item's facts (``LibraryFacet.facts``): an
    # item's rows are always written together, in one call.
    facts: dict[int, list[str]] = {}
    for row in rows:
        facts.setdefault(row.page_id, []).append(f"{row.facet}={row.value}")
    for row in rows:
        if row.facet == LISTED:
            row.facts = item_facts_text(facts[row.page_id])
    LibraryFacet.objects.bulk_create(rows, batch_size=2000)
    count_facets([(row.region, row.facet, row.value) for row in rows], 1)


def delete_facets(page_id: int) -> None:
    """Delete one item's facet rows and take them out of the kept counts. The rows are read
    locked (PostgreSQL), so two transactions unindexing one item never both subtract them."""
    from sitecontent.models import LibraryFacet

    rows = LibraryFacet.objects.filter(page_id=page_id)
    found = list(rows.select_for_update().values_list("region", "facet", "value"))
    if found:
        rows.delete()
        count_facets(found, -1)


def searchable_items():
    """Live library items that everyone may see: not private, not below an unpublished
    or private library or region. Only these are in the index (its vocabulary, offered
    by "did you mean", must never carry a word of a page the public cannot read)."""
    from sitecontent.library.search import LibraryQuery

    return LibraryQuery().items_queryset()


@transaction.atomic
def index_item(item) -> None:
    from sitecontent.models import LibraryFacet

    unindex_item(item.pk)
    if not searchable_items().filter(pk=item.pk).exists():
        return
    region = item.region
    region_code = region.short_code if region is not None else ""
    write_facets(
        LibraryFacet(
            page_id=item.pk, facet=facet, value=value, region=region_code, published_at=item.first_published_at
        )
        for facet, value in facet_values(item, region)
    )
    write_documents([(item.pk, code, fields) for code, fields in search_fields(item).items()])


@transaction.atomic
def unindex_item(page_id: int) -> None:
    from sitecontent.models import LibraryDocument

    delete_facets(page_id)
    counts: dict[tuple[str, str], tuple[str, int]] = {}
    for document in LibraryDocument.objects.filter(page_id=page_id):
        terms = {
            term for text in (document.title, document.summary, document.topics, document.body) for term in text.split()
        }
        counts.update({(document.language, term): (term, 1) for term in terms})
    count_words(counts, -1)
    # Deleting the rows takes them out of every search backend (Wagtail's post_delete
    # handler; the database backends' index entries also go with them).
    LibraryDocument.objects.filter(page_id=page_id).delete()


def rebuild_index(chunk_size: int = 200) -> int:
    """Index every live, public library item again from scratch, and forget every other
    page (drafts, unpublished, private ones). Safe to re-run; returns the items indexed."""
    from wagtail.models import Page

    from sitecontent.models import LibraryDocument, LibraryFacet, LibraryFacetCount, LibraryItem, LibraryWord

    with transaction.atomic():
        LibraryFacet.objects.all().delete()
        LibraryFacetCount.objects.all().delete()
        LibraryDocument.objects.all().delete()
        LibraryWord.objects.all().delete()
        ids = list(searchable_items().order_by("pk").values_list("pk", flat=True))
        count = 0
        for start in range(0, len(ids), chunk_size):
            for item in Page.objects.filter(pk__in=ids[start : start + chunk_size]).specific():
                if isinstance(item, LibraryItem):
                    index_item(item)
                    count += 1
    return count
