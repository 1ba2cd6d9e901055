import datetime
from unittest import mock

import pytest
from django.utils import timezone, translation

from campaign.editions.models import Edition
from campaign.events.models import EventFormat, EventStatus
from tests import replay
from tests.factories import build_site_tree
from translations.core.tooling import set_translations

from .factories import EventCalendarPageFactory, local, make_event

NOW = datetime.datetime(2027, 1, 20, 12, tzinfo=datetime.UTC)


@pytest.fixture
def calendars(db):
    """The standard site tree, with a calendar in each region and a global one under the home."""
    return replay.built("calendars", _calendars)


def _calendars():
    tree = build_site_tree()
    tree.calendars = {
        code: EventCalendarPageFactory(parent=region, title="Events", slug="events")
        for code, region in tree.regions.items()
    }
    tree.global_calendar = EventCalendarPageFactory(parent=tree.home, title="Global calendar", slug="calendar")
    tree.edition = Edition.objects.create(year=2027, theme="Together for a better internet")
    return tree


@pytest.fixture(autouse=True)
def default_language():
    # A request in /ar/ leaves Arabic active in the thread; build_site_tree() then writes
    # the default-language columns empty. Start every test in the default language.
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def clear_cache():
    # Feed bodies and rate-limit counters live in the cache; tests must not share them.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen_now():
    with mock.patch.object(timezone, "now", return_value=NOW):
        yield


@pytest.fixture
def events(calendars, frozen_now):
    """Five events in Europe and Asia-Pacific (one draft), published at ``NOW`` (tests/replay.py)."""
    return replay.built("events", lambda: _events(calendars))


def _events(calendars):
    eu, apac = calendars.calendars["eu"], calendars.calendars["apac"]
    made = {
        "brussels": make_event(
            eu,
            title="Brussels workshop",
            start=local(2027, 2, 9, 10),
            end=local(2027, 2, 9, 12),
            country="BE",
            audience=["parents"],
            languages=["fr", "en"],
            format=EventFormat.IN_PERSON,
        ),
        "webinar": make_event(
            eu,
            title="Berlin webinar",
            start=local(2027, 2, 9, 18, zone="Europe/Berlin"),
            end=local(2027, 2, 9, 19, zone="Europe/Berlin"),
            time_zone="Europe/Berlin",
            country="DE",
            audience=["teachers"],
            languages=["de"],
            format=EventFormat.ONLINE,
        ),
        "cancelled": make_event(
            eu,
            title="Paris talk",
            start=local(2027, 2, 10, 10, zone="Europe/Paris"),
            end=local(2027, 2, 10, 11, zone="Europe/Paris"),
            time_zone="Europe/Paris",
            country="FR",
            status=EventStatus.CANCELLED,
        ),
        # 9 Feb 08:00 in Tokyo is 8 Feb 23:00 UTC: it belongs to the 9th where it happens.
        "tokyo": make_event(
            apac,
            title="Tokyo assembly",
            start=local(2027, 2, 9, 8, zone="Asia/Tokyo"),
            end=local(2027, 2, 9, 9, zone="Asia/Tokyo"),
            time_zone="Asia/Tokyo",
            country="JP",
        ),
    }
    set_translations(made["tokyo"], {"ja": {"title": "東京の全校集会"}, "ar": {"title": "تجمع طوكيو"}})
    made["tokyo"].save_revision().publish()
    make_event(eu, title="Hidden draft", publish=False, start=local(2027, 2, 9, 10), end=local(2027, 2, 9, 11))
    return made
