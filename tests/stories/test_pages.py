"""Public story pages: listing cost, languages, help, the Wagtail editor for moderators."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from campaign.stories.models import StoryPage
from translations.languages import LANGUAGE_CODES

from .factories import latest_submission, submit

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


def test_rate_limit_lets_a_class_through_then_answers_clearly(
    client, stories_tree, settings, django_capture_on_commit_callbacks
):
    settings.STORIES_RATE_LIMIT = "3/h"
    for _ in range(3):
        assert submit(client, stories_tree.sections["eu"], django_capture_on_commit_callbacks).status_code == 302
    response = submit(client, stories_tree.sections["eu"], django_capture_on_commit_callbacks)
    assert response.status_code == 429
    assert "wait a few minutes" in response.content.decode()


def test_default_rate_limit_allows_a_class_of_30():
    from django.conf import settings

    number, period = settings.STORIES_RATE_LIMIT.split("/")
    assert int(number) >= 30


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
    assert "age 11 or 12" in html and "Netherlands" in html


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
    queue = client.get(reverse("stories_admin:queue"))
    assert "How I blocked a stranger" in queue.content.decode()
