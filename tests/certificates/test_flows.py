"""Asking for a certificate where people do: a teacher's form, a partner's private event link
after the event, a published story's status link; then the status page, the download, and
the public verify page (which shows only what the certificate shows)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from campaign.certificates.models import Certificate
from campaign.events.models import EventPage
from campaign.events.models.submission import hash_token
from campaign.moderation import decisions
from outbox.models import OutboxMessage
from tests.moderation.helpers import send_event, send_story
from tests.stories.factories import status_url

from .pdfcheck import font_problems, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def certificates_root(settings, tmp_path):
    settings.SID_CERTIFICATES_ROOT = str(tmp_path / "certificates")


def download(client, response) -> tuple[Certificate, bytes]:
    code = re.search(r"/certificates/([0-9A-Z]{12})/", response["Location"]).group(1)
    status = client.get(response["Location"])
    assert status.status_code == 200 and "Your certificate is ready" in status.content.decode()
    pdf = client.get(f"/en/certificates/{code}/download/")
    assert pdf["Content-Type"] == "application/pdf"
    return Certificate.objects.get(code=code), b"".join(pdf.streaming_content)


def test_a_class_gets_its_certificate_once_and_anyone_can_verify_it(client, django_capture_on_commit_callbacks):
    form = {"name": "5年2組", "school": "さくら小学校"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ja/certificates/class/", form)
    assert response.status_code == 302
    code = re.search(r"/certificates/([0-9A-Z]{12})/", response["Location"]).group(1)
    certificate = Certificate.objects.get(code=code)
    assert certificate.status == Certificate.Status.READY and certificate.progress == 100
    assert certificate.language == "ja" and certificate.kind == "class"
    # Built by the outbox's one path, and only once for the same content.
    assert OutboxMessage.objects.filter(task="campaign.certificates.tasks.build_certificate").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post("/ja/certificates/class/", form)
    assert again["Location"] == response["Location"]
    assert OutboxMessage.objects.filter(task="campaign.certificates.tasks.build_certificate").count() == 1
    pdf = b"".join(client.get(f"/ja/certificates/{code}/download/").streaming_content)
    text = text_of(pdf)
    assert "5年2組" in text and "さくら小学校" in text and certificate.display_code in text
    assert font_problems(pdf) == []
    # The verify page: exactly what the certificate shows.
    lookup = client.get("/en/certificates/verify/", {"code": certificate.display_code.lower()})
    assert lookup.status_code == 302
    html = client.get(lookup["Location"]).content.decode()
    assert "5年2組" in html and "さくら小学校" in html and "9 February" not in html
    assert client.get("/en/certificates/verify/", {"code": "AAAA-AAAA-AAAA"}).status_code == 404


def test_bad_input_is_a_clear_error(client):
    response = client.post("/en/certificates/class/", {"name": "\u202e\u200b", "school": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required." in html
    assert not Certificate.objects.exists()
    assert client.get("/en/certificates/ZZZZ/").status_code == 404


def test_an_organiser_gets_a_certificate_after_the_event_only(client, db, django_capture_on_commit_callbacks):
    from tests.factories import build_site_tree

    tree = build_site_tree()
    submission = send_event(tree, title="Ασφαλές Διαδίκτυο στο σχολείο", country="GR")
    submission.token_hash = hash_token("partner-token")
    submission.save(update_fields=["token_hash"])
    with django_capture_on_commit_callbacks(execute=True):
        decisions.approve(submission.page.specific, tree.users["eu-moderator"])
    url = "/en/events/submissions/partner-token/"
    assert "Get my certificate" not in client.get(url).content.decode()  # not before it is over
    start = timezone.now() - datetime.timedelta(days=2)
    EventPage.objects.filter(pk=submission.page_id).update(start=start, end=start + datetime.timedelta(hours=2))
    page = EventPage.objects.get(pk=submission.page_id)
    assert page.live
    assert "Get my certificate" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"certificate": "1", "name": "Νικόλαος Παπαδόπουλος"})
    certificate, pdf = download(client, response)
    assert certificate.kind == "organiser" and certificate.event_title == page.title
    text = text_of(pdf)
    assert "Νικόλαος Παπαδόπουλος" in text and "Ασφαλές Διαδίκτυο στο σχολείο" in text
    assert font_problems(pdf) == []


def test_a_young_author_gets_a_pen_name_certificate_from_the_status_link(
    client, db, django_capture_on_commit_callbacks
):
    from tests.factories import build_site_tree
    from tests.stories.factories import add_story_sections

    tree = build_site_tree()
    tree.sections = add_story_sections(tree)
    submission = send_story(client, tree, django_capture_on_commit_callbacks, pen_name="نجمة الصباح", language="ar")
    url = status_url(submission.token, language="ar")
    assert "Get my certificate" not in client.get(status_url(submission.token)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        decisions.approve(submission.page.specific, tree.users["eu-moderator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url + "certificate/")
    code = re.search(r"/certificates/([0-9A-Z]{12})/", response["Location"]).group(1)
    certificate = Certificate.objects.get(code=code)
    assert certificate.kind == "story" and certificate.name == "نجمة الصباح" and certificate.language == "ar"
    pdf = b"".join(client.get(f"/ar/certificates/{code}/download/").streaming_content)
    assert "نجمة الصباح" in text_of(pdf) and "How I blocked a stranger" not in text_of(pdf)
    assert font_problems(pdf) == []
    verify = client.get(f"/ar/certificates/verify/{code}/").content.decode()
    assert "نجمة الصباح" in verify and "Brave Fox" not in verify and "BE" not in verify
