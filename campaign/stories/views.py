"""Public views: the story form (served by StoryIndexPage at ``submit/``), the private status
and consent links, and "Report this story". Pages behind private links are never cached,
indexed or sent as a referrer to another site.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import get_usage, is_ratelimited

from campaign.moderation.reasons import reason_label
from sid.absolute import absolute_url
from sid.clientip import client_ip
from sid.views import ratelimited
from sitecontent import page_views
from sitecontent.page_views import page_view
from themes.loader import template_names

from . import pipeline
from .consent import (
    BAND_MINIMUM_AGE,
    DEFAULT_CONSENT_AGE,
    DIGITAL_CONSENT_AGE,
    PRIVACY_NOTES,
    REUSE_QUESTIONS,
    privacy_note_key,
    reuse_question,
)
from .forms import CodeForm, ReportForm, ResendForm, ReuseForm, StoryForm, WithdrawForm, consent_rule_groups
from .models import ParentalConsent, StoryPage, Submission
from .moderation import latest_texts
from .tokens import code_hash, display_code, normalise_code, status_code_for, token_hash


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


@page_view("stories.submit")
def submit_story(index, request):
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
        form = StoryForm(request.POST, request.FILES, region=index.region)
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
        form = StoryForm(region=index.region)
        status = 200
    response = _render(
        request,
        "submit",
        {
            "page": index,
            "form": form,
            "privacy_notes": PRIVACY_NOTES,
            "reuse_questions": REUSE_QUESTIONS,
            "picture_lost": bool(request.FILES) and form.errors,
            **parent_email_context(),
        },
        status=status,
    )
    return _private(response)


def parent_email_context() -> dict:
    """What the form needs to say who needs a parent's email before anything is sent."""
    return {
        "consent_ages_json": json.dumps(DIGITAL_CONSENT_AGE, sort_keys=True),
        "band_minimum_json": json.dumps({str(band.value): age for band, age in BAND_MINIMUM_AGE.items()}),
        "default_consent_age": DEFAULT_CONSENT_AGE,
        "consent_rule_groups": consent_rule_groups(),
    }


def _submission_for(token: str) -> Submission:
    submission = (
        Submission.objects.select_related("page", "consent").filter(status_token_hash=token_hash(token)).first()
    )
    if submission is None:
        raise Http404
    return submission


def _code_lookups_exhausted(request, failed: bool = False) -> bool:
    """Failed code lookups per address are limited (STORIES_CODE_LOOKUP_RATE): a person who
    mistypes tries again; nobody can try codes in bulk. Successful lookups are not counted."""
    usage = get_usage(request, group="stories:code", key="ip", rate=settings.STORIES_CODE_LOOKUP_RATE, increment=failed)
    return usage is not None and usage["count"] >= usage["limit"]


def _submission_for_code(request, code: str) -> Submission:
    if _code_lookups_exhausted(request):
        raise _TooManyLookups
    normalised = normalise_code(code)
    submission = None
    if normalised:
        submission = (
            Submission.objects.select_related("page", "consent").filter(status_code_hash=code_hash(normalised)).first()
        )
    if submission is None:
        _code_lookups_exhausted(request, failed=True)
        raise Http404
    return submission


class _TooManyLookups(Exception):
    pass


class Link:
    """Where the status page's forms go: the private link, or the short code's address."""

    def __init__(self, token: str = "", code: str = ""):
        self.token, self.code = token, code

    def url(self, name: str) -> str:
        if self.code:
            return reverse(f"stories:code_{name}", kwargs={"code": self.code})
        return reverse(f"stories:{name}", kwargs={"token": self.token})


def _texts(submission) -> dict:
    page = submission.page.specific if submission.page_id else None
    return latest_texts(page) if page is not None else {}


def _status_context(request, submission, link: Link, **extra) -> dict:
    page = submission.page.specific if submission.page_id else None
    can_resend = submission.status == Submission.Status.REJECTED and page is not None
    code = status_code_for(link.token) if link.token else link.code
    absolute = absolute_url(link.url("status"))
    context = {
        "submission": submission,
        "story": page or submission,
        "story_page": page if page and page.live else None,
        "token": link.token,
        "status_url": absolute,
        "status_code": display_code(code) if submission.status_code_hash else "",
        "code_lookup_url": absolute_url(reverse("stories:code_lookup")),
        "withdraw_url": link.url("withdraw"),
        "resend_url": link.url("resend"),
        "just_sent": request.GET.get("new") == "1",
        "reason": reason_label(submission.rejection_reason, submission.language) if submission.rejection_reason else "",
        "privacy_note": PRIVACY_NOTES[privacy_note_key(submission.age_band)],
        "withdraw_form": WithdrawForm(),
        "reuse_url": link.url("reuse"),
        "reuse_question": reuse_question(submission.age_band),
        "reuse_form": ReuseForm(initial={"reuse": submission.reuse}),
        "can_change_reuse": submission.status != Submission.Status.WITHDRAWN,
        "certificate_url": link.url("certificate") if submission.status == Submission.Status.PUBLISHED else "",
        "can_withdraw": submission.status != Submission.Status.WITHDRAWN,
        "can_resend": can_resend,
        "resend_form": ResendForm(initial=_texts(submission), with_picture=submission.has_picture)
        if can_resend
        else None,
    }
    context.update(extra)
    return context


