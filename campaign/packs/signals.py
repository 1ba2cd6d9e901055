"""Rebuild the curated packs that hold a resource or guide when it is published again."""

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

from outbox import enqueue
from sitecontent.models import LibraryItem

from .models import CuratedPackItem


@receiver(page_published)
def rebuild_packs_after_publish(sender, instance, **kwargs):
    if isinstance(instance, LibraryItem) and CuratedPackItem.objects.filter(page_id=instance.pk).exists():
        with transaction.atomic():
            enqueue("campaign.packs.tasks.rebuild_packs_containing", instance.pk)
