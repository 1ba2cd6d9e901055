# The library reads its own items through an index, newest first: every facet row carries
# its item's region and first publication (filled here from the rows and pages), indexed
# with the facet and value. The facet counts of each region are kept in their own table
# (sitecontent.library.counting), counted here once from the rows.

from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def fill_rows(apps, schema_editor):
    LibraryFacet = apps.get_model("sitecontent", "LibraryFacet")
    Page = apps.get_model("wagtailcore", "Page")
    region = LibraryFacet.objects.filter(page_id=OuterRef("page_id"), facet="region").values("value")[:1]
    published = Page.objects.filter(pk=OuterRef("page_id")).values("first_published_at")[:1]
    LibraryFacet.objects.update(region=Coalesce(Subquery(region), Value("")), published_at=Subquery(published))


def count_rows(apps, schema_editor):
    LibraryFacet = apps.get_model("sitecontent", "LibraryFacet")
    LibraryFacetCount = apps.get_model("sitecontent", "LibraryFacetCount")
    LibraryFacetCount.objects.bulk_create(
        [
            LibraryFacetCount(region=region, facet=facet, value=value, items=n)
            for region, facet, value, n in LibraryFacet.objects.values("region", "facet", "value")
            .annotate(n=Count("page_id"))
            .values_list("region", "facet", "value", "n")
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("sitecontent", "0010_library_search_documents"),
    ]

    operations = [
        migrations.AddField(
            model_name="libraryfacet",
            name="region",
            field=models.CharField(blank=True, default="", max_length=12),
        ),
        migrations.AddField(
            model_name="libraryfacet",
            name="published_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(fill_rows, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name="libraryfacet",
            name="libraryfacet_lookup",
        ),
        migrations.AddIndex(
            model_name="libraryfacet",
            index=models.Index(fields=["region", "facet", "value", "published_at", "page"], name="libraryfacet_scoped"),
        ),
        migrations.AddIndex(
            model_name="libraryfacet",
            index=models.Index(fields=["facet", "value", "published_at", "page"], name="libraryfacet_ordered"),
        ),
        migrations.CreateModel(
            name="LibraryFacetCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("region", models.CharField(blank=True, default="", max_length=12)),
                ("facet", models.CharField(max_length=16)),
                ("value", models.CharField(max_length=80)),
                ("items", models.IntegerField(default=0)),
            ],
            options={
                "verbose_name": "library facet count",
                "constraints": [
                    models.UniqueConstraint(fields=("region", "facet", "value"), name="libraryfacetcount_unique")
                ],
            },
        ),
        migrations.RunPython(count_rows, migrations.RunPython.noop),
    ]
