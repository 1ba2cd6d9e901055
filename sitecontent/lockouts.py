"""Sign-in lock-outs (django-axes), shown to administrators in the admin's reports."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockouts(request):
    if not request.user.is_superuser:
        raise PermissionDenied
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).order_by(
        "-attempt_time"
    )[:200]
    return render(
        request,
        "sitecontent/admin/lockouts.html",
        {"attempts": attempts, "page_title": _("Sign-in lock-outs"), "minutes": settings.SID_LOGIN_COOLOFF_MINUTES},
    )
