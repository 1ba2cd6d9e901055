"""Keep submissions in step with decisions made anywhere (queue, bulk action, page editor)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.signals import page_published, page_unpublished, workflow_rejected

from campaign.moderation.decisions import reason_from_comment
from campaign.moderation.workflows import ensure_region_workflow

from . import pictures, pipeline
from .cards import remove_cards_of
from .models import StoryIndexPage, StoryPage, Submission


@receiver(page_published, sender=StoryPage)
def story_published(sender, instance, **kwargs):
    pipeline.on_published(instance)


@receiver(page_unpublished, sender=StoryPage)
def story_unpublished(sender, instance, **kwargs):
    pipeline.on_unpublished(instance)


@receiver(workflow_rejected, sender=WorkflowState)
def story_rejected(sender, instance, **kwargs):
    page = instance.content_object
    if not isinstance(page, StoryPage):
        page = StoryPage.objects.filter(pk=getattr(page, "pk", None)).first()
    if page is None:
        return
    task_state = instance.task_states.order_by("-finished_at", "-pk").first()
    pipeline.on_rejected(page, reason_from_comment(task_state.comment if task_state else ""))


@receiver(pre_delete, sender=StoryPage)
def story_deleted(sender, instance, **kwargs):
    # A story deleted anywhere takes its case cards with it (they hold its text).
    remove_cards_of(instance.pk)
    # A page deleted in the admin takes its public renditions with it.
    for submission in Submission.objects.filter(page=instance):
        pictures.delete_public_renditions(submission.public_picture)
        Submission.objects.filter(pk=submission.pk).update(public_picture={})


@receiver(page_published, sender=StoryIndexPage)
def section_published(sender, instance, **kwargs):
    if instance.region is not None:
        ensure_region_workflow(instance.region, instance, "stories")


@receiver(post_save, sender=PageLogEntry)
def story_title_change_logged(sender, instance, created, **kwargs):
    # Wagtail logs a title change on publish (the rename and publish entries) with the old
    # title, after the publish signal: for a story, that is the title a moderator redacted.
    # Keep the fact and the revision; drop the old text.
    data = instance.data
    if created and isinstance(data, dict) and isinstance(data.get("title"), dict):
        if instance.content_type_id == ContentType.objects.get_for_model(StoryPage).pk:
            kept = {key: value for key, value in data.items() if key != "title"}
            PageLogEntry.objects.filter(pk=instance.pk).update(data=kept)
