"""Query count and time of the main admin pages, at 100 and 10,000 items.

python benchmarks/admin_queries.py [sizes]      (default "100,10000")

As Europe's coordinator: the dashboard, the page explorer of the Europe region (its
children are the items), the region's page editor, the image and document listings (the
items are images and documents in Europe's collection), the pages' search; as Europe's
moderator: the moderation queue (the items are waiting stories). Each page is asked once
to warm caches (renditions, content types), then measured: SQL queries and median time of
five requests. A query count that grows with the items is a cost that grows with content:
each page's counts must stay within ``TOLERANCE`` queries of each other at every size (the
issue's "unchanged within ±2"), or the script says which page grew and exits with status 1.
"""

from __future__ import annotations

import io
import sys

from support import bulk_child_pages, count_queries, measure, setup_django

setup_django()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.images import ImageFile  # noqa: E402
from django.test import Client  # noqa: E402
from PIL import Image as PILImage  # noqa: E402
from wagtail.documents import get_document_model  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402

from campaign.moderation.models import ModerationItem  # noqa: E402
from sitecontent.models import StandardPage  # noqa: E402
from sitecontent.regions import ensure_region_access  # noqa: E402
from tests.factories import build_site_tree  # noqa: E402
from tests.moderation.helpers import fill_queue  # noqa: E402

#: Queries a page may differ by between sizes (a cache warmed, a count rounded).
TOLERANCE = 2


def grow(tree, total: int) -> None:
    region = tree.regions["eu"]
    collection = ensure_region_access(region).collection
    have = StandardPage.objects.child_of(region).count()
    if total > have:
        bulk_child_pages(
            region,
            StandardPage,
            total - have,
            fields_for=lambda n: {"title": f"Item {have + n}", "slug": f"item-{have + n}"},
        )
    Image, Document = get_image_model(), get_document_model()
    if not hasattr(tree, "image_file"):
        buffer = io.BytesIO()
        PILImage.new("RGB", (64, 48), "teal").save(buffer, "PNG")
        first = Image(title="Item image 0", collection=collection)
        first.file = ImageFile(io.BytesIO(buffer.getvalue()), name="bench.png")
        first.save()
        document = Document(title="Item document 0", collection=collection)
        document.file.save("bench.txt", ContentFile(b"bench"), save=False)
        document.save()
        tree.image_file, tree.image_size = first.file.name, (first.width, first.height)
        tree.document_file = document.file.name
    have = Image.objects.filter(collection=collection).count()
    Image.objects.bulk_create(
        [
            Image(
                title=f"Item image {n}",
                collection=collection,
                file=tree.image_file,
                width=tree.image_size[0],
                height=tree.image_size[1],
                file_size=100,
            )
            for n in range(have, total)
        ]
    )
    have = Document.objects.filter(collection=collection).count()
    Document.objects.bulk_create(
        [
            Document(title=f"Item document {n}", collection=collection, file=tree.document_file, file_size=5)
            for n in range(have, total)
        ]
    )
    have = ModerationItem.objects.count()
    fill_queue(region, total - have, start=have, first_id=50_000_000, title="Queued story", pii_every=0)


def pages(tree):
    region = tree.regions["eu"]
    return [
        ("eu-coordinator", "dashboard", "/admin/"),
        ("eu-coordinator", "explorer (region)", f"/admin/pages/{region.pk}/"),
        ("eu-coordinator", "page editor (region)", f"/admin/pages/{region.pk}/edit/"),
        ("eu-coordinator", "page search", "/admin/pages/search/?q=item"),
        ("eu-coordinator", "images", "/admin/images/"),
        ("eu-coordinator", "documents", "/admin/documents/"),
        ("eu-moderator", "moderation queue", "/admin/moderation/"),
    ]


def main() -> int:
    sizes = [int(size) for size in (sys.argv[1] if len(sys.argv) > 1 else "100,10000").split(",")]
    tree = build_site_tree()
    clients = {}
    results: dict[str, dict[int, tuple[int, float]]] = {}
    for size in sizes:
        grow(tree, size)
        for username, name, url in pages(tree):
            client = clients.get(username)
            if client is None:
                client = clients[username] = Client()
                client.force_login(tree.users[username])
            response = client.get(url)  # warm: renditions, content types, site root paths
            assert response.status_code == 200, (name, url, response.status_code)
            queries, response = count_queries(lambda: client.get(url))  # noqa: B023
            seconds, _ = measure(lambda: client.get(url))  # noqa: B023
            results.setdefault(name, {})[size] = (queries, seconds)
    header = "".join(f"{f'{size} q':>10}{f'{size} ms':>10}" for size in sizes)
    print(f"{'admin page':<24}{header}  queries")
    growing = []
    for name, by_size in results.items():
        row = "".join(f"{by_size[size][0]:>10}{by_size[size][1] * 1000:>10.0f}" for size in sizes)
        counts = [by_size[size][0] for size in sizes]
        constant = max(counts) - min(counts) <= TOLERANCE
        if not constant:
            growing.append(name)
        print(f"{name:<24}{row}  {'constant' if constant else 'GROW'}")
    if growing:
        print(f"Query counts grow with content (beyond ±{TOLERANCE}): {', '.join(growing)}")
        return 1
    print(f"Query counts constant (within ±{TOLERANCE}) from {sizes[0]} to {sizes[-1]} items.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
