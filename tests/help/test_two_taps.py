"""Done when: from any page of the demo site, in any language, a new visitor reaches their
country's helpline in two taps (the help control, then their country).

Runs on the real demo site (``load_demo_content``), following links from the HTML as a
visitor's taps would, with a fresh client (no cookie) for every start page.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, TestCase
from django.utils import translation
from wagtail.models import Page

from campaign.helplines.demo import demo_countries
from campaign.helplines.models import CountryHelp
from sitecontent.models import RegionPage

CONTROL = re.compile(r'<a class="help-control" href="([^"]+)">')


def tap(client, html, pattern):
    match = re.search(pattern, html)
    assert match, f"no link matching {pattern}"
    response = client.get(unescape(match.group(1)), follow=True)  # a redirect is not a tap
    assert response.status_code == 200
    return response.content.decode()


def helpline_shown(html, entry) -> bool:
    helplines = list(entry.helplines.all())
    if helplines:
        return all(f"tel:{h.phone_dial}" in html for h in helplines if h.phone)
    return f'href="{settings.HELPLINES_CHI_DIRECTORY_URL}"' in html


class TwoTaps(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", verbosity=0)

    @pytest.mark.slow  # every demo page kind x every language, three requests each: make test-slow
    def test_two_taps_from_every_demo_page_in_every_language(self):
        # Every kind of page in every region (the demo has hundreds of pages; one of each
        # kind per region covers every template a visitor can start from).
        seen, pages = set(), []
        for page in Page.objects.live().filter(depth__gte=2).order_by("path").specific():
            key = (page.content_type_id, page.path[:12])
            if key not in seen:
                seen.add(key)
                pages.append(page)
        self.assertGreaterEqual(len(pages), 13)
        entries = {entry.country.code: entry for entry in CountryHelp.objects.with_services()}
        self.assertLessEqual(set(demo_countries()), set(entries))
        all_codes = sorted(entries)
        reached = set()
        for lang_index, (language, _name) in enumerate(settings.LANGUAGES):
            for page_index, page in enumerate(pages):
                with translation.override(language):
                    url = page.get_url()
                client = Client()  # a new visitor: nothing remembered
                start = client.get(url)
                self.assertEqual(start.status_code, 200, url)
                # Tap 1: the help control.
                picker = tap(client, start.content.decode(), CONTROL)
                region = getattr(page, "region", None)
                codes = [c.code for c in region.countries] if region else all_codes
                # Rotate through the countries so every demo country is reached in some language.
                code = codes[(lang_index * len(pages) + page_index) % len(codes)]
                # Tap 2: their country, listed on the picker.
                help_html = tap(Client(), picker, rf'href="([^"]*/help/choose/\?country={code})"')
                self.assertTrue(helpline_shown(help_html, entries[code]), (url, code))
                self.assertIn(f'<html lang="{language}"', help_html)
                reached.add(code)
        # Countries the rotation did not land on: two taps from the home page, in English.
        home_url = pages[0].get_url()
        for code in sorted(set(demo_countries()) - reached):
            client = Client()
            picker = tap(client, client.get(home_url).content.decode(), CONTROL)
            picker = (
                picker if f"country={code}" in picker else tap(client, picker, r'href="([^"]*/help/countries/[^"]*)"')
            )
            help_html = tap(Client(), picker, rf'href="([^"]*/help/choose/\?country={code})"')
            self.assertTrue(helpline_shown(help_html, entries[code]), code)
            reached.add(code)
        self.assertEqual(reached, set(demo_countries()))

    def test_returning_visitor_needs_one_tap(self):
        region = RegionPage.objects.get(short_code="africa")
        self.client.get("/sw/help/choose/", {"country": "KE"})
        with translation.override("sw"):
            html = self.client.get(region.get_url()).content.decode()
        help_html = tap(self.client, html, CONTROL)
        self.assertIn('href="tel:116"', help_html)
        self.assertIn("Childline Kenya", help_html)
