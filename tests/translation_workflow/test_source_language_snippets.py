"""Topics, help-directory entries and editions require only their source language.

Through the real admin create views, posted as the form a browser sends (every input the
rendered form holds), as the Latin American coordinator (Spanish region, admin in Spanish)
and as an Africa coordinator (Arabic region, admin in Arabic):

- a help entry belongs to the region serving its country: its source language is that
  region's;
- topics and editions are shared by every region: the editor chooses their source language,
  offered as the one their region writes in, and it is stored on the object.
"""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from campaign.editions.models import Edition
from campaign.helplines.models import CountryHelp
from sitecontent.models import Topic
from tests.factories import add_region, build_site_tree
from tests.translation_workflow.test_source_language import form_data
from translations.core.tooling import get_translation

#: coordinator → (admin and source language, a country of their region, text in their language)
COORDINATORS = {
    "latam-coordinator": ("es", "MX", "Línea de ayuda para niñas y niños"),
    "africa-coordinator": ("ar", "EG", "خط نجدة الطفل"),
}


def form_errors(response):
    context = getattr(response, "context", None)
    if not context:
        return response.status_code
    form = context.get("form")
    found = dict(form.errors) if form is not None else {}
    for formset in getattr(form, "formsets", {}).values():
        for index, child in enumerate(formset.forms):
            for name, problems in child.errors.items():
                found[f"{formset.prefix}-{index}-{name}"] = problems
    return found


class SnippetSourceLanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        add_region(cls.tree, "africa")  # Arabic is its source language
        editions = Permission.objects.filter(codename__in=["add_edition", "change_edition"])
        for username, (language, _country, _text) in COORDINATORS.items():
            user = cls.tree.users[username]
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.save()
            user.user_permissions.add(*editions)  # administrators grant editions to coordinators

    def add(self, username, url_name, **overrides):
        self.client.force_login(self.tree.users[username])
        url = reverse(url_name)
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        data = form_data(page.content.decode(), form_id="w-editor-form")
        data.update(overrides)
        return page, self.client.post(url, data)

    def assertBaseColumn(self, model, pk, field, expected):
        base = model.objects.rewrite(False).values_list(field, flat=True).get(pk=pk)
        self.assertEqual(base, expected)

    # -- help directory: the region's source language ------------------------------------------
    def test_help_entry_with_only_the_regions_language(self):
        for username, (language, country, text) in COORDINATORS.items():
            with self.subTest(username):
                _page, response = self.add(
                    username,
                    "wagtailsnippets_helplines_countryhelp:add",
                    country=country,
                    **{
                        "helplines-TOTAL_FORMS": "1",
                        f"helplines-0-name_{language}": text,
                        "helplines-0-phone": "116 111",
                        "helplines-0-ORDER": "1",
                        "helplines-0-free_of_charge": "on",
                        "hotlines-TOTAL_FORMS": "1",
                        f"hotlines-0-name_{language}": text,
                        "hotlines-0-report_url": "https://report.example.org/",
                        "hotlines-0-ORDER": "1",
                    },
                )
                self.assertEqual(response.status_code, 302, form_errors(response))
                entry = CountryHelp.objects.get(country=country)
                helpline, hotline = entry.helplines.get(), entry.hotlines.get()
                for service in (helpline, hotline):
                    self.assertEqual(get_translation(service, "name", language), text)
                    self.assertFalse(get_translation(service, "name", "en"))
                    # The untranslated column holds the source language, whatever the admin's.
                    self.assertBaseColumn(type(service), service.pk, "name", text)
                # Visitors of another language read the source language's name.
                with translation.override("fr"):
                    self.assertEqual(CountryHelp.objects.get(pk=entry.pk).helplines.get().name, text)

    def test_help_entry_with_only_english_is_refused_in_the_regions_language(self):
        _page, response = self.add(
            "africa-coordinator",
            "wagtailsnippets_helplines_countryhelp:add",
            country="MA",
            **{
                "helplines-TOTAL_FORMS": "1",
                "helplines-0-name_en": "Child helpline",
                "helplines-0-ORDER": "1",
            },
        )
        self.assertEqual(response.status_code, 200)
        errors = form_errors(response)
        self.assertIn("helplines-0-name_ar", errors)
        self.assertNotIn("helplines-0-name_en", errors)
        self.assertFalse(CountryHelp.objects.filter(country="MA").exists())

    # -- topics and editions: the source language their editor chose --------------------------
    def test_topic_with_only_the_editors_language(self):
        for username, (language, _country, text) in COORDINATORS.items():
            with self.subTest(username):
                page, response = self.add(
                    username,
                    "wagtailsnippets_sitecontent_topic:add",
                    slug=f"topic-{language}",
                    **{f"name_{language}": text},
                )
                # Offered as the language the coordinator's region writes in.
                self.assertRegex(page.content.decode(), rf'<option value="{language}" selected>')
                self.assertEqual(response.status_code, 302, form_errors(response))
                topic = Topic.objects.get(slug=f"topic-{language}")
                self.assertEqual(topic.source_language, language)
                self.assertFalse(get_translation(topic, "name", "en"))
                self.assertBaseColumn(Topic, topic.pk, "name", text)
                with translation.override("ja"):
                    self.assertEqual(str(Topic.objects.get(pk=topic.pk)), text)

    def test_topic_requires_the_chosen_source_language_only(self):
        _page, response = self.add(
            "latam-coordinator",
            "wagtailsnippets_sitecontent_topic:add",
            slug="sexting",
            source_language="pt",
            name_es="Sexting",
        )
        self.assertEqual(response.status_code, 200)
        errors = form_errors(response)
        self.assertEqual(list(errors), ["name_pt"])
        # In the coordinator's admin language, naming the language chosen.
        self.assertIn("Portugués", " ".join(errors["name_pt"]))

    def test_edition_with_only_the_editors_language(self):
        for year, (username, (language, _country, text)) in enumerate(COORDINATORS.items(), start=2030):
            with self.subTest(username):
                _page, response = self.add(
                    username,
                    "wagtailsnippets_editions_edition:add",
                    year=str(year),
                    **{f"theme_{language}": text},
                )
                self.assertEqual(response.status_code, 302, form_errors(response))
                edition = Edition.objects.get(year=year)
                self.assertEqual(edition.source_language, language)
                self.assertFalse(get_translation(edition, "theme", "en"))
                self.assertBaseColumn(Edition, edition.pk, "theme", text)

    def test_edition_in_english_still_works_for_english_editors(self):
        admin = self.tree.users["admin"]
        self.client.force_login(admin)
        url = reverse("wagtailsnippets_editions_edition:add")
        data = form_data(self.client.get(url).content.decode(), form_id="w-editor-form")
        data.update(year="2040", source_language="en", theme_en="Together for a better internet")
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, form_errors(response))
        self.assertEqual(Edition.objects.get(year=2040).source_language, "en")
