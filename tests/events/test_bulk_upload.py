"""Bulk event upload where partners and coordinators meet it: the template, the dry run page,
the import, and what is (not) saved. Dry-run results are compared with the import row by row."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import load_workbook

from campaign.events.bulk.checking import check_file
from campaign.events.bulk.columns import BY_KEY
from campaign.events.bulk.importing import import_upload
from campaign.events.models import EventPage, EventSubmission, EventUpload, UploadStatus
from campaign.moderation.models import ItemKind, ModerationItem
from tests.fixtures.event_spreadsheets import (
    GOOD_ROWS,
    MIXED_EXPECTED,
    MIXED_ROWS,
    csv_file,
    headers,
    hostile_file,
    xlsx_file,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def commit(django_capture_on_commit_callbacks, frozen_now):
    # The import is queued through the outbox after commit; run it as a real commit would.
    return django_capture_on_commit_callbacks


def calendar_url(calendars, language) -> str:
    with translation.override(language):
        return calendars.calendars["eu"].url


def post_file(client, calendars, filename, data, language):
    upload = SimpleUploadedFile(filename, data)
    return client.post(
        calendar_url(calendars, language) + "submit/upload/",
        {"organisation": "Centre Safer Internet", "contact_email": "sic@example.org", "file": upload},
    )


def rows_on_page(html: str) -> dict[int, str]:
    """{row number: the row's HTML} from the dry run's table."""
    found = {}
    for part in html.split('<tr data-row="')[1:]:
        number, rest = part.split('"', 1)
        found[int(number)] = rest.split("</tr>")[0]
    return found


@pytest.mark.parametrize(
    ("language", "build"),
    [
        # A French spreadsheet saved as CSV: semicolons, day-first dates, French headers.
        ("fr", lambda: csv_file(MIXED_ROWS, "fr", delimiter=";")),
        # A Japanese XLSX: year-first text dates, Japanese headers.
        ("ja", lambda: xlsx_file(MIXED_ROWS, "ja", native_dates=False)),
    ],
)
def test_dry_run_then_import_row_by_row(client, calendars, commit, language, build):
    pages_before = EventPage.objects.count()
    filename, data = build()
    response = post_file(client, calendars, filename, data, language)
    assert response.status_code == 302, response.content.decode()[:2000]
    status_url = response["Location"]
    html = client.get(status_url).content.decode()
    # Nothing saved by the dry run: no event, no submission.
    assert EventPage.objects.count() == pages_before and not EventSubmission.objects.exists()

    rows = rows_on_page(html)
    assert sorted(rows) == list(range(2, 2 + len(MIXED_ROWS)))
    for number, (status, column) in enumerate(MIXED_EXPECTED, start=2):
        assert f'data-status="{status}"' in rows[number][:40], (number, rows[number])
        if column:
            with translation.override(language):
                label = str(BY_KEY[column].label)
            # The reason is on the cell's column, in the uploader's language.
            assert f'<span class="upload-report__column">{label}</span>' in rows[number], (number, rows[number])
    assert "Traceback" not in html

    upload = EventUpload.objects.get()
    with commit(execute=True):
        assert client.post(status_url, {}).status_code == 302
    upload.refresh_from_db()
    assert upload.status == UploadStatus.DONE
    expected = [row for row in upload.rows if row["status"] == "new"]
    submissions = list(EventSubmission.objects.filter(upload=upload).order_by("pk"))
    assert upload.created_count == len(submissions) == len(expected) == 2
    for row, submission in zip(expected, submissions, strict=True):
        page = EventPage.objects.get(pk=submission.page_id)
        # What the dry run showed is what was created, and it waits for moderation.
        assert page.title == row["data"]["title"] == row["title"]
        assert page.start == datetime.datetime.fromisoformat(row["data"]["start"])
        assert page.time_zone == row["data"]["time_zone"]
        assert not page.live and page.current_workflow_state is not None
        assert ModerationItem.objects.get(kind=ItemKind.EVENT, object_id=submission.pk).is_open
    # The fixed-offset row kept its offset as a zone.
    assert submissions[1].page.specific.time_zone == "Etc/GMT-2"
    # Each event is reachable through the upload's private link, with an edit link.
    page_html = client.get(status_url).content.decode()
    assert submissions[0].title in page_html
    event_html = client.get(f"{status_url}{submissions[0].pk}/").content.decode()
    assert "Edit the event" in event_html or "edit/" in event_html


def test_template_in_the_uploaders_language_round_trips(client, calendars):
    response = client.get(calendar_url(calendars, "de") + "submit/upload/template/xlsx/")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    events, allowed = book.worksheets
    first_row = [cell.value for cell in events[1]]
    assert [value.rstrip(" *") for value in first_row] == headers("de")
    assert allowed.max_row == len(BY_KEY) + 1
    # The template's own example row passes the dry run as it is.
    report = check_file(response.content, "template.xlsx", "de", "Org", "org@example.org")
    assert not report.refused and [row["status"] for row in report.rows] == ["new"]
    csv_response = client.get(calendar_url(calendars, "de") + "submit/upload/template/csv/")
    assert csv_response.content.startswith("\ufeff".encode())


def test_hostile_files_save_nothing_and_explain(client, calendars):
    pages_before = EventPage.objects.count()
    for kind in ("windows-1252", "ten thousand rows", "merged cells", "old excel"):
        filename, data = hostile_file(kind)
        response = post_file(client, calendars, filename, data, "es")
        assert response.status_code == 400, kind
        html = response.content.decode()
        assert 'class="error-summary"' in html and "field__error" in html, kind
    assert not EventUpload.objects.exists()
    assert EventPage.objects.count() == pages_before and not EventSubmission.objects.exists()


def test_an_import_that_fails_midway_saves_nothing(calendars, monkeypatch):
    eu = calendars.calendars["eu"]
    report = check_file(csv_file(GOOD_ROWS, "en")[1], "events.csv", "en", "Org", "org@example.org")
    upload = EventUpload.objects.create(
        calendar=eu,
        organisation="Org",
        contact_email="org@example.org",
        language="en",
        rows=report.rows,
        token_hash="x" * 64,  # noqa: S106 (not a secret: no link reaches it),
    )
    from campaign.events.bulk import importing

    calls = []
    real = importing.create_submission

    def failing_on_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("database went away")
        return real(*args, **kwargs)

    monkeypatch.setattr(importing, "create_submission", failing_on_third)
    pages_before = EventPage.objects.count()
    assert import_upload(upload.pk) == 0
    upload.refresh_from_db()
    assert upload.status == UploadStatus.FAILED and len(calls) == 3
    assert EventPage.objects.count() == pages_before and not EventSubmission.objects.exists()


def test_coordinators_publish_directly_only_where_the_policy_lets_them(calendars):
    eu = calendars.calendars["eu"]
    report = check_file(csv_file(GOOD_ROWS, "en")[1], "events.csv", "en", "Insafe", "eu@example.org")

    def upload_as(username, token):
        return EventUpload.objects.create(
            calendar=eu,
            user=calendars.users[username],
            publish=True,
            organisation="Insafe",
            contact_email="eu@example.org",
            language="en",
            rows=report.rows,
            token_hash=token * 64,
        )

    # Another region's coordinator: refused at the gate, nothing saved.
    other = upload_as("latam-coordinator", "a")
    assert import_upload(other.pk) == 0
    other.refresh_from_db()
    assert other.status == UploadStatus.FAILED and other.problem == "PermissionDenied"
    # The region's own coordinator: published at once, no moderation.
    own = upload_as("eu-coordinator", "b")
    assert import_upload(own.pk) == 3
    titles = set(EventPage.objects.child_of(eu).live().values_list("title", flat=True))
    assert {row["title"] for row in GOOD_ROWS} <= titles
    assert not EventSubmission.objects.exists()
