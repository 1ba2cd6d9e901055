# Each item's "listed" facet row carries all of the item's facts (",facet=value,…,", sorted),
# so that the facet counts of a search read one row per matching item instead of each
# item's rows (sitecontent.library.search, LibraryQuery.counts_by_facts). Filled here from
# the rows; indexing writes it with them (sitecontent.library.indexing.write_facets).

from django.db import migrations, models

LISTED = "listed"


def fill_facts(apps, schema_editor):
    LibraryFacet = apps.get_model("sitecontent", "LibraryFacet")
    facts: dict[int, set[str]] = {}
    for page_id, facet, value in LibraryFacet.objects.values_list("page_id", "facet", "value").iterator():
        facts.setdefault(page_id, set()).add(f"{facet}={value}")
    rows = list(LibraryFacet.objects.filter(facet=LISTED, value=""))
    for row in rows:
        row.facts = f",{','.join(sorted(facts.get(row.page_id, ())))},"
    LibraryFacet.objects.bulk_update(rows, ["facts"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("sitecontent", "0012_search_entry_combined_vector_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="libraryfacet",
            name="facts",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(fill_facts, migrations.RunPython.noop),
    ]
