"""Export a page, translate the file as a translator would, import it, compare field by field."""

from __future__ import annotations

import subprocess

import polib
import pytest
from translate.storage import factory as toolkit_factory

from translations.models import ExportJob, ImportBatch
from translations.workflow.exporting import run_export
from translations.workflow.importing import apply_batch, check_units, read_file
from translations.workflow.units import field_texts, units

from . import files
from .factories import guide_page, translate_text

pytestmark = pytest.mark.django_db


def export(tree, page, language="pt", file_format="xliff", scope=ExportJob.Scope.PAGES, region="latam"):
    job = ExportJob.objects.create(
        requested_by=tree.users["admin"],
        region=tree.regions[region],
        language=language,
        file_format=file_format,
        scope=scope,
        page_ids=[page.pk] if page else [],
    )
    return run_export(job)


def translate_xliff(content: str, language: str) -> bytes:
    """XLIFF 1.2 or 2.0 translated in a CAT tool: tags kept, every text run prefixed."""
    return files.translate_xml(content, language)


def translate_po(content: str, language: str) -> bytes:
    """PO translated in Poedit or Weblate: placeholders kept, every text run prefixed."""
    return files.translate_po(content, language)


def import_file(data: bytes, user, language="pt"):
    read = read_file(data, expected_language=language)
    accepted, problems = check_units(read, user)
    batch = ImportBatch.objects.create(
        uploaded_by=user,
        filename="t",
        file_format=read.file_format,
        language=read.language,
        units=accepted,
        problems=problems,
    )
    return batch, apply_batch(batch, user)


@pytest.mark.parametrize(
    "file_format,translate", [("xliff", translate_xliff), ("xliff2", translate_xliff), ("po", translate_po)]
)
def test_round_trip_every_field_and_block(site_tree, file_format, translate):
    page = guide_page(site_tree.regions["latam"])
    job = export(site_tree, page, file_format=file_format)
    source_units = units(page)
    # title, intro, and 8 texts in the body (heading, paragraph, key message x2, faq heading, 2 x (q, a)) = 11
    assert job.unit_count == len(source_units) == 11

    batch, results = import_file(translate(job.content, "pt"), site_tree.users["latam-coordinator"])
    assert batch.problems == []
    assert results[0]["saved"] == 11

    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    for unit in source_units:
        translated = field_texts(draft, unit.field, "pt")[unit.key]
        assert translated == translate_text(unit.source, "pt"), unit.key
    # The body's structure (block types, ids, non-text values) is the source's.
    source_body, target_body = draft.body_en.get_prep_value(), draft.body_pt.get_prep_value()
    assert [b["id"] for b in source_body] == [b["id"] for b in target_body]
    assert target_body[0]["value"]["level"] == "h2"
    assert '<a href="https://example.org/help">' in target_body[1]["value"]
    assert target_body[3]["value"]["items"][1]["value"]["question"] == "[pt] Who can help?"


def test_import_never_changes_the_live_page(site_tree):
    page = guide_page(site_tree.regions["latam"])
    job = export(site_tree, page)
    import_file(translate_xliff(job.content, "pt"), site_tree.users["latam-coordinator"])
    page.refresh_from_db()
    assert page.title_pt in (None, "")
    assert page.intro_pt in (None, "")
    assert len(page.body_pt.raw_data) == 0
    assert page.has_unpublished_changes
    # Publishing the draft (the region's review) makes it live.
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert page.title_pt == "[pt] Safety guide"
    assert page.body_pt[0].value["text"] == "[pt] Stay safe online"


def test_exported_xliff_is_read_back_unit_for_unit_by_translate_toolkit(site_tree, tmp_path):
    page = guide_page(site_tree.regions["latam"])
    job = export(site_tree, page)
    path = tmp_path / job.filename
    path.write_text(job.content, encoding="utf-8")
    store = toolkit_factory.getobject(str(path))
    assert store.getsourcelanguage() == "en"
    assert store.gettargetlanguage() == "pt"
    assert "urn:oasis:names:tc:xliff:document:1.2" in job.content
    read_back = [u for u in store.units if not u.isheader()]
    expected = units(page)
    assert len(read_back) == len(expected)
    for unit, source in zip(read_back, expected, strict=True):
        assert unit.getid().endswith(f"sitecontent.standardpage:{page.pk}:{source.key}")
        # Rich text's inline codes are its placeholders, which translate-toolkit reads as text.
        if source.kind == "rich":
            assert "<" not in unit.source
            assert files.with_source_markup(unit.source, source.source, escaped_braces=False) == source.source
        else:
            assert unit.source == source.source
        assert "Safety guide" in unit.getnotes()
        assert not unit.target


@pytest.mark.parametrize("translated", [False, True])
def test_po_passes_msgfmt_check(site_tree, tmp_path, translated):
    page = guide_page(site_tree.regions["latam"])
    job = export(site_tree, page, file_format="po")
    content = translate_po(job.content, "pt").decode() if translated else job.content
    path = tmp_path / "export.po"
    path.write_text(content, encoding="utf-8")
    result = subprocess.run(  # noqa: S603 (fixed arguments, a file we wrote)
        ["/usr/bin/msgfmt", "-c", "-o", str(tmp_path / "export.mo"), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(polib.pofile(content)) == 11
