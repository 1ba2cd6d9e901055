"""Public views: the submission form (a calendar route) and the private status page."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from campaign.moderation.reasons import RejectionReason
from outbox import enqueue
from sid.absolute import absolute_url
from sitecontent import page_views
from sitecontent.page_views import page_view
from themes.loader import template_names

from ..models import EventSubmission, SubmissionStatus
from .editing import apply_edit, can_edit, initial_for
from .forms import EventSubmissionForm, WithdrawForm
from .intake import SEND_SUBMISSION_EMAIL, create_submission, status_message, withdraw
from .limits import submission_limit_reached


@page_view("events.submit")
def submit(calendar_page, request):
    if not calendar_page.accepts_submissions:
        raise Http404
    status = 200
    if request.method == "POST":
        form = EventSubmissionForm(request.POST)
        # Only accepted submissions count towards the limit, so a school fixing typos is not
        # locked out; a flood is refused with the form and everything typed still there.
        if submission_limit_reached(request, increment=False):
            form.is_valid()
            form.add_error(None, _("You have sent many events in a short time. Please wait an hour and send again."))
            status = 429
        elif form.is_valid():
            with transaction.atomic():  # the event and its e-mail are saved together
                submission, token = create_submission(calendar_page, form.cleaned_data, get_language())
                url = reverse("events:submission_status", args=[token])
                enqueue(SEND_SUBMISSION_EMAIL, submission.pk, "received", absolute_url(url))
            submission_limit_reached(request, increment=True)
            return HttpResponseRedirect(url + "?sent=1")
    else:
        form = EventSubmissionForm(initial={"time_zone": calendar_page.time_zone, "format": "in_person"})
    if calendar_page.is_global:
        form.fields["country"].help_text = _(
            "Events are reviewed by the team of the region that covers the country. "
            "If no region covers it yet, or the event is online, the global Safer Internet Day team reviews it."
        )
    response = calendar_page.render(
        request,
        template=template_names("events/submission_form.html"),
        context_overrides={"form": form, "view_name": "submit"},
    )
    response.status_code = status
    return response


@never_cache
def submission_status(request, token: str):
    submission = EventSubmission.objects.for_token(token)
    if submission is None:
        raise Http404
    return status_page(request, submission)


@never_cache
def submission_edit(request, token: str):
    submission = EventSubmission.objects.for_token(token)
    if submission is None:
        raise Http404
    return edit_page(request, submission)


def status_page(request, submission):
    """The private page of one submission (reached by its own link or its upload's)."""
    withdraw_form = WithdrawForm()
    certificate_form = None
    page = submission.page
    event_page = page.specific if page is not None and page.live else None
    if event_page is not None and event_page.end <= timezone.now():
        # After the event, its organiser may ask for a certificate (campaign.certificates' view).
        response, certificate_form = page_views.call("certificates.event", event_page, request, submission)
        if response is not None:
            return response
    if (
        request.method == "POST"
        and "certificate" not in request.POST
        and submission.status in (SubmissionStatus.IN_REVIEW, SubmissionStatus.APPROVED)
    ):
        withdraw_form = WithdrawForm(request.POST)
        if withdraw_form.is_valid():
            with transaction.atomic():
                withdraw(submission)
                enqueue(SEND_SUBMISSION_EMAIL, submission.pk, "withdrawn", "")
            return HttpResponseRedirect(request.path)
    reason = ""
    if submission.rejection_reason:
        # The reason in the language the partner wrote in, whatever the page's language.
        with translation.override(submission.language):
            reason = str(RejectionReason(submission.rejection_reason).label)
    page = submission.page
    response = TemplateResponse(
        request,
        template_names("events/submission_status.html"),
        {
            "submission": submission,
            "message": status_message(submission),
            "global_team": submission.region_id is None,
            "reason": reason,
            "reason_language": submission.language,
            "event": page if page is not None and page.live else None,
            "event_page": page.specific if page is not None else None,
            "withdraw_form": withdraw_form,
            "certificate_form": certificate_form,
            "can_withdraw": submission.status in (SubmissionStatus.IN_REVIEW, SubmissionStatus.APPROVED),
            "can_edit": can_edit(submission),
            "edit_url": request.path.rstrip("/") + "/edit/",
            "changes_pending": submission.changes_pending,
            "just_sent": request.GET.get("sent") == "1",
            "just_edited": request.GET.get("edited"),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def edit_page(request, submission):
    """The submission form again, filled with the event as it stands; saving sends the changes to moderation."""
    if not can_edit(submission):
        raise Http404
    status_url = request.path.rstrip("/").rsplit("/", 1)[0] + "/"
    status = 200
    if request.method == "POST":
        data = request.POST.copy()
        # Who sent it is not editable here: the form checks the event, not the organisation.
        data["organisation"], data["contact_email"] = submission.organisation, submission.contact_email
        form = EventSubmissionForm(data)
        if form.is_valid():
            found = apply_edit(submission, form.cleaned_data)
            return HttpResponseRedirect(status_url + f"?edited={'1' if found else '0'}")
        status = 400
    else:
        form = EventSubmissionForm(initial=initial_for(submission))
    for name in ("organisation", "contact_email"):
        form.fields[name].disabled = True
        form.fields[name].required = False
    response = TemplateResponse(
        request,
        template_names("events/submission_edit.html"),
        {"form": form, "submission": submission, "status_url": status_url},
        status=status,
    )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
