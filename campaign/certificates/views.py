"""Public certificate views: a class's request, the build status, the download, and the
verify page. Requests from an event's private link and a story's status link come through
``event_certificate`` and ``story_certificate``, which those views call by name after their own
checks (``sitecontent.page_views``: the certificates use the stories' and events' services, so
those apps never import this one).

No JavaScript: the status page refreshes itself until the PDF is ready.
"""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import is_ratelimited

from campaign.events.timing import get_zone
from sid.views import ratelimited
from sitecontent.page_views import page_view
from themes.loader import template_names

from .forms import ClassCertificateForm, CodeForm, OrganiserCertificateForm
from .issue import CertificateRequestError, normalise_code, request_certificate
from .models import Certificate

STATUS_REFRESH_SECONDS = 2
RATE = "30/h"


def _render(request, name, context, status=200):
    return TemplateResponse(request, template_names(f"certificates/{name}.html"), context, status=status)


def _language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).lower()


def _limited(request) -> bool:
    return is_ratelimited(request, group="certificates", key="ip", rate=RATE, method="POST", increment=True)


def _name_error(form, field="name"):
    form.add_error(field, _("Please type the name with letters (at most %(max)s characters).") % {"max": 150})


def _issue(request, form, **fields):
    """Request the certificate; its status page, or None with the form's error set."""
    try:
        certificate, _queued = request_certificate(language=_language(), **fields)
    except CertificateRequestError:
        _name_error(form)
        return None
    return redirect("certificates:status", code=certificate.code)


@require_http_methods(["GET", "POST"])
def class_certificate(request):
    form = ClassCertificateForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _limited(request):
            return ratelimited(request)
        if form.is_valid():
            response = _issue(
                request,
                form,
                kind=Certificate.Kind.CLASS,
                name=form.cleaned_data["name"],
                school=form.cleaned_data["school"],
                occasion_date=timezone.localdate(),
            )
            if response is not None:
                return response
        status = 400
    return _render(request, "class_form", {"form": form}, status=status)


@page_view("certificates.event")
def event_certificate(event_page, request, submission):
    """From a partner's private link, once the event is over (the caller checked the link
    and the date). Returns (a response to send, or None; the form to show)."""
    asked = request.method == "POST" and "certificate" in request.POST
    form = OrganiserCertificateForm(request.POST if asked else None, initial={"name": submission.organisation})
    if asked and _limited(request):
        return ratelimited(request), form
    if asked and form.is_valid():
        response = _issue(
            request,
            form,
            kind=Certificate.Kind.ORGANISER,
            name=form.cleaned_data["name"],
            event_title=event_page.title,
            occasion_date=event_page.end.astimezone(get_zone(event_page.time_zone)).date(),
        )
        if response is not None:
            return response, form
    return None, form


@page_view("certificates.story")
def story_certificate(page, request, submission, status_url: str):
    """From a published story's status link (``page``: its StoryPage, None before there is one):
    the pen name only, the date it was published."""
    if submission.status != submission.Status.PUBLISHED or page is None:
        return redirect(status_url)
    if _limited(request):
        return ratelimited(request)
    published = page.first_published_at or submission.decided_at or timezone.now()
    certificate, _queued = request_certificate(
        kind=Certificate.Kind.STORY,
        name=page.pen_name,
        language=_language(),
        occasion_date=timezone.localdate(published),
    )
    return redirect("certificates:status", code=certificate.code)


def _certificate(code: str) -> Certificate:
    normalised = normalise_code(code)
    certificate = Certificate.objects.filter(code=normalised).first() if normalised else None
    if certificate is None:
        raise Http404
    return certificate


@require_GET
def status(request, code):
    certificate = _certificate(code)
    working = certificate.status in (Certificate.Status.PENDING, Certificate.Status.BUILDING)
    response = _render(
        request,
        "status",
        {
            "certificate": certificate,
            "ready": certificate.is_ready,
            "working": working,
            "refresh": STATUS_REFRESH_SECONDS if working else None,
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def download(request, code):
    certificate = _certificate(code)
    if not certificate.is_ready:
        return redirect("certificates:status", code=certificate.code)
    filename = f"safer-internet-day-certificate-{certificate.code}.pdf"
    try:
        handle = certificate.open()  # from the "certificates" storage; FileResponse closes it
    except FileNotFoundError:
        return redirect("certificates:status", code=certificate.code)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type="application/pdf")


@require_GET
def verify_lookup(request):
    form = CodeForm(request.GET or None)
    status_code = 200
    if form.is_bound and form.is_valid():
        code = normalise_code(form.cleaned_data["code"])
        if code and Certificate.objects.filter(code=code).exists():
            return redirect("certificates:verify", code=code)
        form.add_error("code", _("No certificate has this code. Check each letter and try again."))
        status_code = 404
    return _render(request, "verify_lookup", {"form": form}, status=status_code)


@require_GET
def verify(request, code):
    """Only what the certificate itself shows: kind, name, school or event, date."""
    certificate = _certificate(code)
    response = _render(
        request, "verify", {"certificate": certificate, "lookup_url": reverse("certificates:verify_lookup")}
    )
    response["X-Robots-Tag"] = "noindex"
    return response
