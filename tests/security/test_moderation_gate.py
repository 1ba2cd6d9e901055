"""An attacker's probes, each by name: moderation cannot be skipped, regions cannot be crossed.

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


class DisablingModerationPublishesNothingTests(TestCase):
    """An administrator disabling the moderation task (or workflow) cancels what waits in it:
    Wagtail then finished the workflow as passed, and the finish action published every
    story in review, unreviewed. Found by the generated admin matrix."""

    @classmethod
    def setUpTestData(cls):
        translation.activate("en")
        cls.tree = build_site_tree()
        cls.sections = add_story_sections(cls.tree)
        cls.story_pk = make_story(cls.sections["eu"]).pk

    def test_disabling_the_task_leaves_the_story_unpublished(self):
        story = Page.objects.get(pk=self.story_pk)
        task = story.current_workflow_state.current_task_state.task
        self.client.force_login(self.tree.users["admin"])
        with self.assertLogs("campaign.moderation.finish", "WARNING"):
            response = self.client.post(reverse("wagtailadmin_workflows:disable_task", args=(task.pk,)), {})
        self.assertLess(response.status_code, 400)
        story.refresh_from_db()
        self.assertFalse(story.live)
        self.assertFalse(task.specific_class.objects.get(pk=task.pk).active)

    def test_disabling_the_workflow_leaves_the_story_unpublished(self):
        story = Page.objects.get(pk=self.story_pk)
        workflow = story.current_workflow_state.workflow
        self.client.force_login(self.tree.users["admin"])
        self.client.post(reverse("wagtailadmin_workflows:disable", args=(workflow.pk,)), {})
        story.refresh_from_db()
        self.assertFalse(story.live)


class PrivateAndHiddenPagesTests(TestCase):
    """Another region's private page (a view restriction) and a live page below an
    unpublished section are not public: nobody outside the region reads their titles
    through the admin (move confirmation, chooser), as with drafts."""

    @classmethod
    def setUpTestData(cls):
        from wagtail.models import PageViewRestriction

        translation.activate("en")
        cls.tree = build_site_tree()
        guide = cls.tree.pages["latam"]
        private = StandardPageFactory(parent=guide, title="Qzlatam private", slug="private")
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")  # noqa: S106
        hidden = StandardPageFactory(parent=guide, title="Qzlatam hidden", slug="hidden", live=False)
        below = StandardPageFactory(parent=hidden, title="Qzlatam below", slug="below")
        cls.guide, cls.private, cls.below = guide.pk, private.pk, below.pk

    def setUp(self):
        self.client.force_login(self.tree.users["eu-coordinator"])

    def test_move_confirmation_and_chooser_refuse_them(self):
        destination = self.tree.regions["eu"].pk
        for pk in (self.private, self.below):
            for url in (
                reverse("wagtailadmin_pages:move_confirm", args=(pk, destination)),
                reverse("wagtailadmin_choose_page_child", args=(pk,)),
                reverse("wagtailadmin_pages:edit", args=(pk,)),
            ):
                with self.subTest(url=url):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 403)
                    self.assertNotIn("Qzlatam", response.content.decode())

    def test_the_chooser_lists_their_public_parent_without_them(self):
        response = self.client.get(reverse("wagtailadmin_choose_page_child", args=(self.guide,)))
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Qzlatam", response.content.decode())
        self.assertIn(str(self.tree.pages["latam"].title), response.content.decode())

    def test_their_own_coordinator_still_opens_them(self):
        self.client.force_login(self.tree.users["latam-coordinator"])
        for pk in (self.private, self.below):
            self.assertEqual(self.client.get(reverse("wagtailadmin_pages:edit", args=(pk,))).status_code, 200)


class SnippetInstancesTests(TestCase):
    """Every snippet URL naming an instance asks the model's policy at the admin gate:
    another region's curated pack or help entry is refused on every view (history, usage
    and copy asked nothing before), and a coordinator's own help entry's history and usage
    pages work (they answered a 500: the listing's queryset was replaced by the entries')."""

    @classmethod
    def setUpTestData(cls):
        from campaign.helplines.models import CountryHelp
        from campaign.packs.models import CuratedPack

        translation.activate("en")
        cls.tree = build_site_tree()
        cls.packs, cls.helps = {}, {}
        for code, country in (("eu", "BE"), ("latam", "MX")):
            pack = CuratedPack.objects.create(region=cls.tree.regions[code], title=f"{code} pack", slug=f"{code}-pack")
            cls.packs[code] = pack.pk
            cls.helps[code] = CountryHelp.objects.create(country=country, emergency_number="112").pk

    def test_another_regions_snippets_are_refused_on_every_view(self):
        self.client.force_login(self.tree.users["eu-coordinator"])
        for model, pk, views in (
            ("packs/curatedpack", self.packs["latam"], ("edit", "delete", "history", "usage", "copy")),
            ("helplines/countryhelp", self.helps["latam"], ("edit", "delete", "history", "usage")),
        ):
            for view in views:
                with self.subTest(model=model, view=view):
                    response = self.client.get(f"/admin/snippets/{model}/{view}/{pk}/")
                    self.assertEqual(response.status_code, 403)
            response = self.client.get(f"/admin/snippets/choose/{model}/chosen/{pk}/")
            self.assertEqual(response.status_code, 403)

    def test_own_help_entry_history_and_usage_work(self):
        self.client.force_login(self.tree.users["eu-coordinator"])
        for view in ("history", "usage"):
            with self.subTest(view=view):
                response = self.client.get(f"/admin/snippets/helplines/countryhelp/{view}/{self.helps['eu']}/")
                self.assertEqual(response.status_code, 200)
        response = self.client.get(f"/admin/snippets/packs/curatedpack/history/{self.packs['eu']}/")
        self.assertEqual(response.status_code, 200)


class MalformedUploadFormTests(TestCase):
    """A crafted POST to the multiple uploader's "create from uploaded document" answered a
    500 (Wagtail validates the document before attaching its file, wagtail#11802): now the
    admin gate's translated 400."""

    def test_create_from_uploaded_document_answers_400(self):
        from django.contrib.contenttypes.models import ContentType
        from django.core.files.base import ContentFile
        from wagtail.documents import get_document_model
        from wagtail.models import UploadedFile

        translation.activate("en")
        tree = build_site_tree()
        user = tree.users["eu-coordinator"]
        upload = UploadedFile(
            for_content_type=ContentType.objects.get_for_model(get_document_model()), uploaded_by_user=user
        )
        upload.file.save("handout.txt", ContentFile(b"x"), save=True)
        self.client.force_login(user)
        url = reverse("wagtaildocs:create_multiple_from_uploaded_document", args=(upload.pk,))
        with self.assertLogs("sitecontent.admin_gate", "WARNING"):
            response = self.client.post(url, {})
        self.assertEqual(response.status_code, 400)
