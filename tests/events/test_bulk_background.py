"""A large bulk upload is checked in the background (outbox task, run eagerly here): the request
answers at once, the status page shows progress and refreshes itself without JavaScript, then
shows exactly the rows the immediate dry run shows for the same file. Only the uploader sees it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from campaign.events.bulk import background
from campaign.events.models import EventPage, EventSubmission, EventUpload, UploadStatus
from outbox.models import OutboxMessage
from outbox.tasks import deliver
from tests.events.test_bulk_upload import calendar_url, rows_on_page
from tests.fixtures.event_spreadsheets import MIXED_ROWS, csv_file, xlsx_file

pytestmark = pytest.mark.django_db
FILES = {
    "fr": lambda: csv_file(MIXED_ROWS, "fr", delimiter=";"),
    "ja": lambda: xlsx_file(MIXED_ROWS, "ja", native_dates=False),
}
REFRESH = '<meta http-equiv="refresh"'


@pytest.fixture(autouse=True)
def _now(frozen_now):
    return frozen_now


def post_partner(client, calendars, language, filename, data, organisation="Centre Safer Internet"):
    url = calendar_url(calendars, language) + "submit/upload/"
    fields = {"organisation": organisation, "contact_email": "sic@example.org"}
    return client.post(url, fields | {"file": SimpleUploadedFile(filename, data)})


def post_admin(client, calendars, username, filename, data):
    client.force_login(calendars.users[username])
    fields = {"organisation": "Insafe", "contact_email": "eu@example.org", "calendar": calendars.calendars["eu"].pk}
    return client.post("/admin/events/upload/", fields | {"file": SimpleUploadedFile(filename, data)})


@pytest.mark.parametrize("language", sorted(FILES))
def test_large_file_checked_in_background_shows_the_same_rows(
    client, calendars, settings, django_capture_on_commit_callbacks, language
):
    filename, data = FILES[language]()
    pages_before = EventPage.objects.count()
    # The same file, small enough to be checked in the request: the reference.
    settings.EVENTS_UPLOAD_BACKGROUND_ROWS = 5000
    with django_capture_on_commit_callbacks() as queued:
        immediate = post_partner(client, calendars, language, filename, data)
    assert immediate.status_code == 302 and not queued
    immediate_html = client.get(immediate["Location"]).content.decode()
    assert REFRESH not in immediate_html

    settings.EVENTS_UPLOAD_BACKGROUND_ROWS = len(MIXED_ROWS) - 1
    with django_capture_on_commit_callbacks() as queued:
        response = post_partner(client, calendars, language, filename, data)
    assert response.status_code == 302
    upload = EventUpload.objects.exclude(status=UploadStatus.CHECKED).get()
    # The file waits, privately, with its upload and the outbox message (one transaction).
    assert upload.status == UploadStatus.CHECKING and bytes(upload.pending_file) == data
    assert OutboxMessage.objects.get().args == [upload.pk]
    html = client.get(response["Location"]).content.decode()
    assert REFRESH in html and 'data-status="checking"' in html and "<progress" in html
    with translation.override(language):
        assert translation.gettext("Your file is being checked") in html
    assert f"0 of {len(MIXED_ROWS)} rows checked" in html or f"0 / {len(MIXED_ROWS)}" in html
    assert not rows_on_page(html)

    for callback in queued:  # the broker delivers it; the eager worker runs it
        callback()
    upload.refresh_from_db()
    assert upload.status == UploadStatus.CHECKED and upload.pending_file is None
    assert upload.checked_rows == upload.total_rows == len(MIXED_ROWS)
    html = client.get(response["Location"]).content.decode()
    assert REFRESH not in html
    background_rows, reference_rows = rows_on_page(html), rows_on_page(immediate_html)
    assert sorted(background_rows) == list(range(2, 2 + len(MIXED_ROWS)))
    for number, row in reference_rows.items():
        assert background_rows[number] == row, number
    # Nothing saved by either dry run.
    assert EventPage.objects.count() == pages_before and not EventSubmission.objects.exists()


def test_progress_is_written_while_checking(calendars, settings, django_capture_on_commit_callbacks, monkeypatch):
    settings.EVENTS_UPLOAD_BACKGROUND_ROWS = 1
    filename, data = csv_file(MIXED_ROWS, "en")
    seen = []
    original = background.check_file

    def watching(*args, progress, **kwargs):
        def spy(checked, total):
            progress(checked, total)
            seen.append((checked, total, EventUpload.objects.get().checked_rows))

        return original(*args, progress=spy, **kwargs)

    monkeypatch.setattr(background, "check_file", watching)
    monkeypatch.setattr(background, "PROGRESS_EVERY_SECONDS", 0)
    with django_capture_on_commit_callbacks(execute=True):
        upload, _token, refused = background.check_upload(
            data, filename, calendars.calendars["eu"], "en", {"organisation": "SIC", "contact_email": "s@example.org"}
        )
    assert not refused
    # Each progress report reached the row the status page reads.
    assert [checked for checked, _total, _stored in seen] == list(range(1, len(MIXED_ROWS) + 1))
    assert all(stored == checked for checked, _total, stored in seen)


def test_a_crash_leaves_the_upload_to_be_checked_again(
    client, calendars, settings, django_capture_on_commit_callbacks, monkeypatch
):
    settings.EVENTS_UPLOAD_BACKGROUND_ROWS = 1
    settings.CELERY_TASK_EAGER_PROPAGATES = False
    filename, data = csv_file(MIXED_ROWS, "en")
    original = background.check_file
    calls = []

    def crashing_twice(*args, **kwargs):
        calls.append(1)
        if len(calls) <= 2:
            raise RuntimeError("worker lost")
        return original(*args, **kwargs)

    monkeypatch.setattr(background, "check_file", crashing_twice)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_partner(client, calendars, "en", filename, data)
    upload = EventUpload.objects.get()
    message = OutboxMessage.objects.get()
    # Not lost: the file and the upload wait, the outbox will send the message again.
    assert upload.status == UploadStatus.CHECKING and bytes(upload.pending_file) == data
    assert message.state == OutboxMessage.State.PENDING and "worker lost" in message.error
    html = client.get(response["Location"]).content.decode()
    assert REFRESH in html and "Check the file again" not in html

    # The outbox gives up on its last attempt: the uploader is told, and may ask again.
    settings.SID_OUTBOX_MAX_ATTEMPTS = 2
    deliver.apply(args=[message.pk])
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.FAILED
    html = client.get(response["Location"]).content.decode()
    assert REFRESH not in html and "Check the file again" in html and 'role="alert"' in html
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(response["Location"], {"check_again": "1"}).status_code == 302
    upload.refresh_from_db()
    assert upload.status == UploadStatus.CHECKED and upload.pending_file is None and len(upload.rows) == len(MIXED_ROWS)
    assert rows_on_page(client.get(response["Location"]).content.decode())


def test_a_large_refused_file_says_why_and_saves_nothing(
    client, calendars, settings, django_capture_on_commit_callbacks
):
    settings.EVENTS_UPLOAD_BACKGROUND_ROWS = 1
    data = ";".join(["Nothing", "Known"]).encode() + b"\n" + b"a;b\n" * 5
    with django_capture_on_commit_callbacks(execute=True):
        response = post_partner(client, calendars, "en", "events.csv", data)
    html = client.get(response["Location"]).content.decode()
    upload = EventUpload.objects.get()
    assert upload.status == UploadStatus.REFUSED and upload.pending_file is None and not upload.rows
    assert 'role="alert"' in html and "Columns missing" in html and REFRESH not in html


def test_only_the_uploader_sees_a_background_check(client, calendars, settings, django_capture_on_commit_callbacks):
    settings.EVENTS_UPLOAD_BACKGROUND_ROWS = 1
    filename, data = csv_file(MIXED_ROWS, "en")
    with django_capture_on_commit_callbacks():
        mine = post_partner(client, calendars, "en", filename, data)
        other = post_partner(client, calendars, "en", "other.csv", data, organisation="Another partner")
    mine_html = client.get(mine["Location"]).content.decode()
    assert "Centre Safer Internet" in mine_html
    # Another partner's private link shows only their own upload; a guessed link shows nothing.
    other_html = client.get(other["Location"]).content.decode()
    assert "Another partner" in other_html and "Centre Safer Internet" not in other_html
    assert client.get(mine["Location"].rstrip("/")[:-4] + "abcd/").status_code == 404

    # A coordinator's upload: their own status page, not another region's coordinator's.
    with django_capture_on_commit_callbacks():
        response = post_admin(client, calendars, "eu-coordinator", filename, data)
    assert response.status_code == 302, response.content.decode()[:1500]
    detail = response["Location"]
    html = client.get(detail).content.decode()
    assert REFRESH in html and 'data-status="checking"' in html
    for username in ("latam-coordinator", "eu-moderator"):
        client.force_login(calendars.users[username])
        seen = client.get(detail, follow=True)
        assert seen.status_code in (403, 404) or "Insafe" not in seen.content.decode(), username


@pytest.mark.parametrize("language", sorted(FILES))
def test_rows_are_counted_without_reading_the_file(language):
    from campaign.events.bulk.reading import estimate_rows

    # CSV: its lines; XLSX: the sheet's declared dimension (constant time in rows).
    assert estimate_rows(FILES[language]()[1]) == len(MIXED_ROWS)
    assert estimate_rows(b"PK\x03\x04" + b"\x00" * 300) is None  # damaged: checked in the request, refused
