"""Build time of a 50-file teacher pack (the Celery task's work, run in this process).

python benchmarks/pack_build.py
"""

import os
import tempfile

from support import measure, setup_django

setup_django()

from django.conf import settings  # noqa: E402

from campaign.packs.models import PackBuild  # noqa: E402
from campaign.packs.selection import Selection  # noqa: E402
from campaign.packs.tasks import build_pack  # noqa: E402
from tests.factories import build_site_tree  # noqa: E402
from tests.library import factories as f  # noqa: E402

FILES = 50
FILE_BYTES = 200 * 1024  # a typical small PDF; half compressible text, half random bytes


def main():
    settings.SID_PACKS_ROOT = tempfile.mkdtemp(prefix="sid-bench-packs-")
    tree = build_site_tree()
    index = f.library(tree.regions["eu"], "Library", slug="library")
    pages = []
    for n in range(FILES):
        content = (b"Safer Internet Day lesson. " * 4000)[: FILE_BYTES // 2] + os.urandom(FILE_BYTES // 2)
        texts = {"en": {"title": f"Resource {n}", "summary": "A lesson."}}
        if n % 2 == 0:
            texts["fr"] = {"title": f"Ressource {n}", "summary": "Une leçon."}
        pages.append(f.resource(index, texts, files={("fr" if n % 2 == 0 else "en"): content}))
    pages.append(f.guide(index, {"en": {"title": "Guide", "summary": "A guide."}}))

    def build_once():
        PackBuild.objects.all().delete()
        selection = Selection(pages=pages, language="fr")
        build = PackBuild.objects.create(key=selection.key, language="fr", items=selection.items)
        assert build_pack.run(build.pk) == "built"
        return PackBuild.objects.get(pk=build.pk)

    seconds, build = measure(build_once, repeat=5)
    print(f"{'files':>6} {'guides':>6} {'input MB':>9} {'zip MB':>7} {'median s':>9}  (fr: 25 own files, 25 fallbacks)")
    print(f"{FILES:>6} {1:>6} {FILES * FILE_BYTES / 1e6:>9.1f} {build.size / 1e6:>7.2f} {seconds:>9.2f}")


if __name__ == "__main__":
    main()
