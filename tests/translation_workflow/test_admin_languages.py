"""Our admin speaks every language: each admin string of ours is translated in all ten, and
the admin pages a coordinator uses render in each of them with no English of ours left.

Independent sources: the strings are extracted afresh from the code (``makemessages`` into a
temporary directory, so a string added since the catalogues were last regenerated counts
too), and what counts as translated is read from the compiled catalogues the site loads
(``translations/locale/<language>/LC_MESSAGES/django.mo``), not from the code under test.
The pages are rendered by the real admin views, as the Latin American coordinator with
the admin switched to each language in their account.

Wagtail's own strings are not ours: they are not checked here.
"""

from __future__ import annotations

import functools
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.translation import to_locale
from wagtail.models import Page
from wagtail.users.models import UserProfile

from campaign.events.models import EventCalendarPage
from sitecontent.models import ResourceIndexPage
from tests.factories import build_site_tree
from translations.core.interface import make_messages
from translations.core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES

TARGETS = [code for code in LANGUAGE_CODES if code != DEFAULT_LANGUAGE]

#: Files whose strings coordinators and moderators read in the admin (models: labels, help
#: texts and choices of the edit forms; hooks: menus; our admin templates, forms and views).
ADMIN_SOURCES = re.compile(
    r"(/admin/|wagtail_hooks\.py$|admin_views\.py$|admin_gate\.py$|panels\.py$|_forms\.py$|/models(/|\.py)"
    r"|models\.py$|fields\.py$|vocabulary\.py$|choices\.py$|blocks\.py$|lockouts\.py$|^campaign/moderation/"
    r"|^translations/(workflow/(views|forms|coverage|dashboard|importing|formats|validation)|core/languages|apps)\.py$"
    r"|^campaign/(packs|helplines|events/submissions)/forms\.py$|^themes/templates/wagtailadmin/|^sid/accounts\.py$)"
)


@functools.cache
def extracted_messages() -> tuple[polib.POEntry, ...]:
    """Every string marked in our code, extracted now (with the files it comes from)."""
    with tempfile.TemporaryDirectory() as directory:
        make_messages(Path(directory), locales=["en"])
        catalogue = polib.pofile(str(Path(directory) / "en" / "LC_MESSAGES" / "django.po"))
    return tuple(entry for entry in catalogue if entry.msgid)


@pytest.fixture(scope="module")
def our_messages():
    return extracted_messages()


def is_admin_string(entry: polib.POEntry) -> bool:
    return any(ADMIN_SOURCES.search(path) for path, _line in entry.occurrences)


def compiled(language: str) -> dict[tuple[str | None, str], str]:
    """(context, msgid) → translation, from the compiled catalogue the site loads."""
    mo = Path(settings.BASE_DIR) / "translations" / "locale" / to_locale(language) / "LC_MESSAGES" / "django.mo"
    found = {}
    for entry in polib.mofile(str(mo)) if mo.exists() else []:
        text = entry.msgstr or next((s for s in (entry.msgstr_plural or {}).values() if s), "")
        if text:
            found[(entry.msgctxt or None, entry.msgid)] = text
    return found


# -- every admin string of ours has a translation --------------------------------------------


@pytest.mark.parametrize("language", TARGETS)
def test_every_admin_string_of_ours_is_translated(our_messages, language):
    translated = compiled(language)
    missing = sorted(
        entry.msgid
        for entry in our_messages
        if is_admin_string(entry) and (entry.msgctxt or None, entry.msgid) not in translated
    )
    assert not missing, f"{len(missing)} admin strings have no {language} translation: {missing}"


def test_the_admin_string_selection_is_not_empty(our_messages):
    """The check above would pass vacuously if no string counted as an admin string."""
    admin = [entry.msgid for entry in our_messages if is_admin_string(entry)]
    assert len(admin) > 300
    assert "Translation coverage" in admin and "Help directory" in admin and "source language" in admin
    # Public pages' strings are not admin strings.
    assert not any(is_admin_string(e) for e in our_messages if e.msgid == "(leave this site now)")


# -- the admin pages render in every language, with no English of ours --------------------------


class _VisibleText(HTMLParser):
    """Text nodes (outside scripts, styles and templates) and the attributes people read."""

    ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._skip += 1
        for name, value in attrs:
            if name in self.ATTRIBUTES and value:
                self.texts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(data)


