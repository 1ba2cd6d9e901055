"""Importing translated files: validation, hostile input, stale sources, drafts only, scoping."""

from __future__ import annotations

import re
from collections import Counter
from html import escape

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import replay
from tests.fixtures import hostile_text, xss_payloads
from translations.models import ExportJob, ImportBatch
from translations.workflow.exporting import run_export
from translations.workflow.importing import FileRefused, check_units, read_file

from . import files
from .factories import guide_page, translate_in_language
from .test_roundtrip import export, translate_po, translate_xliff

pytestmark = pytest.mark.django_db

XSS_PAYLOADS = xss_payloads()
UNICODE_CASES = hostile_text.by_id()


def xliff_with(content: str, targets: dict[str, str]) -> bytes:
    """The exported XLIFF translated in a CAT tool, with chosen targets (by unit key suffix):
    text for plain units, XML content (``<g id="1">…</g>``) for rich ones."""
    return files.translate_xml(content, "pt", targets)


def body_key(page, index, *rest):
    raw = page.body_en.get_prep_value()
    return "/".join(["body", raw[index]["id"], *rest])


@pytest.fixture
def latam_page(site_tree):
    return replay.built("import_latam_page", lambda: guide_page(site_tree.regions["latam"]))


def test_malformed_files_are_refused_with_a_reason(site_tree):
    cases = {
        b"": "empty",
        b"<xliff><file>": "not well-formed XLIFF",
        b'msgid "a"\nmsgstr "b"\nmsgid': "not a well-formed PO",
        "\xff\xfe not utf8".encode("latin-1"): "not UTF-8",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xliff/>': "document type",
    }
    for data, reason in cases.items():
        with pytest.raises(FileRefused) as error:
            read_file(data)
        assert reason in str(error.value), (data, str(error.value))


def test_wrong_target_language_is_refused(site_tree, latam_page):
    job = export(site_tree, latam_page, language="pt")
    with pytest.raises(FileRefused, match="not es"):
        read_file(translate_xliff(job.content, "pt"), expected_language="es")
    # A file claiming its source language as its target is refused too.
    with pytest.raises(FileRefused, match="own source language"):
        read_file(job.content.replace('target-language="pt"', 'target-language="en"').encode() + b"", "pt")


def test_unknown_ids_and_fields_are_listed(site_tree, latam_page):
    job = export(site_tree, latam_page, file_format="po")
    catalogue = polib.pofile(translate_po(job.content, "pt").decode())
    catalogue[0].msgctxt = "sitecontent.standardpage:999999:title"
    catalogue[1].msgctxt = f"sitecontent.standardpage:{latam_page.pk}:no_such_field"
    catalogue[2].msgctxt = "auth.user:1:username"
    accepted, problems = check_units(read_file(str(catalogue).encode()), site_tree.users["latam-coordinator"])
    assert len(problems) == 3
    assert len(accepted) == len(catalogue) - 3
    assert "does not belong" in problems[0]["reason"]
    assert "no longer exists" in problems[1]["reason"]


def test_xss_payloads_never_reach_a_draft(site_tree, latam_page):
    job = export(site_tree, latam_page)
    user = site_tree.users["latam-coordinator"]
    rich_key, plain_block_key = body_key(latam_page, 1), body_key(latam_page, 2, "title")
    source_tags = Counter(re.findall(r"<[^>]+>", latam_page.body_en[1].value.source))
    for payload in XSS_PAYLOADS:
        # In rich text a translator can only write text between the source's tags: markup typed
        # into it is text, escaped when the HTML is rebuilt.
        rich = files.Markup(f'<g id="1">{escape(payload)} <g id="2">a</g> <g id="3">b</g></g>')
        targets = {"title": payload, rich_key: rich, plain_block_key: payload}
        accepted, problems = check_units(read_file(xliff_with(job.content, targets)), user)
        for row in accepted:
            lowered = row["new"].lower()
            if row["kind"] == "plain":
                # Plain text is escaped wherever it is shown; it must simply carry no markup.
                assert "<" not in lowered, payload
            elif row["key"] == rich_key:
                # The rebuilt HTML has exactly the source's tags (same attributes), nothing else.
                assert Counter(re.findall(r"<[^>]+>", row["new"])) == source_tags, (payload, row["new"])
        refused = {p["unit"].split(":", 2)[-1] for p in problems}
        if "<" in payload:
            assert {"title", plain_block_key} <= refused, payload
        if "{{" in payload or "${" in payload:
            assert "title" in refused, payload


