"""Public story pages: listing cost, languages, help, the Wagtail editor for moderators."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from campaign.stories.models import StoryPage, Submission
from translations.core.languages import LANGUAGE_CODES

from .factories import latest_submission, story_data, submit, submit_url

pytestmark = pytest.mark.django_db


def publish_stories(section, count, start=0):
    for number in range(start, start + count):
        with translation.override("en"):
            page = StoryPage(
                title=f"Story {number}",
                slug=f"story-{number}",
                pen_name=f"Pen {number}",
                age_band="14",
                country="BE",
                language="en",
                body="A story body long enough to read.",
            )
            section.add_child(instance=page)
            page.save_revision().publish()


def listing_queries(client, section):
    with CaptureQueriesContext(connection) as context:
        response = client.get(section.url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def test_listing_query_count_is_constant(client, stories_tree):
    section = stories_tree.sections["eu"]
    publish_stories(section, 2)
    listing_queries(client, section)  # warm caches (site, settings)
    small, html = listing_queries(client, section)
    assert "Story 1" in html
    publish_stories(section, 12, start=2)
    large, html = listing_queries(client, section)
    assert "Story 13" in html and "Older stories" in html
    assert large == small


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_form_and_listing_work_in_every_language(client, stories_tree, language):
    section = stories_tree.sections["eu"]
    with translation.override(language):
        url = section.url
    html = client.get(url).content.decode()
    assert f'lang="{language}"' in html
    form = client.get(url + "submit/")
    assert form.status_code == 200
    page = form.content.decode()
    assert 'name="csrfmiddlewaretoken"' in page and 'enctype="multipart/form-data"' in page
    assert "<fieldset" in page and "<legend>" in page
    assert 'name="website"' in page and 'tabindex="-1"' in page  # the honeypot, out of reach
    if language == "ar":
        assert 'dir="rtl"' in page


def test_honeypot_keeps_nothing(client, stories_tree, django_capture_on_commit_callbacks):
    response = submit(
        client, stories_tree.sections["eu"], django_capture_on_commit_callbacks, website="http://spam.example"
    )
    assert response.status_code == 200
    assert latest_submission() is None


def test_a_class_of_30_behind_one_school_address_gets_through(client, stories_tree):
    """Default limits: 30 pupils on one address, each making two mistakes before sending."""
    url = submit_url(stories_tree.sections["eu"])
    for pupil in range(30):
        forgot_tick = client.post(url, {**story_data(pen_name=f"Pupil {pupil}"), "agree": ""})
        assert forgot_tick.status_code == 400
        too_short = client.post(url, story_data(pen_name=f"Pupil {pupil}", body="Too short."))
        assert too_short.status_code == 400
        sent = client.post(url, story_data(pen_name=f"Pupil {pupil}"))
        assert sent.status_code == 302, (pupil, sent.content.decode()[:300])
    assert Submission.objects.count() == 30


def test_accepted_stories_limit_answers_clearly_and_keeps_the_text(client, stories_tree, settings):
    settings.STORIES_RATE_LIMIT = "3/h"
    url = submit_url(stories_tree.sections["eu"])
    for _ in range(5):  # mistakes do not count
        assert client.post(url, {**story_data(), "agree": ""}).status_code == 400
    for _ in range(3):
        assert client.post(url, story_data()).status_code == 302
    response = client.post(url, story_data(pen_name="Keep Me"))
    assert response.status_code == 429
    page = response.content.decode()
    assert "wait a few minutes" in page
    assert 'value="Keep Me"' in page  # nothing typed is lost
    assert Submission.objects.count() == 3
    french = client.post(submit_url(stories_tree.sections["eu"], "fr"), story_data())
    assert french.status_code == 429
    with translation.override("fr"):
        assert escape(gettext("You have sent a lot in a short time. Please wait a few minutes and try again.")) in (
            french.content.decode()
        )


def test_every_attempt_counts_towards_a_ceiling(client, stories_tree, settings):
    settings.STORIES_ATTEMPT_RATE_LIMIT = "4/h"
    url = submit_url(stories_tree.sections["eu"])
    for _ in range(4):
        assert client.post(url, {**story_data(), "agree": ""}).status_code == 400
    response = client.post(url, story_data())
    assert response.status_code == 429
    assert "wait a few minutes" in response.content.decode()
    assert not Submission.objects.exists()


def test_story_page_has_help_report_and_no_contact_data(client, stories_tree, django_capture_on_commit_callbacks):
    from campaign.moderation import decisions

    submit(
        client,
        stories_tree.sections["eu"],
        django_capture_on_commit_callbacks,
        age_band="11_12",
        country="NL",
        parent_email="carer@example.org",
    )
    submission = latest_submission()
    consent = submission.consent
    from campaign.stories import pipeline

    with django_capture_on_commit_callbacks(execute=True):
        pipeline.confirm_consent(consent)
    submission.refresh_from_db()
    decisions.approve(submission.page.specific, stories_tree.users["eu-moderator"])
    page = StoryPage.objects.get(pk=submission.page_id)
    html = client.get(page.url).content.decode()
    assert "Report this story" in html and "Find a helpline in your country" in html
    assert "carer@example.org" not in html
    assert "11 or 12 years old" in html and "Netherlands" in html


def test_moderator_opens_the_story_in_wagtails_editor(client, stories_tree, django_capture_on_commit_callbacks):
    submit(
        client,
        stories_tree.sections["eu"],
        django_capture_on_commit_callbacks,
        body="Text me on 07700 900123 if you want to talk, I get it.",
    )
    submission = latest_submission()
    client.force_login(stories_tree.users["eu-moderator"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[submission.page_id]))
    assert response.status_code == 200
    editor = response.content.decode()
    assert "How I blocked a stranger" in editor
    assert "07700 900123" in editor and "[phone number removed]" in editor  # the safety flags panel
    assert reverse("stories_admin:review", args=[submission.pk]) in editor
    queue = client.get(reverse("stories_admin:queue"), follow=True)
    assert "How I blocked a stranger" in queue.content.decode()
