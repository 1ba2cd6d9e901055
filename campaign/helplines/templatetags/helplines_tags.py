"""The "Get help / Report" control, the quick-exit address and small display filters.

``{% help_control %}`` is what base.html renders on every page; it renders
``helplines/includes/help_control.html`` through the theme fallback, so a theme may restyle
it without touching base.html.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse

from themes.loader import get_template

from ..languages import language_display_name
from ..phones import dial_string

register = template.Library()


def help_url_for(page) -> str:
    """The help page address for a visitor reading ``page`` (its region decides first)."""
    url = reverse("helplines:index")
    region = getattr(page, "region", None) if page is not None else None
    code = getattr(region, "short_code", "")
    return f"{url}?{urlencode({'region': code})}" if code else url


@register.simple_tag(takes_context=True)
def help_control(context):
    request = context.get("request")
    ctx = {"help_url": help_url_for(context.get("page")), "request": request}
    return get_template("helplines/includes/help_control.html").render(ctx, request)


@register.simple_tag
def quick_exit_url():
    return settings.HELPLINES_QUICK_EXIT_URL


@register.filter
def language_names(codes) -> str:
    """["fr", "nl"] → "French, Dutch" in the visitor's language."""
    return ", ".join(language_display_name(code) for code in codes or [])


@register.filter
def dial(number) -> str:
    """A printed number as a ``tel:``/``sms:`` link target: "116 111" → "116111"."""
    return dial_string(str(number or ""))
