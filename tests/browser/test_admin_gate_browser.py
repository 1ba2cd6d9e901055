"""A coordinator's admin session never reaches a child's raw text, in Chromium.

A child's story is sent through the real form pipeline with a phone number and a street
address in it, and waits in its region's moderation. Europe's coordinator (the same region:
the strongest case) signs in and tries every admin path to it: the page tree, the page
editor, its revisions, preview and compare views, history and workflow history, the bulk
action confirmations, the admin API, the page search, the reports, the moderation queue and
the story's review; then every admin link those pages offer that names the story. No page
or frame the browser shows holds the phone number, the address or the story's title, and
none answers a server error. Europe's moderator, on the same editor and review pages,
reads the text as sent (which proves the check would see it).
"""

from __future__ import annotations

import contextlib
import re

import pytest
from django.utils import translation
from wagtail.models import Page

from campaign.moderation.models import ItemKind, ModerationItem
from tests.factories import PASSWORD, build_site_tree
from tests.security.matrix_objects import ADDRESS, CHILD, PHONE, send_story
from tests.stories.factories import add_story_sections

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: At most this many further admin links (found on the pages visited) are followed.
MAX_LINKS = 40


@pytest.fixture
def story(transactional_db):
    translation.activate("en")
    tree = build_site_tree()
    sections = add_story_sections(tree)
    submission = send_story(sections["eu"], "eu")
    page = Page.objects.get(pk=submission.page_id)
    state = page.current_workflow_state
    assert state is not None and not page.live
    item = ModerationItem.objects.get(kind=ItemKind.STORY, object_id=submission.pk)
    return {
        "page": page.pk,
        "section": sections["eu"].pk,
        "revision": page.latest_revision.pk,
        "task": state.current_task_state.task_id,
        "task_state": state.current_task_state.pk,
        "workflow_state": state.pk,
        "submission": submission.pk,
        "item": item.pk,
        "region": tree.regions["eu"].pk,
    }


def secrets():
    code = "eu"
    return [PHONE[code], ADDRESS[code], f"{CHILD}{code}"]


def sign_in(browser, live_server, username):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/admin/login/" not in page.url, f"{username} could not sign in"
    return context, page


def shown(page) -> str:
    """Everything the browser holds for the page: every frame's document (previews load in
    an iframe)."""
    from playwright.sync_api import Error

    texts = []
    for frame in page.frames:
        with contextlib.suppress(Error):  # a frame that went away while being read shows nothing
            texts.append(frame.content())
    return "\n".join(texts)


def paths_to(story) -> list[str]:
    s = story
    page, section = s["page"], s["section"]
    paths = [
        "/admin/",
        f"/admin/pages/{s['region']}/",
        f"/admin/pages/{section}/",
        f"/admin/pages/{page}/",
        f"/admin/pages/{page}/edit/",
        f"/admin/pages/{page}/edit/preview/",
        f"/admin/pages/{page}/view_draft/",
        f"/admin/pages/{page}/edit/copy_translation_content/",
        f"/admin/pages/{page}/revisions/",
        f"/admin/pages/{page}/revisions/{s['revision']}/view/",
        f"/admin/pages/{page}/revisions/compare/earliest...latest/",
        f"/admin/pages/{page}/history/",
        f"/admin/pages/{page}/workflow_history/",
        f"/admin/pages/{page}/workflow_history/detail/{s['workflow_state']}/",
        f"/admin/pages/workflow/preview/{page}/{s['task']}/",
        f"/admin/pages/workflow/action/{page}/approve/{s['task_state']}/",
        f"/admin/pages/{page}/usage/",
        f"/admin/pages/{page}/copy/",
        f"/admin/pages/{page}/move/",
        f"/admin/pages/{page}/delete/",
        f"/admin/pages/{page}/unpublish/",
        f"/admin/choose-page/{section}/",
        f"/admin/api/main/pages/{page}/",
        f"/admin/api/main/pages/?child_of={section}",
        f"/admin/api/main/pages/?search=bullied&child_of={section}",
        # Words of the story (not the secrets themselves: the search box shows its query).
        "/admin/pages/search/?q=bullied",
        "/admin/pages/search/?q=Street",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/site-history/",
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
        "/admin/reports/page-types-usage/",
        "/admin/moderation/",
        f"/admin/moderation/{s['item']}/",
        f"/admin/youth-stories/{s['submission']}/",
        "/admin/youth-stories/export.csv",
    ]
    paths += [
        f"/admin/bulk/wagtailcore/page/{action}/?id={page}&next=/admin/"
        for action in ("publish", "unpublish", "delete", "move")
    ]
    return paths


def visit(page, path, problems, username):
    from playwright.sync_api import Error

    try:
        response = page.goto(path)
    except Error as error:
        if "Download is starting" not in str(error):
            raise
        # A file answer (a CSV, a ZIP): read it through the same signed-in session.
        answer = page.context.request.get(path)
        if answer.status >= 500:
            problems.append(f"{path} as {username}: {answer.status}")
        return answer.text()
    status = response.status if response is not None else 0
    if status >= 500:
        problems.append(f"{path} as {username}: {status}")
    page.wait_for_load_state("load")
    return shown(page)


def admin_links(page, story_pk) -> set[str]:
    """Admin links on the page that name the story (its id as a path segment or ?id=)."""
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    pattern = re.compile(rf"(/|=){story_pk}(/|&|$)")
    return {href for href in hrefs if href.startswith("/admin/") and pattern.search(href)}


def test_a_coordinator_never_sees_a_childs_raw_text_by_any_admin_path(story, browser, live_server):
    problems = []
    context, page = sign_in(browser, live_server, "eu-coordinator")
    visited, links = set(), []
    for path in paths_to(story):
        text = visit(page, path, problems, "eu-coordinator")
        visited.add(path)
        for secret in secrets():
            if secret in text:
                problems.append(f"{path} (shown at {page.url}) holds {secret!r}")
        links += sorted(admin_links(page, story["page"]) - visited)
    followed = 0
    for link in links:
        if link in visited or followed >= MAX_LINKS:
            continue
        visited.add(link)
        followed += 1
        text = visit(page, link, problems, "eu-coordinator")
        for secret in secrets():
            if secret in text:
                problems.append(f"{link} (a link the admin offered) holds {secret!r}")
    context.close()
    assert not problems, "\n".join(problems)

    # The region's moderator reads the text as sent, on the same editor and review pages.
    context, page = sign_in(browser, live_server, "eu-moderator")
    for path in (f"/admin/pages/{story['page']}/edit/", f"/admin/moderation/{story['item']}/"):
        text = visit(page, path, problems, "eu-moderator")
        for secret in secrets():
            assert secret in text, f"{path}: the moderator should read {secret!r}"
    context.close()
    assert not problems, "\n".join(problems)
