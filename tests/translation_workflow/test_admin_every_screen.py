"""Every admin screen a coordinator and their moderator use works in each of the ten languages,
with no English interface string left and nothing of the admin's language in stored text.

As a person would: the Latin American coordinator, admin switched to each language in their
account, opens the dashboard, explorer, every page type's form, snippets and the translation
screens, creates a page (Spanish title only: Spanish is the region's source language), saves
and publishes it, uploads and edits an image and a document, opens the reports, submits
two pages for moderation; the region's moderator, in the same language, opens them, approves
one and asks for changes on the other. Every page and modal answered is read as a person
reads it; English interface strings are found with gettext under ``translation.override``
(tests.translation_workflow.interface_strings), and the workflow's own name and task name are
compared with what gettext makes of them in that language.
"""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.users.models import UserProfile

from campaign.moderation.workflows import ensure_region_workflow
from sitecontent.models import StandardPage
from tests.factories import build_site_tree, translated
from tests.translation_workflow.interface_strings import english_left, visible_texts
from tests.translation_workflow.test_admin_languages import admin_pages
from tests.translation_workflow.test_source_language import errors, form_data
from translations.core.languages import LANGUAGE_CODES
from translations.core.tooling import get_translation

#: Not interface strings: each language named in its own script (the language picker and the
#: dashboard's list of the region's languages), and the "None" Wagtail's aging pages report
#: prints for pages published by no user (the test tree's pages, built without one).
ALLOWED = frozenset({get_language_info(code)["name_local"] for code in LANGUAGE_CODES} | {"None"})

#: The reports in a coordinator's admin menu.
REPORTS = (
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_tasks",
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:aging_pages",
    "wagtailadmin_reports:page_types_usage",
)


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 90)).save(buffer, "PNG")
    return buffer.getvalue()


PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.mark.slow  # a sweep: about 45 screens and actions x 10 languages (make test-slow; .ci/run runs it)
class EveryScreenInEveryLanguage(TestCase):
    maxDiff = None

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.region = cls.tree.regions["latam"]
        cls.coordinator = cls.tree.users["latam-coordinator"]
        cls.moderator = cls.tree.users["latam-moderator"]
        with translation.override("en"):
            cls.section = StandardPage(title="Teachers' corner", slug="teachers")
            cls.region.add_child(instance=cls.section)
        translated(cls.section, {"es": {"title": "Rincón docente", "slug": "docentes"}})
        cls.workflow = ensure_region_workflow(cls.region, cls.section, "pages")
        # The other forms and screens of the coordinator's admin (snippets, each page type's
        # form, the translation report, export and import), as the sweep of our own strings.
        editions = Permission.objects.filter(codename__in=["add_edition", "change_edition"])
        cls.coordinator.user_permissions.add(*editions)
        cls.other_screens = admin_pages(cls.tree)

    def setUp(self):
        self.problems: dict[str, list[str]] = {}
        self.content = set()

    # -- helpers -------------------------------------------------------------------------------
    def as_user(self, user, language):
        UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
        self.client.force_login(user)

    def read(self, name, language, response, html=None):
        """Note the English interface strings in a screen (or a modal's HTML)."""
        if html is None:
            self.assertEqual(response.status_code, 200, (language, name))
            html = response.content.decode()
            self.assertIn(f'<html lang="{language}"', html, name)
        left = english_left(visible_texts(html) - self.content, language, ALLOWED) if language != "en" else []
        if left:
            self.problems[f"{language} {name}"] = left
        return html

    def get(self, name, language, url):
        return self.read(name, language, self.client.get(url))

    def follow(self, name, language, response):
        """A redirect after an action: the next screen, with the action's message."""
        self.assertEqual(response.status_code, 302, (language, name, errors(response)))
        return self.read(name, language, self.client.get(response["Location"], follow=True))

    def create_page(self, language, parent, title, action=None):
        url = reverse("wagtailadmin_pages:add", args=("sitecontent", "standardpage", parent.pk))
        html = self.get("add page", language, url)
        data = form_data(html, StandardPage, title_es=title, intro_es="Texto en español.")
        if action:
            data[action] = action
        response = self.client.post(url, data)
        page = StandardPage.objects.child_of(parent).get(title_es=title)
        return page, response

    def assert_nothing_of(self, language, page):
        """The page was written in Spanish only: no other language's columns, and the base
        (untranslated) columns hold the Spanish text whatever the admin's language."""
        page = Page.objects.rewrite(False).get(pk=page.pk)
        for code in LANGUAGE_CODES:
            if code != "es":
                self.assertFalse(get_translation(page, "title", code), (language, code))
                self.assertFalse(get_translation(page, "slug", code), (language, code))
        self.assertEqual(page.title, get_translation(page, "title", "es"), language)
        self.assertEqual(page.slug, get_translation(page, "slug", "es"), language)

    # -- the screens ---------------------------------------------------------------------------
    def coordinator_screens(self, language):
        self.as_user(self.coordinator, language)
        self.get("dashboard", language, reverse("wagtailadmin_home"))
        self.get("explorer", language, reverse("wagtailadmin_explore", args=(self.region.pk,)))

        # Create (draft), edit, publish.
        page, response = self.create_page(language, self.region, f"Página {language}")
        self.follow("page created", language, response)
        self.assert_nothing_of(language, page)
        edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
        data = form_data(self.get("edit page", language, edit_url), StandardPage)
        data["action-publish"] = "action-publish"
        self.follow("page published", language, self.client.post(edit_url, data))
        page.refresh_from_db()
        self.assertTrue(page.live, language)
        self.assert_nothing_of(language, page)

        # Images: upload, edit.
        Image_ = get_image_model()
        self.get("images", language, reverse("wagtailimages:index"))
        self.get("add images", language, reverse("wagtailimages:add_multiple"))
        upload = SimpleUploadedFile(f"cartel-{language}.png", png_bytes(), content_type="image/png")
        response = self.client.post(
            reverse("wagtailimages:add_multiple"), {"files[]": upload}, headers={"x-requested-with": "XMLHttpRequest"}
        )
        answer = json.loads(response.content)
        self.assertTrue(answer["success"], (language, answer))
        self.read("image uploaded", language, response, answer["form"])
        image = Image_.objects.get(pk=answer["image_id"])
        edit = reverse("wagtailimages:edit", args=(image.pk,))
        data = form_data(self.get("edit image", language, edit), form_id=None, title=f"Cartel {language}")
        data.pop("file", None)
        self.follow("image saved", language, self.client.post(edit, data))

        # Documents: upload, edit.
        Document = get_document_model()
        self.get("documents", language, reverse("wagtaildocs:index"))
        self.get("add documents", language, reverse("wagtaildocs:add_multiple"))
        upload = SimpleUploadedFile(f"guia-{language}.pdf", PDF, content_type="application/pdf")
        response = self.client.post(
            reverse("wagtaildocs:add_multiple"), {"files[]": upload}, headers={"x-requested-with": "XMLHttpRequest"}
        )
        answer = json.loads(response.content)
        self.assertTrue(answer["success"], (language, answer))
        self.read("document uploaded", language, response, answer["form"])
        document = Document.objects.get(pk=answer["doc_id"])
        edit = reverse("wagtaildocs:edit", args=(document.pk,))
        data = form_data(self.get("edit document", language, edit), form_id=None, title=f"Guía {language}")
        data.pop("file", None)
        self.follow("document saved", language, self.client.post(edit, data))

        # Two pages submitted for moderation.
        submitted = []
        for n in (1, 2):
            page, response = self.create_page(language, self.section, f"Propuesta {n} {language}", "action-submit")
            self.follow("submitted", language, response)
            self.assert_nothing_of(language, page)
            submitted.append(page)
        edit_url = reverse("wagtailadmin_pages:edit", args=(submitted[0].pk,))
        self.check_workflow_names(language, self.get("edit page in moderation", language, edit_url))
        self.get("workflow history", language, reverse("wagtailadmin_pages:workflow_history", args=(submitted[0].pk,)))
        for name in REPORTS:
            self.check_workflow_names(language, self.get(name.split(":")[1], language, reverse(name)))
        for name, url in self.other_screens.items():
            self.get(name, language, url)
        return submitted

    def moderator_screens(self, language, pages):
        self.as_user(self.moderator, language)
        html = self.get("moderator dashboard", language, reverse("wagtailadmin_home"))
        self.check_workflow_names(language, html)
        approve, reject = pages
        for page, action in ((approve, "approve"), (reject, "reject")):
            edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
            self.check_workflow_names(language, self.get("review page", language, edit_url))
            state = Page.objects.get(pk=page.pk).current_workflow_task_state
            url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk))
            modal = self.client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
            self.read(f"{action} dialog", language, modal, json.loads(modal.content)["html"])
            response = self.client.post(
                url, {"comment": f"Comentario {language}"}, headers={"x-requested-with": "XMLHttpRequest"}
            )
            answer = json.loads(response.content)
            self.assertEqual(answer["step"], "success", (language, action))
            # The dialog then leaves for where the moderator may go (their dashboard, once the
            # page has left their task), where the decision's message is read.
            self.assertEqual(answer["redirect"], reverse("wagtailadmin_home"), (language, action))
            self.get(f"after {action}", language, answer["redirect"])
        approve.refresh_from_db()
        reject.refresh_from_db()
        self.assertTrue(approve.live, language)
        self.assertFalse(reject.live, language)
        self.assertEqual(reject.current_workflow_state.status, "needs_changes", language)
        for page in pages:
            self.assert_nothing_of(language, page)
        self.as_user(self.coordinator, language)
        edit_url = reverse("wagtailadmin_pages:edit", args=(reject.pk,))
        self.check_workflow_names(language, self.get("changes requested", language, edit_url))

    def check_workflow_names(self, language, html):
        """The workflow's and its task's names appear as gettext makes them in this language,
        never as their stored English when that differs."""
        with translation.override(language):
            names = [(str(self.workflow.name), self.workflow.name.source)]
            names += [(str(task.name), task.name.source) for task in self.workflow.tasks.all()]
        for shown, stored in names:
            if shown != stored and stored in html:
                self.problems.setdefault(f"{language} workflow names", []).append(stored)

    def test_every_screen_in_every_language(self):
        self.content = {str(title) for title in Page.objects.values_list("title", flat=True)}
        for language in LANGUAGE_CODES:
            self.content |= {f"Página {language}", f"Propuesta 1 {language}", f"Propuesta 2 {language}"}
            pages = self.coordinator_screens(language)
            self.moderator_screens(language, pages)
        self.assertEqual(self.problems, {}, "English interface strings left")
