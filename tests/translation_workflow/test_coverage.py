"""The coverage report: statuses, out-of-date translations, region scoping, constant queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import StandardPageFactory
from translations.models import SourceStamp
from translations.workflow.coverage import (
    COMPLETE,
    FALLBACK,
    OUTDATED,
    PARTIAL,
    compute_report,
    object_coverage,
    region_report,
)
from translations.workflow.units import stream_leaves, stream_raw

from .factories import guide_page, translate_in_language, translate_text

pytestmark = pytest.mark.django_db


def full_pt(page) -> dict:
    """Every text of ``page`` translated into Portuguese, body included."""
    body = stream_raw(page.body_en)

    for leaf in stream_leaves(page.body.stream_block, body):
        leaf.container[leaf.slot] = translate_text(leaf.text, "pt")
    return {"title": "Guia de segurança", "intro": "Como ficar seguro.", "body": body}


def test_statuses_complete_partial_fallback(site_tree):
    latam = site_tree.regions["latam"]
    complete = translate_in_language(guide_page(latam, slug="complete"), "pt", {})
    complete = translate_in_language(complete, "pt", full_pt(complete))
    partial = translate_in_language(guide_page(latam, slug="partial"), "pt", {"title": "Só o título"})
    untouched = guide_page(latam, slug="untouched")

    assert object_coverage(complete, "pt").status == COMPLETE
    assert object_coverage(partial, "pt").status == PARTIAL
    assert object_coverage(untouched, "pt").status == FALLBACK

    report = region_report(latam, "pt")
    by_pk = {row.pk: row for row in report.rows}
    assert by_pk[complete.pk].status == COMPLETE
    assert by_pk[partial.pk].status == PARTIAL
    assert {f.name for f in by_pk[partial.pk].missing_fields} == {"intro", "body"}
    # Latin America reads Portuguese → Spanish → English: an untranslated page shows English here.
    assert by_pk[untouched.pk].shown_language == "en"
    # The region itself and its foundation guide are in the report too; drafts are not.
    assert by_pk[latam.pk]
    assert report.counts[COMPLETE] >= 1 and report.counts[PARTIAL] >= 1 and report.counts[FALLBACK] >= 1


def test_copied_stream_blocks_count_as_untranslated(site_tree):
    page = guide_page(site_tree.regions["latam"])
    # wagtail-modeltranslation's "copy content" duplicates the English stream into Portuguese.
    page = translate_in_language(page, "pt", {"title": "Guia", "intro": "Intro", "body": stream_raw(page.body_en)})
    body = next(f for f in object_coverage(page, "pt").fields if f.name == "body")
    assert body.translated == 0 and body.total == 9


def test_unpublished_pages_are_not_in_the_report(site_tree):
    draft = guide_page(site_tree.regions["latam"], slug="draft", publish=False)
    StandardPageFactory(parent=site_tree.regions["latam"], slug="never-live", live=False)
    pks = {row.pk for row in region_report(site_tree.regions["latam"], "pt").rows}
    assert draft.pk not in pks


def test_source_edited_after_translation_is_out_of_date(site_tree):
    page = guide_page(site_tree.regions["latam"])
    page = translate_in_language(page, "pt", full_pt(page))
    stamp = SourceStamp.objects.get(object_id=page.pk, field="intro", language="pt")
    assert object_coverage(page, "pt", {(stamp.content_type_id, page.pk, "intro"): stamp}).outdated is False

    # The English intro changes; the Portuguese stays as it was.
    page = translate_in_language(page, "en", {"intro": "How to stay safe online, updated."})
    report = region_report(site_tree.regions["latam"], "pt")
    row = next(r for r in report.rows if r.pk == page.pk)
    assert [f.name for f in row.outdated_fields] == ["intro"]
    assert report.counts[OUTDATED] == 1

    # Updating the translation brings it up to date again.
    page = translate_in_language(page, "pt", {"intro": "Como ficar seguro online, atualizado."})
    row = next(r for r in region_report(site_tree.regions["latam"], "pt").rows if r.pk == page.pk)
    assert row.outdated_fields == []


def test_saving_without_changing_translations_keeps_stamps(site_tree):
    page = guide_page(site_tree.regions["latam"])
    page = translate_in_language(page, "pt", {"intro": "Olá"})
    before = SourceStamp.objects.get(object_id=page.pk, field="intro", language="pt")
    page.save_revision().publish()
    after = SourceStamp.objects.get(object_id=page.pk, field="intro", language="pt")
    assert (before.source_hash, before.updated_at) == (after.source_hash, after.updated_at)


def _add_pages(region, count):
    for index in range(count):
        guide_page(region, slug=f"bulk-{region.short_code}-{index}-{StandardPageFactory._meta.model.objects.count()}")


def test_report_query_count_does_not_grow(site_tree):
    region = site_tree.regions["latam"]
    _add_pages(region, 3)
    with CaptureQueriesContext(connection) as small:
        compute_report(region, "pt")
    _add_pages(region, 12)
    with CaptureQueriesContext(connection) as large:
        report = compute_report(region, "pt")
    assert report.total >= 17
    assert len(large.captured_queries) == len(small.captured_queries)


def test_cached_report_is_refreshed_when_content_changes(site_tree):
    region = site_tree.regions["latam"]
    page = guide_page(region, slug="cached")
    first = region_report(region, "pt")
    with CaptureQueriesContext(connection) as cached:
        again = region_report(region, "pt")
    assert again.counts == first.counts
    from translations.workflow.coverage import _snippet_models

    # The version aggregates only: pages, stamps, and one per translatable snippet model
    # (a fixed number, whatever the amount of content).
    assert len(cached.captured_queries) <= 2 + len(_snippet_models())
    translate_in_language(page, "pt", {"title": "Guia"})
    row = next(r for r in region_report(region, "pt").rows if r.pk == page.pk)
    assert row.status == PARTIAL


def test_coordinator_sees_only_their_region(client, site_tree):
    guide_page(site_tree.regions["eu"], slug="eu-only")
    client.force_login(site_tree.users["latam-coordinator"])
    response = client.get(reverse("sid_translations:coverage"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Latin America" in html and "Europe guide" not in html
    assert 'value="eu"' not in html
    for scope in ("eu", "shared"):
        # Wagtail's admin answers PermissionDenied with a redirect to its home page.
        response = client.get(reverse("sid_translations:coverage") + f"?region={scope}")
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_report_in_the_admin_lists_counts_and_editor_links(client, site_tree):
    page = guide_page(site_tree.regions["latam"])
    client.force_login(site_tree.users["latam-coordinator"])
    response = client.get(reverse("sid_translations:coverage") + "?region=latam&language=pt")
    html = response.content.decode()
    assert reverse("wagtailadmin_pages:edit", args=(page.pk,)) in html
    assert 'data-status="fallback"' in html
    assert "Interface messages still shown in English" in html
    # Filter by status.
    response = client.get(reverse("sid_translations:coverage") + "?region=latam&language=pt&status=complete")
    assert reverse("wagtailadmin_pages:edit", args=(page.pk,)) not in response.content.decode()


def test_menu_and_views_closed_to_moderators_and_visitors(client, site_tree):
    client.force_login(site_tree.users["latam-moderator"])
    assert client.get(reverse("sid_translations:coverage")).status_code in (302, 403)
    assert "sid_translations" not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.logout()
    assert client.get(reverse("sid_translations:coverage")).status_code == 302


@pytest.mark.parametrize("raw", ["²", "9" * 40, "abc", "-3"])
def test_export_form_ignores_an_id_that_is_not_one(client, site_tree, raw):
    client.force_login(site_tree.users["latam-coordinator"])
    response = client.get(reverse("sid_translations:export_create"), {"page": raw})
    assert response.status_code == 200
    assert 'name="region"' in response.content.decode()
