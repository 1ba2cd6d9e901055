"""Public views: the story form (served by StoryIndexPage at ``submit/``), the private status
and consent links, and "Report this story". Pages behind private links are never cached,
indexed or sent as a referrer to another site.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import get_usage, is_ratelimited

from campaign.moderation.reasons import reason_label
from sid.clientip import client_ip
from sid.views import ratelimited
from themes.loader import template_names

from . import pipeline
from .consent import PRIVACY_NOTES, privacy_note_key
from .forms import ReportForm, StoryForm, WithdrawForm
from .models import ParentalConsent, StoryPage, Submission
from .tokens import token_hash


def _private(response):
    add_never_cache_headers(response)
    # "same-origin", not "no-referrer": the token never leaves the site, and browsers send
    # "Origin: null" with a no-referrer form POST, which fails Django's CSRF origin check.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _render(request, name, context, status=200):
    return TemplateResponse(request, template_names(f"stories/{name}.html"), context, status=status)


def _accepted_limit_reached(request, increment: bool) -> bool:
    """Has this address sent STORIES_RATE_LIMIT accepted stories? (``increment`` counts one.)"""
    usage = get_usage(
        request, group="stories:submit", key="ip", rate=settings.STORIES_RATE_LIMIT, method="POST", increment=increment
    )
    return usage is not None and usage["count"] >= usage["limit"]


def submit_story(request, index):
    if request.method == "POST":
        # Every attempt counts towards a generous ceiling (each may cost a picture decode) ...
        if is_ratelimited(
            request,
            group="stories:attempt",
            key="ip",
            rate=settings.STORIES_ATTEMPT_RATE_LIMIT,
            method="POST",
            increment=True,
        ):
            return ratelimited(request)
        form = StoryForm(request.POST, request.FILES)
        if form.is_bot:
            # Answer a bot like a person, keep nothing.
            return _private(_render(request, "received_bot", {"page": index}))
        status = 400
        # ... but only accepted stories count towards STORIES_RATE_LIMIT, so a class of 30
        # behind one school address is not locked out by its own typos and missing ticks.
        if _accepted_limit_reached(request, increment=False):
            form.is_valid()
            form.add_error(None, _("You have sent a lot in a short time. Please wait a few minutes and try again."))
            status = 429
        elif form.is_valid():
            _submission, token = pipeline.receive(
                index, form.cleaned_data, form.cleaned_data.get("picture"), form.text_changes
            )
            _accepted_limit_reached(request, increment=True)
            return redirect(reverse("stories:status", kwargs={"token": token}) + "?new=1", permanent=False)
    else:
        form = StoryForm()
        status = 200
    response = _render(
        request,
        "submit",
        {
            "page": index,
            "form": form,
            "privacy_notes": PRIVACY_NOTES,
            "picture_lost": bool(request.FILES) and form.errors,
        },
        status=status,
    )
    return _private(response)


def _submission_for(token: str) -> Submission:
    submission = (
        Submission.objects.select_related("page", "consent").filter(status_token_hash=token_hash(token)).first()
    )
    if submission is None:
        raise Http404
    return submission


@require_http_methods(["GET"])
def status(request, token):
    submission = _submission_for(token)
    page = submission.page.specific if submission.page_id else None
    context = {
        "submission": submission,
        "story": page or submission,
        "story_page": page if page and page.live else None,
        "token": token,
        "just_sent": request.GET.get("new") == "1",
        "reason": reason_label(submission.rejection_reason, submission.language) if submission.rejection_reason else "",
        "privacy_note": PRIVACY_NOTES[privacy_note_key(submission.age_band)],
        "withdraw_form": WithdrawForm(),
        "can_withdraw": submission.status != Submission.Status.WITHDRAWN,
    }
    return _private(_render(request, "status", context))


@require_http_methods(["POST"])
def withdraw(request, token):
    submission = _submission_for(token)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        page = submission.page.specific if submission.page_id else None
        context = {
            "submission": submission,
            "story": page or submission,
            "story_page": page if page and page.live else None,
            "token": token,
            "withdraw_form": form,
            "can_withdraw": True,
            "privacy_note": PRIVACY_NOTES[privacy_note_key(submission.age_band)],
        }
        return _private(_render(request, "status", context, status=400))
    if submission.status != Submission.Status.WITHDRAWN:
        pipeline.withdraw(submission)
    return redirect("stories:status", token=token)


@require_http_methods(["GET", "POST"])
def consent(request, token):
    """A parent's confirmation. GET only shows a button: mail scanners follow links."""
    record = ParentalConsent.objects.select_related("submission").filter(token_hash=token_hash(token)).first()
    if record is None or not token or not pipeline.consent_link_valid(record):
        return _private(_render(request, "consent", {"invalid": True}, status=404))
    if request.method == "POST":
        pipeline.confirm_consent(record)
        return _private(_render(request, "consent", {"confirmed": True}))
    return _private(_render(request, "consent", {"submission": record.submission, "token": token}))


@require_http_methods(["POST"])
def report(request, page_id):
    page = get_object_or_404(StoryPage.objects.live().public(), pk=page_id)
    if is_ratelimited(request, group="stories:report", key="ip", rate="30/h", method="POST", increment=True):
        return ratelimited(request)
    form = ReportForm(request.POST)
    if not form.is_valid():
        return _render(request, "reported", {"page": page, "story": page, "invalid": True}, status=400)
    pipeline.report(page, form.cleaned_data["reason"], client_ip(request))
    return _render(request, "reported", {"page": page, "story": page})
