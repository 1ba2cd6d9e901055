"""A moderator clears a batch of mixed items with the keyboard only, in Chromium.

Stories with and without personal information, partner events and a reader's report. The
plan per item is decided from the item's title; every decision is made with the documented
single-key shortcuts (plus Tab/arrows/Enter for a rejection reason). Afterwards, every
decision has landed: the text published is the text the review showed under "Will be
published", and rejected children read the reason in their own language.
"""

from __future__ import annotations

import os

import pytest
from django.utils import translation

from campaign.moderation.models import ModerationItem
from campaign.moderation.reasons import RejectionReason, reason_label
from campaign.stories import pipeline
from campaign.stories.models import StoryPage, Submission
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS  # noqa: F401 (the browser fixture's settings)
from tests.factories import PASSWORD, build_site_tree
from tests.stories.factories import add_story_sections

from .helpers import send_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: 50 on the day; set SID_MODERATION_BATCH lower for a quick local run.
BATCH = int(os.environ.get("SID_MODERATION_BATCH", "50"))
REASONS = list(RejectionReason.values)


@pytest.fixture
def tree(transactional_db):
    tree = build_site_tree()
    tree.sections = add_story_sections(tree)
    return tree


def _story(tree, number, kind):
    language = ("en", "fr", "de", "es")[number % 4]
    body = {
        "clean": "Someone kept messaging me on a game. I told my sister and we blocked and reported him.",
        "pii": "Text me on 07700 900123 or write to kim.lee2012@mailbox.example if it happens to you too.",
        "reject": "Buy cheap game coins now, the best deals online, click here for more and more coins.",
    }[kind]
    cleaned = {
        "pen_name": f"Fox {number}",
        "title": f"{kind} story {number}",
        "body": body,
        "age_band": "16_17",
        "country": "BE",
        "language": language,
    }
    submission, token = pipeline.receive(tree.sections["eu"], cleaned)
    submission.refresh_from_db()
    return submission, token


def build_batch(tree, size):
    """Mixed items: clean stories, stories to redact, stories to reject, events, one report."""
    plan = {}
    tokens = {}
    moderator = tree.users["eu-moderator"]
    reported, _token = _story(tree, 0, "clean")
    from campaign.moderation import decisions

    decisions.approve(reported.page.specific, moderator)
    page = StoryPage.objects.get(pk=reported.page_id)
    pipeline.report(page, "hurtful", "198.51.100.7")
    plan[page.title] = ("approve", None)  # keep it published
    for number in range(1, size):
        kind = ("clean", "pii", "clean", "event", "reject")[number % 5]
        if kind == "event":
            event = send_event(tree, title=f"event {number} workshop")
            plan[event.title] = ("approve", None)
            continue
        submission, token = _story(tree, number, kind)
        tokens[submission.pk] = token
        title = f"{kind} story {number}"
        if kind == "reject":
            plan[title] = ("reject", REASONS[number % len(REASONS)])
        elif kind == "pii":
            plan[title] = ("redact+approve", None)
        else:
            plan[title] = ("approve", None)
    return plan, tokens


def log_in(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto("/admin/login/")
    page.fill("input[name=username]", "eu-moderator")
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/")
    return context, page


def press(page, key, counter):
    counter[0] += 1
    page.keyboard.press(key)


def test_moderator_clears_a_mixed_batch_with_the_keyboard(tree, browser, live_server):
    plan, tokens = build_batch(tree, BATCH)
    assert ModerationItem.objects.filter(is_open=True).count() == BATCH
    context, page = log_in(browser, live_server)
    page.goto("/admin/moderation/")
    assert "Keyboard shortcuts" in page.content()
    page.locator("body").focus()
    with page.expect_navigation():
        page.keyboard.press("n")
    reviewed = {}
    actions = {}
    for _step in range(BATCH):
        title = page.locator("[data-published-text] h3").first.inner_text().strip()
        decision, reason = plan[title]
        counter = [0]
        if decision == "redact+approve":
            assert page.locator("mark.story-finding").count() > 0
            with page.expect_navigation():
                press(page, "s", counter)
            assert page.locator(".moderation-published mark.story-finding").count() == 0
            assert page.locator(".moderation-published .story-redaction").count() >= 2
        body = page.locator("[data-published-text] .moderation-story__body").first
        reviewed[title] = body.inner_text().strip() if body.count() else ""
        if decision.endswith("approve"):
            with page.expect_navigation():
                press(page, "a", counter)
        else:
            press(page, "r", counter)  # focus moves to the first reason
            # Nothing is chosen in advance: Space takes the first reason, arrows move on.
            press(page, "Space", counter)
            for _down in range(REASONS.index(reason)):
                press(page, "ArrowDown", counter)
            press(page, "Tab", counter)  # the "Reject and next" button
            with page.expect_navigation():
                press(page, "Enter", counter)
        actions[title] = counter[0]
        if "/admin/moderation/" == page.url.split(live_server.url)[1].split("?")[0]:
            break
    context.close()

    left = list(ModerationItem.objects.filter(is_open=True).values_list("kind", "title"))
    assert not left, (left, actions)
    assert len(actions) == BATCH
    for title, (decision, reason) in plan.items():
        if title.startswith("event"):
            continue
        story = StoryPage.objects.get(title=title)
        submission = Submission.objects.filter(page=story).first()
        if decision == "reject":
            assert submission.status == Submission.Status.REJECTED and submission.rejection_reason == reason
            token = tokens[submission.pk]
            with translation.override(submission.language):
                from django.urls import reverse

                url = reverse("stories:status", kwargs={"token": token})
            html = live_server_get(live_server, url)
            assert reason_label(reason, submission.language).replace("'", "&#x27;") in html
        else:
            assert story.live, title
    # What readers get is what the moderator reviewed (markers and all).
    readers = browser.new_context(base_url=live_server.url)
    public = readers.new_page()
    for title, (decision, _reason) in plan.items():
        if decision == "reject" or title.startswith("event") or title not in reviewed:
            continue
        story = StoryPage.objects.get(title=title)
        public.goto(story.url)
        assert public.locator(".story__body").inner_text().strip() == reviewed[title], title
        assert "[" not in public.locator(".story__body").inner_text()
    readers.close()
    clean = [count for title, count in actions.items() if plan[title][0] == "approve"]
    redacted = [count for title, count in actions.items() if plan[title][0] == "redact+approve"]
    assert max(clean) <= 2 and max(redacted) <= 4


def live_server_get(live_server, path):
    from urllib.request import urlopen

    with urlopen(live_server.url + path) as response:  # noqa: S310 (the test's own server)
        return response.read().decode()
