"""Stories test data: a stories section per region, and submissions through the real form."""

from __future__ import annotations

import wagtail_factories
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaign.stories.models import StoryIndexPage, Submission
from tests.factories import translated
from tests.fixtures.uploads import upload_bytes


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StoryIndexPage

    title = "Stories"
    slug = "stories"


def add_story_sections(tree) -> dict:
    """One published stories section (with its moderation workflow) under each region."""
    sections = {}
    for code, region in tree.regions.items():
        index = StoryIndexPageFactory(parent=region, title="Stories", slug="stories", intro="Peer stories")
        translated(index, {"es": {"title": "Historias", "slug": "historias"}, "fr": {"title": "Histoires"}})
        sections[code] = index
    return sections


def story_data(**overrides) -> dict:
    data = {
        "pen_name": "Brave Fox",
        "age_band": "16_17",
        "country": "BE",
        "language": "en",
        "title": "How I blocked a stranger",
        "body": "Someone kept messaging me on a game. I told my sister and we blocked and reported him.",
        "picture_alt": "",
        "parent_email": "",
        "agree": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def upload(name: str, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, upload_bytes(name), content_type=content_type)


def submit_url(index, language="en") -> str:
    from django.utils import translation

    with translation.override(language):
        return index.url + "submit/"


def submit(client, index, capture, url_language="en", files=None, **overrides):
    """POST the real form, running on-commit work (the eager Celery tasks)."""
    with capture(execute=True):
        response = client.post(submit_url(index, url_language), {**story_data(**overrides), **(files or {})})
    return response


def token_from(response) -> str:
    location = response["Location"]
    return location.split("/stories/status/")[1].split("/")[0]


def status_url(token, language="en") -> str:
    from django.utils import translation

    with translation.override(language):
        return reverse("stories:status", kwargs={"token": token})


def latest_submission() -> Submission:
    return Submission.objects.order_by("-pk").first()
