"""Oversized request bodies are refused before anything reads them (sid.bodylimit)."""

from __future__ import annotations

import pytest

from tests.stories.conftest import isolated_storage, stories_tree  # noqa: F401 (fixtures)
from tests.stories.factories import submit_url

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


class ExplodingInput:
    """A request body that fails the test if anyone reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def post_claiming(client, url, length):
    return client.generic(
        "POST",
        url,
        b"",
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": ExplodingInput()},
    )


def test_a_400_mb_story_upload_is_refused_unread_in_the_visitors_language(client, stories_tree):  # noqa: F811
    url = submit_url(stories_tree.sections["eu"], "fr")
    response = post_claiming(client, url, 400 * MB)
    assert response.status_code == 413
    text = response.content.decode()
    assert "9 Mo" in text and "trop lourd" in text  # French, its unit included (Mo, not MB)
    assert response["Content-Language"] == "fr"


def test_the_admin_allows_a_document_sized_upload_but_not_more(client, settings):
    settings.SID_MAX_ADMIN_BODY_BYTES = 51 * MB
    assert post_claiming(client, "/admin/documents/multiple/add/", 400 * MB).status_code == 413
    # Under the limit the request goes on (to the admin's login redirect for a visitor).
    response = client.post("/admin/documents/multiple/add/", {})
    assert response.status_code == 302


def test_an_ordinary_form_post_is_untouched(client, stories_tree):  # noqa: F811
    response = client.post(submit_url(stories_tree.sections["eu"]), {})
    assert response.status_code != 413
