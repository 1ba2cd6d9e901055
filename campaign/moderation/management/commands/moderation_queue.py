"""``manage.py moderation_queue rebuild``: refill the moderation queue from its sources.

Run once after deploying the queue (items already in review then join it), and after
restoring a backup or writing submissions without the application. Safe to re-run.
"""

from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Rebuild the moderation queue from stories, partner events and reports in review."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild"])

    @transaction.atomic
    def handle(self, *args, **options):
        from campaign.events.models import EventSubmission, SubmissionStatus
        from campaign.events.submissions.moderation import sync_submission as sync_event
        from campaign.moderation.models import ModerationItem
        from campaign.stories.models import StoryPage, Submission
        from campaign.stories.moderation import sync_report, sync_submission

        count = 0
        for submission in Submission.objects.filter(status=Submission.Status.IN_REVIEW).select_related("page"):
            count += sync_submission(submission) is not None
        for submission in EventSubmission.objects.filter(status=SubmissionStatus.IN_REVIEW).select_related("page"):
            count += sync_event(submission) is not None
        for page in StoryPage.objects.live().filter(reports__resolved_at__isnull=True).distinct():
            sync_report(page)
        open_ids = set(Submission.objects.filter(status=Submission.Status.IN_REVIEW).values_list("pk", flat=True))
        ModerationItem.objects.filter(kind="story", is_open=True).exclude(object_id__in=open_ids).update(is_open=False)
        self.stdout.write(f"{ModerationItem.objects.filter(is_open=True).count()} items waiting ({count} synced).")
