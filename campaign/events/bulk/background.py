"""The dry run of a large file, in the background: the upload request stays constant-time.

A file of more than ``EVENTS_UPLOAD_BACKGROUND_ROWS`` rows (estimated without reading it,
``reading.estimate_rows``) is stored with its upload row (``pending_file``, in the database:
private, never served) and checked by the outbox task ``check_event_upload``, written in the
same transaction: a broker outage or a worker crash delays the check, the outbox sends it
again, and the file stays until its results are stored. The check is the same ``check_file``
as the immediate one, so the rows shown are the same, row by row. The uploader follows it on
the upload's own status page (the partner's private link, the coordinator's own upload).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.db import transaction

from outbox import enqueue
from outbox.models import OutboxMessage

from ..models import EventSubmission, EventUpload, UploadStatus
from .checking import check_file
from .reading import MAX_ROWS, FileRefused, estimate_rows, read_rows

CHECK_TASK = "campaign.events.tasks.check_event_upload"
#: At most one progress UPDATE this often: the status page refreshes every few seconds anyway.
PROGRESS_EVERY_SECONDS = 1.0


def region_countries(calendar, user) -> list[str] | None:
    """The countries a coordinator's rows may be in (their calendar's region); None for a partner."""
    region = calendar.region if user is not None else None
    if not region or not region.countries:
        return None
    return [getattr(code, "code", code) for code in region.countries]


def in_background(data: bytes, filename: str) -> bool:
    rows = estimate_rows(data)
    if rows is None or rows > MAX_ROWS:
        # Cannot tell (a damaged or unusual XLSX), or too many lines (or cells spanning lines):
        # read it, without checking any row, so a file refused as a whole is refused at once.
        try:
            rows = len(read_rows(data, filename)[1])
        except FileRefused:
            return False
    return rows > settings.EVENTS_UPLOAD_BACKGROUND_ROWS


def check_upload(data: bytes, filename: str, calendar, language: str, form_data: dict, *, user=None, publish=False):
    """Check a file now (small) or queue its check (large). Returns (upload, token, refusal):
    a refused small file saves nothing and returns (None, "", reason)."""
    upload = EventUpload(
        calendar=calendar,
        user=user,
        publish=publish,
        organisation=form_data["organisation"],
        contact_email=form_data["contact_email"],
        language=language,
        filename=filename[:255],
    )
    token = EventSubmission.new_token()
    upload.set_token(token)
    if in_background(data, filename):
        upload.status, upload.pending_file, upload.total_rows = UploadStatus.CHECKING, data, estimate_rows(data) or 0
        with transaction.atomic():
            upload.save()
            enqueue(CHECK_TASK, upload.pk)  # by name: services never import the task module
        return upload, token, ""
    report = check_file(
        data,
        filename,
        language,
        upload.organisation,
        upload.contact_email,
        allowed_countries=region_countries(calendar, user),
    )
    if report.refused:
        return None, "", report.refused
    upload.rows = report.rows
    upload.save()
    return upload, token, ""


def stalled(upload: EventUpload) -> bool:
    """The outbox gave up checking this upload (after SID_OUTBOX_MAX_ATTEMPTS failures) and
    nothing else is queued for it: its file is still there, and its uploader may ask again."""
    if upload.status != UploadStatus.CHECKING:
        return False
    messages = OutboxMessage.objects.filter(task=CHECK_TASK, args=[upload.pk])
    states = set(messages.values_list("state", flat=True))
    return OutboxMessage.State.FAILED in states and not states & set(OutboxMessage.UNFINISHED)


def check_again(upload: EventUpload) -> bool:
    """The uploader's "Check again" on a stalled upload: queue its check once more."""
    if not stalled(upload):
        return False
    with transaction.atomic():
        enqueue(CHECK_TASK, upload.pk)
    return True


def run_check(upload_id: int) -> str:
    """The outbox task's work. Raises on an unexpected error: the outbox runs it again, and
    the upload (and its file) wait as they were."""
    upload = EventUpload.objects.select_related("calendar", "user").filter(pk=upload_id).first()
    if upload is None or upload.status != UploadStatus.CHECKING or upload.pending_file is None:
        return "skipped"
    mine = EventUpload.objects.filter(pk=upload_id, status=UploadStatus.CHECKING)
    last = [float("-inf")]

    def progress(checked: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY_SECONDS:
            last[0] = now
            mine.update(checked_rows=checked, total_rows=total)

    report = check_file(
        bytes(upload.pending_file),
        upload.filename,
        upload.language,
        upload.organisation,
        upload.contact_email,
        allowed_countries=region_countries(upload.calendar.specific, upload.user),
        progress=progress,
    )
    with transaction.atomic():
        mine.update(
            status=UploadStatus.REFUSED if report.refused else UploadStatus.CHECKED,
            problem=report.refused[:500],
            rows=report.rows,
            checked_rows=len(report.rows),
            total_rows=len(report.rows),
            pending_file=None,
        )
    return "refused" if report.refused else "checked"
