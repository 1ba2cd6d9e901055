"""Keep each region's groups, collection and permissions in step with its page."""

from django.dispatch import receiver
from wagtail.signals import page_published


@receiver(page_published)
def ensure_groups_for_published_region(sender, instance, **kwargs):
    from .models import RegionPage
    from .regions import ensure_region_access

    if isinstance(instance, RegionPage):
        ensure_region_access(instance)
