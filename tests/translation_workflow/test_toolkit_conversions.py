"""Rich text through translate-toolkit's converters, both ways, as translators use them.

A German and an Arabic export of pages whose rich text has links, bold, italic and a list go
XLIFF → ``xliff2po`` → PO editor → ``po2xliff`` → upload, and PO → ``po2xliff`` → CAT tool →
``xliff2po`` → upload. The converters are translate-toolkit's own commands. After each
conversion every unit is still there with its id, and its source, placeholders turned back
into the stored tags by a rule written apart from the site's code (files.with_source_markup),
is the page's source; the translator moves markup inside the sentences; the draft revision
holds the expected HTML; a file whose placeholders do not pair is refused, naming the unit.
"""

from __future__ import annotations

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from lxml import etree

from tests import replay
from tests.factories import StandardPageFactory
from translations.models import ExportJob, ImportBatch
from translations.workflow.exporting import run_export
from translations.workflow.importing import FileRefused, check_units, read_file
from translations.workflow.units import field_texts, units

from . import files
from .factories import block_id, rich_body
from .test_files import body_key, run_tool
from .test_roundtrip import import_file

pytestmark = pytest.mark.django_db

LIST_PARAGRAPH = (
    "<p>If someone <b>pressures</b> you:</p>"
    '<ul><li>keep <a href="https://example.org/report">the messages</a>,</li>'
    "<li>block the account,</li><li>tell <i>someone you trust</i>.</li></ul>"
    "<p>Codes such as {1234} stay private.</p>"
)

# What a translator writes in a PO editor (placeholders as the converted file shows them,
# braces of the text single), with the markup moved inside the sentences, and the HTML expected.
EDITS = {
    "de": {
        "paragraph": (
            "{para1}Lies {link3}unseren Leitfaden{link3_end} und sprich mit "
            "{bold2}jemandem, dem du vertraust{bold2_end}.{para1_end}",
            '<p>Lies <a href="https://example.org/help">unseren Leitfaden</a> und sprich mit '
            "<b>jemandem, dem du vertraust</b>.</p>",
        ),
        "list": (
            "{para1}Wenn dich jemand {bold2}unter Druck setzt{bold2_end}:{para1_end}"
            "{list3}{item4}{link5}Bewahre die Nachrichten{link5_end} auf,{item4_end}"
            "{item6}blockiere das Konto,{item6_end}"
            "{item7}erzähl es {italic8}jemandem, dem du vertraust{italic8_end}.{item7_end}{list3_end}"
            "{para9}Codes wie {1234} bleiben privat.{para9_end}",
            "<p>Wenn dich jemand <b>unter Druck setzt</b>:</p>"
            '<ul><li><a href="https://example.org/report">Bewahre die Nachrichten</a> auf,</li>'
            "<li>blockiere das Konto,</li><li>erzähl es <i>jemandem, dem du vertraust</i>.</li></ul>"
            "<p>Codes wie {1234} bleiben privat.</p>",
        ),
    },
    "ar": {
        "paragraph": (
            "{para1}اقرأ {link3}دليلنا{link3_end} وتحدث إلى {bold2}شخص تثق به{bold2_end}.{para1_end}",
            '<p>اقرأ <a href="https://example.org/help">دليلنا</a> وتحدث إلى <b>شخص تثق به</b>.</p>',
        ),
        "list": (
            "{para1}إذا {bold2}ضغط عليك{bold2_end} أحد:{para1_end}"
            "{list3}{item4}{link5}احتفظ بالرسائل{link5_end}،{item4_end}"
            "{item6}احظر الحساب،{item6_end}"
            "{item7}أخبر {italic8}شخصًا تثق به{italic8_end}.{item7_end}{list3_end}"
            "{para9}الرموز مثل {1234} تبقى سرية.{para9_end}",
            "<p>إذا <b>ضغط عليك</b> أحد:</p>"
            '<ul><li><a href="https://example.org/report">احتفظ بالرسائل</a>،</li>'
            "<li>احظر الحساب،</li><li>أخبر <i>شخصًا تثق به</i>.</li></ul>"
            "<p>الرموز مثل {1234} تبقى سرية.</p>",
        ),
    },
}


