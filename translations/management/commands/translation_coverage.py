"""Stored translation statuses of the coverage report (translations.workflow.coverage_store).

    manage.py translation_coverage rebuild   # every object, every language; safe to re-run

Run once after deploying the migration that adds the table, and whenever statuses may have
missed a change (content loaded with ``loaddata``, raw SQL, a restored backup).
"""

from django.core.management.base import BaseCommand

from translations.workflow.coverage_store import rebuild


class Command(BaseCommand):
    help = "Re-compute the stored translation status of every page and snippet in every language."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild"])
        parser.add_argument("--chunk-size", type=int, default=200)

    def handle(self, *args, action, chunk_size=200, **options):
        count = rebuild(chunk_size=chunk_size)
        self.stdout.write(f"Translation statuses stored for {count} objects.")