class _Labels(HTMLParser):
    """Field labels and panel headings (``data-panel-heading-text``) of an admin form."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.labels: list[str] = []
        self._open: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "label" or (tag == "span" and "data-panel-heading-text" in dict(attrs)):
            self._open.append([])

    def handle_endtag(self, tag):
        if tag in ("label", "span") and self._open:
            text = " ".join("".join(self._open.pop()).split())
            if text:
                self.labels.append(text)

    def handle_data(self, data):
        for parts in self._open:
            parts.append(data)


#: Names written in lower case, allowed at the start of a label ("gettext PO", a site's host name).
LOWERCASE_NAMES = ("gettext", "localhost")


def not_sentence_case(html: str) -> list[str]:
    """Labels and headings that do not start with a capital letter."""
    parser = _Labels()
    parser.feed(html)
    return sorted(
        {
            label
            for label in parser.labels
            if label[0].isalpha() and not label[0].isupper() and not label.startswith(LOWERCASE_NAMES)
        }
    )


def visible_texts(html: str) -> set[str]:
    parser = _VisibleText()
    parser.feed(html)
    return {" ".join(text.split()) for text in parser.texts}


def admin_pages(tree) -> dict[str, str]:
    """The admin pages a coordinator uses, by name (one of each kind of form and screen)."""
    region = tree.regions["latam"]
    with translation.override("en"):
        library = ResourceIndexPage(title="Library", slug="library")
        region.add_child(instance=library)
        calendar = EventCalendarPage(title="Calendar", slug="calendar")
        region.add_child(instance=calendar)
    add = "wagtailadmin_pages:add"
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore", args=(region.pk,)),
        "edit region": reverse("wagtailadmin_pages:edit", args=(region.pk,)),
        "add resource": reverse(add, args=("sitecontent", "resourcepage", library.pk)),
        "add guide": reverse(add, args=("sitecontent", "guidepage", library.pk)),
        "add event": reverse(add, args=("events", "eventpage", calendar.pk)),
        "add topic": reverse("wagtailsnippets_sitecontent_topic:add"),
        "help directory": reverse("wagtailsnippets_helplines_countryhelp:list"),
        "add help entry": reverse("wagtailsnippets_helplines_countryhelp:add"),
        "add edition": reverse("wagtailsnippets_editions_edition:add"),
        "add pack": reverse("wagtailsnippets_packs_curatedpack:add"),
        "translations": reverse("sid_translations:coverage"),
        "export": reverse("sid_translations:export_create"),
        "import": reverse("sid_translations:import_upload"),
    }


@pytest.mark.slow  # a sweep: 14 admin pages x 10 languages (make test-slow; .ci/run runs it)
class AdminInEveryLanguage(TestCase):
    """One tree, every language in turn (subtests): the coordinator's admin pages answer 200
    in the language chosen in their account, with no English of ours; in English, labels,
    panel headings and menu items are in sentence case."""

    maxDiff = None

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.coordinator = cls.tree.users["latam-coordinator"]
        editions = Permission.objects.filter(codename__in=["add_edition", "change_edition"])
        cls.coordinator.user_permissions.add(*editions)
        cls.pages = admin_pages(cls.tree)
        cls.messages = extracted_messages()

    def setUp(self):
        self.client.force_login(self.coordinator)

    def english_of_ours(self, language) -> set[str]:
        """Our plain strings of two words or more whose translation differs from the English:
        shown as is, they are English left in this language's admin."""
        translated = compiled(language)
        found = set()
        for entry in self.messages:
            if len(entry.msgid.split()) < 2 or "%" in entry.msgid or "{" in entry.msgid:
                continue
            if translated.get((entry.msgctxt or None, entry.msgid)) != entry.msgid:
                found.add(" ".join(entry.msgid.split()))
        return found

    def test_admin_pages_in_every_language(self):
        content = {str(title) for title in Page.objects.values_list("title", flat=True)}
        for language in LANGUAGE_CODES:
            with self.subTest(language=language):
                UserProfile.objects.update_or_create(user=self.coordinator, defaults={"preferred_language": language})
                english = self.english_of_ours(language) if language != DEFAULT_LANGUAGE else set()
                problems = {}
                for name, url in self.pages.items():
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 200, (name, url))
                    html = response.content.decode()
                    self.assertIn(f'<html lang="{language}"', html, name)
                    if language == DEFAULT_LANGUAGE:
                        found = not_sentence_case(html)
                    else:
                        found = sorted(text for text in visible_texts(html) if text in english and text not in content)
                    if found:
                        problems[name] = found
                if language == DEFAULT_LANGUAGE:
                    menu = sidebar_labels(self.client)
                    self.assertIn("Topics", menu)
                    self.assertEqual([label for label in menu if label[0].islower()], [], menu)
                    self.assertEqual(problems, {}, "labels or headings not in sentence case")
                else:
                    self.assertEqual(problems, {}, f"English of ours in the {language} admin")


def sidebar_labels(client) -> list[str]:
    """The admin menu's item labels (Wagtail draws the sidebar from JSON props)."""
    import json

    html = client.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    labels = re.findall(r'"label": "((?:[^"\\]|\\.)*)"', props.group(1)) if props else []
    return [json.loads(f'"{label}"') for label in labels]
