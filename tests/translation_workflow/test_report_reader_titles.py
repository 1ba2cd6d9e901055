"""The translation report speaks to the person reading it: titles in their admin language (the
one they get instead marked, with its language), and pages with the same title told apart by
their section and publication date.

Read through the Translations admin as the Latin American coordinator, admin in Portuguese
and then in Spanish; expected wording from gettext under ``translation.override``.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import get_language_info, gettext
from wagtail.users.models import UserProfile

from sitecontent.models import StandardPage
from tests.translation_workflow.interface_strings import visible_texts

pytestmark = pytest.mark.django_db


def spanish_page(parent, title, slug, **more):
    page = StandardPage(title_es=title, slug_es=slug, intro_es="Texto.", **more)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def report(client, user, admin_language, language):
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": admin_language})
    client.force_login(user)
    response = client.get(reverse("sid_translations:coverage"), {"region": "latam", "language": language})
    assert response.status_code == 200
    return response.content.decode()


def test_titles_in_the_reader_s_language_and_rows_told_apart(client, site_tree):
    latam = site_tree.regions["latam"]
    coordinator = site_tree.users["latam-coordinator"]
    primary = spanish_page(latam, "Primaria", "primaria", title_pt="Ensino fundamental")
    secondary = spanish_page(latam, "Secundaria", "secundaria")
    first = spanish_page(primary, "Asamblea escolar", "asamblea", title_pt="Assembleia escolar")
    second = spanish_page(secondary, "Asamblea escolar", "asamblea")

    html = report(client, coordinator, "pt", "en")
    texts = " ".join(visible_texts(html))
    with translation.override("pt"):
        # The Portuguese title where there is one; else Spanish, marked as such.
        assert "Assembleia escolar" in texts
        spanish = get_language_info("es")["name_translated"]
        marker = gettext("title in %(language)s: not in your language yet") % {"language": spanish}
        assert marker in texts
        assert 'lang="es">Asamblea escolar</a>' in html
        # The two rows differ by section (in the reader's language too) and date.
        # Section titles are content: marked up apart, in their own language.
        assert gettext("in %(section)s") % {"section": '<span lang="pt">Ensino fundamental</span>'} in html
        assert gettext("in %(section)s") % {"section": '<span lang="es">Secundaria</span>'} in html
        published = date_format(first.last_published_at, "DATE_FORMAT")
        assert gettext("published %(date)s") % {"date": published} in texts

    html = report(client, coordinator, "es", "pt")
    texts = " ".join(visible_texts(html))
    with translation.override("es"):
        # In Spanish, the source language, nothing is marked as another language.
        assert "Asamblea escolar" in texts
        assert 'lang="es">Asamblea' not in html
        assert gettext("in %(section)s") % {"section": '<span lang="es">Primaria</span>'} in html
    assert {first.pk, second.pk} <= {int(pk) for pk in _edit_links(html)}


def _edit_links(html):
    import re

    return re.findall(r'href="/admin/pages/(\d+)/edit/"', html)
