import pytest
from django.utils import translation

from campaign.editions.models import Edition
from tests.factories import build_site_tree

from .factories import EventCalendarPageFactory


@pytest.fixture
def calendars(db):
    """The standard site tree, with a calendar in each region and a global one under the home."""
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
