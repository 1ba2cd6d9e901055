"""The "Around the world" map (campaign.reach): its figures are the calendar's own per-country
counts, in every language; its SVG is well formed and every shaded country is a named link."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from campaign.editions.models import Edition
from campaign.events.models import EventStatus
from sid import purging
from tests import replay
from translations.core.languages import LANGUAGE_CODES

from .factories import local, make_event

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def edition_events(calendars, frozen_now):
    """Built once per test process, then replayed (tests/replay.py)."""
    return replay.built("world_map_events", lambda: _edition_events(calendars))


def _edition_events(calendars):
    eu, apac = calendars.calendars["eu"], calendars.calendars["apac"]
    old = Edition.objects.create(year=2026, theme="Earlier")
    new = calendars.edition
    spread = {"BE": 3, "DE": 1, "FR": 2, "JP": 2, "": 1}
    for code, total in spread.items():
        calendar = apac if code == "JP" else eu
        for index in range(total):
            make_event(
                calendar,
                title=f"{code or 'Online'} {index}",
                start=local(2027, 2, 9, 9 + index),
                end=local(2027, 2, 9, 10 + index),
                country=code,
                edition=new,
            )
    # Not counted for 2027: another edition, a cancelled event, a draft.
    make_event(
        eu, title="Last year", start=local(2026, 2, 10, 9), end=local(2026, 2, 10, 10), country="IT", edition=old
    )
    make_event(eu, title="Called off", country="FR", edition=new, status=EventStatus.CANCELLED)
    make_event(eu, title="Draft", country="ES", edition=new, publish=False)
    return calendars


def _calendar_counts(html: str) -> dict[str, int]:
    table = html.split('class="country-summary"')[1].split("</table>")[0]
    counts = {}
    for row in re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", table, re.S):
        code = re.search(r"\?country=([A-Z]{2})", row)
        counts[code.group(1) if code else ""] = int(re.findall(r"<td>(\d+)</td>", row)[0])
    return counts


def _map_counts(html: str) -> dict[str, int]:
    return {code: int(total) for code, total in re.findall(r'data-country="([A-Z]*)">(\d+)<', html)}


def _svg(html: str) -> ET.Element:
    return ET.fromstring(re.search(r"<svg.*?</svg>", html, re.S).group(0))  # noqa: S314 (our own page)


@pytest.mark.parametrize("calendar", ["calendar", "europe/events"])
def test_map_figures_are_the_calendars_per_country_counts(client, edition_events, calendar):
    for language in ("en", "fr", "ar", "ja", "sw"):
        calendar_html = client.get(f"/{language}/{calendar}/countries/?edition=2027").content.decode()
        response = client.get(f"/{language}/{calendar}/map/?edition=2027")
        assert response.status_code == 200
        html = response.content.decode()
        expected = _calendar_counts(calendar_html)
        assert _map_counts(html) == expected, language
        assert expected.get("BE") == 3 and "IT" not in expected and "ES" not in expected
        if calendar == "calendar":
            assert expected == {"BE": 3, "FR": 2, "JP": 2, "DE": 1, "": 1}
        else:
            assert "JP" not in expected  # another region's event
        # The shaded countries of the SVG say the same numbers, each a link to its events.
        shaded = {}
        for link in _svg(html).findall(f"{SVG}a"):
            code = re.search(r"country=([A-Z]{2})&edition=2027", link.get("href")).group(1)
            shaded[code] = int(re.search(r"\d+", link.get("aria-label")).group(0))
        assert shaded == {code: total for code, total in expected.items() if code}, language
        assert f'lang="{language}"' in html
        if language == "ar":
            assert 'dir="rtl"' in html


def test_the_svg_is_valid_and_accessible_in_every_language(client, edition_events):
    for language in LANGUAGE_CODES:
        html = client.get(f"/{language}/calendar/map/").content.decode()  # the current edition
        svg = _svg(html)
        assert svg.get("role") == "group"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and title.text.strip() and desc is not None and desc.text.strip()
        assert set(svg.get("aria-labelledby").split()) == {title.get("id"), desc.get("id")}
        links = svg.findall(f"{SVG}a")
        assert len(links) == 4
        for link in links:
            assert link.get("href") and link.get("aria-label")
            assert link.find(f"{SVG}title").text == link.get("aria-label")
            assert link.find(f"{SVG}path").get("d").startswith("M")
        background = svg.find(f"{SVG}path")
        assert background.get("aria-hidden") == "true" and len(background.get("d")) > 10_000
    # Country names in each language (CLDR), Swahili and Hindi included.
    names = {"ar": "فرنسا", "sw": "Ufaransa", "hi": "फ़्रांस", "zh-hans": "法国", "de": "Frankreich"}
    for language, name in names.items():
        html = client.get(f"/{language}/calendar/map/").content.decode()
        assert name in html, language


def test_edition_switch_and_help_links_without_javascript(client, edition_events):
    html = client.get("/en/calendar/map/?edition=2026").content.decode()
    assert _map_counts(html) == {"IT": 1}
    assert 'href="/en/calendar/map/?edition=2027"' in html and 'aria-current="page">2026<' in html
    assert 'href="/en/help/it/"' in html
    assert "<script" not in html.split('class="reach"')[1].split("</section>")[0]
    # A year with no edition falls back to the current one, never an error.
    assert _map_counts(client.get("/en/calendar/map/?edition=1999").content.decode())["BE"] == 3
    # A region's map is framed on its own countries.
    world = _svg(client.get("/en/calendar/map/").content.decode()).get("viewBox")
    region = _svg(client.get("/en/europe/events/map/").content.decode()).get("viewBox")
    assert world != region
    assert float(region.split()[2]) < float(world.split()[2])
    # Public (cached in front), and purged in every language with the calendar's other views.
    response = client.get("/en/calendar/map/")
    assert "public" in response["Cache-Control"] and "s-maxage" in response["Cache-Control"]
    event = edition_events.calendars["eu"].get_children().live().first().specific
    urls = purging.page_urls(event)
    for language in LANGUAGE_CODES:
        with translation.override(language):
            for calendar in (edition_events.calendars["eu"], edition_events.global_calendar):
                assert calendar.get_full_url() + "map/" in urls
