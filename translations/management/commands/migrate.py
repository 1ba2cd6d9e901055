"""``migrate``, as wagtail-modeltranslation runs it, plus the two steps it leaves out.

1. Rows created by migrations before the translation columns existed (Wagtail's root
   and the default home) have NULL language columns, and their children would get wrong
   url_paths (docs/stack-notes.md): copy the untranslated values into their default
   language, for those rows only (translations.core.source.fill_never_translated_rows).
2. The translated slug columns get an index each, so routing by slug is an indexed lookup
   (sitecontent.routing). The columns are added after the migrations run, so the index
   cannot come from a migration.
3. Pages whose untranslated ("base") title, slug and url_path were written from the
   admin's language get them rewritten from their source language
   (translations.core.source.repair_base_columns); safe to re-run.
4. The coverage report's stored statuses (translations.workflow.coverage_store) are filled for existing
   content when their table is empty, as on the first deploy after it was added, or holds
   no English row (statuses stored before items were compared with their own source
   language, when English was every item's source and had no row); later changes keep them
   current. It runs here, after the translation columns exist, because it
   reads content through the current models. ``manage.py translation_coverage rebuild``
   does the same on demand. Rows stored while proper names (an organisation's name) still
   counted as missing text are re-counted (translations.workflow.coverage_store.recount_proper_names).
"""

from django.db import DEFAULT_DB_ALIAS, connections
from modeltranslation.utils import build_localized_fieldname
from wagtail_modeltranslation.migrate.management.commands.migrate import Command as TranslationMigrate

from sitecontent.models import RegionPage
from translations.core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from translations.core.source import fill_never_translated_rows, repair_base_columns
from translations.models import CoverageStatus
from translations.workflow.coverage_store import rebuild, recount_proper_names
from translations.workflow.stamps import rebase_stamps


class Command(TranslationMigrate):
    def handle(self, *args, **options):
        super().handle(*args, **options)
        database = options.get("database") or "default"
        verbosity = options.get("verbosity", 1)
        # Not ``update_translation_fields``: it copies base values into every empty English
        # column, so a Spanish-only page would get its Spanish title as its English one.
        fill_never_translated_rows(using=database)
        connection = connections[database]
        with connection.cursor() as cursor:
            existing = {c.name for c in connection.introspection.get_table_description(cursor, "wagtailcore_page")}
            for code in LANGUAGE_CODES:
                column = build_localized_fieldname("slug", code)
                if column in existing:
                    cursor.execute(
                        f'CREATE INDEX IF NOT EXISTS "sid_page_{column}_idx" ON "wagtailcore_page" ("{column}")'
                    )
        if "sitecontent_regionpage" in connection.introspection.table_names():
            regions = RegionPage.objects.using(database).values_list("path", "source_language")
            repaired = repair_base_columns(regions, using=database)
            if verbosity and repaired:
                self.stdout.write(f"Base columns rewritten from the source language for {repaired} pages.")
        if database == DEFAULT_DB_ALIAS and "translations_coveragestatus" in connection.introspection.table_names():
            if not CoverageStatus.objects.using(database).filter(language=DEFAULT_LANGUAGE).exists():
                rebase_stamps()
                count = rebuild()
                if verbosity:
                    self.stdout.write(f"Translation statuses stored for {count} objects.")
            else:
                count = recount_proper_names()
                if verbosity and count:
                    self.stdout.write(f"Translation statuses re-counted without proper names for {count} objects.")
