# On PostgreSQL the database search backend matches a query against the title and body
# vectors together (``title || body @@ query``, modelsearch's PostgresSearchQueryCompiler).
# Wagtail indexes each vector on its own (GIN), which that expression cannot use: a library
# search read every document of the language in scope and tested each one's vectors, so
# its cost followed the library, not the matches. A GIN index on the very expression lets
# PostgreSQL read only the matching entries. Other databases keep their own full-text
# index (SQLite FTS5) and get nothing here.

from django.db import migrations

INDEX = "wagtailsearch_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name("wagtailsearch_indexentry")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON {table} USING gin ((title || body))")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("sitecontent", "0011_library_facet_order_and_counts"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
