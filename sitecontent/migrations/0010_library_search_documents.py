# Library search through Wagtail's search API: one analysed document per item and language
# (indexed by the backend) replaces the hand-made term table; the vocabulary counts documents.
# migrate then indexes the documents itself (sitecontent.signals, post_migrate).

import django.db.models.deletion
import modelsearch.index
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("sitecontent", "0009_library_listed_rows"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="libraryword",
            name="documents",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.CreateModel(
            name="LibraryDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("language", models.CharField(max_length=10)),
                ("title", models.TextField(blank=True)),
                ("summary", models.TextField(blank=True)),
                ("topics", models.TextField(blank=True)),
                ("body", models.TextField(blank=True)),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="library_documents",
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "library search document",
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.DeleteModel(
            name="LibrarySearchText",
        ),
        migrations.DeleteModel(
            name="LibraryTerm",
        ),
        migrations.AddConstraint(
            model_name="librarydocument",
            constraint=models.UniqueConstraint(fields=("page", "language"), name="librarydocument_unique"),
        ),
    ]
