"""Keep each region's groups, collection and permissions in step with its page."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move


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


@receiver(post_page_move)
def reindex_moved_library_items(sender, instance, url_path_before, url_path_after, **kwargs):
    """A moved item (or a moved library with its items) may now belong to another region:
    its "region" facet is re-read from where it now lives. Only live rows are read, as on
    publish, so a move never indexes draft content."""
    from wagtail.models import Page

    from .library.indexing import index_item
    from .models import GuidePage, ResourcePage

    if url_path_before == url_path_after:  # reordered among its siblings: nothing changed
        return
    moved = Page.objects.descendant_of(instance, inclusive=True).live().type(ResourcePage, GuidePage).specific()
    for item in moved:
        index_item(item)


@receiver(post_save, sender="sitecontent.Topic")
def reindex_items_of_changed_topic(sender, instance, created, raw=False, **kwargs):
    from outbox import enqueue

    from .tasks import reindex_topic_items

    if not created and not raw:  # a new topic has no items yet
        enqueue(reindex_topic_items, instance.pk)
