"""Demo content for teacher packs: the resource library first, then curated packs per region."""

from sitecontent.demo.library import build_library
from sitecontent.models import GuidePage, ResourcePage
from translations.core.tooling import set_translations

from .models import CuratedPack, CuratedPackItem

PACKS = [
    (
        "eu",
        "eu-ages-9-12-sid-2027",
        {"en": "Ages 9–12, SID 2027", "fr": "9–12 ans, SID 2027", "de": "9–12 Jahre, SID 2027"},
        "9-12",
    ),
    (
        "latam",
        "latam-13-15-sid-2027",
        {"en": "Ages 13–15, SID 2027", "es": "13 a 15 años, SID 2027", "pt": "13 a 15 anos, SID 2027"},
        "13-15",
    ),
    (
        "africa",
        "africa-9-12-sid-2027",
        {"en": "Ages 9–12, SID 2027", "fr": "9–12 ans, SID 2027", "sw": "Umri 9–12, SID 2027"},
        "9-12",
    ),
]


def load(demo):
    indexes = build_library(demo)
    for code, slug, titles, age in PACKS:
        if code not in indexes or CuratedPack.objects.filter(slug=slug).exists():
            continue
        index = indexes[code]
        items = [
            page
            for model in (ResourcePage, GuidePage)
            for page in model.objects.child_of(index).live().order_by("path")
            if age in (page.age_bands or [])
        ][:8]
        pack = CuratedPack(region=demo.regions[code], slug=slug)
        set_translations(pack, {language: {"title": title} for language, title in titles.items()})
        pack.items = [CuratedPackItem(page=page, sort_order=order) for order, page in enumerate(items)]
        pack.save()
    demo.say(f"Packs: {CuratedPack.objects.count()} curated packs.")