def list_page(region, slug):
    """A published page: the guide's body (a paragraph with bold and a link, a FAQ with italic)
    and a paragraph with a list, a link inside an item and a brace in the text."""
    body = [*rich_body(), {"type": "paragraph", "id": block_id(), "value": LIST_PARAGRAPH}]
    page = StandardPageFactory(
        parent=region, title="Safety guide", slug=slug, intro="How to stay safe.", body=body, live=True
    )
    with translation.override("en"):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def export_pages(tree, pages, language, file_format):
    job = ExportJob.objects.create(
        requested_by=tree.users["admin"],
        region=tree.regions["eu"],
        language=language,
        file_format=file_format,
        scope=ExportJob.Scope.PAGES,
        page_ids=[page.pk for page in pages],
    )
    return run_export(job)


@pytest.fixture
def pages(site_tree):
    """The page translators edit and its twin (every text identical: the PO needs msgctxt)."""
    region = site_tree.regions["eu"]
    # Built once per test process, then replayed (tests/replay.py).
    return replay.built(
        "toolkit_conversion_pages", lambda: (list_page(region, "conversions"), list_page(region, "conversions-twin"))
    )


def expected_units(pages) -> dict:
    found = {f"sitecontent.standardpage:{page.pk}:{unit.key}": unit for page in pages for unit in units(page)}
    assert len(found) == 2 * 12 and sum(unit.kind == "rich" for unit in found.values()) == 2 * 4
    return found


def assert_every_unit_kept(converted: list[tuple[str, str]], expected: dict, escaped_braces: bool) -> None:
    """``converted``: (unit id, source text) of each unit of a converted file."""
    assert len(converted) == len(expected)
    assert sorted(unit_id for unit_id, _source in converted) == sorted(expected)
    for unit_id, source in converted:
        unit = expected[unit_id]
        if unit.kind == "rich":
            assert "<" not in source, unit_id  # placeholders, never raw HTML
            assert files.with_source_markup(source, unit.source, escaped_braces) == unit.source, unit_id
        else:
            assert source == unit.source, unit_id


def po_units(catalogue) -> list[tuple[str, str]]:
    return [(entry.occurrences[0][0], entry.msgid) for entry in catalogue if entry.msgid and not entry.obsolete]


def xliff_units(root) -> list:
    """(unit id, source text, trans-unit) of a po2xliff file: the id is the location po2xliff kept."""
    found = []
    for unit in root.iter("{*}trans-unit"):
        if unit.get("restype") == "x-gettext-domain-header":
            continue
        location = next(c.text for c in unit.iter("{*}context") if c.get("context-type") == "sourcefile")
        found.append((location, unit.findtext("{*}source"), unit))
    return found


def translation_for(unit_id: str, source: str, page, language: str, escaped_braces: bool) -> str:
    """The translator's text: the edits for the page's two rich paragraphs, else each text run
    prefixed with the language (placeholders kept)."""
    edits = {
        f"sitecontent.standardpage:{page.pk}:{body_key(page, 1)}": EDITS[language]["paragraph"][0],
        f"sitecontent.standardpage:{page.pk}:{body_key(page, 4)}": EDITS[language]["list"][0],
    }
    if unit_id in edits:
        text = edits[unit_id]
        return text.replace("{1234}", "{{1234}}") if escaped_braces else text
    return files.translate_placeholders(source, language)


