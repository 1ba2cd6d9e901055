"""Wagtail's own messages its catalogues lack for our languages, supplied by our catalogue
(translations/wagtail_locale), and the Wagtail templates we copy to translate what Wagtail
left hard-coded in English.

Needs GNU gettext (msgfmt), as CI installs it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext, to_locale
from wagtail.admin import __file__ as wagtail_admin_file

from translations.core.interface import (
    locale_dir,
    locale_names,
    package_messages,
    po_path,
    stale_wagtail_catalogues,
    wagtail_locale_dir,
)
from translations.core.languages import LANGUAGE_CODES

#: Our copies of Wagtail's templates and the only changes made to them.
TEMPLATE_COPIES = {
    "wagtailadmin/shared/headers/_actions.html": [
        ("{# Actions divider #}\n", "{# Actions divider #}\n{% load i18n %}\n"),
        ('<nav aria-label="Actions"', '<nav aria-label="{% trans "Actions" %}"'),
    ],
    "wagtailadmin/home.html": [
        (
            '<input type="submit" value="Search" class="button" />',
            '<input type="submit" value="{% trans "Search" %}" class="button" />',
        ),
    ],
    "wagtailadmin/shared/header.html": [
        (
            '<input type="submit" value="Search" class="button" />',
            '<input type="submit" value="{% trans "Search" %}" class="button" />',
        ),
    ],
}


def entries(locale):
    path = po_path(wagtail_locale_dir(), locale)
    return [entry for entry in polib.pofile(str(path)) if entry.msgid] if path.exists() else []


def test_the_catalogues_are_sound():
    """Compiled from their .po, every entry translated and a message of an installed package."""
    assert stale_wagtail_catalogues() == []
    assert sum(len(entries(locale)) for locale in locale_names()) > 300


def test_a_message_wagtail_no_longer_has_or_an_uncompiled_catalogue_is_reported(tmp_path):
    copy = tmp_path / "wagtail_locale"
    shutil.copytree(wagtail_locale_dir(), copy)
    po = polib.pofile(str(po_path(copy, "sw")))
    po.append(polib.POEntry(msgid="A message Wagtail never had", msgstr="Ujumbe"))
    po.save()
    problems = stale_wagtail_catalogues(copy)
    assert "sw: 'A message Wagtail never had' is no message of an installed package" in problems
    assert "sw: django.mo is missing or not compiled from django.po (wagtail_locale)" in problems


@pytest.mark.parametrize("language", [code for code in LANGUAGE_CODES if code != "en"])
def test_gettext_reads_our_translations(language):
    """The site loads them: gettext under translation.override gives each entry's translation."""
    known = package_messages()
    ours = polib.pofile(str(po_path(locale_dir(), to_locale(language))))
    shadowed = {(entry.msgctxt, entry.msgid) for entry in ours if entry.translated()}
    for entry in entries(to_locale(language)):
        assert (entry.msgctxt, entry.msgid) in known
        assert (entry.msgctxt, entry.msgid) not in shadowed, f"{entry.msgid!r}: our own catalogue translates it"
        with translation.override(language):
            if entry.msgid_plural:
                shown = ngettext(entry.msgid, entry.msgid_plural, 2)
                assert shown in entry.msgstr_plural.values(), entry.msgid
            elif entry.msgctxt:
                assert pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
            else:
                assert gettext(entry.msgid) == entry.msgstr, entry.msgid


@pytest.mark.parametrize("name", sorted(TEMPLATE_COPIES))
def test_template_copies_differ_from_wagtail_only_in_translation(name):
    """A Wagtail upgrade that changes one of these templates fails here: copy it again."""
    upstream = (Path(wagtail_admin_file).parent / "templates" / name).read_text()
    ours = (Path(__file__).resolve().parents[2] / "themes" / "templates" / name).read_text()
    for original, translated in TEMPLATE_COPIES[name]:
        assert upstream.count(original) == 1, (name, original)
        upstream = upstream.replace(original, translated)
    assert ours == upstream
