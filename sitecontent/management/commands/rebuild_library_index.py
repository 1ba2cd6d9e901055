"""``manage.py rebuild_library_index``: index every public library item again from scratch.

Publishing, unpublishing, moving and making pages private keep the index current; run this
after deploying a change of the search analysis, after restoring a backup, or after content
was written without Django signals (``loaddata``, raw SQL). Safe to re-run.
"""

from django.core.management.base import BaseCommand

from sitecontent.library.indexing import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the resource library's facets and search index from the live, public items."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=200)

    def handle(self, *args, chunk_size=200, **options):
        count = rebuild_index(chunk_size=chunk_size)
        if options["verbosity"]:
            self.stdout.write(f"Indexed {count} library items.")