def assert_expected_draft(page, twin, language):
    page.refresh_from_db()
    assert not field_texts(page, "body", language)  # the live page is unchanged
    draft = page.get_latest_revision_as_object()
    texts = field_texts(draft, "body", language)
    assert texts[body_key(page, 1)] == EDITS[language]["paragraph"][1]
    assert texts[body_key(page, 4)] == EDITS[language]["list"][1]
    assert field_texts(draft, "title", language)["title"] == f"[{language}] Safety guide"
    twin.refresh_from_db()
    twin_draft = twin.get_latest_revision_as_object()
    assert field_texts(twin_draft, "body", language)[body_key(twin, 4)] == (
        f"<p>[{language}] If someone <b>[{language}] pressures</b>[{language}]  you:</p>"
        f'<ul><li>[{language}] keep <a href="https://example.org/report">[{language}] the messages</a>[{language}] ,</li>'
        f"<li>[{language}] block the account,</li><li>[{language}] tell <i>[{language}] someone you trust</i>"
        f"[{language}] .</li></ul><p>[{language}] Codes such as {{1234}} stay private.</p>"
    )


def xliff_to_po(tree, pages, language, tmp_path) -> tuple[polib.POFile, dict]:
    """Our XLIFF 1.2 through xliff2po: every unit, its markup as placeholders."""
    expected = expected_units(pages)
    job = export_pages(tree, pages, language, "xliff")
    (tmp_path / "export.xlf").write_text(job.content, encoding="utf-8")
    run_tool("xliff2po", tmp_path / "export.xlf", tmp_path / "export.po")
    catalogue = polib.pofile(str(tmp_path / "export.po"))
    assert_every_unit_kept(po_units(catalogue), expected, escaped_braces=False)
    return catalogue, expected


def po_to_xliff(catalogue, tmp_path, expected, escaped_braces) -> etree._Element:
    catalogue.save(str(tmp_path / "translated.po"))
    run_tool("po2xliff", tmp_path / "translated.po", tmp_path / "back.xlf")
    root = etree.parse(str(tmp_path / "back.xlf")).getroot()
    assert_every_unit_kept([(uid, source) for uid, source, _unit in xliff_units(root)], expected, escaped_braces)
    return root


@pytest.mark.parametrize("language", ["de", "ar"])
def test_xliff_to_po_to_xliff_imports_the_expected_html(client, site_tree, pages, tmp_path, language):
    page, twin = pages
    catalogue, expected = xliff_to_po(site_tree, pages, language, tmp_path)
    # The translator works in a PO editor. The Arabic one's editor records the language; the
    # German one's leaves the header as xliff2po wrote it (no language: the upload form says it).
    for entry in catalogue:
        if entry.msgid:
            unit_id = entry.occurrences[0][0]
            entry.msgstr = translation_for(unit_id, entry.msgid, page, language, escaped_braces=False)
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    if language == "ar":
        catalogue.metadata["Language"] = "ar"
    else:
        assert "Language" not in catalogue.metadata
    root = po_to_xliff(catalogue, tmp_path, expected, escaped_braces=False)
    data = (tmp_path / "back.xlf").read_bytes()
    assert (root.find("{*}file").get("target-language") == "ar") == (language == "ar")

    user = site_tree.users["eu-coordinator"]
    if language == "de":  # where coordinators meet it: upload, preview, save as drafts
        client.force_login(user)
        upload = SimpleUploadedFile("back.xlf", data, "application/x-xliff+xml")
        response = client.post(reverse("sid_translations:import_upload"), {"file": upload, "language": "de"})
        assert response.status_code == 302, response.content.decode()[:2000]
        batch = ImportBatch.objects.get()
        assert batch.problems == [] and len(batch.units) == len(expected)
        response = client.post(reverse("sid_translations:import_preview", args=[batch.pk]), {"action": "apply"})
        assert response.status_code == 302
        batch.refresh_from_db()
        results = batch.result
    else:
        batch, results = import_file(data, user, language=language)
        assert batch.problems == []
    assert sum(row["saved"] for row in results) == len(expected)
    assert_expected_draft(page, twin, language)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_po_to_xliff_to_po_imports_the_expected_html(site_tree, pages, tmp_path, language):
    page, twin = pages
    expected = expected_units(pages)
    job = export_pages(site_tree, pages, language, "po")
    catalogue = polib.pofile(job.content)
    assert_every_unit_kept(po_units(catalogue), expected, escaped_braces=True)
    root = po_to_xliff(catalogue, tmp_path, expected, escaped_braces=True)
    # The translator works in a CAT tool on the converted XLIFF and confirms every unit.
    for unit_id, source, unit in xliff_units(root):
        unit.find("{*}target").text = translation_for(unit_id, source, page, language, escaped_braces=True)
        unit.set("approved", "yes")
    (tmp_path / "translated.xlf").write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    run_tool("xliff2po", tmp_path / "translated.xlf", tmp_path / "back.po")
    back = polib.pofile(str(tmp_path / "back.po"))
    assert_every_unit_kept(po_units(back), expected, escaped_braces=True)
    assert back.metadata["Language"] == language

    batch, results = import_file((tmp_path / "back.po").read_bytes(), site_tree.users["eu-coordinator"], language)
    assert batch.problems == []
    assert sum(row["saved"] for row in results) == len(expected)
    assert_expected_draft(page, twin, language)


