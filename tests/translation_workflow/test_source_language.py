"""A coordinator works in their region's source language: no English required, none written.

Tested where coordinators meet it: the Wagtail admin's create and edit views, posted as the
form a browser would send (every input the rendered form holds), as the Latin American
coordinator whose region writes in Spanish; then the public pages in Spanish and in other
languages.
"""

from __future__ import annotations

import datetime
from html.parser import HTMLParser

from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.users.models import UserProfile

from campaign.events.models import EventCalendarPage, EventPage
from sitecontent.models import GuidePage, RegionPage, ResourceIndexPage, ResourcePage, StandardPage, Topic
from tests.factories import build_site_tree, translated
from translations.core.tooling import get_translation, set_translations


class _FormInputs(HTMLParser):
    """The fields a browser would send for the page edit form (``id="page-edit-form"``)."""

    def __init__(self, form_id="page-edit-form"):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.fields: list[tuple[str, str]] = []
        self.checkable: dict[str, list[str]] = {}
        self._select: str | None = None
        self._select_value: str | None = None
        self._select_first: str | None = None
        self._multiple = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (
            attrs.get("id") == self.form_id if self.form_id else (attrs.get("method") or "").lower() == "post"
        ):
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                self.checkable.setdefault(name, []).append(attrs.get("value", "on"))
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
            elif kind not in {"submit", "button", "file"}:
                self.fields.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self._select, self._select_value, self._select_first = name, None, None
            self._multiple = "multiple" in attrs
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attrs:
                self._select_value = value
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "select" and self._select:
            if self._select_value is not None:
                self.fields.append((self._select, self._select_value))
            elif not self._multiple:  # a browser sends a single select's first option
                self.fields.append((self._select, self._select_first or ""))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, "".join(self._text)))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def form_data(html: str, model=None, form_id="page-edit-form", **overrides) -> dict:
    """The form's inputs with ``overrides``; StreamFields (drawn by script) sent empty."""
    parser = _FormInputs(form_id)
    parser.feed(html)
    data: dict[str, object] = {}
    for name, value in parser.fields:
        if name in data:
            existing = data[name]
            data[name] = [*existing, value] if isinstance(existing, list) else [existing, value]
        else:
            data[name] = value
    for field in model._meta.get_fields() if model else ():
        if isinstance(field, StreamField):
            data.setdefault(f"{field.name}-count", "0")
    for name, value in overrides.items():
        data[name] = value
    return data


def errors(response):
    context = getattr(response, "context", None)
    form = context.get("form") if context else None
    return form.errors.as_json() if form is not None else response.status_code


class SpanishCoordinatorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.region = cls.tree.regions["latam"]
        cls.coordinator = cls.tree.users["latam-coordinator"]
        profile = UserProfile.get_for_user(cls.coordinator)
        profile.preferred_language = "es"
        profile.save()
        with translation.override("en"):
            cls.library = ResourceIndexPage(title="Library", slug="library")
            cls.region.add_child(instance=cls.library)
        translated(cls.library, {"es": {"title": "Biblioteca", "slug": "biblioteca"}})
        with translation.override("en"):
            cls.calendar = EventCalendarPage(title="Calendar", slug="calendar")
            cls.region.add_child(instance=cls.calendar)
        translated(cls.calendar, {"es": {"title": "Calendario", "slug": "calendario"}})

    def setUp(self):
        self.client.force_login(self.coordinator)

    def set_admin_language(self, code):
        UserProfile.objects.filter(user=self.coordinator).update(preferred_language=code)

    def create(self, model, parent, publish=True, **fields):
        url = reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        data = form_data(page.content.decode(), model, **fields)
        if publish:
            data["action-publish"] = "action-publish"
        return self.client.post(url, data)

    # -- creating without English -------------------------------------------------------------
    def test_a_page_is_created_and_published_with_only_spanish(self):
        response = self.create(
            StandardPage, self.region, title_es="Privacidad en línea", intro_es="Cómo proteger tus datos."
        )
        self.assertEqual(response.status_code, 302, errors(response))
        page = StandardPage.objects.child_of(self.region).get(title_es="Privacidad en línea")
        self.assertTrue(page.live)
        self.assertFalse(get_translation(page, "title", "en"))
        self.assertEqual(get_translation(page, "slug", "es"), "privacidad-en-línea")
        self.assertFalse(get_translation(page, "slug", "en"))
        # The untranslated columns hold the source language: not English, not empty.
        row = Page.objects.rewrite(False).values("title", "slug", "draft_title").get(pk=page.pk)
        self.assertEqual(
            row, {"title": "Privacidad en línea", "slug": "privacidad-en-línea", "draft_title": "Privacidad en línea"}
        )

    def test_the_admin_language_does_not_decide_where_text_goes(self):
        """With the admin in English, a Spanish-only page still stores Spanish as Spanish."""
        self.set_admin_language("en")
        response = self.create(StandardPage, self.region, title_es="Ciberacoso", intro_es="Qué hacer.")
        self.assertEqual(response.status_code, 302)
        page = StandardPage.objects.child_of(self.region).get(title_es="Ciberacoso")
        self.assertFalse(get_translation(page, "title", "en"))
        self.assertEqual(get_translation(page, "slug", "es"), "ciberacoso")
        row = Page.objects.rewrite(False).values("title", "slug").get(pk=page.pk)
        self.assertEqual(row, {"title": "Ciberacoso", "slug": "ciberacoso"})

    def test_english_only_is_refused_in_spanish(self):
        response = self.create(StandardPage, self.region, title_en="Online privacy")
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertIn("title_es", form.errors)
        self.assertNotIn("title_en", form.errors)
        # The admin runs in Spanish: the required-field error is shown in Spanish.
        # Wagtail's Spanish catalogue words it so.
        self.assertIn("Este campo es necesario.", response.content.decode())
        self.assertFalse(
            StandardPage.objects.child_of(self.region).exists()
            and Page.objects.filter(title_en="Online privacy").exists()
        )

    def test_resource_guide_and_event_with_only_spanish(self):
        response = self.create(
            ResourcePage,
            self.library,
            title_es="Guía contra el ciberacoso",
            summary_es="Para familias y docentes.",
        )
        self.assertEqual(response.status_code, 302, errors(response))
        resource = ResourcePage.objects.child_of(self.library).get(title_es="Guía contra el ciberacoso")
        self.assertTrue(resource.live)
        self.assertFalse(get_translation(resource, "summary", "en"))

        response = self.create(
            GuidePage, self.library, title_es="Buenas prácticas en clase", summary_es="Una sesión de una hora."
        )
        self.assertEqual(response.status_code, 302, errors(response))
        guide = GuidePage.objects.child_of(self.library).get(title_es="Buenas prácticas en clase")
        self.assertTrue(guide.live)

        start = datetime.datetime(2027, 2, 9, 10, 0)
        response = self.create(
            EventPage,
            self.calendar,
            title_es="Taller para familias",
            local_start=start.strftime("%Y-%m-%d %H:%M"),
            local_end=(start + datetime.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
            time_zone="America/Mexico_City",
            audience=["parents"],
            **{"age_bands": ["9-12"]},
        )
        self.assertEqual(response.status_code, 302, errors(response))
        event = EventPage.objects.child_of(self.calendar).get(title_es="Taller para familias")
        self.assertTrue(event.live)
        self.assertFalse(get_translation(event, "title", "en"))

    def test_editing_and_publishing_keeps_english_empty(self):
        self.create(StandardPage, self.region, publish=False, title_es="Borrador", intro_es="Primera versión.")
        page = StandardPage.objects.child_of(self.region).get(title_es="Borrador")
        self.assertFalse(page.live)
        url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
        data = form_data(self.client.get(url).content.decode(), StandardPage, intro_es="Segunda versión.")
        data["action-publish"] = "action-publish"
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.assertEqual(get_translation(page, "intro", "es"), "Segunda versión.")
        self.assertFalse(get_translation(page, "title", "en"))
        self.assertFalse(get_translation(page, "intro", "en"))

    # -- what visitors see ---------------------------------------------------------------------
    def test_public_page_in_spanish_and_fallback_elsewhere(self):
        self.create(StandardPage, self.region, title_es="Privacidad en línea", intro_es="Cómo proteger tus datos.")
        page = StandardPage.objects.child_of(self.region).get(title_es="Privacidad en línea")
        self.client.logout()
        with translation.override("es"):
            es_url = page.get_url()
        self.assertEqual(es_url, "/es/america-latina/privacidad-en-l%C3%ADnea/")
        response = self.client.get(es_url)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn('<html lang="es"', html)
        self.assertIn("Privacidad en línea", html)
        self.assertIn("Cómo proteger tus datos.", html)
        self.assertNotIn("notice--fallback", html)

        for code in ("fr", "en", "pt"):
            with translation.override(code):
                url = page.get_url()
            self.assertTrue(url.endswith("/privacidad-en-l%C3%ADnea/"), url)
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            html = response.content.decode()
            self.assertIn("Privacidad en línea", html)
            self.assertIn("Cómo proteger tus datos.", html)
            # The notice names the language shown, marked as Spanish for screen readers.
            self.assertIn("notice--fallback", html)
            self.assertIn('<span lang="es" dir="ltr">español</span>', html)

    # -- the coordinator's admin -----------------------------------------------------------------
    def test_admin_search_finds_the_page_by_its_spanish_title(self):
        self.create(StandardPage, self.region, title_es="Privacidad en línea", intro_es="Cómo proteger tus datos.")
        page = StandardPage.objects.child_of(self.region).get(title_es="Privacidad en línea")
        for admin_language in ("es", "en"):
            self.set_admin_language(admin_language)
            response = self.client.get(reverse("wagtailadmin_pages:search"), {"q": "Privacidad"})
            self.assertEqual(response.status_code, 200)
            self.assertIn(reverse("wagtailadmin_pages:edit", args=(page.pk,)), response.content.decode())

    def test_dashboard_shows_the_regions_work_in_spanish(self):
        self.create(StandardPage, self.region, publish=False, title_es="Borrador de prueba")
        self.create(StandardPage, self.region, title_es="Solo en español")
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        panel = html[html.index('class="w-panel region-work"') :]
        panel = panel[: panel.index("</section>")]
        self.assertIn("Borrador de prueba", panel)
        # Latin America offers Portuguese and English besides Spanish: the new published page
        # has neither, the region page has Portuguese only, the library and calendar English.
        live = Page.objects.descendant_of(self.region, inclusive=True).live()
        missing_pt = sum(1 for p in live if not get_translation(p, "title", "pt"))
        missing_en = sum(1 for p in live if not get_translation(p, "title", "en"))
        self.assertIn("?region=latam&amp;language=pt", panel)
        self.assertRegex(panel, rf'<span lang="pt">Português</span></a>:\s*{missing_pt} ')
        self.assertRegex(panel, rf'<span lang="en">English</span></a>:\s*{missing_en} ')
        self.assertNotIn('<span lang="es">', panel)

    def test_topics_are_checkboxes_named_in_the_editors_language(self):
        topic = Topic(slug="privacy")
        set_translations(topic, {"en": {"name": "Privacy"}, "es": {"name": "Privacidad"}})
        topic.save()
        url = reverse("wagtailadmin_pages:add", args=("sitecontent", "resourcepage", self.library.pk))
        html = self.client.get(url).content.decode()
        self.assertRegex(html, rf'<input type="checkbox" name="topics" value="{topic.pk}"[^>]*>')
        self.assertNotIn('<select name="topics"', html)
        self.assertIn("Privacidad", html)

    def test_slugs_keep_the_dash_between_numbers(self):
        self.create(StandardPage, self.region, title_es="Guía 9–12 años")
        page = StandardPage.objects.child_of(self.region).get(title_es="Guía 9–12 años")
        self.assertEqual(get_translation(page, "slug", "es"), "guía-9-12-años")

    def test_a_new_event_starts_in_the_regions_time_zone(self):
        url = reverse("wagtailadmin_pages:add", args=("events", "eventpage", self.calendar.pk))
        html = self.client.get(url).content.decode()
        self.assertRegex(html, r'<option value="America/Mexico_City" selected>')

    def test_the_source_language_is_set_on_the_region_page(self):
        url = reverse("wagtailadmin_pages:edit", args=(self.region.pk,))
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertRegex(response.content.decode(), r'<option value="es" selected>')
        data = form_data(response.content.decode(), type(self.region.specific), source_language="de")
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)  # German is not one of the region's languages
        self.assertIn("source_language", response.context["form"].errors)

    # -- feeds and sitemap ---------------------------------------------------------------------
    def test_feed_and_sitemap_follow_the_source_language(self):
        start = datetime.datetime(2027, 2, 9, 10, 0)
        self.create(
            EventPage,
            self.calendar,
            title_es="Taller para familias",
            local_start=start.strftime("%Y-%m-%d %H:%M"),
            local_end=(start + datetime.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
            time_zone="America/Mexico_City",
            audience=["parents"],
            age_bands=["9-12"],
        )
        event = EventPage.objects.child_of(self.calendar).get(title_es="Taller para familias")
        self.client.logout()
        # The French calendar feed carries the Spanish title (no English, no empty summary).
        with translation.override("fr"):
            feed_url = self.calendar.get_url() + "feed/"
        feed = self.client.get(feed_url)
        self.assertEqual(feed.status_code, 200)
        self.assertIn("SUMMARY:Taller para familias", feed.content.decode())
        # The sitemap lists the event in Spanish, the only language it has text of its own in.
        from tests.sitemap_reader import sitemap_text

        sitemap = sitemap_text(self.client)
        with translation.override("es"):
            self.assertIn(event.get_url(), sitemap)
        with translation.override("fr"):
            self.assertNotIn(f"http://testserver{event.get_url()}<", sitemap)


class RepairTests(TestCase):
    """``migrate`` repairs base columns written from the admin's language, and never copies
    a source-only text into English."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()

    def test_base_columns_are_rewritten_from_the_source_language(self):
        from translations.core.source import fill_never_translated_rows, repair_base_columns

        page = self.tree.pages["latam"]  # English and (now) Spanish
        translated(page, {"es": {"title": "Guía", "slug": "guia"}})
        # As the admin in English wrote it before: English in the base columns.
        Page.objects.rewrite(False).filter(pk=page.pk).update(
            title="Latin America guide", slug="guide", draft_title="Latin America guide"
        )
        spanish_only = StandardPage(title_es="Solo español", slug_es="solo-espanol")
        self.tree.regions["latam"].add_child(instance=spanish_only)
        regions = RegionPage.objects.values_list("path", "source_language")
        self.assertTrue(repair_base_columns(regions) >= 1)
        row = Page.objects.rewrite(False).values("title", "slug", "draft_title").get(pk=page.pk)
        self.assertEqual(row, {"title": "Guía", "slug": "guia", "draft_title": "Guía"})
        self.assertEqual(repair_base_columns(regions), 0)  # safe to re-run

        fill_never_translated_rows()
        spanish_only.refresh_from_db()
        self.assertFalse(get_translation(spanish_only, "title", "en"))
        self.assertEqual(
            Page.objects.rewrite(False).values_list("title", flat=True).get(pk=spanish_only.pk), "Solo español"
        )
