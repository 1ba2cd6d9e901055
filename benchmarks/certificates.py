"""Certificates and case cards: what they cost to build.

1. Certificate PDF build (the Celery task's work, run in this process): p50/p95 time and
   size over names in every script the platform supports × the three kinds.
2. A 50-item teacher pack holding case cards (half cards, half resources; then all cards):
   median build time and ZIP size.

python benchmarks/certificates.py [--rounds N]
"""

import argparse
import datetime
import statistics
import tempfile
import time

from support import measure, setup_django

setup_django()

from django.conf import settings  # noqa: E402
from django.utils import translation  # noqa: E402

from campaign.certificates.issue import code_for, content_key  # noqa: E402
from campaign.certificates.models import Certificate  # noqa: E402
from campaign.certificates.tasks import build_certificate  # noqa: E402
from campaign.packs.models import PackBuild  # noqa: E402
from campaign.packs.selection import Selection  # noqa: E402
from campaign.packs.tasks import build_pack  # noqa: E402
from campaign.stories.models import CaseCardPage, StoryPage, Submission  # noqa: E402
from tests.factories import build_site_tree  # noqa: E402
from tests.library import factories as f  # noqa: E402
from tests.stories.factories import add_story_sections  # noqa: E402

NAMES = [
    "محمد عبد الله",
    "अर्जुन क्षत्रिय",
    "李小龍",
    "山田 さくら",
    "Νικόλαος Παπαδόπουλος",
    "Ёлка Щукина",
    "Nguyễn Thị Ánh Tuyết",
    "Wanjiru Kamau",
    "Анна 李 Smith محمد",
    "A" * 60 + " " + "B" * 59,
]
LANGUAGES = ["en", "ar", "ja", "hi", "fr", "es", "de", "pt", "sw", "zh-hans"]


def certificate_figures(rounds: int) -> None:
    settings.SID_CERTIFICATES_ROOT = tempfile.mkdtemp(prefix="sid-bench-certificates-")
    timings, sizes = [], []
    kinds = list(Certificate.Kind)
    for round_number in range(rounds):
        for index, name in enumerate(NAMES):
            kind = kinds[(index + round_number) % 3]
            language = LANGUAGES[(index + round_number) % len(LANGUAGES)]
            date = datetime.date(2027, 2, 9) + datetime.timedelta(days=round_number)
            key = content_key(kind, name, "School", "Event" if kind == "organiser" else "", date, language)
            certificate = Certificate.objects.create(
                kind=kind,
                name=name,
                school="School" if kind == "class" else "",
                event_title="Event" if kind == "organiser" else "",
                occasion_date=date,
                language=language,
                content_key=key,
                code=code_for(key),
            )
            start = time.perf_counter()
            assert build_certificate.run(certificate.pk) == "built"
            timings.append(time.perf_counter() - start)
            sizes.append(Certificate.objects.get(pk=certificate.pk).size)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    print(f"{'certificates':>12} {'p50 s':>7} {'p95 s':>7} {'max s':>7} {'median KB':>10} {'max KB':>7}")
    print(
        f"{len(timings):>12} {statistics.median(timings):>7.2f} {p95:>7.2f} {timings[-1]:>7.2f}"
        f" {statistics.median(sizes) / 1024:>10.1f} {max(sizes) / 1024:>7.1f}"
    )


def case_card_pack_figures() -> None:
    settings.SID_PACKS_ROOT = tempfile.mkdtemp(prefix="sid-bench-packs-")
    tree = build_site_tree()
    sections = add_story_sections(tree)
    index = f.library(tree.regions["eu"], "Library", slug="library")
    with translation.override("en"):
        story = StoryPage(
            title="A stranger in a game",
            slug="bench-story",
            pen_name="Quiet Owl",
            age_band="13",
            country="BE",
            language="en",
            body="Someone kept messaging me in a game. I told my sister and we blocked him. " * 10,
        )
        sections["eu"].add_child(instance=story)
        story.save_revision().publish()
    Submission.objects.create(
        page=story, index=sections["eu"], region=tree.regions["eu"], age_band="13", country="BE", language="en",
        status=Submission.Status.PUBLISHED, status_token_hash="bench", reuse="with_name",  # noqa: S106
    )  # fmt: skip
    cards, resources = [], []
    with translation.override("en"):
        for n in range(50):
            card = CaseCardPage(
                title=f"Case card {n}",
                slug=f"case-card-{n}",
                summary="A story to talk about.",
                story=story,
                story_text=story.body,
                country="BE",
                questions="What happened?\nWho could help?\nWhat would you do?",
                teacher_notes="Let the class talk first.",
                age_bands=["13-15"],
            )
            index.add_child(instance=card)
            card.save_revision().publish()
            cards.append(card)
    for n in range(25):
        content = b"Safer Internet Day lesson. " * 2000
        resources.append(
            f.resource(index, {"en": {"title": f"Resource {n}", "summary": "A lesson."}}, files={"en": content})
        )

    def build_of(pages):
        def once():
            PackBuild.objects.all().delete()
            selection = Selection(pages=pages, language="en")
            build = PackBuild.objects.create(key=selection.key, language="en", items=selection.items)
            assert build_pack.run(build.pk) == "built"
            return PackBuild.objects.get(pk=build.pk)

        return measure(once, repeat=3)

    print(f"{'pack':>24} {'items':>6} {'zip KB':>7} {'median s':>9}")
    for label, pages in (("25 cards + 25 resources", cards[:25] + resources), ("50 case cards", cards)):
        for page in pages:
            page.refresh_from_db()
        seconds, build = build_of(pages)
        print(f"{label:>24} {len(pages):>6} {build.size / 1024:>7.1f} {seconds:>9.2f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the ten names (default 3: 30 PDFs)")
    args = parser.parse_args()
    certificate_figures(args.rounds)
    case_card_pack_figures()


if __name__ == "__main__":
    main()
