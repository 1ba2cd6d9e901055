"""In a real browser: the "Around the world" map passes axe in English and Arabic, at phone
width, and a shaded country is reached by keyboard and opens its events."""

import pytest
from django.utils import translation

from campaign.editions.models import Edition
from tests.events.factories import EventCalendarPageFactory, local, make_event
from tests.factories import build_site_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_options():
    return {"viewport": {"width": 390, "height": 844}}


@pytest.fixture
def tree(transactional_db):
    translation.activate("en")
    tree = build_site_tree()
    edition = Edition.objects.create(year=2027, theme="Together for a better internet")
    calendar = EventCalendarPageFactory(parent=tree.home, title="Calendar", slug="calendar")
    for index, code in enumerate(["BE", "BE", "FR", "MX", "JP"]):
        make_event(
            calendar,
            title=f"Event {index}",
            start=local(2027, 2, 9, 9),
            end=local(2027, 2, 9, 10),
            country=code,
            edition=edition,
        )
    translation.deactivate()
    return tree


def test_world_map_axe_in_english_and_arabic_at_phone_width(tree, browser_page, axe_check):
    page = browser_page
    for language in ("en", "ar"):
        page.goto(f"/{language}/calendar/map/")
        assert page.locator("svg.world-map a").count() == 4
        axe_check(page)
        # Nothing wider than the phone's screen but the table's own scroller.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto("/en/calendar/map/")
    link = page.locator('svg.world-map a[aria-label^="Belgium"]')
    link.focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Belgium: 2 events"
    page.keyboard.press("Enter")
    page.wait_for_url("**/calendar/?country=BE&edition=2027")
    assert page.locator("text=Event 0").count() >= 1
