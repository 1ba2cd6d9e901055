"""Background work of campaign.events: emails to partners, in their own language."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from campaign.moderation.reasons import RejectionReason

from .bulk.background import run_check
from .bulk.importing import import_upload
from .models import EventSubmission
from .when import local_when


@shared_task(name="campaign.events.tasks.send_submission_email")
def send_submission_email(submission_id: int, kind: str, status_url: str = "") -> bool:
    submission = EventSubmission.objects.filter(pk=submission_id).first()
    if submission is None:
        return False
    with translation.override(submission.language):
        title = submission.title
        if kind == "received":
            subject = _("We received your event: %(title)s") % {"title": title}
            body = _(
                "Thank you. A moderator will review your event before it appears in the calendar.\n\n"
                "Follow it, or withdraw it, with this private link (keep it to yourself):\n%(url)s"
            ) % {"url": status_url}
        elif kind == "approved":
            subject = _("Your event is published: %(title)s") % {"title": title}
            body = _("A moderator approved your event. It now appears in the calendar and its feeds.")
        elif kind == "rejected":
            reason = RejectionReason(submission.rejection_reason).label if submission.rejection_reason else ""
            subject = _("Your event was not published: %(title)s") % {"title": title}
            body = _("A moderator decided not to publish your event. Reason: %(reason)s") % {"reason": reason}
        elif kind == "withdrawn":
            subject = _("You withdrew your event: %(title)s") % {"title": title}
            body = _("Your event has been withdrawn. If this was not you, reply to this message.")
        else:
            return False
        page = submission.page.specific if submission.page_id else None
        if page is not None and kind != "withdrawn":
            # The same rendering as the event's page: its own local time and zone.
            body = f"{body}\n\n" + _("When: %(when)s") % {"when": local_when(page).text}
        send_mail(str(subject), str(body), settings.DEFAULT_FROM_EMAIL, [submission.contact_email])
    return True


@shared_task(name="campaign.events.tasks.import_event_upload")
def import_event_upload(upload_id: int) -> int:
    """Import a checked spreadsheet of events (campaign.events.bulk.importing), all or nothing."""
    return import_upload(upload_id)


@shared_task(name="campaign.events.tasks.check_event_upload")
def check_event_upload(upload_id: int) -> str:
    """The dry run of a large spreadsheet (campaign.events.bulk.background), queued through the outbox."""
    return run_check(upload_id)
