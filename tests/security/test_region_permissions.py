"""Region-scoped permissions beyond the page editor (tests/foundation/test_permissions.py).

For every region's coordinator and moderator against another region: admin bulk actions
on pages, document and image collections (edit, delete, choosers, listings) and workflow
tasks (approve or reject another region's page under review). Inside their own region the
same requests succeed, so a failure to act is the permission, not a broken request.
"""

from __future__ import annotations

import io

from django.core.files.images import ImageFile
from django.db import transaction
from django.test import TestCase
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from campaign.moderation.workflows import ensure_region_workflow, start_moderation
from tests.factories import PASSWORD, StandardPageFactory, build_site_tree
from tests.library.factories import document

REGIONS = ("eu", "latam", "apac")
ROLES = ("coordinator", "moderator")


def picture(title, collection):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "blue").save(buffer, "PNG")
    item = get_image_model()(title=title, collection=collection)
    item.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"{title}.png")
    item.save()
    return item


class RegionMediaAndBulkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.documents, cls.images, cls.pages = {}, {}, {}
        for code in REGIONS:
            collection = cls.tree.groups[code].collection
            doc = document(f"{code} handout", f"{code} handout".encode())
            doc.collection = collection
            doc.save()
            cls.documents[code] = doc
            cls.images[code] = picture(f"{code}-poster", collection)
            cls.pages[code] = StandardPageFactory(parent=cls.tree.regions[code], title=f"{code} bulk", slug="bulk")

    def login(self, username):
        self.client.force_login(self.tree.users[username])

    #: Documents and images are scoped alike: kind -> (URL namespace, model getter).
    MEDIA = {"document": ("wagtaildocs", get_document_model), "image": ("wagtailimages", get_image_model)}

    def attempt_on_media(self, verb, kind, code):
        """True when editing, deleting, choosing or listing ``code``'s document or image worked."""
        namespace, get_model = self.MEDIA[kind]
        item = (self.documents if kind == "document" else self.images)[code]
        if verb == "edit":
            self.client.post(
                reverse(f"{namespace}:edit", args=(item.pk,)), {"title": "Renamed", "collection": item.collection_id}
            )
            return get_model().objects.get(pk=item.pk).title == "Renamed"
        if verb == "delete":
            self.client.post(reverse(f"{namespace}:delete", args=(item.pk,)))
            return not get_model().objects.filter(pk=item.pk).exists()
        url = {"choose": f"{namespace}_chooser:choose", "list": f"{namespace}:index"}[verb]
        response = self.client.get(reverse(url))
        return response.status_code == 200 and item.title in response.content.decode()

    def attempt(self, action, code):
        """True when the action took effect (rolled back afterwards)."""
        page = self.pages[code]
        with transaction.atomic():
            verb, noun = action.split(" ", 1)
            if noun.rstrip("s") in self.MEDIA:
                done = self.attempt_on_media(verb, noun.rstrip("s"), code)
            elif action == "bulk unpublish":
                url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "unpublish"))
                self.client.post(f"{url}?id={page.pk}", {})
                done = not Page.objects.get(pk=page.pk).live
            elif action == "bulk delete":
                url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
                self.client.post(f"{url}?id={page.pk}", {})
                done = not Page.objects.filter(pk=page.pk).exists()
            elif action == "bulk move":
                url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "move"))
                self.client.post(f"{url}?id={page.pk}", {"chooser": self.tree.pages[code].pk})
                done = Page.objects.get(pk=page.pk).get_parent().pk == self.tree.pages[code].pk
            elif action == "page chooser":
                response = self.client.get(
                    reverse("wagtailadmin_choose_page_child", args=(self.tree.regions[code].pk,))
                )
                done = response.status_code == 200 and page.title in response.content.decode()
            else:
                raise AssertionError(action)
            transaction.set_rollback(True)
        return done

    # What each role may do in its own region; elsewhere, nothing.
    OWN = {
        "coordinator": {
            "edit document", "delete document", "choose document", "list documents", "edit image", "delete image",
            "choose image", "bulk unpublish", "bulk delete", "bulk move", "page chooser",
        },
        # Moderators moderate: no bulk action on pages outside their queue.
        "moderator": {"choose document", "choose image", "page chooser"},
    }  # fmt: skip
    ACTIONS = sorted(OWN["coordinator"])
    # Choosers for linking may browse the page tree outside the region (Wagtail shows pages
    # one can link to, read-only); only acting on them is scoped. See test below.
    NOT_SCOPED = {"page chooser"}

    def test_matrix(self):
        for own in REGIONS:
            for role in ROLES:
                self.login(f"{own}-{role}")
                for target in REGIONS:
                    for action in self.ACTIONS:
                        if action in self.NOT_SCOPED and target != own:
                            continue
                        expected = target == own and action in self.OWN[role]
                        with self.subTest(user=f"{own}-{role}", target=target, action=action):
                            self.assertEqual(self.attempt(action, target), expected)

    def test_anonymous_gets_nothing(self):
        self.client.logout()
        for action in self.ACTIONS:
            with self.subTest(action=action):
                self.assertFalse(self.attempt(action, "eu"))


