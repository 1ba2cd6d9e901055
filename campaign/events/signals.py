"""Publication keeps feeds honest (SEQUENCE) and tells partners their event is live; the
occurrence rows' copy of an event's live flag and calendar follows its (un)publication and moves."""

from django.db import transaction
from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published, page_unpublished, post_page_move

from campaign.moderation import queue
from campaign.moderation.models import ItemKind
from outbox import enqueue

from .models import EventPage, EventSubmission, SubmissionStatus
from .models.occurrence import refresh_listing
from .submissions.intake import SEND_SUBMISSION_EMAIL


@receiver(page_published, sender=EventPage)
def event_published(sender, instance, **kwargs):
    instance.record_publication()

    submission = (
        EventSubmission.objects.filter(page_id=instance.pk)
        .filter(Q(status=SubmissionStatus.IN_REVIEW) | Q(changes_pending=True))
        .first()
    )
    if submission is not None:
        with transaction.atomic():  # the decision and its e-mail are saved together
            submission.status = SubmissionStatus.APPROVED
            submission.changes_pending = False
            submission.decided_at = timezone.now()
            submission.save(update_fields=["status", "changes_pending", "decided_at"])

            queue.close(ItemKind.EVENT, submission.pk)
            enqueue(SEND_SUBMISSION_EMAIL, submission.pk, "approved", "")


@receiver(page_unpublished, sender=EventPage)
@receiver(post_page_move, sender=EventPage)
def event_unpublished_or_moved(sender, instance, **kwargs):
    # Unpublishing an alias and moving a page save it as a plain Page (EventPage.save does not run).
    refresh_listing([instance.pk])
