"""Keep each region's groups, collection and permissions, the library's index and the
restricted sections in step with the pages."""

from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from outbox import enqueue

from .library.indexing import LISTED, index_item, rebuild_index, unindex_item
from .models import (
    HomePage,
    LibraryDocument,
    LibraryFacet,
    LibraryItem,
    RegionPage,
    ResourceIndexPage,
    library_item_models,
)
from .regions import ensure_region_access
from .restrictions import VIEW_RESTRICTIONS

#: Queued by name: services never import task modules (docs/architecture.md).
REINDEX_TOPIC_ITEMS = "sitecontent.tasks.reindex_topic_items"


@receiver(page_published)
def ensure_groups_for_published_region(sender, instance, **kwargs):
    if isinstance(instance, RegionPage):
        ensure_region_access(instance)


# --- Resource library: index what is published, forget what is unpublished ---------------
@receiver(page_published)
def index_published_library_item(sender, instance, **kwargs):
    if isinstance(instance, LibraryItem):
        index_item(instance)


@receiver(page_unpublished)
def unindex_unpublished_library_item(sender, instance, **kwargs):
    if isinstance(instance, LibraryItem):
        unindex_item(instance.pk)


@receiver(post_migrate)
def index_library_documents_after_migrating(sender, using="default", **kwargs):
    """After ``migrate``: a library that lists items but has no search document at all (the
    first deploy of the search through Wagtail's search API, migration 0010, or a restored
    backup without them) is indexed again, so search never silently finds nothing."""
    if getattr(sender, "label", None) != "sitecontent":
        return

    if LibraryFacet.objects.using(using).filter(facet=LISTED).exists():
        if not LibraryDocument.objects.using(using).exists():
            rebuild_index()


def _reindex_items_below(page) -> None:
    """Index again the live items below ``page``: those the public can now read get their
    rows, the others (below an unpublished or private page) lose them."""
    for item in Page.objects.descendant_of(page).live().type(*library_item_models()).specific():
        index_item(item)


@receiver(page_published)
@receiver(page_unpublished)
def reindex_items_below_published_section(sender, instance, **kwargs):
    """A library or region published again makes its items searchable again; unpublished,
    it takes them out of the index (its items stay live but routing does not serve them)."""
    if isinstance(instance, HomePage | RegionPage | ResourceIndexPage):
        _reindex_items_below(instance)


@receiver(post_save, sender="wagtailcore.PageViewRestriction")
@receiver(post_delete, sender="wagtailcore.PageViewRestriction")
def reindex_items_below_restricted_page(sender, instance, raw=False, **kwargs):
    """Making a page private (password, login, groups) takes it and the items below it out
    of the library's index; lifting the restriction puts them back."""
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    items = Page.objects.descendant_of(page, inclusive=True).live().type(*library_item_models()).specific()
    for item in items:
        index_item(item)


# --- Private pages: the restricted sections (sitecontent.restrictions) read again ----------
@receiver(post_save, sender="wagtailcore.PageViewRestriction")
@receiver(post_delete, sender="wagtailcore.PageViewRestriction")
@receiver(post_page_move)  # a moved page takes its tree path, and its subtree's, with it
def restricted_sections_changed(sender, **kwargs):
    VIEW_RESTRICTIONS.changed()


@receiver(post_save)
def alias_created(sender, instance, created, **kwargs):
    """A new alias of a restricted page is private as its source is (Wagtail)."""
    if created and isinstance(instance, Page) and instance.alias_of_id:
        VIEW_RESTRICTIONS.changed()


@receiver(post_page_move)
def reindex_moved_library_items(sender, instance, url_path_before, url_path_after, **kwargs):
    """A moved item (or a moved library with its items) may now belong to another region:
    its "region" facet is re-read from where it now lives. Only live rows are read, as on
    publish, so a move never indexes draft content."""
    if url_path_before == url_path_after:  # reordered among its siblings: nothing changed
        return
    moved = Page.objects.descendant_of(instance, inclusive=True).live().type(*library_item_models()).specific()
    for item in moved:
        index_item(item)


@receiver(post_save, sender="sitecontent.Topic")
def reindex_items_of_changed_topic(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:  # a new topic has no items yet
        with transaction.atomic():
            enqueue(REINDEX_TOPIC_ITEMS, instance.pk)