def test_converted_files_whose_markup_does_not_pair_are_refused_naming_the_unit(site_tree, pages, tmp_path):
    page, _twin = pages
    user = site_tree.users["eu-coordinator"]
    list_id = f"sitecontent.standardpage:{page.pk}:{body_key(page, 4)}"
    revisions = page.revisions.count()

    # XLIFF → PO → XLIFF: the link's end is lost in the PO editor.
    catalogue, expected = xliff_to_po(site_tree, pages, "de", tmp_path)
    for entry in catalogue:
        if entry.msgid:
            unit_id = entry.occurrences[0][0]
            entry.msgstr = translation_for(unit_id, entry.msgid, page, "de", escaped_braces=False)
            if unit_id == list_id:
                entry.msgstr = entry.msgstr.replace("{link5_end}", "")
    # A language the file names is never overridden by the form's: one we do not use is refused.
    catalogue.metadata["Language"] = "tlh"
    catalogue.save(str(tmp_path / "klingon.po"))
    with pytest.raises(FileRefused, match="which language"):
        read_file((tmp_path / "klingon.po").read_bytes(), "de")
    del catalogue.metadata["Language"]
    po_to_xliff(catalogue, tmp_path, expected, escaped_braces=False)
    with pytest.raises(FileRefused) as refusal:
        check_units(read_file((tmp_path / "back.xlf").read_bytes(), "de"), user)
    # The item closes while the link inside it is still open.
    assert list_id in str(refusal.value) and "{item4_end}" in str(refusal.value)

    # PO → XLIFF → PO: bold and the link cross in the CAT tool.
    job = export_pages(site_tree, pages, "de", "po")
    root = po_to_xliff(polib.pofile(job.content), tmp_path, expected, escaped_braces=True)
    paragraph_id = f"sitecontent.standardpage:{page.pk}:{body_key(page, 1)}"
    for unit_id, source, unit in xliff_units(root):
        text = files.translate_placeholders(source, "de")
        if unit_id == paragraph_id:
            text = "{para1}{bold2}Sprich {link3}mit{bold2_end} uns{link3_end}.{para1_end}"
        unit.find("{*}target").text = text
        unit.set("approved", "yes")
    (tmp_path / "crossed.xlf").write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    run_tool("xliff2po", tmp_path / "crossed.xlf", tmp_path / "crossed.po")
    with pytest.raises(FileRefused) as refusal:
        check_units(read_file((tmp_path / "crossed.po").read_bytes(), "de"), user)
    assert paragraph_id in str(refusal.value) and "{bold2_end}" in str(refusal.value)
    assert page.revisions.count() == revisions and ImportBatch.objects.count() == 0
