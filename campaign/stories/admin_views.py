"""The moderators' side in the Wagtail admin: the region's queue with safety flags, one
story's review (findings highlighted, suggested redactions, picture), bulk decisions, and
the private picture. A moderator only ever sees their own regions' submissions; contact data
(a parent's email) is never shown here or anywhere else.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from campaign.moderation import decisions
from campaign.moderation.access import moderated_regions
from campaign.moderation.reasons import RejectionReason
from sitecontent.params import as_id

from . import pictures, pii, pipeline
from .models import Submission
from .text import spreadsheet_safe

Status = Submission.Status


class DecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", _("Approve and publish")), ("reject", _("Do not publish"))])
    reason = forms.ChoiceField(
        label=_("Reason (shown to the young person)"), choices=RejectionReason.choices, required=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "reject" and not cleaned.get("reason"):
            self.add_error("reason", _("Choose the reason to show to the young person."))
        return cleaned


def visible_submissions(user):
    """Submissions of the regions ``user`` moderates; nothing else, ever."""
    return Submission.objects.filter(region__in=moderated_regions(user))


def _decide(request, submission, action, reason) -> bool:
    page = submission.page.specific if submission.page_id else None
    if page is None or submission.status != Status.IN_REVIEW:
        return False
    try:
        with transaction.atomic():
            if action == "approve":
                decisions.approve(page, request.user)
            else:
                decisions.reject(page, request.user, reason)
    except PermissionDenied:
        return False
    return True


class QueueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "stories/admin/queue.html"
    page_title = _("Youth stories to review")
    header_icon = "doc-full-inverse"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = visible_submissions(self.request.user)
        context["submissions"] = (
            visible.filter(status=Status.IN_REVIEW).select_related("page", "region").order_by("in_review_since", "pk")
        )
        context["awaiting_consent"] = visible.filter(status=Status.AWAITING_CONSENT).count()
        context["form"] = kwargs.get("form") or DecisionForm()
        return context

    def post(self, request):
        form = DecisionForm(request.POST)
        ids = [number for value in request.POST.getlist("submission") if (number := as_id(value)) is not None]
        if not form.is_valid() or not ids:
            if not ids:
                messages.error(request, _("Choose at least one story."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        done = 0
        for submission in visible_submissions(request.user).filter(pk__in=ids).select_related("page"):
            done += _decide(request, submission, form.cleaned_data["action"], form.cleaned_data["reason"])
        messages.success(request, ngettext("%(count)d story done.", "%(count)d stories done.", done) % {"count": done})
        return redirect("stories_admin:queue")


class ReviewView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "stories/admin/review.html"
    page_title = _("Review a youth story")
    header_icon = "doc-full-inverse"

    def get_submission(self):
        return get_object_or_404(
            visible_submissions(self.request.user).select_related("page", "region"), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = kwargs.get("submission") or self.get_submission()
        page = submission.page.specific if submission.page_id else None
        findings = submission.findings or []
        context.update(
            submission=submission,
            story=page,
            findings=findings,
            suggested_body=pii.redact(page.body, [f for f in findings if f.get("field") == "body"]) if page else "",
            form=kwargs.get("form") or DecisionForm(),
            actions=decisions.allowed_actions(page, self.request.user) if page else set(),
            edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]) if page else "",
        )
        return context

    def post(self, request, pk):
        submission = self.get_submission()
        page = submission.page.specific if submission.page_id else None
        if request.POST.get("redact") and page is not None:
            if "approve" not in decisions.allowed_actions(page, request.user):
                raise PermissionDenied
            try:
                pipeline.accept_redactions(submission, page, request.user)
            except pii.RedactionIncomplete:
                messages.error(
                    request,
                    _(
                        "Some personal information could not be removed automatically. Nothing was changed: "
                        "edit the story to remove it before publishing."
                    ),
                )
            else:
                messages.success(request, _("The suggested redactions were applied to the draft."))
            return redirect("stories_admin:review", pk=pk)
        form = DecisionForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(submission=submission, form=form), status=400)
        if _decide(request, submission, form.cleaned_data["action"], form.cleaned_data["reason"]):
            messages.success(request, _("Decision saved."))
        else:
            messages.error(request, _("This story cannot be decided now (it may have been decided already)."))
        return redirect("stories_admin:queue")


def picture(request, pk):
    """The sanitised picture, for the region's moderators only (and Wagtail's preview)."""
    submission = get_object_or_404(visible_submissions(request.user), pk=pk)
    if not submission.picture_name:
        raise Http404
    try:
        handle = pictures.private_storage().open(submission.picture_name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


def export_csv(request):
    """The region's queue as CSV (no texts, no contact data), safe from spreadsheet formulas."""
    import csv

    from django.http import HttpResponse

    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="story-queue.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["id", "status", "region", "received", "age group", "country", "language", "title", "pen name", "flags"]
    )
    for submission in visible_submissions(request.user).select_related("page", "region").order_by("pk"):
        page = submission.page
        writer.writerow(
            [
                spreadsheet_safe(value)
                for value in (
                    submission.pk,
                    submission.status,
                    submission.region.short_code if submission.region else "",
                    submission.created_at.isoformat(),
                    submission.age_band,
                    submission.country.code,
                    submission.language,
                    page.title if page else "",
                    page.specific.pen_name if page else "",
                    len(submission.findings or []) + len(submission.text_flags or []),
                )
            ]
        )
    return response