class PageChooserTests(TestCase):
    """Choosers list published pages anywhere, drafts only in the user's own region."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        for code in REGIONS:
            StandardPageFactory(parent=cls.tree.regions[code], title=f"{code} draft zebra", slug="draft", live=False)

    def chooser_pages(self, username, code):
        self.client.force_login(self.tree.users[username])
        browse = self.client.get(reverse("wagtailadmin_choose_page_child", args=(self.tree.regions[code].pk,)))
        search = self.client.get(reverse("wagtailadmin_choose_page_search"), {"q": "zebra"})
        return browse.content.decode() + search.content.decode()

    def test_drafts_of_another_region_are_not_offered(self):
        for own in REGIONS:
            for role in ROLES:
                for target in REGIONS:
                    with self.subTest(user=f"{own}-{role}", target=target):
                        html = self.chooser_pages(f"{own}-{role}", target)
                        # Drafts are offered to those who edit the region's pages; moderators
                        # hold no page permission (they moderate through their queue).
                        expected = own == target and role == "coordinator"
                        self.assertEqual(f"{target} draft zebra" in html, expected)
                        # Published pages of every region stay available for links.
                        self.assertIn(self.tree.pages[target].title, html)

    def test_administrators_see_every_draft(self):
        html = self.chooser_pages("admin", "latam")
        self.assertIn("latam draft zebra", html)


class RegionWorkflowTaskTests(TestCase):
    """A moderator acts on their region's workflow tasks only, whatever URL they use."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.pages = {}
        for code in REGIONS:
            section = StandardPageFactory(parent=cls.tree.regions[code], title=f"{code} section", slug="section")
            ensure_region_workflow(cls.tree.regions[code], section, "pages")
            page = StandardPageFactory(parent=section, title=f"{code} under review", slug="review", live=False)
            start_moderation(page)
            cls.pages[code] = page

    def act(self, code, action):
        page = Page.objects.get(pk=self.pages[code].pk)
        state = page.current_workflow_state.current_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk))
        with transaction.atomic():
            self.client.post(url, {"comment": "from another region"})
            state.refresh_from_db()
            done = state.status != "in_progress"
            transaction.set_rollback(True)
        return done

    def test_moderators_approve_and_reject_in_their_region_only(self):
        for own in REGIONS:
            for role in ROLES:
                self.client.login(username=f"{own}-{role}", password=PASSWORD)
                for target in REGIONS:
                    for action in ("approve", "reject"):
                        expected = role == "moderator" and target == own
                        with self.subTest(user=f"{own}-{role}", target=target, action=action):
                            self.assertEqual(self.act(target, action), expected)

    def test_after_a_decision_the_moderator_lands_where_they_may_go(self):
        """Wagtail leaves a workflow action for the page's edit view, which a moderator may no
        longer open once the page has left their task: they land on their dashboard (with the
        decision's message) instead of a refusal, by the dialog's JSON and by a plain form."""
        self.client.login(username="eu-moderator", password=PASSWORD)
        for action, ajax in (("approve", True), ("reject", False)):
            with self.subTest(action=action), transaction.atomic():
                page = Page.objects.get(pk=self.pages["eu"].pk)
                state = page.current_workflow_state.current_task_state
                url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk))
                headers = {"x-requested-with": "XMLHttpRequest"} if ajax else {}
                response = self.client.post(url, {"comment": "done"}, headers=headers)
                target = response.json()["redirect"] if ajax else response["Location"]
                self.assertNotEqual(target, reverse("wagtailadmin_pages:edit", args=(page.pk,)))
                landing = self.client.get(target)
                self.assertEqual(landing.status_code, 200)
                transaction.set_rollback(True)

    def test_after_a_decision_a_coordinator_who_may_edit_stays_on_the_page(self):
        self.client.login(username="admin", password=PASSWORD)
        with transaction.atomic():
            page = Page.objects.get(pk=self.pages["eu"].pk)
            state = page.current_workflow_state.current_task_state
            url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "reject", state.pk))
            response = self.client.post(url, {"comment": "again"}, headers={"x-requested-with": "XMLHttpRequest"})
            self.assertEqual(response.json()["redirect"], reverse("wagtailadmin_pages:edit", args=(page.pk,)))
            transaction.set_rollback(True)

    def test_moderation_dashboard_lists_only_own_region(self):
        for own in REGIONS:
            self.client.login(username=f"{own}-moderator", password=PASSWORD)
            html = self.client.get(reverse("wagtailadmin_home")).content.decode()
            for target in REGIONS:
                with self.subTest(moderator=own, page=target):
                    self.assertEqual(f"{target} under review" in html, target == own)

    def test_admin_reports_show_only_own_region(self):
        reports = ("/admin/reports/workflow/", "/admin/reports/workflow_tasks/", "/admin/reports/site-history/")
        for own in REGIONS:
            for role in ROLES:
                self.client.login(username=f"{own}-{role}", password=PASSWORD)
                for url in reports:
                    html = self.client.get(url).content.decode()
                    for target in REGIONS:
                        if target == own:
                            continue
                        with self.subTest(user=f"{own}-{role}", report=url, target=target):
                            self.assertNotIn(f"{target} under review", html)
        # The reports do list these pages: an administrator sees every region's.
        self.client.login(username="admin", password=PASSWORD)
        html = self.client.get(reports[0]).content.decode()
        for target in REGIONS:
            self.assertIn(f"{target} under review", html)
