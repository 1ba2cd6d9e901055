"""Coordinators at work in a real browser, the admin in their own language.

- The Latin American coordinator, Spanish only: uploads a document (asked for its title in
  Spanish, in words), creates a library resource with it and submits it for moderation
  through the region's workflow, whose name they read in Spanish.
- The Africa coordinator, admin in Arabic (right to left): edits an Arabic page and
  publishes the change; nothing is written in English.

Expected interface text comes from gettext under ``translation.override`` (the catalogues
the site loads), stored text from the database columns.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import get_language_info, gettext
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.users.models import UserProfile

from campaign.moderation.workflows import ensure_region_workflow
from sitecontent.models import ResourceIndexPage, ResourcePage, StandardPage
from tests.factories import PASSWORD, add_region, translated
from translations.core.tooling import get_translation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def browser_context_options():
    return {"viewport": {"width": 1280, "height": 900}}


def sign_in(page, username, language):
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    assert page.locator("html").get_attribute("lang") == language


def test_spanish_coordinator_submits_a_resource_with_a_document(site_tree, browser_page, tmp_path):
    region = site_tree.regions["latam"]
    coordinator = site_tree.users["latam-coordinator"]
    UserProfile.objects.update_or_create(user=coordinator, defaults={"preferred_language": "es"})
    with translation.override("en"):
        library = ResourceIndexPage(title="Library", slug="library")
        region.add_child(instance=library)
    translated(library, {"es": {"title": "Biblioteca", "slug": "biblioteca"}})
    workflow = ensure_region_workflow(region, library, "pages")

    page = browser_page
    sign_in(page, "latam-coordinator", "es")

    # 1. The document: uploaded, then titled in Spanish, in words.
    upload = tmp_path / "guia-ciberacoso-familias.pdf"
    upload.write_bytes(PDF)
    page.goto("/admin/documents/multiple/add/")
    page.set_input_files("input[type=file][name='files[]']", str(Path(upload)))
    title_input = page.locator("input[name$='-title']").first
    title_input.wait_for()
    with translation.override("es"):
        label = gettext("Title in %(language)s") % {"language": get_language_info("es")["name_translated"]}
    assert page.get_by_text(label).first.is_visible()
    title_input.fill("Guía contra el ciberacoso para familias")
    page.locator(
        "form.document-upload__form button[type=submit], li.upload-success form button[type=submit]"
    ).first.click()
    Document = get_document_model()
    page.wait_for_function("() => true")
    document = None
    for _attempt in range(50):
        document = Document.objects.filter(title="Guía contra el ciberacoso para familias").first()
        if document:
            break
        page.wait_for_timeout(100)
    assert document is not None, list(Document.objects.values_list("title", flat=True))

    # 2. The resource, in Spanish only, with the document as its Spanish file.
    page.goto(f"/admin/pages/add/sitecontent/resourcepage/{library.pk}/")
    page.fill("input[name=title_es]", "Guía contra el ciberacoso")
    page.fill("textarea[name=summary_es]", "Para familias y docentes.")
    page.locator("#id_files-ADD").click()
    page.select_option("select[name='files-0-language']", "es")
    page.locator("[data-contentpath=document] [data-chooser-action-choose]").first.click()
    page.locator("a[data-chooser-modal-choice]", has_text="Guía contra el ciberacoso para familias").click()
    page.locator("[data-contentpath=document] .chooser__title", has_text="Guía contra el ciberacoso").wait_for()

    # 3. Submitted to the region's workflow, named in Spanish.
    with translation.override("es"):
        submit = gettext("Submit to %(workflow_name)s") % {"workflow_name": str(workflow.name)}
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    button = page.locator("button[name=action-submit]")
    assert " ".join(button.inner_text().split()) == submit
    with page.expect_navigation():
        button.click()

    resource = ResourcePage.objects.child_of(library).get(title_es="Guía contra el ciberacoso")
    assert not resource.live and resource.workflow_in_progress
    assert resource.current_workflow_state.workflow_id == workflow.pk
    latest = resource.get_latest_revision_as_object()
    assert [(f.language, f.document_id) for f in latest.files.all()] == [("es", document.pk)]
    assert not get_translation(resource, "title", "en")
    assert (
        Page.objects.rewrite(False).values_list("title", flat=True).get(pk=resource.pk) == "Guía contra el ciberacoso"
    )


def test_arabic_coordinator_edits_a_page_right_to_left(site_tree, browser_page):
    add_region(site_tree, "africa")  # Arabic is its source language
    region = site_tree.regions["africa"]
    UserProfile.objects.update_or_create(
        user=site_tree.users["africa-coordinator"], defaults={"preferred_language": "ar"}
    )
    with translation.override("ar"):
        existing = StandardPage(title="الأمان على الإنترنت", slug="الأمان", intro="نص أول.")
        region.add_child(instance=existing)
        existing.save_revision().publish()

    page = browser_page
    sign_in(page, "africa-coordinator", "ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.goto(f"/admin/pages/{existing.pk}/edit/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    intro = page.locator("textarea[name=intro_ar]")
    assert intro.is_visible()
    assert not page.locator("textarea[name=intro_en]").is_visible()
    intro.fill("نص جديد عن الأمان.")
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    with page.expect_navigation():
        page.locator("button[name=action-publish]").click()

    # Wagtail's message after publishing, in Arabic, in a right-to-left page.
    with translation.override("ar"):
        published = gettext("Page '%(page_title)s' has been published.") % {"page_title": "الأمان على الإنترنت"}
    assert published in " ".join(page.locator(".messages").inner_text().split())
    assert page.locator("html").get_attribute("dir") == "rtl"

    existing.refresh_from_db()
    assert get_translation(existing, "intro", "ar") == "نص جديد عن الأمان."
    assert not get_translation(existing, "intro", "en")
    assert not get_translation(existing, "title", "en")
    row = Page.objects.rewrite(False).values_list("title", "slug").get(pk=existing.pk)
    assert row == ("الأمان على الإنترنت", "الأمان")
