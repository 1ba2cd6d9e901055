"""The translation report and the export/import round trip compare each item with its own
source language, not with English.

Latin America writes in Spanish: a page written only in Spanish is complete in Spanish,
falls back (to Spanish) in English and Portuguese, and its English translation is out of
date when the Spanish text changes. Seen through the Translations admin as the region's
coordinator, and through an export into English translated back in.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from translate.storage import xliff
from wagtail.users.models import UserProfile

from sitecontent.models import StandardPage, Topic
from tests.factories import translated
from translations.core.languages import LANGUAGE_CODES
from translations.core.tooling import get_translation, set_translations
from translations.models import ExportJob, SourceStamp
from translations.workflow.coverage import COMPLETE, FALLBACK, SHARED, object_coverage, region_languages, region_report

from .factories import translate_text
from .test_roundtrip import export, import_file

pytestmark = pytest.mark.django_db


def spanish_page(region, slug="privacidad"):
    page = StandardPage(title_es="Privacidad en línea", slug_es=slug, intro_es="Cómo proteger tus datos.")
    region.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_a_spanish_only_page_is_compared_with_spanish(site_tree):
    latam = site_tree.regions["latam"]
    page = spanish_page(latam)
    assert object_coverage(page, "es").status == COMPLETE  # its own language
    assert object_coverage(page, "en").status == FALLBACK
    assert {f.name for f in object_coverage(page, "en").fields} == {"title", "intro"}

    # The report offers English (missing) and Portuguese, not Spanish, the source.
    assert region_languages(latam) == ["pt", "en"]
    rows = {row.pk: row for row in region_report(latam, "en").rows}
    assert rows[page.pk].status == FALLBACK
    assert rows[page.pk].title == "Privacidad en línea"
    assert rows[page.pk].shown_language == "es"

    translated(page, {"en": {"title": "Online privacy", "intro": "How to protect your data."}})
    rows = {row.pk: row for row in region_report(latam, "en").rows}
    assert rows[page.pk].status == COMPLETE and not rows[page.pk].outdated
    assert SourceStamp.objects.filter(object_id=page.pk, field="intro", language="en").exists()
    assert not SourceStamp.objects.filter(object_id=page.pk, language="es").exists()

    # The Spanish text changes: the English translation is out of date.
    translated(page, {"es": {"intro": "Cómo proteger tus datos personales."}})
    rows = {row.pk: row for row in region_report(latam, "en").rows}
    assert rows[page.pk].outdated


def test_the_report_in_the_admin_as_the_spanish_coordinator(site_tree, client):
    latam = site_tree.regions["latam"]
    page = spanish_page(latam)
    coordinator = site_tree.users["latam-coordinator"]
    UserProfile.objects.update_or_create(user=coordinator, defaults={"preferred_language": "es"})
    client.force_login(coordinator)
    url = reverse("sid_translations:coverage")
    response = client.get(url, {"region": "latam", "language": "en"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<option value="en" selected>' in html
    assert '<option value="es"' not in html  # the source language is not a target
    assert "Privacidad en línea" in html
    assert reverse("wagtailadmin_pages:edit", args=(page.pk,)) in html
    # Asking for the source language shows the first target language instead.
    response = client.get(url, {"region": "latam", "language": "es"})
    assert '<option value="pt" selected>' in response.content.decode()


def test_a_shared_topic_is_compared_with_its_chosen_source_language(site_tree):
    topic = Topic(slug="privacidad", source_language="es")
    set_translations(topic, {"es": {"name": "Privacidad"}})
    topic.save()
    assert region_languages(SHARED) == list(LANGUAGE_CODES)
    rows = {row.pk: row for row in region_report(SHARED, "en").rows if row.model_label == "sitecontent.topic"}
    assert rows[topic.pk].status == FALLBACK
    assert rows[topic.pk].title == "Privacidad"
    rows = {row.pk: row for row in region_report(SHARED, "es").rows if row.model_label == "sitecontent.topic"}
    assert rows[topic.pk].status == COMPLETE


def test_export_into_english_from_spanish_and_import_back(site_tree):
    page = spanish_page(site_tree.regions["latam"])
    job = export(site_tree, page, language="en")
    store = xliff.xlifffile.parsestring(job.content.encode("utf-8"))
    assert store.getsourcelanguage() == "es"
    assert sorted(unit.source for unit in store.units if not unit.isheader()) == [
        "Cómo proteger tus datos.",
        "Privacidad en línea",
    ]
    for unit in store.units:
        unit.target = translate_text(unit.source, "en")
    batch, results = import_file(bytes(store), site_tree.users["latam-coordinator"], language="en")
    assert batch.problems == [] and results[0]["saved"] == 2
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert get_translation(draft, "title", "en") == "[en] Privacidad en línea"
    assert get_translation(draft, "title", "es") == "Privacidad en línea"

    # A file into the region's source language has nothing to export.
    assert export(site_tree, page, language="es").unit_count == 0


def test_an_export_form_into_the_source_language_is_refused(site_tree, client):
    client.force_login(site_tree.users["latam-coordinator"])
    response = client.post(
        reverse("sid_translations:export_create"),
        {"region": "latam", "language": "es", "file_format": "xliff", "scope": ExportJob.Scope.MISSING},
    )
    assert response.status_code == 200
    assert "language" in response.context["form"].errors


def test_stamps_of_the_english_rule_are_rebased_on_the_source_text(site_tree):
    """``migrate`` re-bases stamps recorded when English was every item's source."""
    from translations.workflow.coverage_store import rebuild
    from translations.workflow.stamps import rebase_stamps

    page = spanish_page(site_tree.regions["latam"])
    translated(page, {"pt": {"title": "Privacidade online", "intro": "Como proteger seus dados."}})
    stamps = SourceStamp.objects.filter(object_id=page.pk, language="pt")
    # As the old rule stored them: fingerprints of an English text, and a Spanish stamp.
    stamps.update(source_hash="english-text")
    es = stamps.first()
    SourceStamp.objects.create(
        content_type_id=es.content_type_id, object_id=page.pk, field="title", language="es", source_hash="x"
    )
    rebuild()
    assert {row.pk: row for row in region_report(site_tree.regions["latam"], "pt").rows}[page.pk].outdated
    assert rebase_stamps() >= 3
    rebuild()
    assert not {row.pk: row for row in region_report(site_tree.regions["latam"], "pt").rows}[page.pk].outdated
    assert not SourceStamp.objects.filter(object_id=page.pk, language="es").exists()
    assert rebase_stamps() == 0  # safe to re-run


def test_a_field_written_only_in_english_is_compared_with_its_english(site_tree):
    """Written before Latin America had a source language: the introduction exists only in
    English, the English readers fall back to; it is translated from it, into English never."""
    page = StandardPage(title_es="Privacidad", slug_es="privacidad-en", intro_en="How to protect your data.")
    site_tree.regions["latam"].add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    fields = {f.name: f for f in object_coverage(page, "pt").fields}
    assert set(fields) == {"title", "intro"}
    assert {f.name for f in object_coverage(page, "en").fields} == {"title"}
    job = export(site_tree, page, language="pt")
    store = xliff.xlifffile.parsestring(job.content.encode("utf-8"))
    assert sorted(unit.source for unit in store.units if not unit.isheader()) == [
        "How to protect your data.",
        "Privacidad",
    ]
    assert store.getsourcelanguage() == "es"  # the region's, as the texts' languages differ
