"""Project-wide views: rate-limit answer and error pages."""

from django.shortcuts import render
from django.utils.translation import gettext as _


def ratelimited(request, exception=None):
    """django-ratelimit's answer: a clear, translated page, never a bare 403."""
    return render(
        request,
        "themes/default/ratelimited.html",
        {"message": _("You have sent a lot in a short time. Please wait a few minutes and try again.")},
        status=429,
    )
