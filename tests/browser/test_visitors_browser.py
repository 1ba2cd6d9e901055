"""The demo site as visitors see it on a phone (390 px) and a laptop (1366 px), in English,
Arabic and Japanese: nothing wider than the screen, calendar text boxes that never overlap,
a help control that covers no form field or helpline number; and every section reached
from the home page by visible navigation only, in every language.
"""

import pytest
from django.core.management import call_command

from tests.factories import ensure_wagtail_root
from translations.core.languages import LANGUAGE_CODES

from .test_every_page_axe import public_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1366)


@pytest.fixture
def demo_site(transactional_db):
    ensure_wagtail_root()  # an earlier transactional test may have flushed it
    call_command("load_demo_content", verbosity=0)


OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"

# Every pair of text boxes (per line, from Range.getClientRects) in the month grid that
# overlap by more than a pixel each way: text drawn over other text.
OVERLAPS = """() => {
  const grid = document.querySelector('.month-grid');
  if (!grid) return [];
  const boxes = [];
  const walker = document.createTreeWalker(grid, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim() || node.parentElement.closest('.visually-hidden')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width > 0 && r.height > 0) boxes.push({text: node.textContent.trim(), r});
    }
  }
  const hits = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].r, b = boxes[j].r;
      const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (dx > 1 && dy > 1) hits.push([boxes[i].text, boxes[j].text]);
    }
  }
  return hits.slice(0, 5);
}"""

# Form fields, their labels and tel: links under the help control, at every scroll position
# a visitor reaches (scrolled into view one by one).
COVERED = """() => {
  const control = document.querySelector('.help-control');
  if (!control) return [];
  const targets = document.querySelectorAll('input:not([type=hidden]), select, textarea, label, a[href^="tel:"]');
  const hits = [];
  for (const target of targets) {
    if (!target.getClientRects().length) continue;
    target.scrollIntoView({block: 'center'});
    const a = control.getBoundingClientRect(), b = target.getBoundingClientRect();
    const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (dx > 0 && dy > 0 && !control.contains(target)) hits.push(target.outerHTML.slice(0, 80));
  }
  window.scrollTo(0, 0);
  return hits.slice(0, 5);
}"""


def test_every_page_type_fits_phones_and_laptops_in_en_ar_ja(demo_site, browser, live_server):
    paths = {
        language: public_paths(language) + [f"/{language}/site-map/", f"/{language}/privacy/"]
        for language in ("en", "ar", "ja")
    }
    problems = []
    for width in WIDTHS:
        context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 844})
        page = context.new_page()
        page.set_default_timeout(20_000)
        try:
            for language_paths in paths.values():
                for path in language_paths:
                    page.goto(path)
                    overflow = page.evaluate(OVERFLOW)
                    if overflow > 1:
                        problems.append(f"{width}px {path}: {overflow}px wider than the screen")
                    overlaps = page.evaluate(OVERLAPS)
                    if overlaps:
                        problems.append(f"{width}px {path}: overlapping calendar text {overlaps}")
                    covered = page.evaluate(COVERED)
                    if covered:
                        problems.append(f"{width}px {path}: the help control covers {covered}")
        finally:
            context.close()
    assert not problems, "\n".join(problems)


def test_the_month_view_is_an_agenda_on_phones_and_a_grid_on_laptops(demo_site, browser, live_server):
    for width, agenda in ((390, True), (1366, False)):
        context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 844})
        page = context.new_page()
        try:
            page.goto("/ar/calendar/month/")
            assert page.locator(".month-grid li").count() > 0, "the month view opened on an empty month"
            header_visible = page.locator(".month-grid thead").is_visible()
            assert header_visible is not agenda
            weekday_visible = page.locator(
                ".month-grid td:not(.month-grid__empty):not(.month-grid__out) .month-grid__weekday"
            ).first.is_visible()
            assert weekday_visible is agenda
            if agenda:  # only days with events, one under the other
                assert page.locator(".month-grid td.month-grid__empty").first.is_visible() is False
        finally:
            context.close()


def _body_classes(page) -> str:
    return page.locator("body").get_attribute("class") or ""


def test_every_section_is_reachable_from_the_home_page_by_visible_navigation(demo_site, browser, live_server):
    """Library, calendar, a story form and help, clicking only what is visible, in every language."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(20_000)
    missing = {}
    try:
        for language in LANGUAGE_CODES:
            reached = set()
            page.goto(f"/{language}/")
            count = page.locator("nav.main-menu a").count()
            for index in range(count):
                page.goto(f"/{language}/")
                link = page.locator("nav.main-menu a").nth(index)
                assert link.is_visible()
                link.click()
                page.wait_for_load_state()
                classes = _body_classes(page)
                if "page-library" in classes:
                    reached.add("library")
                if "page-calendar" in classes:
                    reached.add("calendar")
                if "help-page" in classes:
                    reached.add("help")
            # A story form: a region card, the region's menu, the stories section, its button.
            page.goto(f"/{language}/")
            page.locator(".regions .card__title a").first.click()
            page.wait_for_load_state()
            region_url = page.url
            for index in range(page.locator("nav.main-menu a").count()):
                page.goto(region_url)
                page.locator("nav.main-menu a").nth(index).click()
                page.wait_for_load_state()
                if "page-stories" in _body_classes(page):
                    page.locator(".hero a.button").first.click()
                    page.wait_for_load_state()
                    if page.locator("form textarea").first.is_visible():
                        reached.add("story form")
                    break
            wanted = {"library", "calendar", "help", "story form"}
            if reached != wanted:
                missing[language] = sorted(wanted - reached)
    finally:
        context.close()
    assert not missing, missing
