"""Demo calendars and 60+ events across the four demo regions, languages and time zones.

Most events fall on Safer Internet Day 2027 itself (date by the campaign rule), in each
event's own local time; a few are in the week around it, one is all-day, one multi-day,
one online, one cancelled and one postponed.
"""

from __future__ import annotations

import datetime
import zoneinfo

from campaign.editions.dates import campaign_date
from campaign.editions.models import Edition
from campaign.moderation.workflows import ensure_region_workflow
from sitecontent.demo.builder import upsert_child

from .models import EventCalendarPage, EventFormat, EventPage, EventStatus

YEAR = 2027

CALENDAR_TITLES = {
    "en": ("Events", "events"),
    "fr": ("Événements", "evenements"),
    "es": ("Eventos", "eventos"),
    "pt": ("Eventos", "eventos"),
    "de": ("Veranstaltungen", "veranstaltungen"),
    "ar": ("الفعاليات", "events"),
    "zh-hans": ("活动", "events"),
    "ja": ("イベント", "events"),
    "hi": ("कार्यक्रम", "events"),
    "sw": ("Matukio", "matukio"),
}

#: The global calendar: one name in every language ("Events" is a region's calendar).
GLOBAL_CALENDAR_TITLES = {
    "en": "Safer Internet Day calendar",
    "fr": "Calendrier du Safer Internet Day",
    "es": "Calendario del Día de la Internet Segura",
    "pt": "Calendário do Dia da Internet Segura",
    "de": "Kalender zum Safer Internet Day",
    "ar": "تقويم يوم الإنترنت الآمن",
    "zh-hans": "安全互联网日日历",
    "ja": "セーファーインターネットデー・カレンダー",
    "hi": "सुरक्षित इंटरनेट दिवस कैलेंडर",
    "sw": "Kalenda ya Siku ya Intaneti Salama",
}

# (city, country, time zone, language) per region.
PLACES = {
    "eu": [
        ("Brussels", "BE", "Europe/Brussels", "fr"),
        ("Paris", "FR", "Europe/Paris", "fr"),
        ("Berlin", "DE", "Europe/Berlin", "de"),
        ("Madrid", "ES", "Europe/Madrid", "es"),
        ("Lisbon", "PT", "Europe/Lisbon", "pt"),
        ("Dublin", "IE", "Europe/Dublin", "en"),
        ("Rome", "IT", "Europe/Rome", "en"),
        ("Warsaw", "PL", "Europe/Warsaw", "en"),
    ],
    "latam": [
        ("Ciudad de México", "MX", "America/Mexico_City", "es"),
        ("São Paulo", "BR", "America/Sao_Paulo", "pt"),
        ("Bogotá", "CO", "America/Bogota", "es"),
        ("Santiago", "CL", "America/Santiago", "es"),
        ("Buenos Aires", "AR", "America/Argentina/Buenos_Aires", "es"),
    ],
    "apac": [
        ("Tokyo", "JP", "Asia/Tokyo", "ja"),
        ("Singapore", "SG", "Asia/Singapore", "en"),
        ("Shanghai", "CN", "Asia/Shanghai", "zh-hans"),
        ("Mumbai", "IN", "Asia/Kolkata", "hi"),
        ("Auckland", "NZ", "Pacific/Auckland", "en"),
        ("Sydney", "AU", "Australia/Sydney", "en"),
    ],
    "africa": [
        ("Nairobi", "KE", "Africa/Nairobi", "sw"),
        ("Cairo", "EG", "Africa/Cairo", "ar"),
        ("Dakar", "SN", "Africa/Dakar", "fr"),
        ("Lagos", "NG", "Africa/Lagos", "en"),
        ("Amman", "JO", "Asia/Amman", "ar"),
    ],
}

KINDS = [
    # (slug part, hour, hours long, format, audience, ages, title by language)
    (
        "school-assembly",
        9,
        1,
        EventFormat.IN_PERSON,
        ["children", "teachers"],
        ["5-8", "9-12"],
        {
            "en": "School assembly: being kind online",
            "fr": "Assemblée d'école : la gentillesse en ligne",
            "de": "Schulversammlung: Freundlich im Netz",
            "es": "Asamblea escolar: amabilidad en línea",
            "pt": "Assembleia escolar: gentileza online",
            "ja": "全校集会：ネットでやさしく",
            "zh-hans": "全校集会：网上友善",
            "hi": "स्कूल सभा: ऑनलाइन दयालुता",
            "ar": "تجمع مدرسي: اللطف على الإنترنت",
            "sw": "Mkutano wa shule: wema mtandaoni",
        },
    ),
    (
        "parents-evening",
        18,
        2,
        EventFormat.HYBRID,
        ["parents"],
        ["adults"],
        {
            "en": "Parents' evening: apps, games and screen time",
            "fr": "Soirée parents : applis, jeux et écrans",
            "de": "Elternabend: Apps, Spiele und Bildschirmzeit",
            "es": "Noche de familias: apps, juegos y pantallas",
            "pt": "Noite das famílias: apps, jogos e telas",
            "ja": "保護者の夕べ：アプリ・ゲーム・スクリーンタイム",
            "zh-hans": "家长之夜：应用、游戏与屏幕时间",
            "hi": "अभिभावक संध्या: ऐप, गेम और स्क्रीन टाइम",
            "ar": "أمسية أولياء الأمور: التطبيقات والألعاب ووقت الشاشة",
            "sw": "Jioni ya wazazi: programu, michezo na skrini",
        },
    ),
    (
        "teacher-webinar",
        15,
        1,
        EventFormat.ONLINE,
        ["teachers"],
        ["13-15", "16-18"],
        {
            "en": "Webinar for teachers: talking about scams",
            "fr": "Webinaire enseignants : parler des arnaques",
            "de": "Webinar für Lehrkräfte: Über Betrug sprechen",
            "es": "Webinario docente: hablar de estafas",
            "pt": "Webinar para professores: falar de golpes",
            "ja": "教員向けウェビナー：詐欺について話そう",
            "zh-hans": "教师网络研讨会：谈谈网络诈骗",
            "hi": "शिक्षकों के लिए वेबिनार: धोखाधड़ी पर बात",
            "ar": "ندوة عبر الإنترنت للمعلمين: الحديث عن الاحتيال",
            "sw": "Semina ya mtandaoni kwa walimu: ulaghai",
        },
    ),
]


