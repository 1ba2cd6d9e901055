"""Reject a partner submission with a reason from the shared list (shown in the partner's language)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from campaign.moderation.reasons import RejectionReason

from .models import EventPage, EventSubmission, SubmissionStatus
from .submissions.intake import reject


class RejectForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Reason (the partner sees it in their language)"),
        choices=RejectionReason.choices,
        widget=forms.RadioSelect,
    )


def _current_task_state(page, user):
    """The in-progress task this user may act on, or PermissionDenied."""
    workflow_state = page.current_workflow_state
    task_state = workflow_state.current_task_state if workflow_state else None
    if task_state is None or not task_state.task.specific.get_actions(page, user):
        raise PermissionDenied
    return task_state


def reject_submission(request, submission_id: int):
    submission = get_object_or_404(EventSubmission, pk=submission_id, status=SubmissionStatus.IN_REVIEW)
    if submission.page_id is None:
        raise PermissionDenied
    page = EventPage.objects.get(pk=submission.page_id)
    _current_task_state(page, request.user)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reject(submission, request.user, form.cleaned_data["reason"])
        messages.success(request, _("The event was not published. The partner has been told why."))
        return redirect("wagtailadmin_home")
    return TemplateResponse(
        request,
        "events/admin/reject_submission.html",
        {"submission": submission, "page": page, "form": form},
    )
