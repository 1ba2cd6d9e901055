"""Background work of the site content: keep the library's index in step with its topics."""

from __future__ import annotations

from celery import shared_task

from sitecontent.library.indexing import index_item
from sitecontent.models import library_item_models


@shared_task(name="sitecontent.tasks.reindex_topic_items")
def reindex_topic_items(topic_id: int) -> int:
    """Re-index the live items of a topic after its name, a translation or its slug changed.

    The library's facet rows carry the topic's slug and its search text the topic's name in
    each language, both written when an item is published; without this, renaming a topic
    left its items unfindable by the new name, and a new slug emptied its filter.
    """
    count = 0
    for model in library_item_models():
        # Live rows and their committed topic links are what publishing wrote (drafts live
        # in revisions only), so this never indexes unpublished content.
        for item in model.objects.live().filter(topics=topic_id).distinct():
            index_item(item)
            count += 1
    return count