def _calendar(parent, slug_en: str, titles: dict[str, str] | None = None) -> EventCalendarPage:
    """A region's "Events" (translated slugs), or the global calendar with ``titles``."""
    translations = {
        code: {"title": titles[code] if titles else title, "slug": slug_en if titles else slug}
        for code, (title, slug) in CALENDAR_TITLES.items()
    }
    translations["en"] = {"title": titles["en"] if titles else "Events", "slug": slug_en}
    return upsert_child(parent, EventCalendarPage, slug_en, translations, show_in_menus=True)


def _event(calendar, slug, titles, language, **fields):
    translations = {"en": {"title": titles["en"], "slug": slug, "description": fields.pop("description_en")}}
    if language != "en":
        translations[language] = {"title": titles[language], "description": fields.pop("description_local")}
    else:
        fields.pop("description_local")
    existing = EventPage.objects.child_of(calendar).filter(slug=slug).first()
    if existing is not None:
        # Keep the demo idempotent without bumping SEQUENCE on every reload.
        return existing
    return upsert_child(calendar, EventPage, slug, translations, **fields)


def load(demo):
    day = campaign_date(YEAR)
    edition = Edition.objects.filter(year=YEAR).first()
    _calendar(demo.home, "calendar", GLOBAL_CALENDAR_TITLES)
    total = 0
    for code, places in PLACES.items():
        region = demo.regions.get(code)
        if region is None:
            continue
        calendar = _calendar(region, "events")
        ensure_region_workflow(region, calendar, "events")
        for index, (city, country, zone_name, language) in enumerate(places):
            zone = zoneinfo.ZoneInfo(zone_name)
            for kind_index, (slug_part, hour, hours, event_format, audience, ages, titles) in enumerate(KINDS):
                offset_days = 0 if (index + kind_index) % 4 else (kind_index - 1)  # most on the day itself
                date = day + datetime.timedelta(days=offset_days)
                start = datetime.datetime.combine(date, datetime.time(hour), tzinfo=zone)
                status = EventStatus.SCHEDULED
                if index == 1 and kind_index == 2:
                    status = EventStatus.CANCELLED
                elif index == 2 and kind_index == 1:
                    status = EventStatus.POSTPONED
                _event(
                    calendar,
                    f"{slug_part}-{country.lower()}",
                    titles,
                    language,
                    description_en=f"{titles['en']} in {city}, for Safer Internet Day {YEAR}.",
                    description_local=f"{titles[language]} — {city}",
                    start=start,
                    end=start + datetime.timedelta(hours=hours),
                    time_zone=zone_name,
                    format=event_format,
                    venue="" if event_format == EventFormat.ONLINE else f"{city} community centre",
                    address="" if event_format == EventFormat.ONLINE else f"{city}",
                    country=country,
                    organiser=f"{city} Safer Internet Centre",
                    audience=audience,
                    age_bands=ages,
                    languages=[language] if language == "en" else [language, "en"],
                    edition=edition,
                    status=status,
                    registration_url="https://example.org/register" if event_format != EventFormat.IN_PERSON else "",
                )
                total += 1
        # One all-day, multi-day festival per region.
        city, country, zone_name, language = places[0]
        zone = zoneinfo.ZoneInfo(zone_name)
        _event(
            calendar,
            f"festival-{country.lower()}",
            {"en": f"Safer Internet festival in {city}", language: f"Festival · {city}"},
            language,
            description_en="Three days of workshops, games and talks for all ages.",
            description_local=f"Festival · {city}",
            start=datetime.datetime.combine(day - datetime.timedelta(days=1), datetime.time(), tzinfo=zone),
            end=datetime.datetime.combine(day + datetime.timedelta(days=2), datetime.time(), tzinfo=zone),
            all_day=True,
            time_zone=zone_name,
            format=EventFormat.IN_PERSON,
            venue=f"{city} city library",
            address=city,
            country=country,
            organiser=f"{city} Safer Internet Centre",
            audience=["everyone"],
            age_bands=[],
            languages=[language],
            edition=edition,
            status=EventStatus.SCHEDULED,
            registration_url="",
        )
        total += 1
    demo.say(f"Events: {total} across {len(PLACES)} regions")
