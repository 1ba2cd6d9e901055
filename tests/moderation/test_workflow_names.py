"""Workflow and task names are stored in English and read in the admin's language.

Checked against gettext under ``translation.override`` (the catalogues the site loads), not
against hard-coded translations; stored values are read back from the database columns.
"""

from __future__ import annotations

from django.conf import settings
from django.template import Context, Template
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext, pgettext
from wagtail.models import GroupApprovalTask, Task, Workflow
from wagtail.users.models import UserProfile

from campaign.moderation.names import KINDS, WAGTAIL_DEFAULT, WorkflowName, source_name, stored_name
from campaign.moderation.workflows import ensure_region_workflow
from sitecontent.models import StandardPage
from tests.factories import build_site_tree

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def expected(language, context, message, **values):
    with translation.override(language):
        return pgettext(context, message) % values


class WorkflowNames(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.region = cls.tree.regions["latam"]
        with translation.override("en"):
            cls.section = StandardPage(title="Teachers' corner", slug="teachers")
            cls.region.add_child(instance=cls.section)
        ensure_region_workflow(cls.region, cls.section, "pages")

    def test_a_duplicate_left_by_a_race_does_not_stop_submissions(self):
        """Two concurrent first submissions once created the workflow twice; every later
        submission then failed (get() returned two). The first one is used."""
        name = stored_name(self.region.short_code, "pages", "moderation")
        first = Workflow.objects.get(name=name)
        Workflow.objects.create(name=name, active=True)
        self.assertEqual(ensure_region_workflow(self.region, self.section, "pages"), first)
        self.assertEqual(self.section.get_workflow(), first)

    def test_stored_in_english_read_in_each_language(self):
        code = self.region.short_code
        workflow = Workflow.objects.get(name=stored_name(code, "pages", "moderation"))
        task = Task.objects.get(name=stored_name(code, "pages", "review")).specific
        self.assertIsInstance(task, GroupApprovalTask)
        for language in LANGUAGES:
            with translation.override(language):
                self.assertEqual(
                    str(workflow.name), expected(language, "workflow name", "%(region)s pages moderation", region=code)
                )
                self.assertEqual(
                    str(task.name), expected(language, "workflow task name", "%(region)s pages review", region=code)
                )
                # As templates print the workflow itself (report filters, task listings).
                shown = Template("{{ workflow }}|{{ task.name }}").render(Context({"workflow": workflow, "task": task}))
                self.assertEqual(shown, escape(f"{workflow.name!s}|{task.name!s}"))
        # The value (what queries, JSON and the database see) is the stored English.
        self.assertEqual(workflow.name, f"{code} pages moderation")
        self.assertEqual(Workflow.objects.filter(pk=workflow.pk).values_list("name", flat=True).get(), workflow.name)

    def test_translations_differ_from_english(self):
        """Every name has a translation of its own in every language (the catalogues are filled)."""
        for language in LANGUAGES:
            if language == settings.LANGUAGE_CODE:
                continue
            with translation.override(language):
                shown = str(WorkflowName(WAGTAIL_DEFAULT))
                self.assertNotEqual(shown, WAGTAIL_DEFAULT, language)
                for kind in KINDS:
                    for what in ("moderation", "review"):
                        for label in ("latam", "global"):
                            stored = stored_name(label, kind, what)
                            self.assertNotEqual(str(WorkflowName(stored)), stored, (language, stored))

    def test_a_name_saved_in_another_language_is_stored_in_english(self):
        """A name written back from a form shown in Spanish (what the widget printed) is stored as
        its English source: the admin's language does not decide what is stored."""
        workflow = Workflow.objects.get(name=stored_name(self.region.short_code, "pages", "moderation"))
        for language in LANGUAGES:
            with translation.override(language):
                shown = str(workflow.name)
            workflow.name = shown
            workflow.save()
            raw = Workflow.objects.filter(pk=workflow.pk).values_list("name", flat=True).get()
            self.assertEqual(raw, f"{self.region.short_code} pages moderation", language)
        for language in LANGUAGES:
            for kind in KINDS:
                for what in ("moderation", "review"):
                    for label in ("eu", "global"):
                        stored = stored_name(label, kind, what)
                        with translation.override(language):
                            shown = str(WorkflowName(stored))
                        self.assertEqual(source_name(shown), stored, (language, shown))
        # A name of the administrator's own is stored as written.
        self.assertEqual(source_name("Revisión de prensa"), "Revisión de prensa")

    def test_the_editor_offers_submission_in_the_admin_language(self):
        coordinator = self.tree.users["latam-coordinator"]
        UserProfile.objects.update_or_create(user=coordinator, defaults={"preferred_language": "es"})
        self.client.force_login(coordinator)
        with translation.override("en"):
            page = StandardPage(title="Draft", slug="draft", live=False)
            self.section.add_child(instance=page)
        html = self.client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
        name = expected("es", "workflow name", "%(region)s pages moderation", region=self.region.short_code)
        with translation.override("es"):
            label = gettext("Submit to %(workflow_name)s") % {"workflow_name": name}
        self.assertIn(label, html)
        self.assertNotIn(f"{self.region.short_code} pages moderation", html)

    def test_wagtail_default_workflow_reads_in_each_language(self):
        workflow, _created = Workflow.objects.get_or_create(name=WAGTAIL_DEFAULT)
        for language in LANGUAGES:
            with translation.override(language):
                self.assertEqual(str(workflow.name), expected(language, "workflow name", WAGTAIL_DEFAULT))
