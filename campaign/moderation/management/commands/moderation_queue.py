"""``manage.py moderation_queue rebuild``: refill the moderation queue from its sources.

Run once after deploying the queue (items already in review then join it), and after
restoring a backup or writing submissions without the application. Safe to re-run. Each kind
of item refills itself through its adapter (``campaign.moderation.queue.rebuild``).
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from campaign.moderation import queue
from campaign.moderation.models import ModerationItem


class Command(BaseCommand):
    help = "Rebuild the moderation queue from stories, partner events and reports in review."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild"])

    @transaction.atomic
    def handle(self, *args, **options):
        count = queue.rebuild()
        self.stdout.write(f"{ModerationItem.objects.filter(is_open=True).count()} items waiting ({count} synced).")
