"""One moderation workflow per region and section, reviewed by the region's moderators."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

from sitecontent.regions import ensure_region_access

from .names import GLOBAL, stored_name


def workflow_name(region, kind: str) -> str:
    return stored_name(region.short_code, kind, "moderation")


@transaction.atomic
def ensure_region_workflow(region, section_page, kind: str) -> Workflow:
    """Attach ``<code> <kind> moderation`` to ``section_page`` (idempotent).

    ``kind`` names what is moderated ("stories", "events"); the single task is a
    GroupApprovalTask for the region's moderators group, so no other region's moderators
    can review it and the region's moderators can edit (redact) the page under review.
    """
    _one_at_a_time(section_page)
    access = ensure_region_access(region)
    return _ensure_workflow(region.short_code, kind, access.moderators, section_page)


@transaction.atomic
def ensure_global_workflow(section_page, kind: str) -> Workflow:
    """Attach ``global <kind> moderation`` to a section outside every region (idempotent).

    For what no region can take (a country no region lists, an online event sent to the
    global calendar): the global team (the ``STORIES_GLOBAL_TEAM_GROUP`` group, superusers
    too) reviews it; approval publishes it.
    """
    _one_at_a_time(section_page)
    team, _created = Group.objects.get_or_create(name=settings.STORIES_GLOBAL_TEAM_GROUP)
    team.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    # Like a region's moderators, the team holds no page permission: approval publishes
    # (campaign.moderation.finish), and sitecontent.policy decides the rest.
    GroupPagePermission.objects.filter(group=team, page=section_page).delete()
    return _ensure_workflow(GLOBAL, kind, team, section_page)


def _one_at_a_time(section_page) -> None:
    """Concurrent first submissions to a section would each create its workflow (a name is
    not unique in Wagtail's table: every later get() failed with two) and its groups: the
    section's row is locked first (PostgreSQL; SQLite writes one at a time anyway), so the
    second request finds what the first created."""
    Page.objects.select_for_update().filter(pk=section_page.pk).exists()


def _ensure_workflow(label: str, kind: str, reviewers, section_page) -> Workflow:
    # English, whatever the active language: campaign.moderation.names shows it translated.
    name = stored_name(label, kind, "moderation")
    workflow = Workflow.objects.filter(name=name).order_by("pk").first()
    if workflow is None:
        workflow = Workflow.objects.create(name=name, active=True)
    task_name = stored_name(label, kind, "review")
    task = GroupApprovalTask.objects.filter(name=task_name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=task_name)
    task.groups.set([reviewers])
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=section_page, defaults={"workflow": workflow})
    return workflow


def start_moderation(page, user=None):
    """Save ``page``'s current state as a revision and start its section's workflow.

    Returns the WorkflowState. ``user`` is the requester (None for anonymous submitters).
    """
    page.save_revision(user=user, log_action=True)
    workflow = page.get_workflow()
    if workflow is None:
        raise LookupError(f"No moderation workflow applies to page {page.pk}")
    return workflow.start(page, user)
