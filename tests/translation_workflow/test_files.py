"""Translation files checked by independent judges: the OASIS XLIFF schemas, translate-toolkit's
converters and msgfmt; edited as translators edit them and imported back as drafts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import etree

from translations.models import ExportJob, ImportBatch
from translations.workflow.exporting import run_export
from translations.workflow.importing import FileRefused, check_units, read_file
from translations.workflow.units import field_texts, units

from . import files
from .factories import guide_page, translate_in_language
from .test_roundtrip import export, import_file

pytestmark = pytest.mark.django_db

TOOLKIT = Path(sys.executable).parent  # translate-toolkit's converters, installed beside Python
PARAGRAPH = '<p>Talk to <b>someone you trust</b>. Read <a href="https://example.org/help">our guide</a>.</p>'
ANSWER = "<p>No. <i>Asking</i> is brave.</p>"


def run_tool(name: str, *args) -> None:
    result = subprocess.run(  # noqa: S603 (translate-toolkit's own command, files we wrote)
        [str(TOOLKIT / name), "--progress=none", *map(str, args)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def body_key(page, index, *rest):
    raw = page.body_en.get_prep_value()
    return "/".join(["body", raw[index]["id"], *rest])


def answer_key(page):
    raw = page.body_en.get_prep_value()
    faq = raw[3]
    return "/".join(["body", faq["id"], "items", faq["value"]["items"][0]["id"], "answer"])


def sources_in(content: bytes | str) -> list[str]:
    root = etree.fromstring(content.encode() if isinstance(content, str) else content)
    return [etree.tostring(s, encoding="unicode") for s in root.iter("{*}source")]


@pytest.mark.parametrize(
    "file_format,schemas",
    [("xliff", ["1.2-transitional", "1.2-strict"]), ("xliff2", ["2.0"])],
)
def test_exports_validate_against_the_oasis_schemas(site_tree, file_format, schemas):
    """Both files of the issue (German for Europe, Arabic), with rich text, an outdated and a
    pre-filled translation: every schema accepts them, and no source shows raw HTML."""
    region = site_tree.regions["eu"]
    page = guide_page(region, slug="schema-guide")
    translate_in_language(page, "de", {"title": "Sicherheitsleitfaden"})
    translate_in_language(page, "en", {"title": "Safety guide, revised"})  # the German is now outdated
    twin = guide_page(region, slug="schema-twin")  # same texts, untranslated: the memory pre-fills it
    translate_in_language(twin, "ar", {"intro": "كيف تبقى آمنًا."})
    for language in ("de", "ar"):
        job = export(site_tree, None, language=language, file_format=file_format, scope="missing", region="eu")
        assert job.unit_count > 20
        for name in schemas:
            assert files.schema_errors(job.content, name) == [], (language, name)
        content = job.content
        assert "needs-review" in content  # outdated or pre-filled targets are marked for review
        # Translators see tags, never escaped HTML.
        assert all("&lt;" not in source for source in sources_in(content))
        assert any("<bpt " in s or "<pc " in s for s in sources_in(content))
    # A file as a CAT tool gives it back still validates.
    for name in schemas:
        assert files.schema_errors(files.translate_xml(job.content, "ar"), name) == []


def test_translate_toolkit_round_trips_keep_every_unit(site_tree, tmp_path):
    """XLIFF → xliff2po → po2xliff and PO → po2xliff → xliff2po: identical sources in different
    fields and pages stay separate units, with their ids."""
    region = site_tree.regions["eu"]
    first = guide_page(region, slug="twin-one")
    second = guide_page(region, slug="twin-two")  # every text the same as the first's
    translate_in_language(first, "en", {"intro": "Stay safe online"})  # = the body's heading
    pages = [first, second]
    expected = {f"sitecontent.standardpage:{p.pk}:{u.key}": u for p in pages for u in units(p)}
    assert len({u.source for u in expected.values()}) < len(expected)  # duplicates exist

    def export_pages(file_format):
        job = ExportJob.objects.create(
            requested_by=site_tree.users["admin"],
            region=region,
            language="de",
            file_format=file_format,
            scope=ExportJob.Scope.PAGES,
            page_ids=[p.pk for p in pages],
        )
        return run_export(job)

    # XLIFF → PO → XLIFF: every unit, with its id as location (and msgctxt where sources repeat).
    xliff_job = export_pages("xliff")
    (tmp_path / "a.xlf").write_text(xliff_job.content, encoding="utf-8")
    run_tool("xliff2po", tmp_path / "a.xlf", tmp_path / "a.po")
    po_units = [e for e in polib.pofile(str(tmp_path / "a.po")) if e.msgid]
    assert len(po_units) == len(expected)
    assert {e.occurrences[0][0] for e in po_units} == set(expected)
    run_tool("po2xliff", tmp_path / "a.po", tmp_path / "b.xlf")
    back = etree.parse(str(tmp_path / "b.xlf")).getroot()
    locations = [c.text for c in back.iter("{*}context") if c.get("context-type") == "sourcefile"]
    assert sorted(locations) == sorted(expected)
    for unit in back.iter("{*}trans-unit"):
        if unit.get("restype") == "x-gettext-domain-header":
            continue
        unit_id = next(c.text for c in unit.iter("{*}context") if c.get("context-type") == "sourcefile")
        if expected[unit_id].kind == "plain":
            assert unit.findtext("{*}source") == expected[unit_id].source

    # PO → XLIFF → PO, translated in the XLIFF with the placeholders kept: every unit comes back
    # and imports as the expected HTML.
    po_job = export_pages("po")
    (tmp_path / "c.po").write_text(po_job.content, encoding="utf-8")
    run_tool("po2xliff", tmp_path / "c.po", tmp_path / "c.xlf")
    root = etree.parse(str(tmp_path / "c.xlf")).getroot()
    for unit in root.iter("{*}trans-unit"):
        if unit.get("restype") != "x-gettext-domain-header":
            unit.find("{*}target").text = files.translate_placeholders(unit.findtext("{*}source"), "de")
    (tmp_path / "c.xlf").write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    # The converted XLIFF itself imports too (placeholders as text, ids as locations).
    accepted, problems = check_units(
        read_file((tmp_path / "c.xlf").read_bytes(), "de"), site_tree.users["eu-coordinator"]
    )
    assert problems == [] and len(accepted) == len(expected)
    run_tool("xliff2po", tmp_path / "c.xlf", tmp_path / "d.po")
    converted = polib.pofile(str(tmp_path / "d.po"))
    converted.metadata["Language"] = "de"
    for entry in converted:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")  # the reviewer confirms every unit
    converted = str(converted)
    batch, results = import_file(converted.encode(), site_tree.users["eu-coordinator"], language="de")
    assert batch.problems == []
    assert sum(r["saved"] for r in results) == len(expected)
    second.refresh_from_db()
    draft = second.get_latest_revision_as_object()
    assert field_texts(draft, "body", "de")[body_key(second, 1)] == (
        '<p>[de] Talk to <b>[de] someone you trust</b>[de] . Read <a href="https://example.org/help">[de] our guide</a>[de] .</p>'
    )


# A translator's edits: in German the link moves before the bold text; in Arabic both move, and
# the italic word moves to the end of the sentence. XLIFF 1.2 codes are copied from the source
# (<bpt>/<ept>, their code the placeholder); the Arabic XLIFF 1.2 comes back with <g> elements,
# as files exported before the codes were written and tools that convert codes send them.
EDITS = {
    ("de", "xliff"): (
        '<bpt id="1">{para1}</bpt>Lies <bpt id="3">{link3}</bpt>unseren Leitfaden<ept id="3">{link3_end}</ept>'
        ' und sprich mit <bpt id="2">{bold2}</bpt>jemandem, dem du vertraust<ept id="2">{bold2_end}</ept>.'
        '<ept id="1">{para1_end}</ept>',
        '<bpt id="1">{para1}</bpt>Nein. Es ist mutig, <bpt id="2">{italic2}</bpt>zu fragen<ept id="2">{italic2_end}</ept>.'
        '<ept id="1">{para1_end}</ept>',
        '<p>Lies <a href="https://example.org/help">unseren Leitfaden</a> und sprich mit <b>jemandem, dem du vertraust</b>.</p>',
        "<p>Nein. Es ist mutig, <i>zu fragen</i>.</p>",
    ),
    ("ar", "xliff"): (
        '<g id="1">اقرأ <g id="3">دليلنا</g> وتحدث إلى <g id="2">شخص تثق به</g>.</g>',
        '<g id="1">لا. من الشجاعة <g id="2">أن تسأل</g>.</g>',
        '<p>اقرأ <a href="https://example.org/help">دليلنا</a> وتحدث إلى <b>شخص تثق به</b>.</p>',
        "<p>لا. من الشجاعة <i>أن تسأل</i>.</p>",
    ),
    ("ar", "xliff2"): (
        '<pc id="1">اقرأ <pc id="3">دليلنا</pc> وتحدث إلى <pc id="2">شخص تثق به</pc>.</pc>',
        '<pc id="1">لا. من الشجاعة <pc id="2">أن تسأل</pc>.</pc>',
        '<p>اقرأ <a href="https://example.org/help">دليلنا</a> وتحدث إلى <b>شخص تثق به</b>.</p>',
        "<p>لا. من الشجاعة <i>أن تسأل</i>.</p>",
    ),
    ("ar", "po"): (
        "{para1}اقرأ {link3}دليلنا{link3_end} وتحدث إلى {bold2}شخص تثق به{bold2_end}.{para1_end}",
        "{para1}لا. من الشجاعة {italic2}أن تسأل{italic2_end}.{para1_end}",
        '<p>اقرأ <a href="https://example.org/help">دليلنا</a> وتحدث إلى <b>شخص تثق به</b>.</p>',
        "<p>لا. من الشجاعة <i>أن تسأل</i>.</p>",
    ),
}


@pytest.mark.parametrize("language,file_format", list(EDITS))
def test_an_edited_export_imports_as_the_expected_html(site_tree, language, file_format):
    page = guide_page(site_tree.regions["eu"], slug=f"edited-{language}-{file_format}")
    job = export(site_tree, page, language=language, file_format=file_format, region="eu")
    if file_format == "po":
        assert PARAGRAPH not in job.content and "{para1}Talk to {bold2}" in job.content
    paragraph, answer, expected_paragraph, expected_answer = EDITS[language, file_format]
    if file_format != "po":
        paragraph, answer = files.Markup(paragraph), files.Markup(answer)
    targets = {body_key(page, 1): paragraph, answer_key(page): answer}
    if file_format == "po":
        data = files.translate_po(job.content, language, targets)
    else:
        data = files.translate_xml(job.content, language, targets)
    batch, results = import_file(data, site_tree.users["eu-coordinator"], language=language)
    assert batch.problems == []
    assert results[0]["saved"] == 11
    page.refresh_from_db()
    assert not field_texts(page, "body", language)  # the live page is unchanged
    draft = page.get_latest_revision_as_object()
    texts = field_texts(draft, "body", language)
    assert texts[body_key(page, 1)] == expected_paragraph
    assert texts[answer_key(page)] == expected_answer
    assert field_texts(draft, "title", language)["title"] == f"[{language}] Safety guide"


def test_a_file_whose_tags_do_not_pair_is_refused_naming_the_unit(client, site_tree):
    page = guide_page(site_tree.regions["eu"], slug="unpaired")
    user = site_tree.users["eu-coordinator"]
    paragraph = body_key(page, 1)
    xliff_job = export(site_tree, page, language="de", region="eu")
    po_job = export(site_tree, page, language="de", file_format="po", region="eu")
    unpaired = {
        "xliff, a tag dropped": files.translate_xml(
            xliff_job.content, "de", {paragraph: files.Markup('<g id="1">Sprich.</g>')}
        ),
        "xliff, an unknown tag": files.translate_xml(
            xliff_job.content,
            "de",
            {paragraph: files.Markup('<g id="1">a <g id="2">b</g> <g id="3">c</g><x id="9"/></g>')},
        ),
        "xliff, a tag twice": files.translate_xml(
            xliff_job.content,
            "de",
            {paragraph: files.Markup('<g id="1"><g id="2">a</g> <g id="2">b</g> <g id="3">c</g></g>')},
        ),
        "xliff, raw native code of a tag the source lacks": files.translate_xml(
            xliff_job.content,
            "de",
            {paragraph: files.Markup('<g id="1"><bpt id="5">&lt;b&gt;</bpt>a<ept id="5">&lt;/b&gt;</ept></g>')},
        ),
        "xliff, codes crossed": files.translate_xml(
            xliff_job.content,
            "de",
            {
                paragraph: files.Markup(
                    '<bpt id="1">{para1}</bpt><bpt id="2">{bold2}</bpt>a <bpt id="3">{link3}</bpt>b'
                    '<ept id="2">{bold2_end}</ept> c<ept id="3">{link3_end}</ept><ept id="1">{para1_end}</ept>'
                )
            },
        ),
        "po, never closed": files.translate_po(
            po_job.content, "de", {paragraph: "{para1}a {bold2}b {link3}c{link3_end}{para1_end}"}
        ),
        "po, crossed": files.translate_po(
            po_job.content, "de", {paragraph: "{para1}{bold2}a {link3}b{bold2_end} c{link3_end}{para1_end}"}
        ),
        "po, a stray brace": files.translate_po(
            po_job.content, "de", {paragraph: "{para1}{bold2}a{bold2_end} { {link3}b{link3_end}{para1_end}"}
        ),
    }
    for case, data in unpaired.items():
        with pytest.raises(FileRefused) as refusal:
            check_units(read_file(data, "de"), user)
        assert paragraph in str(refusal.value), case
    revisions = page.revisions.count()
    # Where coordinators meet it: the upload form names the unit, and nothing is kept.
    client.force_login(user)
    upload = SimpleUploadedFile("de.po", unpaired["po, crossed"], "text/x-gettext-translation")
    response = client.post(reverse("sid_translations:import_upload"), {"file": upload, "language": "de"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "The file was not accepted" in html and paragraph in html and "Nothing was saved" in html
    assert ImportBatch.objects.count() == 0 and page.revisions.count() == revisions


def test_translation_memory_prefills_identical_sources_for_review(site_tree):
    region = site_tree.regions["eu"]
    done = guide_page(region, slug="translated-guide")
    translate_in_language(done, "de", {"title": "Sicherheitsleitfaden", "intro": "So bleibst du sicher."})
    fresh = guide_page(region, slug="fresh-guide")  # the same English texts, not translated
    user = site_tree.users["eu-coordinator"]

    xliff_job = export(site_tree, None, language="de", scope="missing", region="eu")
    root = etree.fromstring(xliff_job.content.encode())
    fresh_title = root.find(f".//{{*}}trans-unit[@id='sitecontent.standardpage:{fresh.pk}:title']")
    target = fresh_title.find("{*}target")
    assert target.text == "Sicherheitsleitfaden" and target.get("state") == "needs-review-translation"
    assert "identical text" in fresh_title.findtext("{*}note")
    # Texts with no translation anywhere come empty.
    heading = root.find(f".//{{*}}trans-unit[@id='sitecontent.standardpage:{fresh.pk}:{body_key(fresh, 0, 'text')}']")
    assert heading.find("{*}target") is None

    po_job = export(site_tree, None, language="de", file_format="po", scope="missing", region="eu")
    entry = polib.pofile(po_job.content).find(f"sitecontent.standardpage:{fresh.pk}:intro", by="msgctxt")
    assert entry.msgstr == "So bleibst du sicher." and entry.fuzzy

    xliff2_job = export(site_tree, None, language="de", file_format="xliff2", scope="missing", region="eu")
    unit = etree.fromstring(xliff2_job.content.encode()).find(
        f".//{{*}}unit[@name='sitecontent.standardpage:{fresh.pk}:title']"
    )
    segment = unit.find("{*}segment")
    assert segment.get("state") == "initial" and segment.get("subState") == "sid:needs-review"
    assert segment.findtext("{*}target") == "Sicherheitsleitfaden"

    # Unreviewed suggestions are not imported (here nothing else is translated); reviewed ones are.
    for content in (xliff_job.content, xliff2_job.content, po_job.content):
        with pytest.raises(FileRefused, match="no translated text"):
            read_file(content.encode(), "de")
    target.set("state", "translated")
    accepted, problems = check_units(read_file(etree.tostring(root), "de"), user)
    assert problems == []
    assert [(row["key"], row["new"]) for row in accepted if row["object"].endswith(f":{fresh.pk}")] == [
        ("title", "Sicherheitsleitfaden")
    ]