def test_placeholders_must_be_preserved(site_tree):
    page = guide_page(site_tree.regions["latam"], slug="placeholders")
    page = translate_in_language(page, "en", {"intro": "Hello %(name)s, you have {count} messages."})
    job = export(site_tree, page)
    targets = {"intro": "Olá, você tem {count} mensagens."}  # %(name)s lost
    _accepted, problems = check_units(read_file(xliff_with(job.content, targets)), site_tree.users["latam-coordinator"])
    reasons = {p["unit"].split(":", 2)[-1]: p["reason"] for p in problems}
    assert "placeholders" in reasons["intro"] and "%(name)s" in reasons["intro"]


def test_a_link_cannot_be_redirected(site_tree, latam_page):
    """Tags are rebuilt from the source: attributes a file adds to them are never read."""
    job = export(site_tree, latam_page)
    paragraph = body_key(latam_page, 1)
    evil = files.Markup(
        '<g id="1">Fale com <g id="2">alguém</g>. Leia '
        '<g id="3" ctype="link" xmlns:h="http://www.w3.org/1999/xhtml" h:href="https://evil.example/">o guia</g>.</g>'
    )
    accepted, problems = check_units(
        read_file(xliff_with(job.content, {paragraph: evil})), site_tree.users["latam-coordinator"]
    )
    assert problems == []
    row = next(row for row in accepted if row["key"] == paragraph)
    assert row["new"] == '<p>Fale com <b>alguém</b>. Leia <a href="https://example.org/help">o guia</a>.</p>'


@pytest.mark.parametrize("case", ["bidi_override_name", "nul_byte"])
def test_invisible_and_control_characters_are_refused(site_tree, latam_page, case):
    job = export(site_tree, latam_page)
    text = UNICODE_CASES[case]
    if case == "nul_byte":
        # XML cannot carry NUL at all; a PO file can.
        data = translate_po(export(site_tree, latam_page, file_format="po").content, "pt").decode()
        catalogue = polib.pofile(data)
        catalogue.find("Safety guide").msgstr = text
        data = str(catalogue).encode()
    else:
        data = xliff_with(job.content, {"title": text})
    try:
        accepted, problems = check_units(read_file(data), site_tree.users["latam-coordinator"])
    except FileRefused:
        return  # refused as a whole: also fine
    assert all(row["key"] != "title" for row in accepted)
    assert any("invisible" in p["reason"] for p in problems)


@pytest.mark.parametrize("case", ["emoji_ok", "rtl_ok", "zero_width_joiner_name", "fullwidth"])
def test_legitimate_unicode_is_kept_as_written(site_tree, latam_page, case):
    job = export(site_tree, latam_page)
    text = UNICODE_CASES[case]
    accepted, problems = check_units(
        read_file(xliff_with(job.content, {"title": text})), site_tree.users["latam-coordinator"]
    )
    assert problems == []
    assert next(row for row in accepted if row["key"] == "title")["new"] == text


def test_too_long_text_is_refused(site_tree, latam_page):
    job = export(site_tree, latam_page)
    _accepted, problems = check_units(
        read_file(xliff_with(job.content, {"title": UNICODE_CASES["very_long"] * 2})),
        site_tree.users["latam-coordinator"],
    )
    assert any("at most 255" in p["reason"] for p in problems)


def test_page_changed_since_export_accepts_only_unchanged_units(site_tree, latam_page):
    job = export(site_tree, latam_page)
    # After the export, the English intro and one FAQ answer change.
    changed = translate_in_language(latam_page, "en", {"intro": "A new introduction."})
    translated = translate_xliff(job.content, "pt")
    accepted, problems = check_units(read_file(translated), site_tree.users["latam-coordinator"])
    assert [p["unit"].split(":", 2)[-1] for p in problems] == ["intro"]
    assert "changed since the export" in problems[0]["reason"]
    assert len(accepted) == 10
    assert changed.intro_en == "A new introduction."


def test_coordinator_cannot_import_into_another_region(site_tree):
    eu_page = guide_page(site_tree.regions["eu"], slug="eu-guide")
    job = ExportJob.objects.create(
        requested_by=site_tree.users["admin"],
        region=site_tree.regions["eu"],
        language="pt",
        file_format="xliff",
        scope=ExportJob.Scope.PAGES,
        page_ids=[eu_page.pk],
    )
    run_export(job)
    accepted, problems = check_units(
        read_file(translate_xliff(job.content, "pt")), site_tree.users["latam-coordinator"]
    )
    assert accepted == []
    assert all("may not edit" in p["reason"] for p in problems)


