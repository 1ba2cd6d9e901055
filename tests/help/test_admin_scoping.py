"""Region scoping of the help directory in the Wagtail admin, tested as a matrix.

Regions in the test tree: eu (BE, FR, DE), latam (MX, BR), apac (JP, SG).
"""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from campaign.helplines.models import CountryHelp
from tests.factories import build_site_tree

from .factories import CountryHelpFactory, HelplineFactory

ENTRY_COUNTRIES = ("FR", "MX", "JP")
# user → countries (of ENTRY_COUNTRIES) they may edit
ALLOWED = {
    "eu-coordinator": {"FR"},
    "latam-coordinator": {"MX"},
    "apac-coordinator": {"JP"},
    "eu-moderator": set(),
    "latam-moderator": set(),
    "admin": {"FR", "MX", "JP"},
}
MATRIX = [(user, country) for user in ALLOWED for country in ENTRY_COUNTRIES]


def edit_data(entry, **overrides):
    values = {
        "country": entry.country.code,
        "emergency_number": entry.emergency_number,
        "centre_url": "",
        "centre_name_en": "Centre",
        "notes_en": "",
        "last_verified": "",
        "helplines": inline_formset([]),
        "hotlines": inline_formset([]),
    }
    values.update(overrides)
    return nested_form_data(values)


def url(name, *args):
    return reverse(f"wagtailsnippets_helplines_countryhelp:{name}", args=args)


class RegionScopingMatrix(TestCase):
    """Every role against every region's entry: list, edit (GET and POST), delete, create."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()

    def setUp(self):
        self.entries = {}
        for code in ENTRY_COUNTRIES:
            entry = CountryHelpFactory(country=code, emergency_number="112")
            HelplineFactory(entry=entry, name=f"Line {code}", phone="116 111")
            self.entries[code] = entry

    def login(self, username):
        self.client.force_login(self.tree.users[username])

    def test_listing_shows_only_own_region(self):
        for username, country in MATRIX:
            with self.subTest(user=username, country=country):
                self.login(username)
                response = self.client.get(url("list"))
                if ALLOWED[username]:
                    self.assertEqual(response.status_code, 200)
                    listed = url("edit", self.entries[country].pk) in response.content.decode()
                    self.assertEqual(listed, country in ALLOWED[username])
                else:  # moderators have no help directory at all
                    self.assertIn(response.status_code, (302, 403))

    def test_edit_only_own_region(self):
        for username, country in MATRIX:
            with self.subTest(user=username, country=country):
                self.login(username)
                entry = self.entries[country]
                allowed = country in ALLOWED[username]
                response = self.client.get(url("edit", entry.pk))
                if allowed:
                    self.assertEqual(response.status_code, 200)
                else:
                    self.assertIn(response.status_code, (302, 403, 404))
                self.client.post(url("edit", entry.pk), edit_data(entry, emergency_number="999"))
                entry.refresh_from_db()
                self.assertEqual(entry.emergency_number == "999", allowed)
                entry.emergency_number = "112"
                entry.save()

    def test_delete_only_own_region(self):
        for username, country in MATRIX:
            with self.subTest(user=username, country=country):
                self.login(username)
                entry = self.entries[country]
                self.client.post(url("delete", entry.pk))
                deleted = not CountryHelp.objects.filter(pk=entry.pk).exists()
                self.assertEqual(deleted, country in ALLOWED[username])
                if deleted:
                    self.entries[country] = CountryHelpFactory(country=country, emergency_number="112")

    def test_create_only_for_own_region(self):
        own = {"eu-coordinator": "BE", "latam-coordinator": "BR", "apac-coordinator": "SG"}
        for username in ALLOWED:
            for country in ("BE", "BR", "SG"):
                with self.subTest(user=username, country=country):
                    self.login(username)
                    allowed = username == "admin" or own.get(username) == country
                    response = self.client.post(
                        url("add"), edit_data(CountryHelp(country=country, emergency_number="112"))
                    )
                    self.assertEqual(CountryHelp.objects.filter(country=country).exists(), allowed)
                    if not allowed and response.status_code == 200:
                        self.assertIn("Select a valid choice", response.content.decode())
                    CountryHelp.objects.filter(country=country).delete()

    def test_country_choices_are_the_users_region(self):
        self.login("latam-coordinator")
        html = self.client.get(url("add")).content.decode()
        self.assertIn('value="MX"', html)
        self.assertIn('value="BR"', html)
        self.assertNotIn('value="FR"', html)
        self.assertNotIn('value="JP"', html)

    def test_menu_item_for_coordinators_not_moderators(self):
        self.login("eu-coordinator")
        self.assertIn(url("list"), self.client.get("/admin/").content.decode())
        self.login("eu-moderator")
        self.assertNotIn(url("list"), self.client.get("/admin/").content.decode())

    def test_demo_flag_is_visible_in_the_admin(self):
        self.entries["FR"].is_demo_data = True
        self.entries["FR"].save()
        self.login("admin")
        html = self.client.get(url("list")).content.decode()
        self.assertIn("Demo data: verify before launch", html)
        html = self.client.get(url("edit", self.entries["FR"].pk)).content.decode()
        field = html[html.index('name="is_demo_data"') - 300 :][:600]
        self.assertIn("checked", field)

    def test_demo_entries_carry_a_warning_in_listing_and_edit_view(self):
        self.entries["FR"].is_demo_data = True
        self.entries["FR"].save()
        self.entries["MX"].is_demo_data = True
        self.entries["MX"].save()
        # The listing counts the demo entries this user can see (their region's only).
        self.login("eu-coordinator")
        html = self.client.get(url("list")).content.decode()
        self.assertIn("data-demo-data-notice", html)
        self.assertIn("1 entry is demo data: check its numbers and addresses with the service before launch.", html)
        self.assertIn("?is_demo_data=true", html)
        self.login("admin")
        html = self.client.get(url("list")).content.decode()
        self.assertIn("2 entries are demo data", html)
        # The edit view of a demo entry says what to do; a verified entry shows no notice.
        html = self.client.get(url("edit", self.entries["FR"].pk)).content.decode()
        self.assertIn("data-demo-data-notice", html)
        self.assertIn("Demo data: not verified.", html)
        html = self.client.get(url("edit", self.entries["JP"].pk)).content.decode()
        self.assertNotIn("data-demo-data-notice", html)
        self.login("apac-coordinator")
        html = self.client.get(url("list")).content.decode()
        self.assertNotIn("data-demo-data-notice", html)

    def test_bad_phone_is_a_clear_error_not_a_500(self):
        self.login("eu-coordinator")
        entry = self.entries["FR"]
        response = self.client.post(url("edit", entry.pk), edit_data(entry, emergency_number="call me maybe"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Enter a number as people dial it", response.content.decode())
        entry.refresh_from_db()
        self.assertEqual(entry.emergency_number, "112")
