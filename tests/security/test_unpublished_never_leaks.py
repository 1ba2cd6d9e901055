"""Unpublished content never leaks: a matrix of unpublished twins × every public surface.

For each kind of content (tests.security.twins) there is a twin that is a draft, one that
was published and then unpublished, a private one, and live pages whose newest draft holds
the secret. Every public surface is asked for them: the direct URL (and its routes) in every
language prefix, every listing and its search, facets and counts, iCalendar feeds, the
sitemap, packs, document and media URLs, and API paths. None may show the secret word.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.cache import cache
from django.test import TestCase
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from campaign.packs.models import PackBuild
from tests.sitemap_reader import section_paths, sitemap_text
from translations.core.languages import LANGUAGE_CODES

from .twins import MARKER, build_twin_tree
from .twins import image as twin_image

# Languages for listings (every language is used for direct URLs).
LISTING_LANGUAGES = ("en", "fr", "ar", "ja", "es")


def listing_paths(tree, language="en") -> list[str]:
    """Public listing URLs without their language prefix."""

    def path_of(page):
        with translation.override(language):
            return "/" + page.get_url(current_site=tree.site).split("/", 2)[2]

    region = path_of(tree.regions["eu"])
    return [
        "/",
        region,
        f"{region}guide/",
        f"{region}library/",
        # Search for words of the twins' titles (the secret itself would be echoed back).
        f"{region}library/?q=draft",
        f"{region}library/?q=gone&format=lesson_plan",
        f"{region}library/?q=pending",
        f"{region}library/?age=9-12&topic=grooming",
        "/library/",
        "/library/?q=draft",
        "/library/?q=pending+summary",
        f"{region}events/",
        f"{region}events/month/2027/2/",
        f"{region}events/on-the-day/",
        f"{region}events/countries/",
        f"{region}events/feed/",
        f"{region}events/feed/?country=BE",
        "/calendar/",
        "/calendar/month/2027/2/",
        "/calendar/feed/",
        path_of(tree.sections["eu"]),
        "/packs/",
        "/editions/",
        "/help/",
        "/help/be/",
    ]


#: The read API's endpoints (syndication.api) and the page types each one lists.
API_ENDPOINTS = ("events", "resources", "guides", "editions", "help")


def api_and_embed_paths(language="en") -> list[str]:
    """Read-API listings (with the site's filters) and embeds, in ``language``."""
    api = [
        *(f"/api/v2/{endpoint}/?limit=100" for endpoint in API_ENDPOINTS),
        "/api/v2/events/?region=eu&limit=100",
        "/api/v2/events/?date_from=2020-01-01&date_to=2022-12-31&limit=100",
        "/api/v2/events/?date_from=2023-01-01&limit=100",
        "/api/v2/events/?country=BE&limit=100",
        "/api/v2/resources/?region=eu&limit=100",
        "/api/v2/resources/?topic=grooming&age=9-12&limit=100",
        "/api/v2/resources/?format=lesson_plan&limit=100",
        "/api/v2/guides/?region=eu&limit=100",
        "/api/v2/help/?country=BE",
    ]
    embeds = [
        f"/{language}/embed/calendar/",
        f"/{language}/embed/calendar/?region=eu",
        f"/{language}/embed/calendar/?region=eu&date_from=2023-01-01",
        f"/{language}/embed/library/",
        f"/{language}/embed/library/?region=eu",
        f"/{language}/embed/library/?region=eu&format=lesson_plan",
    ]
    return [f"{path}&lang={language}" for path in api] + embeds


class UnpublishedTwinsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_twin_tree()

    def setUp(self):
        translation.activate("en")
        cache.clear()

    def assert_no_secret(self, response, where):
        self.assertLess(response.status_code, 500, where)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        # A short message: the body itself would drown the report.
        self.assertFalse(MARKER.lower() in body.decode("utf-8", "replace").lower(), f"{MARKER} leaks at {where}")

    def twin_url(self, page, language):
        with translation.override(language):
            return page.get_url(request=None, current_site=self.tree.site)

    # -- direct URLs ------------------------------------------------------------------
    def test_direct_urls_of_twins_in_every_language(self):
        routes = {"event-draft": ["ics/"], "event-unpublished": ["ics/"], "event-private": ["ics/"]}
        for name, page in self.tree.twins.items():
            for language in LANGUAGE_CODES:
                base = self.twin_url(page, language)
                self.assertTrue(base.startswith(f"/{language}/"), base)
                for suffix in ["", *routes.get(name, [])]:
                    with self.subTest(twin=name, language=language, route=suffix):
                        response = self.client.get(base + suffix)
                        self.assert_no_secret(response, base + suffix)
                        if "private" not in name:
                            self.assertEqual(response.status_code, 404, base + suffix)

    def test_live_pages_show_their_live_version_not_the_pending_draft(self):
        for name, page in self.tree.live_with_drafts.items():
            for language in LISTING_LANGUAGES:
                url = self.twin_url(page, language)
                for suffix in ["", "ics/"] if name == "event" else [""]:
                    with self.subTest(page=name, language=language, route=suffix):
                        response = self.client.get(url + suffix)
                        self.assertEqual(response.status_code, 200)
                        self.assert_no_secret(response, url + suffix)

    # -- listings, search, facets, feeds, sitemap ---------------------------------------
    def test_listings_search_feeds_and_sitemap(self):
        for language in LISTING_LANGUAGES:
            for path in listing_paths(self.tree, language):
                url = f"/{language}{path}"
                with self.subTest(url=url):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 200, url)
                    self.assert_no_secret(response, url)
        for url in ("/sitemap.xml", *section_paths(self.client), "/robots.txt"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assert_no_secret(response, url)

    def test_listings_are_the_same_with_and_without_the_twins(self):
        """Counts and facets cannot give a twin away: deleting every twin changes nothing
        (pages, feeds, the sitemap, the read API and the embeds)."""

        def snapshot():
            pages = {}
            for language in ("en", "fr"):
                for path in listing_paths(self.tree, language):
                    cache.clear()
                    response = self.client.get(f"/{language}{path}")
                    text = response.content.decode()
                    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)
                    text = re.sub(r"DTSTAMP:[0-9TZ]+", "", text)
                    pages[f"/{language}{path}"] = text
            pages["/sitemap.xml"] = sitemap_text(self.client)
            return pages

        def snapshot_api():
            return {path: self.client.get(path).content.decode() for path in api_and_embed_paths("fr")}

        with_twins = snapshot()
        with_twins.update(snapshot_api())
        for page in self.tree.twins.values():
            Page.objects.get(pk=page.pk).delete()
        without = snapshot()
        cache.clear()
        without.update(snapshot_api())
        for url, text in with_twins.items():
            with self.subTest(url=url):
                self.assertEqual(text, without[url])

    def test_pages_below_an_unpublished_section_are_not_public(self):
        """Wagtail's unpublish leaves subpages live unless asked; they must not stay reachable."""
        story = self.tree.live_story
        urls = {language: self.twin_url(story, language) for language in ("en", "es", "ar")}
        for url in urls.values():
            self.assertEqual(self.client.get(url).status_code, 200)
        self.assertIn(story.slug, sitemap_text(self.client))
        self.tree.sections["eu"].unpublish()  # as the admin does, subpages unticked
        self.assertTrue(Page.objects.get(pk=story.pk).live)
        for language, url in urls.items():
            with self.subTest(language=language):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(b"Brightowl", response.content)
        self.assertNotIn(story.slug, sitemap_text(self.client))

    def test_listings_leave_out_pages_below_an_unpublished_section(self):
        resource, event = self.tree.fr_grooming, self.tree.live_event
        urls = ("/en/library/", "/en/library/?q=grooming", "/en/calendar/", "/en/calendar/feed/")

        def shown():
            cache.clear()
            text = "".join(self.client.get(url).content.decode() for url in urls) + sitemap_text(self.client)
            return "Spotting grooming" in text, "Open day at school" in text

        def shown_by_api():
            cache.clear()
            text = "".join(self.client.get(path).content.decode() for path in api_and_embed_paths("en"))
            return "Spotting grooming" in text, "Open day at school" in text

        self.assertEqual(shown(), (True, True))
        self.assertEqual(shown_by_api(), (True, True))
        self.tree.libraries["eu"].unpublish()  # subpages stay live, as Wagtail's admin does by default
        self.tree.calendar.unpublish()
        self.assertTrue(Page.objects.get(pk=resource.pk).live and Page.objects.get(pk=event.pk).live)
        self.assertEqual(shown(), (False, False))
        self.assertEqual(shown_by_api(), (False, False))
        for path in (f"/api/v2/resources/{resource.pk}/", f"/api/v2/events/{event.pk}/"):
            self.assertEqual(self.client.get(path).status_code, 404, path)
        response = self.client.post("/en/packs/request/", {"item": [str(resource.pk)], "language": "fr"})
        self.assertEqual(response.status_code, 400)

    # -- packs -------------------------------------------------------------------------
    def test_twins_cannot_go_into_a_pack(self):
        for name in ("resource-draft", "resource-unpublished", "guide-draft", "guide-unpublished"):
            page = self.tree.twins[name]
            for language in ("en", "ar"):
                with self.subTest(twin=name, language=language):
                    before = PackBuild.objects.count()
                    response = self.client.post(
                        f"/{language}/packs/request/", {"item": [str(page.pk)], "language": "en"}
                    )
                    self.assertEqual(response.status_code, 400)
                    self.assert_no_secret(response, name)
                    self.assertEqual(PackBuild.objects.count(), before)

    def test_a_built_pack_is_not_reachable_once_its_material_is_unpublished(self):
        resource = self.tree.fr_grooming
        with self.settings(SID_PACKS_ROOT=""), self.captureOnCommitCallbacks(execute=True):
            response = self.client.post("/en/packs/request/", {"item": [str(resource.pk)], "language": "fr"})
        self.assertEqual(response.status_code, 302)
        build = PackBuild.objects.latest("pk")
        media_path = f"{settings.MEDIA_URL}packs/{build.key}.zip"
        with self.settings(SID_PACKS_ROOT=""):
            self.assertTrue(build.is_ready)
            resource.unpublish()
            self.assertEqual(self.client.get(f"/en/packs/builds/{build.key}/download/").status_code, 410)
            # Nor through the media folder, where packs are kept by default.
            self.assertEqual(self.client.get(media_path).status_code, 404)
            self.assertEqual(self.client.get(f"{settings.MEDIA_URL}images/../packs/{build.key}.zip").status_code, 404)

    # -- documents, images, media paths -------------------------------------------------
    def test_files_of_drafts_are_not_served(self):
        documents = self.tree.draft_documents + self.tree.pending_documents
        for document in documents:
            with self.subTest(document=document.title):
                self.assertEqual(self.client.get(document.url).status_code, 404, document.title)
                media_path = settings.MEDIA_URL + document.file.name
                self.assertEqual(self.client.get(media_path).status_code, 404, media_path)
        for item in self.tree.draft_images:
            with self.subTest(image=item.title):
                self.assertEqual(self.client.get(settings.MEDIA_URL + item.file.name).status_code, 404)

    def rendition_url(self, item, spec="max-165x165"):
        # Made at once, as Wagtail does on upload (the admin's thumbnail) or on rendering.
        return item.get_rendition(spec).url

    def get_bytes(self, url):
        response = self.client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response.status_code, body

    def test_renditions_of_draft_images_are_not_served(self):
        """Renditions sit at guessable /media/images/<name>.<spec>.<ext> URLs, made on upload."""
        unused = twin_image("unused upload")
        for item in [*self.tree.draft_images, unused]:
            for spec in ("max-165x165", "width-400"):
                url = self.rendition_url(item, spec)
                self.assertTrue(url.startswith(settings.MEDIA_URL + "images/"), url)
                with self.subTest(image=item.title, spec=spec):
                    self.assertEqual(self.client.get(url).status_code, 404, url)
                    self.assertEqual(self.client.get(settings.MEDIA_URL + item.file.name).status_code, 404)
        # Its editors still see it (the admin's thumbnails, previews of their draft).
        self.client.force_login(self.tree.users["admin"])
        self.assertEqual(self.get_bytes(self.rendition_url(unused))[0], 200)

    def test_files_below_an_unpublished_section_or_private_page_are_not_served(self):
        resource = self.tree.fr_grooming
        cover = twin_image("live cover")
        resource.cover_image = cover
        resource.save_revision().publish()
        document = resource.files.get(language="fr").document
        image_url = self.rendition_url(cover)
        status, body = self.get_bytes(image_url)
        self.assertEqual(status, 200)
        self.assertTrue(body.startswith(b"\x89PNG"))
        self.assertEqual(self.get_bytes(document.url), (200, b"fichier francais"))
        # Unpublished as Wagtail's admin does by default: the resource itself stays live.
        self.tree.libraries["eu"].unpublish()
        self.assertTrue(Page.objects.get(pk=resource.pk).live)
        self.assertEqual(self.client.get(image_url).status_code, 404)
        self.assertEqual(self.client.get(document.url).status_code, 404)
        self.tree.libraries["eu"].save_revision().publish()
        self.assertEqual(self.client.get(image_url).status_code, 200)
        # A password-protected page's files are private too.
        PageViewRestriction.objects.create(page=resource, restriction_type=PageViewRestriction.PASSWORD, password="x")  # noqa: S106
        self.assertEqual(self.client.get(image_url).status_code, 404)
        self.assertEqual(self.client.get(document.url).status_code, 404)

    def test_images_shown_site_wide_are_served(self):
        """Uses outside pages (the edition's artwork, branding, snippets) are always public."""
        from campaign.editions.models import Edition

        edition = Edition.objects.create(year=2031, theme="Theme")
        artwork = twin_image("edition artwork")
        url = self.rendition_url(artwork)
        self.assertEqual(self.client.get(url).status_code, 404)
        edition.artwork = artwork
        edition.save()
        self.assertEqual(self.client.get(url).status_code, 200)

    def test_files_of_live_pages_are_still_served(self):
        document = self.tree.fr_grooming.files.get(language="fr").document
        response = self.client.get(document.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), b"fichier francais")

    def test_editors_still_get_draft_files(self):
        # The test documents live in the root collection: administrators may change them.
        self.client.force_login(self.tree.users["admin"])
        for document in self.tree.draft_documents + self.tree.pending_documents:
            with self.subTest(document=document.title):
                self.assertEqual(self.client.get(document.url).status_code, 200)

    def test_another_regions_coordinator_does_not_get_draft_files(self):
        self.client.force_login(self.tree.users["latam-coordinator"])
        for document in self.tree.draft_documents:
            with self.subTest(document=document.title):
                self.assertEqual(self.client.get(document.url).status_code, 404)

    # -- the read API and the embeds (syndication) -------------------------------------
    def test_read_api_and_embeds_list_no_twin(self):
        # Visibility does not depend on the language: two of them (one right-to-left).
        for language in ("en", "ar"):
            for path in api_and_embed_paths(language):
                with self.subTest(path=path):
                    response = self.client.get(path)
                    self.assertEqual(response.status_code, 200, path)
                    self.assert_no_secret(response, path)

    def test_read_api_has_no_twin_in_detail(self):
        """Drafts, unpublished and private pages and the story in moderation, by id, at
        every endpoint and in several languages: 404, never the secret."""
        from campaign.moderation.workflows import start_moderation

        state = start_moderation(self.tree.twins["story-draft"])
        self.assertEqual(state.status, "in_progress")
        for path in api_and_embed_paths("en"):
            self.assert_no_secret(self.client.get(path), path)
        for name, page in self.tree.twins.items():
            for endpoint in API_ENDPOINTS:
                for language in ("en", "fr", "ar"):
                    path = f"/api/v2/{endpoint}/{page.pk}/?lang={language}"
                    with self.subTest(twin=name, path=path):
                        response = self.client.get(path)
                        self.assertEqual(response.status_code, 404, path)
                        self.assert_no_secret(response, path)

    def test_read_api_shows_the_live_version_not_the_pending_draft(self):
        endpoints = {"resource": "resources", "event": "events"}
        for name, page in self.tree.live_with_drafts.items():
            for language in LISTING_LANGUAGES:
                path = f"/api/v2/{endpoints[name]}/{page.pk}/?lang={language}"
                with self.subTest(page=name, path=path):
                    response = self.client.get(path)
                    self.assertEqual(response.status_code, 200)
                    self.assert_no_secret(response, path)

    def test_read_api_leaves_out_pages_below_an_unpublished_section(self):
        story = self.tree.live_story
        self.tree.sections["eu"].unpublish()
        for endpoint in API_ENDPOINTS:
            self.assertEqual(self.client.get(f"/api/v2/{endpoint}/{story.pk}/").status_code, 404)

    # -- APIs and machine endpoints ---------------------------------------------------
    def test_no_json_api_exposes_pages(self):
        for url in ("/api/v2/pages/", "/api/v2/documents/", "/api/v2/images/", "/en/api/v2/pages/"):
            with self.subTest(url=url):
                response = self.client.get(url, follow=True)
                self.assertEqual(response.status_code, 404)
                self.assert_no_secret(response, url)
        response = self.client.get("/en/jsi18n/")
        self.assert_no_secret(response, "jsi18n")
