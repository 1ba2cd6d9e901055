"""Sign-in and password-reset throttling for the admin (README, "Security").

Failed sign-ins are counted by django-axes per account and address (the same address as the
rate limits, ``sid.clientip.client_ip``); after ``SID_LOGIN_FAILURE_LIMIT`` failures the pair
is locked out for ``SID_LOGIN_COOLOFF_MINUTES``, even with the right password. Administrators
see and clear lock-outs in the admin (Reports → Sign-in lock-outs) or with
``manage.py axes_reset``. Password-reset emails are limited per address and per email
address (django-ratelimit), so nobody can flood a person's inbox.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from wagtail.admin.views.account import PasswordResetView


def lockout(request, credentials, *args, **kwargs):
    """django-axes' answer to a locked-out sign-in: a translated page, status 429."""
    minutes = settings.SID_LOGIN_COOLOFF_MINUTES
    message = _(
        "Too many failed sign-in attempts for this account from your network. "
        "Try again in %(minutes)s minutes, or ask an administrator to unlock the account."
    ) % {"minutes": minutes}
    return render(request, "themes/default/ratelimited.html", {"message": message}, status=429)


def _email_key(group, request):
    return (request.POST.get("email") or "").strip().lower()


def password_reset(request, *args, **kwargs):
    """Wagtail's password reset form, at most SID_PASSWORD_RESET_RATE per address and
    SID_PASSWORD_RESET_EMAIL_RATE per email address (only sends are counted)."""
    if request.method == "POST":
        limited = is_ratelimited(
            request, group="accounts:reset-ip", key="ip", rate=settings.SID_PASSWORD_RESET_RATE, increment=True
        )
        limited = (
            is_ratelimited(
                request,
                group="accounts:reset-email",
                key=_email_key,
                rate=settings.SID_PASSWORD_RESET_EMAIL_RATE,
                increment=True,
            )
            or limited
        )
        if limited:
            message = _("Too many password reset requests. Please wait an hour and try again.")
            return render(request, "themes/default/ratelimited.html", {"message": message}, status=429)
    return PasswordResetView.as_view()(request, *args, **kwargs)
