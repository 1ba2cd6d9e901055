"""The probes of issue 10, each by name: moderation cannot be skipped, regions cannot be crossed.

Every one of these succeeded on main before the one policy (sitecontent/policy.py): a
coordinator bulk-published a child's story still in review, a moderator unpublished a
region page and bulk-published a coordinator's draft, and bulk confirmations, the admin
API and the page types report named another region's unpublished items.
"""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from campaign.moderation.workflows import ensure_region_workflow, start_moderation
from campaign.stories.models import StoryPage
from tests.factories import StandardPageFactory, build_site_tree
from tests.library.factories import document
from tests.security.test_region_permissions import picture
from tests.stories.factories import add_story_sections

CHILD = "Qzchild"


def make_story(section, title=f"{CHILD} story", slug="probe-story"):
    story = StoryPage(
        title=title,
        slug=slug,
        pen_name="Quiet Owl",
        age_band="16_17",
        country="BE",
        language="en",
        body=f"{CHILD}: call me on +32 470 12 34 56, 12 Long Street",
        live=False,
    )
    with translation.override("en"):
        section.add_child(instance=story)
        start_moderation(story)
    return story


def bulk_url(action, *pks, model=("wagtailcore", "page")):
    url = reverse("wagtail_bulk_action", args=(*model, action))
    return url + "?" + "&".join(f"id={pk}" for pk in pks)


class ModerationCannotBeSkippedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        translation.activate("en")
        cls.tree = build_site_tree()
        cls.sections = add_story_sections(cls.tree)
        cls.story_pk = make_story(cls.sections["eu"]).pk

    def story(self):
        return Page.objects.get(pk=self.story_pk).specific

    def test_coordinator_bulk_publish_of_a_story_in_review_is_refused(self):
        self.client.force_login(self.tree.users["eu-coordinator"])
        response = self.client.post(bulk_url("publish", self.story_pk), {})
        self.assertLess(response.status_code, 500)
        story = self.story()
        self.assertFalse(story.live)
        self.assertTrue(story.workflow_in_progress)

    def test_coordinator_cannot_publish_from_the_editor_or_open_the_childs_text(self):
        self.client.force_login(self.tree.users["eu-coordinator"])
        for url in (
            reverse("wagtailadmin_pages:edit", args=(self.story_pk,)),
            reverse("wagtailadmin_pages:view_draft", args=(self.story_pk,)),
            reverse("wagtailadmin_pages:revisions_index", args=(self.story_pk,)),
            reverse("wagtailadmin_pages:history", args=(self.story_pk,)),
            reverse("wagtailadmin_explore", args=(self.sections["eu"].pk,)),
            reverse("wagtailadmin_pages:search") + "?q=story",
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertNotIn(CHILD, response.content.decode())
        self.client.post(reverse("wagtailadmin_pages:edit", args=(self.story_pk,)), {"action-publish": "1"})
        self.assertFalse(self.story().live)

    def test_nobody_publishes_a_page_in_workflow_except_by_approval(self):
        admin = self.tree.users["admin"]
        self.assertFalse(self.story().permissions_for_user(admin).can_publish())
        self.client.force_login(admin)
        self.client.post(bulk_url("publish", self.story_pk), {})
        self.assertFalse(self.story().live)

    def test_the_regions_moderator_approves_and_the_story_goes_live(self):
        self.client.force_login(self.tree.users["eu-moderator"])
        story = self.story()
        state = story.current_workflow_state.current_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=(story.pk, "approve", state.pk))
        self.client.post(url, {"comment": ""})
        self.assertTrue(self.story().live)

    def test_another_regions_moderator_cannot_approve(self):
        self.client.force_login(self.tree.users["latam-moderator"])
        story = self.story()
        state = story.current_workflow_state.current_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=(story.pk, "approve", state.pk))
        response = self.client.post(url, {"comment": ""})
        self.assertEqual(response.status_code, 403, response.get("Location"))
        self.assertFalse(self.story().live)


class ModeratorsModerateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        translation.activate("en")
        cls.tree = build_site_tree()
        region = cls.tree.regions["eu"]
        cls.draft_pk = StandardPageFactory(parent=region, title="Coordinator draft", slug="c-draft", live=False).pk
        section = StandardPageFactory(parent=region, title="Reviewed section", slug="reviewed")
        ensure_region_workflow(region, section, "pages")

    def test_moderator_cannot_unpublish_the_region_page_or_its_pages(self):
        self.client.force_login(self.tree.users["eu-moderator"])
        region = self.tree.regions["eu"]
        self.client.post(reverse("wagtailadmin_pages:unpublish", args=(region.pk,)), {"include_descendants": "on"})
        self.client.post(bulk_url("unpublish", self.tree.pages["eu"].pk), {})
        self.assertTrue(Page.objects.get(pk=region.pk).live)
        self.assertTrue(Page.objects.get(pk=self.tree.pages["eu"].pk).live)

    def test_moderator_cannot_bulk_publish_a_coordinators_draft(self):
        self.client.force_login(self.tree.users["eu-moderator"])
        self.client.post(bulk_url("publish", self.draft_pk), {})
        self.assertFalse(Page.objects.get(pk=self.draft_pk).live)

    def test_moderator_cannot_move_or_delete(self):
        self.client.force_login(self.tree.users["eu-moderator"])
        page = self.tree.pages["eu"]
        self.client.post(bulk_url("delete", page.pk), {})
        self.client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)), {})
        self.assertTrue(Page.objects.filter(pk=page.pk).exists())

    def test_moderator_takes_down_a_live_story_of_their_region_only(self):
        sections = add_story_sections(self.tree)
        stories = {}
        for code in ("eu", "latam"):
            story = make_story(sections[code], slug=f"live-{code}")
            state = story.current_workflow_state.current_task_state
            state.task.specific.on_action(state, self.tree.users["admin"], "approve")
            stories[code] = Page.objects.get(pk=story.pk)
            self.assertTrue(stories[code].live)
        moderator = self.tree.users["eu-moderator"]
        self.assertTrue(stories["eu"].permissions_for_user(moderator).can_unpublish())
        self.assertFalse(stories["latam"].permissions_for_user(moderator).can_unpublish())
        self.assertFalse(stories["eu"].permissions_for_user(moderator).can_publish())


class RegionsCannotBeCrossedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        translation.activate("en")
        cls.tree = build_site_tree()
        cls.drafts, cls.images, cls.documents = {}, {}, {}
        for code in ("eu", "latam"):
            collection = cls.tree.groups[code].collection
            cls.drafts[code] = StandardPageFactory(
                parent=cls.tree.regions[code], title=f"Qz{code} draft title", slug="d", live=False
            ).pk
            cls.images[code] = picture(f"Qz{code} image", collection).pk
            doc = document(f"Qz{code} private document", b"x")
            doc.collection = collection
            doc.save()
            cls.documents[code] = doc.pk

    def setUp(self):
        self.client.force_login(self.tree.users["eu-coordinator"])

    def test_bulk_confirmation_does_not_name_another_regions_items(self):
        for action in ("publish", "unpublish", "delete", "move"):
            with self.subTest(action=action):
                response = self.client.get(bulk_url(action, self.drafts["latam"]))
                self.assertLess(response.status_code, 500)
                self.assertNotIn("Qzlatam", response.content.decode())
        for model, pk in ((("wagtailimages", "image"), self.images), (("wagtaildocs", "document"), self.documents)):
            response = self.client.get(bulk_url("delete", pk["latam"], model=model))
            self.assertNotIn("Qzlatam", response.content.decode())

    def test_admin_api_lists_own_region_files_only(self):
        for endpoint in ("images", "documents"):
            with self.subTest(endpoint=endpoint):
                response = self.client.get(f"/admin/api/main/{endpoint}/")
                self.assertEqual(response.status_code, 200, response.content[:300])
                body = response.content.decode()
                self.assertIn("Qzeu", body)
                self.assertNotIn("Qzlatam", body)
                other = self.images["latam"] if endpoint == "images" else self.documents["latam"]
                self.assertEqual(self.client.get(f"/admin/api/main/{endpoint}/{other}/").status_code, 403)

    def test_page_types_report_names_only_explorable_pages(self):
        body = self.client.get(reverse("wagtailadmin_reports:page_types_usage")).content.decode()
        self.assertNotIn("Qzlatam", body)
        self.assertNotIn(str(self.tree.regions["latam"].title), body)

    def test_page_chooser_refuses_another_regions_draft_as_parent(self):
        response = self.client.get(reverse("wagtailadmin_choose_page_child", args=(self.drafts["latam"],)))
        self.assertEqual(response.status_code, 403)
        self.assertNotIn("Qzlatam", response.content.decode())