def test_full_flow_through_the_admin(client, site_tree, latam_page, django_capture_on_commit_callbacks):
    """A coordinator exports everything missing in Portuguese, imports it, and it goes through review."""
    coordinator = site_tree.users["latam-coordinator"]
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("sid_translations:export_create"),
            {"region": "latam", "language": "pt", "file_format": "xliff", "scope": "missing"},
        )
    assert len(callbacks) == 1  # enqueued after commit, once
    job = ExportJob.objects.get()
    assert response.url == reverse("sid_translations:export_detail", args=(job.pk,))
    # Eager Celery in tests: the task ran when the transaction committed.
    job.refresh_from_db()
    assert job.status == ExportJob.Status.READY
    detail = client.get(response.url).content.decode()
    assert reverse("sid_translations:export_download", args=(job.pk,)) in detail
    download = client.get(reverse("sid_translations:export_download", args=(job.pk,)))
    assert download["Content-Disposition"].startswith("attachment;")
    content = download.content.decode()
    assert f"sitecontent.standardpage:{latam_page.pk}:title" in content
    # The region page itself has an English-only intro: it is missing too.
    assert f"sitecontent.regionpage:{site_tree.regions['latam'].pk}:intro" in content

    upload = SimpleUploadedFile("latam-pt.xlf", translate_xliff(content, "pt"), "application/x-xliff+xml")
    response = client.post(reverse("sid_translations:import_upload"), {"file": upload, "language": "pt"})
    batch = ImportBatch.objects.get()
    assert response.url == reverse("sid_translations:import_preview", args=(batch.pk,))
    preview = client.get(response.url).content.decode()
    assert "<ins>[pt]</ins>" in preview or "[pt] Safety guide" in preview
    assert "Save as drafts" in preview
    latam_page.refresh_from_db()
    assert not latam_page.title_pt  # nothing saved by the preview

    client.post(response.url, {"action": "apply"})
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPLIED
    latam_page.refresh_from_db()
    assert not latam_page.title_pt  # a draft only: the live page is unchanged
    draft = latam_page.get_latest_revision_as_object()
    assert draft.title_pt == "[pt] Safety guide"
    # The visitor still sees the fallback.
    assert client.get("/pt/latin-america/safety-guide/").status_code in (200, 301, 302, 404)
    # Review: publishing the revision (what the region's moderators do) makes it live.
    latam_page.get_latest_revision().publish(user=coordinator)
    latam_page.refresh_from_db()
    assert latam_page.title_pt == "[pt] Safety guide"


def test_hostile_upload_through_the_admin_shows_a_clear_error(client, site_tree):
    client.force_login(site_tree.users["latam-coordinator"])
    upload = SimpleUploadedFile("evil.xlf", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><xliff/>', "application/xml")
    response = client.post(reverse("sid_translations:import_upload"), {"file": upload, "language": "pt"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "The file was not accepted" in html and "document type" in html
    assert ImportBatch.objects.count() == 0


def test_other_users_cannot_see_or_download_an_export(client, site_tree, latam_page):
    job = export(site_tree, latam_page)
    job.requested_by = site_tree.users["latam-coordinator"]
    job.save()
    eu = site_tree.users["eu-coordinator"]
    client.force_login(eu)
    response = client.get(reverse("sid_translations:export_download", args=(job.pk,)))
    assert response.status_code in (302, 404) and "Safety guide" not in response.content.decode()
    client.force_login(site_tree.users["latam-coordinator"])
    assert "Safety guide" in client.get(reverse("sid_translations:export_download", args=(job.pk,))).content.decode()


def test_single_page_export_from_the_page_editor(client, site_tree, latam_page, django_capture_on_commit_callbacks):
    client.force_login(site_tree.users["latam-coordinator"])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(latam_page.pk,))).content.decode()
    link = reverse("sid_translations:export_create") + f"?page={latam_page.pk}"
    assert link in edit and "Export for translation" in edit
    form = client.get(link)
    assert form.status_code == 200
    html = form.content.decode()
    assert f'value="{latam_page.pk}"' in html and "Safety guide" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("sid_translations:export_create"),
            {"region": "latam", "language": "pt", "file_format": "po", "scope": "pages", "pages": [latam_page.pk]},
        )
    job = ExportJob.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))
    assert job.status == ExportJob.Status.READY and job.unit_count == 11 and job.object_count == 1
    # Another region's page cannot be smuggled into the export.
    eu_page = guide_page(site_tree.regions["eu"], slug="eu-guide")
    response = client.post(
        reverse("sid_translations:export_create"),
        {"region": "latam", "language": "pt", "file_format": "po", "scope": "pages", "pages": [eu_page.pk]},
    )
    assert response.status_code == 200 and "only export pages of the region" in response.content.decode()
    # Nor another region's export page.
    response = client.get(reverse("sid_translations:export_create") + f"?page={eu_page.pk}")
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
