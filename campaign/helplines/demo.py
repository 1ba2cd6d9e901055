"""Demo help directory: one entry per country of the demo regions, each flagged as demo data.

Idempotent: entries are matched by country and their services replaced, so re-running the
loader never duplicates a helpline. Called by ``manage.py load_demo_content``.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import translation

from sitecontent.demo.content import REGIONS
from translations.core.languages import DEFAULT_LANGUAGE
from translations.core.tooling import set_translations

from .demo_data import ENTRIES, HOURS
from .models import CountryHelp, Helpline, Hotline


def demo_countries(demo=None) -> list[str]:
    """Countries of the demo regions (the loaded RegionPages', else the demo content's)."""
    codes: list[str] = []
    regions = getattr(demo, "regions", None) or {}
    sources = [[c.code for c in region.countries] for region in regions.values()] or [
        spec["countries"] for spec in REGIONS
    ]
    for countries in sources:
        codes.extend(code for code in countries if code not in codes)
    return codes


@transaction.atomic
def load_entry(code: str) -> CountryHelp:
    data = ENTRIES.get(code, {"emergency": "", "helplines": [], "hotlines": [], "centre": ("", "")})
    entry = CountryHelp.objects.filter(country=code).first() or CountryHelp(country=code)
    centre_name, centre_url = data["centre"]
    entry.emergency_number = data["emergency"]
    entry.centre_url = centre_url
    entry.is_demo_data = True
    with translation.override(DEFAULT_LANGUAGE):
        set_translations(entry, {DEFAULT_LANGUAGE: {"centre_name": centre_name}})
        entry.save()
        entry.helplines.all().delete()
        entry.hotlines.all().delete()
        for order, (name, phone, sms, chat, website, hours, languages, free) in enumerate(data["helplines"]):
            helpline = Helpline(
                entry=entry,
                sort_order=order,
                phone=phone,
                sms=sms,
                chat_url=chat,
                website=website,
                languages=languages,
                free_of_charge=free,
            )
            values = {DEFAULT_LANGUAGE: {"name": name, "hours": hours}}
            for language, text in HOURS.get(hours, {}).items():
                values[language] = {"hours": text}
            set_translations(helpline, values)
            helpline.save()
        for order, (name, url) in enumerate(data["hotlines"]):
            hotline = Hotline(entry=entry, sort_order=order, report_url=url)
            set_translations(hotline, {DEFAULT_LANGUAGE: {"name": name}})
            hotline.save()
    return entry


def load(demo) -> None:
    codes = demo_countries(demo)
    for code in codes:
        load_entry(code)
    demo.say(f"Help directory: {len(codes)} demo entries (flagged: verify before launch).")
