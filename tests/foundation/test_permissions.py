"""Region-scoped permissions, tested as a matrix through the Wagtail admin.

Every (user, action, target region) combination is attempted over HTTP. Outside their
region nothing succeeds for coordinators or moderators; inside, exactly what their role
allows does. Anonymous visitors get none of it. Each attempt runs in a savepoint that is
rolled back, so attempts cannot affect each other.
"""

from django.db import transaction
from django.test import TestCase
from django.urls import reverse
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

from sitecontent.models import StandardPage
from tests.factories import PASSWORD, StandardPageFactory, build_site_tree
from translations.core.languages import LANGUAGE_CODES

REGIONS = ("eu", "latam", "apac")


def page_form(**fields):
    """POST data for a StandardPage admin form: translated fields carry a language suffix.

    The title is given in every language, so it is filled in whichever source language the
    region writes in (translations.core.source); the rest in English.
    """
    data = {f"{build_localized_fieldname('body', code)}-count": "0" for code in LANGUAGE_CODES}
    for name, value in fields.items():
        if name == "title":
            data.update({build_localized_fieldname(name, code): value for code in LANGUAGE_CODES})
        else:
            data[build_localized_fieldname(name, "en") if name in {"slug", "intro"} else name] = value
    return data


# What each role may do inside its own region (sitecontent.regions).
ALLOWED_IN_OWN_REGION = {
    "coordinator": {"add", "edit", "publish", "unpublish", "delete", "move", "copy", "preview", "history", "compare"},
    # Moderators moderate (their workflow task, sitecontent.policy): on a page that is not in
    # their queue they can do nothing, not even unpublish or read its revisions.
    "moderator": set(),
}
ACTIONS = ("add", "edit", "publish", "unpublish", "delete", "move", "copy", "preview", "history", "compare")


class RegionPermissionMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.targets = {}
        for code in REGIONS:
            page = StandardPage.objects.get(pk=cls.tree.pages[code].pk)
            page.intro = "first"
            page.save_revision().publish()
            page.intro = "second"
            page.save_revision().publish()
            sibling = StandardPageFactory(parent=cls.tree.regions[code], title="Move here", slug="move-here")
            cls.targets[code] = (page.pk, sibling.pk)

    # -- one attempt per action; each returns True when the action took effect -----------
    def _ok_get(self, url):
        response = self.client.get(url)
        return response.status_code == 200

    def attempt(self, action, code):
        page_id, sibling_id = self.targets[code]
        page = Page.objects.get(pk=page_id)
        region = self.tree.regions[code]
        if action == "add":
            url = reverse("wagtailadmin_pages:add", args=("sitecontent", "standardpage", region.pk))
            self.client.post(url, page_form(title="Added", slug="added", intro="x"))
            return StandardPage.objects.child_of(region).filter(slug="added").exists()
        if action == "edit":
            return self._ok_get(reverse("wagtailadmin_pages:edit", args=(page_id,)))
        if action == "publish":
            url = reverse("wagtailadmin_pages:edit", args=(page_id,))
            self.client.post(
                url, page_form(title="Published title", slug=page.slug, intro="new", **{"action-publish": "1"})
            )
            return Page.objects.get(pk=page_id).title == "Published title"
        if action == "unpublish":
            self.client.post(reverse("wagtailadmin_pages:unpublish", args=(page_id,)))
            return not Page.objects.get(pk=page_id).live
        if action == "delete":
            self.client.post(reverse("wagtailadmin_pages:delete", args=(page_id,)))
            return not Page.objects.filter(pk=page_id).exists()
        if action == "move":
            self.client.post(reverse("wagtailadmin_pages:move_confirm", args=(page_id, sibling_id)))
            return Page.objects.get(pk=page_id).get_parent().pk == sibling_id
        if action == "copy":
            self.client.post(
                reverse("wagtailadmin_pages:copy", args=(page_id,)),
                # wagtail-modeltranslation translates the copy form's fields too.
                {
                    build_localized_fieldname("new_title", "en"): "Copied",
                    build_localized_fieldname("new_slug", "en"): "copied",
                    "new_parent_page": region.pk,
                },
            )
            return Page.objects.child_of(region).filter(slug="copied").exists()
        if action == "preview":
            url = reverse("wagtailadmin_pages:preview_on_edit", args=(page_id,))
            return self._ok_get(url) and b"<html" in self.client.get(url).content
        if action == "history":
            return self._ok_get(reverse("wagtailadmin_pages:history", args=(page_id,)))
        if action == "compare":
            return self._ok_get(reverse("wagtailadmin_pages:revisions_compare", args=(page_id, "earliest", "latest")))
        raise AssertionError(action)

    def attempt_and_roll_back(self, action, code):
        with transaction.atomic():
            result = self.attempt(action, code)
            transaction.set_rollback(True)
        return result

    def test_matrix(self):
        for own in REGIONS:
            for role in ("coordinator", "moderator"):
                self.client.login(username=f"{own}-{role}", password=PASSWORD)
                for target in REGIONS:
                    for action in ACTIONS:
                        expected = target == own and action in ALLOWED_IN_OWN_REGION[role]
                        with self.subTest(user=f"{own}-{role}", target=target, action=action):
                            self.assertEqual(self.attempt_and_roll_back(action, target), expected)
                self.client.logout()

    def test_anonymous_visitors_get_none_of_it(self):
        for action in ACTIONS:
            with self.subTest(action=action):
                self.assertFalse(self.attempt_and_roll_back(action, "eu"))

    def test_global_administrator_can_do_everything_everywhere(self):
        self.client.login(username="admin", password=PASSWORD)
        for target in REGIONS:
            for action in ACTIONS:
                with self.subTest(target=target, action=action):
                    self.assertTrue(self.attempt_and_roll_back(action, target))

    def test_explorer_shows_a_coordinator_only_their_region(self):
        self.client.login(username="eu-coordinator", password=PASSWORD)
        # The explorer opens at the closest page the user may act on: their region.
        response = self.client.get(reverse("wagtailadmin_explore_root"), follow=True)
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertIn("Europe", content)
        self.assertNotIn("Latin America", content)
        self.assertNotIn("Asia-Pacific", content)
