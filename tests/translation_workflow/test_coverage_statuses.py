"""Stored coverage statuses: current after every kind of change, rebuilt by the backfill."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from campaign.packs.models import CuratedPack
from sitecontent.models import StandardPage, Topic
from translations.core.tooling import set_translations
from translations.models import CoverageStatus, ExportJob
from translations.workflow.coverage import COMPLETE, FALLBACK, OUTDATED, PARTIAL, SHARED, region_report
from translations.workflow.exporting import run_export

from .factories import guide_page, translate_in_language
from .test_coverage import full_pt
from .test_roundtrip import import_file, translate_xliff

pytestmark = pytest.mark.django_db


def stored(instance, language="pt") -> CoverageStatus:
    return CoverageStatus.objects.get(
        content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk, language=language
    )


def row_of(region, pk, language="pt"):
    return next((row for row in region_report(region, language).rows if row.pk == pk), None)


def test_publishing_stores_one_status_per_target_language(site_tree):
    page = guide_page(site_tree.regions["latam"], slug="stored")
    rows = CoverageStatus.objects.filter(object_id=page.pk, is_page=True)
    # One row per language: the page is written in English (its text's source language here),
    # so it is complete in English and falls back everywhere else.
    assert sorted(rows.values_list("language", flat=True)) == sorted(
        ["en", "fr", "es", "pt", "de", "ar", "zh-hans", "ja", "hi", "sw"]
    )
    assert {row.status for row in rows.exclude(language="en")} == {FALLBACK}
    assert rows.get(language="en").status == COMPLETE
    row = stored(page)
    assert row.title == "Safety guide" and row.units_translated == 0 and row.units_total == 11

    page = translate_in_language(page, "pt", {"title": "Guia"})
    row = stored(page)
    assert (row.status, row.units_translated) == (PARTIAL, 1)
    assert stored(page, "fr").status == FALLBACK
    page = translate_in_language(page, "pt", full_pt(page))
    assert stored(page).status == COMPLETE
    assert row_of(site_tree.regions["latam"], page.pk).status == COMPLETE


def test_a_draft_does_not_change_the_status_until_published(site_tree):
    page = guide_page(site_tree.regions["latam"], slug="drafted")
    with translation.override("en"):
        set_translations(page, {"pt": {"title": "Guia"}})
        revision = page.save_revision()
    assert stored(page).status == FALLBACK
    revision.publish()
    assert stored(page).status == PARTIAL


def test_unpublished_pages_leave_the_report_and_come_back(site_tree):
    region = site_tree.regions["latam"]
    page = guide_page(region, slug="toggle")
    before = region_report(region, "pt").total
    page.unpublish()
    report = region_report(region, "pt")
    assert report.total == before - 1 and row_of(region, page.pk) is None
    page.refresh_from_db()
    page.get_latest_revision().publish()
    assert region_report(region, "pt").total == before and row_of(region, page.pk)


def test_deleted_pages_and_their_children_lose_their_statuses(site_tree):
    parent = guide_page(site_tree.regions["latam"], slug="parent")
    child = guide_page(parent, slug="child")
    assert CoverageStatus.objects.filter(object_id__in=[parent.pk, child.pk]).count() == 20
    Page.objects.get(pk=parent.pk).delete()
    assert not CoverageStatus.objects.filter(object_id__in=[parent.pk, child.pk]).exists()
    assert row_of(site_tree.regions["latam"], child.pk) is None


def test_moved_pages_follow_their_new_region(site_tree):
    latam, eu = site_tree.regions["latam"], site_tree.regions["eu"]
    page = guide_page(latam, slug="moving")
    page = translate_in_language(page, "pt", {"title": "Guia"})
    page.move(eu, pos="last-child")
    assert row_of(latam, page.pk) is None
    assert row_of(eu, page.pk).status == PARTIAL


def test_source_edits_mark_the_stored_status_out_of_date(site_tree):
    region = site_tree.regions["latam"]
    page = guide_page(region, slug="stale")
    page = translate_in_language(page, "pt", full_pt(page))
    assert stored(page).outdated is False
    page = translate_in_language(page, "en", {"intro": "How to stay safe online, updated."})
    row = stored(page)
    assert row.outdated is True and row.status == COMPLETE
    assert [name for name, _t, _n, stale in row.fields if stale] == ["intro"]
    assert region_report(region, "pt").counts[OUTDATED] == 1
    translate_in_language(page, "pt", {"intro": "Como ficar seguro online, atualizado."})
    assert stored(page).outdated is False


def test_snippets_are_current_after_save_and_delete(site_tree):
    topic = Topic(slug="privacy")
    with translation.override("en"):
        set_translations(topic, {"en": {"name": "Privacy"}})
    topic.save()
    assert stored(topic).status == FALLBACK and stored(topic).title == "Privacy"
    assert any(row.pk == topic.pk for row in region_report(SHARED, "pt").rows)
    with translation.override("en"):
        set_translations(topic, {"pt": {"name": "Privacidade"}})
    topic.save()
    assert (stored(topic).status, stored(topic).units_translated) == (COMPLETE, 1)
    pk = topic.pk
    topic.delete()
    assert not CoverageStatus.objects.filter(content_type=ContentType.objects.get_for_model(Topic), object_id=pk)


def test_region_snippets_count_only_in_their_region(site_tree):
    latam, eu = site_tree.regions["latam"], site_tree.regions["eu"]
    pack = CuratedPack(region=latam, title="Starter pack", slug="starter")
    pack.save()
    assert any(row.pk == pack.pk and row.model_label == "packs.curatedpack" for row in region_report(latam, "pt").rows)
    assert not any(row.model_label == "packs.curatedpack" for row in region_report(eu, "pt").rows)
    assert not any(row.model_label == "packs.curatedpack" for row in region_report(SHARED, "pt").rows)
    pack.region = eu
    pack.save()
    assert not any(row.model_label == "packs.curatedpack" for row in region_report(latam, "pt").rows)


def test_an_import_counts_once_its_draft_is_published(site_tree):
    region = site_tree.regions["latam"]
    page = guide_page(region, slug="imported")
    job = ExportJob.objects.create(
        requested_by=site_tree.users["admin"],
        region=region,
        language="pt",
        file_format="xliff",
        scope=ExportJob.Scope.PAGES,
        page_ids=[page.pk],
    )
    run_export(job)
    _batch, result = import_file(translate_xliff(job.content, "pt"), site_tree.users["latam-coordinator"])
    assert result[0]["saved"] > 0
    # A draft: readers still see English, so the report still says so.
    assert stored(page).status == FALLBACK
    page.refresh_from_db()
    page.get_latest_revision().publish()
    assert stored(page).status == COMPLETE
    assert row_of(region, page.pk).status == COMPLETE


def test_backfill_fills_the_table_and_can_run_again(site_tree):
    region = site_tree.regions["latam"]
    page = translate_in_language(guide_page(region, slug="filled"), "pt", {"title": "Guia"})
    expected = region_report(region, "pt")
    expected_rows = expected.rows
    # Content written without signals (loaddata, raw SQL) or before the table existed.
    CoverageStatus.objects.all().delete()
    stray = CoverageStatus.objects.create(
        content_type=ContentType.objects.get_for_model(StandardPage), object_id=987654, language="pt", status=FALLBACK
    )
    assert region_report(region, "pt").total == 0

    call_command("translation_coverage", "rebuild", chunk_size=3, verbosity=0)
    rebuilt = region_report(region, "pt")
    assert rebuilt.counts == expected.counts and rebuilt.rows == expected_rows
    assert next(row for row in rebuilt.rows if row.pk == page.pk).status == PARTIAL
    assert not CoverageStatus.objects.filter(pk=stray.pk).exists()
    count = CoverageStatus.objects.count()

    call_command("translation_coverage", "rebuild", verbosity=0)
    assert CoverageStatus.objects.count() == count
    assert region_report(region, "pt").counts == expected.counts


def test_admin_page_queries_do_not_grow_and_the_list_is_paginated(client, site_tree):
    region = site_tree.regions["latam"]
    client.force_login(site_tree.users["latam-coordinator"])
    url = reverse("sid_translations:coverage") + "?region=latam&language=pt"
    client.get(url)  # warm per-process caches (content types, site)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for index in range(55):
        guide_page(region, slug=f"many-{index}")
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)
    html = response.content.decode()
    assert html.count('<tr data-status="') == 50
    assert "Page 1 of 2" in html
    second = client.get(url + "&p=2").content.decode()
    assert 0 < second.count('<tr data-status="') < 50
    fallback = client.get(url + "&status=fallback").content.decode()
    assert 'data-status="partial"' not in fallback.split("<tbody>")[1]


def test_migrate_fills_an_empty_table_and_leaves_a_filled_one(site_tree):
    region = site_tree.regions["latam"]
    guide_page(region, slug="deployed")
    expected = region_report(region, "pt").counts
    CoverageStatus.objects.all().delete()
    call_command("migrate", verbosity=0, interactive=False)
    assert region_report(region, "pt").counts == expected
    row = CoverageStatus.objects.order_by("pk").first()
    CoverageStatus.objects.filter(pk=row.pk).update(status=PARTIAL)
    call_command("migrate", verbosity=0, interactive=False)
    # Not re-computed on every deploy: only an empty table is filled.
    assert CoverageStatus.objects.get(pk=row.pk).status == PARTIAL
