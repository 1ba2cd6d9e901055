"""The library and teacher packs in a real browser, without JavaScript, as a new teacher.

Lives beside the harness (one Playwright loop per session, see test_help_browser.py).
"""

from __future__ import annotations

import re
import zipfile

import pytest
from django.utils import translation

from tests.browser.harness import submit
from tests.library import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def library_site(transactional_db, settings, tmp_path):
    settings.SID_PACKS_ROOT = str(tmp_path / "packs")
    settings.SID_LIBRARY_PAGE_SIZE = 2
    translation.activate("en")
    tree = f.build_library_tree()
    tree.more = [
        f.resource(
            tree.libraries["eu"],
            {
                "en": {"title": f"Grooming lesson {n}", "summary": "More."},
                "fr": {"title": f"Leçon pédopiégeage {n}", "summary": "Encore."},
            },
            files={"fr": f"leçon {n}".encode()},
            topics=[tree.topics["grooming"]],
        )
        for n in range(3)
    ]
    translation.activate("en")
    return tree


def new_page(browser, live_server, *, javascript=False, width=390):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=javascript, viewport={"width": width, "height": 844}
    )
    context.set_default_timeout(15_000)
    return context, context.new_page()


def test_teacher_filters_ticks_across_pages_and_downloads_a_french_pack(
    library_site, browser, live_server, axe_check, tmp_path
):
    context, page = new_page(browser, live_server)
    try:
        page.goto("/fr/europe/library/")
        page.click(".library__filter-summary")  # on a phone the filters wait in a disclosure
        for name, value in (("language", "fr"), ("age", "9-12"), ("topic", "grooming")):
            page.check(f"#library-form input[name={name}][value='{value}']")
        submit(page, "#library-form .library__actions button[type=submit]")
        first = page.locator(".result__pick input").evaluate_all("nodes => nodes.map(n => n.value)")
        assert len(first) == 2
        for value in first:
            page.check(f".result__pick input[value='{value}']")
        submit(page, ".pagination button[name=page]")  # "Next": the ticks go with it
        second = page.locator(".result__pick input").evaluate_all("nodes => nodes.map(n => n.value)")
        assert second and not set(second) & set(first)
        page.check(f".result__pick input[value='{second[0]}']")
        submit(page, "button[name=build]")
        picked = page.locator(".pack-picks button[name=remove]").evaluate_all("nodes => nodes.map(n => n.value)")
        assert sorted(picked) == sorted([*first, second[0]])
        assert page.locator("#pack-confirm").is_visible()
        page.click("#pack-confirm button[type=submit]")
        page.wait_for_url(re.compile(r"/fr/packs/builds/[0-9a-f]{64}/"))
        status_url = page.url
        with page.expect_download() as download_info:
            page.click("a[href*='download']")
        archive_path = tmp_path / "pack.zip"
        download_info.value.save_as(archive_path)
        with zipfile.ZipFile(archive_path) as archive:
            names = archive.namelist()
            files = [name for name in names if name.startswith("files/")]
            guides = [name for name in names if name.startswith("guides/")]
            assert len(files) + len(guides) == 3
            assert files and all(".fr." in name or ".fallback-" in name for name in files)
            archive.extractall(tmp_path / "pack")
        # The index opens offline (file://) and names every item.
        page.goto((tmp_path / "pack" / "index.html").as_uri())
        text = page.locator("body").inner_text()
        assert "Repérer le pédopiégeage" in text or "Leçon pédopiégeage" in text
        assert page.locator("li").count() == 3
    finally:
        context.close()
    # axe-core needs JavaScript: check the status page in a second context.
    context, page = new_page(browser, live_server, javascript=True)
    try:
        page.goto(status_url)
        axe_check(page)
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_library_with_a_selection_passes_axe(library_site, browser, live_server, axe_check, language):
    t = library_site
    context, page = new_page(browser, live_server, javascript=True, width=1280)
    try:
        with translation.override(language):
            url = t.libraries["eu"].get_url()
        page.goto(f"{url}?topic=grooming&pick={t.en_only.pk}&pick={t.guide.pk}&pick=999999&build=1")
        assert page.locator(".pack-picks li").count() == 2
        assert page.locator(".error-summary").is_visible()  # the unknown id, explained
        axe_check(page)
    finally:
        context.close()


def test_guide_prints_cleanly_and_case_studies_end_in_questions(library_site, browser, live_server):
    t = library_site
    context, page = new_page(browser, live_server, javascript=True, width=1280)
    try:
        page.goto(f"/fr/europe/library/{t.guide.slug}/")
        assert page.locator(".site-header").is_visible()
        page.emulate_media(media="print")
        for chrome in (".site-header", ".site-footer", ".guide__tools", "a.help-control"):
            assert not page.locator(chrome).first.is_visible(), chrome
        assert page.locator("h1").is_visible()
        study = page.locator(".case-study").first
        assert study.locator(".case-study__questions li").first.is_visible()
        # The questions are the last thing in each case study.
        last = page.evaluate(
            "() => [...document.querySelectorAll('.case-study')].map(s => s.lastElementChild.className)"
        )
        assert last and all(name == "case-study__questions" for name in last)
        assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
        pdf = page.pdf()
        assert pdf.startswith(b"%PDF-") and len(pdf) > 1000
    finally:
        context.close()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_ready_made_packs_pass_axe(library_site, browser, live_server, axe_check, language):
    t = library_site
    pack = f.curated_pack(t.regions["eu"], "Ages 9–12, SID 2027", [t.fr_grooming, t.guide], slug="ages-9-12")
    context, page = new_page(browser, live_server, javascript=True)
    try:
        page.goto(f"/{language}/packs/?region=eu")
        assert page.locator(f"a[href='/{language}/packs/{pack.slug}/']").is_visible()
        axe_check(page)
        page.goto(f"/{language}/packs/{pack.slug}/")
        assert page.locator("ol li").count() == 2
        axe_check(page)
        page.click(".pack-request button[type=submit]")
        page.wait_for_url(re.compile(rf"/{language}/packs/builds/[0-9a-f]{{64}}/"))
        assert page.locator("a[href*='download']").is_visible()
        axe_check(page)
    finally:
        context.close()
