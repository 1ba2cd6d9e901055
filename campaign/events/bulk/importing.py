"""The import: every accepted row of a checked upload becomes an event, in one transaction.

Partners' rows (and a coordinator's, unless they choose to publish) enter moderation exactly
like single submissions (``create_submission``); a coordinator's rows are published directly
only if the permission policy lets them publish in that calendar, checked here, at the gate
every path goes through. If anything fails, nothing of the upload is saved.
"""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from outbox import enqueue

from ..models import EventUpload, UploadStatus
from ..submissions.intake import build_event, create_submission

logger = logging.getLogger("sid.events")
IMPORT_TASK = "campaign.events.tasks.import_event_upload"


def _data(row: dict, upload: EventUpload) -> dict:
    data = dict(row["data"])
    data["start"] = datetime.datetime.fromisoformat(data["start"])
    data["end"] = datetime.datetime.fromisoformat(data["end"])
    data["organisation"] = upload.organisation
    data["contact_email"] = upload.contact_email
    return data


def import_upload(upload_id: int) -> int:
    """Create the upload's events; returns how many (0 if refused or already done)."""
    upload = EventUpload.objects.select_related("calendar", "user").filter(pk=upload_id).first()
    if upload is None or upload.status not in (UploadStatus.CHECKED, UploadStatus.QUEUED):
        return 0
    calendar = upload.calendar.specific
    try:
        with transaction.atomic():
            created = 0
            if upload.user_id is not None:
                permissions = calendar.permissions_for_user(upload.user)
                allowed = permissions.can_publish_subpage() if upload.publish else permissions.can_add_subpage()
                if not allowed:
                    raise PermissionDenied
            prepared: set = set()
            for row in upload.to_import():
                data = _data(row, upload)
                if upload.publish:
                    page = build_event(data, upload.language)
                    calendar.add_child(instance=page)
                    page.save_revision(user=upload.user, log_action=True).publish(user=upload.user)
                else:
                    create_submission(
                        calendar, data, upload.language, upload=upload, route=upload.user_id is None, prepared=prepared
                    )
                created += 1
            upload.status, upload.created_count, upload.finished_at = UploadStatus.DONE, created, timezone.now()
            upload.save(update_fields=["status", "created_count", "finished_at"])
            return created
    except Exception as error:  # nothing of it was saved (the transaction rolled back)
        logger.exception("Event upload %s not imported", upload_id)
        EventUpload.objects.filter(pk=upload_id).update(
            status=UploadStatus.FAILED, problem=type(error).__name__, finished_at=timezone.now()
        )
        return 0


def confirm(upload: EventUpload, include_duplicates: bool) -> None:
    """The uploader confirms the dry run: queue the import (the request does not wait for it)."""
    upload.include_duplicates = include_duplicates
    upload.status = UploadStatus.QUEUED
    with transaction.atomic():  # the confirmation and the import's job are saved together
        upload.save(update_fields=["include_duplicates", "status"])
        enqueue(IMPORT_TASK, upload.pk)  # by name: services never import the task module
