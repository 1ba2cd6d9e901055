"""Approve or reject a page in moderation, from any view (bulk actions, queues).

They go through the page's current Wagtail task, so the task's own permission check applies:
only members of the region's moderators group (or superusers) get the actions, whichever
view calls. Rejection takes a ``RejectionReason``; it is kept as the task comment so it
appears in the page's history too.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from wagtail.models import TaskState

from .reasons import RejectionReason


def current_task_state(page):
    workflow_state = page.current_workflow_state
    if workflow_state is None:
        return None
    task_state = workflow_state.current_task_state
    if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
        return None
    return task_state.specific


def allowed_actions(page, user) -> set[str]:
    task_state = current_task_state(page)
    if task_state is None:
        return set()
    return {name for name, _label, _needs_form in task_state.task.specific.get_actions(page, user)}


def approve(page, user, comment: str = ""):
    task_state = current_task_state(page)
    if task_state is None or "approve" not in allowed_actions(page, user):
        raise PermissionDenied
    task_state.task.specific.on_action(task_state, user, "approve", comment=comment)


def reject(page, user, reason: str, comment: str = ""):
    task_state = current_task_state(page)
    if task_state is None or "reject" not in allowed_actions(page, user):
        raise PermissionDenied
    reason = RejectionReason(reason)
    note = f"{reason.value}: {comment}" if comment else reason.value
    task_state.task.specific.on_action(task_state, user, "reject", comment=note)


def reason_from_comment(comment: str) -> str:
    """The reason code stored by ``reject`` (OTHER for a rejection made elsewhere)."""
    code = (comment or "").split(":", 1)[0].strip()
    return code if code in RejectionReason.values else RejectionReason.OTHER.value
