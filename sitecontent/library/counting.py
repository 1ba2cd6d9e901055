"""The library's facet counts kept up to date (``LibraryFacetCount``): per region, facet and
value, how many listed items have it.

Indexing adds an item's facet rows to the counts when it writes them and takes them away
when it deletes them (``sitecontent.library.indexing``: publish, unpublish, deletion, a move,
a section unpublished or made private, a renamed topic, a rebuild), in the same transaction,
so the counts are always those of the rows. A library page with no filter and no search
reads them instead of counting its items (``counts_in``): a few rows whatever the size of
the library. Filtered and searched pages count their own results
(``sitecontent.library.search``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db.models import Count, F, Q, Sum

#: At most this many (region, facet, value) keys per UPDATE statement.
BATCH = 300


def count_facets(rows: Iterable[tuple[str, str, str]], change: int) -> None:
    """Add ``change`` (1: rows written, -1: rows deleted) to the count of each
    ``(region, facet, value)`` of ``rows`` (one per facet row). A few queries, however many
    rows: keys missing are created at 0 first, then one UPDATE per batch of keys that change
    by the same amount. Counts that fall to 0 are kept (a row created again needs no insert)."""
    from sitecontent.models import LibraryFacetCount

    counter = Counter(rows)
    if not counter or not change:
        return
    if change > 0:
        LibraryFacetCount.objects.bulk_create(
            [LibraryFacetCount(region=region, facet=facet, value=value) for region, facet, value in counter],
            batch_size=500,
            ignore_conflicts=True,
        )
    by_amount: dict[int, list[tuple[str, str, str]]] = {}
    for key, n in counter.items():
        by_amount.setdefault(n, []).append(key)
    for n, keys in sorted(by_amount.items()):
        keys.sort()  # the same order in every transaction
        for start in range(0, len(keys), BATCH):
            match = Q(pk__in=[])
            for region, facet, value in keys[start : start + BATCH]:
                match |= Q(region=region, facet=facet, value=value)
            LibraryFacetCount.objects.filter(match).update(items=F("items") + change * n)


def counts_in(region: str | None) -> dict[str, dict[str, int]]:
    """{facet: {value: items}} of one region's listed items (``region``: its short code), or
    of every listed item (None). One query over the kept counts."""
    from sitecontent.models import LibraryFacetCount

    rows = LibraryFacetCount.objects.filter(items__gt=0)
    if region is not None:
        found = rows.filter(region=region).values_list("facet", "value", "items")
    else:
        found = rows.values("facet", "value").annotate(n=Sum("items")).values_list("facet", "value", "n")
    counts: dict[str, dict[str, int]] = {}
    for facet, value, items in found:
        counts.setdefault(facet, {})[value] = items
    return counts


def recount() -> None:
    """Count every region's facet values again from the facet rows (after writing facet rows
    by other means than indexing, or to check): one grouped query and a rewrite."""
    from sitecontent.models import LibraryFacet, LibraryFacetCount

    LibraryFacetCount.objects.all().delete()
    LibraryFacetCount.objects.bulk_create(
        [
            LibraryFacetCount(region=region, facet=facet, value=value, items=n)
            for region, facet, value, n in LibraryFacet.objects.values("region", "facet", "value")
            .annotate(n=Count("page_id"))
            .values_list("region", "facet", "value", "n")
        ],
        batch_size=500,
    )
