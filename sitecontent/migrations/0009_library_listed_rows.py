"""Every indexed library item gets its "listed" facet row (sitecontent.library.indexing.LISTED).

The library lists, scopes and counts items on that row alone. Items indexed before it
existed are exactly those with index rows (facets or search text): they get it here, so
a running site needs no rebuild of the index.
"""

from django.db import migrations


def add_listed_rows(apps, schema_editor):
    LibraryFacet = apps.get_model("sitecontent", "LibraryFacet")
    LibrarySearchText = apps.get_model("sitecontent", "LibrarySearchText")
    indexed = set(LibraryFacet.objects.values_list("page_id", flat=True).distinct())
    indexed |= set(LibrarySearchText.objects.values_list("page_id", flat=True).distinct())
    LibraryFacet.objects.bulk_create(
        [LibraryFacet(page_id=page_id, facet="listed", value="") for page_id in sorted(indexed)],
        batch_size=2000,
        ignore_conflicts=True,
    )


def remove_listed_rows(apps, schema_editor):
    apps.get_model("sitecontent", "LibraryFacet").objects.filter(facet="listed").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sitecontent", "0008_rendition_file_index"),
    ]

    operations = [migrations.RunPython(add_listed_rows, remove_listed_rows)]
