"""The workflow finish action (imported by Wagtail while its models load: no model imports here)."""

import logging

logger = logging.getLogger(__name__)


def every_task_approved(workflow_state) -> bool:
    """True when each task of this run of the workflow ended approved (its latest state).

    A workflow also finishes when its remaining tasks were cancelled: an administrator
    disabling the moderation task (Wagtail's ``Task.deactivate``) or the workflow cancels
    every task in progress, and Wagtail then finishes the workflow as if it had passed.
    """
    from wagtail.models import (
        TaskState,
    )  # Wagtail imports this module (WAGTAIL_FINISH_WORKFLOW_ACTION) while loading wagtail.models

    latest = {}
    for task_id, status in workflow_state.task_states.order_by("started_at", "pk").values_list("task_id", "status"):
        latest[task_id] = status
    return bool(latest) and all(status == TaskState.STATUS_APPROVED for status in latest.values())


def publish_approved(workflow_state, user=None):
    """``WAGTAIL_FINISH_WORKFLOW_ACTION``: the workflow's last task was approved, publish.

    This is the only way a page in moderation goes live (sitecontent.policy refuses "publish"
    on a page in a workflow and on anything the public sent, to everyone). The task already
    decided who may approve (the region's moderators group, or superusers), so the publish
    itself skips the page permission check: moderators hold no publish permission.

    A workflow that finished without every task approved (a task disabled while the page
    waited) publishes nothing: the page stays a draft.
    """
    if not every_task_approved(workflow_state):
        logger.warning(
            "Workflow %s finished on page %s without approval (a task was cancelled): not published",
            workflow_state.pk,
            workflow_state.object_id,
        )
        return
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
