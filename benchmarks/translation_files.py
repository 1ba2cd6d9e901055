"""Export and import of translation files: seconds and peak Python memory, by format and size.

python benchmarks/translation_files.py [units ...]   (default: 500 5000)

Pages of 50 units each (title, introduction, 48 rich-text paragraphs with bold text, a link
and, in every other one, a list) under one region. For each format: the export task
(``run_export``: choose units, consult the translation memory, write the file), then the
import: ``read_file`` and ``check_units`` ("check": parse, rebuild every rich text from its
source's tags, validate), then ``apply_batch`` ("save": one draft revision per page). "file MB"
is the translated file's size. Peak Python memory (tracemalloc, "MB" after each step) is
measured in a second run of each step, so the timings are not slowed by it (the second save
writes one more revision per page).
"""

import sys
import time
import tracemalloc
import uuid

from support import bulk_child_pages, setup_django

setup_django()

from django.conf import settings  # noqa: E402
from django.utils import translation  # noqa: E402

from sitecontent.models import StandardPage  # noqa: E402
from tests.factories import build_site_tree  # noqa: E402
from tests.translation_workflow import files  # noqa: E402
from translations.models import ExportJob, ImportBatch, TranslationMemory  # noqa: E402
from translations.workflow.exporting import run_export  # noqa: E402
from translations.workflow.importing import apply_batch, check_units, read_file  # noqa: E402

UNITS_PER_PAGE = 50
PARAGRAPHS = UNITS_PER_PAGE - 2


def body(page_number: int) -> list:
    def text(n):
        paragraph = (
            f"<p>Paragraph {n} of page {page_number}: talk to <b>someone you trust</b>. "
            f'Read <a href="https://example.org/help/{n}">our guide</a>.</p>'
        )
        if n % 2:
            paragraph += "<ul><li>Block the account.</li><li>Keep <i>the messages</i>.</li></ul>"
        return paragraph

    return [{"type": "paragraph", "id": str(uuid.uuid4()), "value": text(n)} for n in range(PARAGRAPHS)]


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def peak_mb(function) -> float:
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def main(sizes):
    # Measure the work, not the upload limit: 5,000 translated units of XLIFF 2.0 exceed the
    # default 5 MB (TRANSLATIONS_IMPORT_MAX_BYTES); the file sizes are printed.
    settings.TRANSLATIONS_IMPORT_MAX_BYTES = 100 * 1024 * 1024
    with translation.override("en"):
        tree = build_site_tree()
    region, user = tree.regions["eu"], tree.users["eu-coordinator"]
    print(
        f"{'units':>6} {'format':>7} {'file MB':>8} {'export s':>9} {'MB':>6} {'check s':>8} {'MB':>6} "
        f"{'save s':>7} {'MB':>6}"
    )
    for units in sizes:
        pages = units // UNITS_PER_PAGE
        ids = bulk_child_pages(
            region,
            StandardPage,
            pages,
            lambda n, size=units: {
                "title": f"Guide {size}-{n}",
                "slug": f"guide-{size}-{n}",
                "intro": f"How to stay safe ({size}-{n}).",
                "body": body(n),
            },
        )
        for file_format in ("xliff", "xliff2", "po"):
            TranslationMemory.objects.all().delete()

            def export(file_format=file_format, ids=ids):
                job = ExportJob.objects.create(
                    requested_by=tree.users["admin"],
                    region=region,
                    language="de",
                    file_format=file_format,
                    scope=ExportJob.Scope.PAGES,
                    page_ids=ids,
                )
                return run_export(job)

            export_s, job = timed(export)
            assert job.unit_count == units, job.unit_count
            export_mb = peak_mb(export)
            if file_format == "po":
                translated = files.translate_po(job.content, "de")
            else:
                translated = files.translate_xml(job.content, "de")

            def check(translated=translated):
                return check_units(read_file(translated, "de"), user)

            check_s, (accepted, problems) = timed(check)
            assert not problems and len(accepted) == units, problems[:3]
            check_mb = peak_mb(check)
            batch = ImportBatch.objects.create(
                uploaded_by=user, filename="bench", file_format=file_format, language="de", units=accepted
            )
            save_s, results = timed(lambda: apply_batch(batch, user))  # noqa: B023
            assert sum(row["saved"] for row in results) == units
            save_mb = peak_mb(lambda: apply_batch(batch, user))  # noqa: B023
            size_mb = len(translated) / 1e6
            print(
                f"{units:>6} {file_format:>7} {size_mb:>8.2f} {export_s:>9.2f} {export_mb:>6.1f} "
                f"{check_s:>8.2f} {check_mb:>6.1f} {save_s:>7.2f} {save_mb:>6.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [500, 5000])