def _status(request, submission, link):
    return _private(_render(request, "status", _status_context(request, submission, link)))


def _withdraw(request, submission, link):
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        context = _status_context(request, submission, link, withdraw_form=form, can_withdraw=True)
        return _private(_render(request, "status", context, status=400))
    if submission.status != Submission.Status.WITHDRAWN:
        pipeline.withdraw(submission)
    return redirect(link.url("status"))


def _reuse(request, submission, link):
    """Change or withdraw the consent to reuse; "no" removes every case card at once."""
    if submission.status == Submission.Status.WITHDRAWN:
        return redirect(link.url("status"))
    form = ReuseForm(request.POST)
    if not form.is_valid():
        context = _status_context(request, submission, link, reuse_form=form)
        return _private(_render(request, "status", context, status=400))
    pipeline.set_reuse(submission, form.cleaned_data["reuse"])
    return redirect(link.url("status") + "?reuse=1")


def _certificate(request, submission, link):
    """A published story's author asks for their certificate (pen name only): campaign.certificates' view."""
    page = submission.page if submission.page_id else None
    return page_views.call("certificates.story", page, request, submission, status_url=link.url("status"))


def _resend(request, submission, link):
    """Fix and send again: the rejected story, changed by its author, goes to a new review."""
    if submission.status != Submission.Status.REJECTED or not submission.page_id:
        return redirect(link.url("status"))
    if is_ratelimited(
        request, group="stories:attempt", key="ip", rate=settings.STORIES_ATTEMPT_RATE_LIMIT, increment=True
    ):
        return ratelimited(request)
    form = ResendForm(request.POST, with_picture=submission.has_picture)
    if not form.is_valid():
        context = _status_context(request, submission, link, resend_form=form)
        return _private(_render(request, "status", context, status=400))
    with transaction.atomic():
        pipeline.resend(submission, form.cleaned_data)
    return redirect(link.url("status") + "?resent=1")


@require_http_methods(["GET"])
def status(request, token):
    return _status(request, _submission_for(token), Link(token=token))


@require_http_methods(["POST"])
def withdraw(request, token):
    return _withdraw(request, _submission_for(token), Link(token=token))


@require_http_methods(["POST"])
def resend(request, token):
    return _resend(request, _submission_for(token), Link(token=token))


@require_http_methods(["POST"])
def reuse(request, token):
    return _reuse(request, _submission_for(token), Link(token=token))


@require_http_methods(["POST"])
def certificate(request, token):
    return _certificate(request, _submission_for(token), Link(token=token))


def _by_code(action):
    def view(request, code):
        try:
            submission = _submission_for_code(request, code)
        except _TooManyLookups:
            return ratelimited(request)
        return action(request, submission, Link(code=normalise_code(code)))

    return view


code_status = require_http_methods(["GET"])(_by_code(_status))
code_withdraw = require_http_methods(["POST"])(_by_code(_withdraw))
code_resend = require_http_methods(["POST"])(_by_code(_resend))
code_reuse = require_http_methods(["POST"])(_by_code(_reuse))
code_certificate = require_http_methods(["POST"])(_by_code(_certificate))


@require_http_methods(["GET"])
def code_lookup(request):
    """Type the short code (from paper) to reach the status page."""
    form = CodeForm(request.GET or None)
    status_code = 200
    if form.is_bound and form.is_valid():
        if _code_lookups_exhausted(request):
            return ratelimited(request)
        code = normalise_code(form.cleaned_data["code"])
        if code and Submission.objects.filter(status_code_hash=code_hash(code)).exists():
            return _private(redirect("stories:code_status", code=code))
        _code_lookups_exhausted(request, failed=True)
        form.add_error("code", _("We found no story with this code. Check each letter and try again."))
        status_code = 404
    return _private(_render(request, "code_lookup", {"form": form}, status=status_code))


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


@require_http_methods(["GET", "POST"])
def report(request, page_id):
    """The "Report this story" form (GET) and the report itself (POST).

    The form lives on its own page, not on the story: a form carries a CSRF token and
    cookie, which would make every story page uncacheable (sid.httpcache). This page is
    private; the story page stays the same for everyone and only links here.
    """
    page = get_object_or_404(StoryPage.objects.live().public(), pk=page_id)
    if request.method == "GET":
        return _private(_render(request, "report", {"page": page, "story": page, "report_form": ReportForm()}))
    if is_ratelimited(request, group="stories:report", key="ip", rate="30/h", method="POST", increment=True):
        return ratelimited(request)
    form = ReportForm(request.POST)
    if not form.is_valid():
        return _render(request, "reported", {"page": page, "story": page, "invalid": True}, status=400)
    pipeline.report(page, form.cleaned_data["reason"], client_ip(request))
    return _render(request, "reported", {"page": page, "story": page})
