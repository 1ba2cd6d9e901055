"""Forms a coordinator fills: an event's time zone follows its country; one age scheme.

Through the real admin create view of an event, posted as the form a browser sends.
"""

from __future__ import annotations

import importlib

from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from campaign.events.models import EventCalendarPage, EventPage
from campaign.events.submissions.forms import EventSubmissionForm
from campaign.events.timing import country_time_zones
from sitecontent.library.vocabulary import AGE_BANDS
from sitecontent.models import GuidePage, ResourcePage
from tests.factories import build_site_tree
from tests.translation_workflow.test_source_language import errors, form_data


class EventTimeZoneTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.calendars = {}
        for code in ("apac", "latam"):
            with translation.override("en"):
                calendar = EventCalendarPage(title="Calendar", slug="calendar")
                cls.tree.regions[code].add_child(instance=calendar)
            cls.calendars[code] = calendar

    def create(self, code, **fields):
        self.client.force_login(self.tree.users[f"{code}-coordinator"])
        url = reverse("wagtailadmin_pages:add", args=("events", "eventpage", self.calendars[code].pk))
        data = form_data(self.client.get(url).content.decode(), EventPage)
        source = self.tree.regions[code].source_language
        data.update(
            {
                f"title_{source}": fields.pop("title"),
                "local_start": "2027-02-09 10:00",
                "local_end": "2027-02-09 12:00",
                "action-publish": "action-publish",
            }
        )
        data.update(fields)
        return self.client.post(url, data)

    def test_a_one_zone_country_gives_the_event_its_zone(self):
        # The Asia-Pacific form starts on Tokyo time; the event is in Singapore.
        response = self.create("apac", title="Workshop in Singapore", country="SG")
        self.assertEqual(response.status_code, 302, errors(response))
        event = EventPage.objects.get(title_en="Workshop in Singapore")
        self.assertEqual(event.time_zone, "Asia/Singapore")
        self.assertEqual(event.start.isoformat(), "2027-02-09T02:00:00+00:00")  # 10:00 in Singapore

    def test_a_country_with_several_zones_asks_for_one(self):
        response = self.create("latam", title="Taller en Manaos", country="BR")
        self.assertEqual(response.status_code, 200)
        self.assertIn("time_zone", response.context["form"].errors)
        self.assertIn("Brazil has several time zones", str(response.context["form"].errors["time_zone"]))
        response = self.create("latam", title="Taller en Manaos", country="BR", time_zone="America/Manaus")
        self.assertEqual(response.status_code, 302, errors(response))
        self.assertEqual(EventPage.objects.get(title_es="Taller en Manaos").time_zone, "America/Manaus")

    def test_the_region_zone_stays_when_it_is_the_countrys(self):
        response = self.create("latam", title="Taller en Monterrey", country="MX")
        self.assertEqual(response.status_code, 302, errors(response))
        self.assertEqual(EventPage.objects.get(title_es="Taller en Monterrey").time_zone, "America/Mexico_City")


def test_country_time_zones_come_from_the_tz_database():
    assert country_time_zones("EG") == ("Africa/Cairo",)
    assert country_time_zones("jp") == ("Asia/Tokyo",)
    assert "America/Sao_Paulo" in country_time_zones("BR") and len(country_time_zones("BR")) > 1
    assert country_time_zones("") == () and country_time_zones("XX") == ()


def test_one_age_scheme_for_library_items_guides_events_and_partner_submissions():
    schemes = {
        "resource": ResourcePage._meta.get_field("age_bands").list_choices,
        "guide": GuidePage._meta.get_field("age_bands").list_choices,
        "event": EventPage._meta.get_field("age_bands").list_choices,
        "submission": list(EventSubmissionForm.base_fields["age_bands"].choices),
    }
    for name, choices in schemes.items():
        assert [code for code, _label in choices] == [code for code, _label in AGE_BANDS], name


def test_old_event_bands_map_to_the_shared_ones():
    migration = importlib.import_module("campaign.events.migrations.0003_one_age_scheme")
    assert migration.shared_bands(["7-11"]) == ["5-8", "9-12"]
    assert migration.shared_bands(["0-6", "12-15", "adults"]) == ["0-4", "5-8", "9-12", "13-15", "adults"]
    assert migration.shared_bands(["9-12"]) == ["9-12"]  # already shared
    assert migration.ORDER == [code for code, _label in AGE_BANDS]
