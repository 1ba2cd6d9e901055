"""Keep each region's groups, collection and permissions in step with its page."""

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished


@receiver(page_published)
def ensure_groups_for_published_region(sender, instance, **kwargs):
    from .models import RegionPage
    from .regions import ensure_region_access

    if isinstance(instance, RegionPage):
        ensure_region_access(instance)


# --- Resource library: index what is published, forget what is unpublished ---------------
@receiver(page_published)
def index_published_library_item(sender, instance, **kwargs):
    from .library.indexing import index_item
    from .models import LibraryItem

    if isinstance(instance, LibraryItem):
        index_item(instance)


@receiver(page_unpublished)
def unindex_unpublished_library_item(sender, instance, **kwargs):
    from .library.indexing import unindex_item
    from .models import LibraryItem

    if isinstance(instance, LibraryItem):
        unindex_item(instance.pk)
