"""Absolute URLs: always from ``SITE_BASE_URL``, never from the request.

The ``Host`` header is the client's to choose. A URL built from it (``build_absolute_uri``)
lets a forged host end up in a calendar feed, an e-mail sent to a partner or a page a
shared cache keeps, pointing visitors to someone else's site. Every absolute URL the
platform writes (feeds, e-mails, sitemaps, robots.txt, hreflang and Open Graph links)
comes from this one function.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def base_url() -> str:
    """``SITE_BASE_URL`` without a trailing slash, e.g. ``https://saferinternetday.example``."""
    return settings.SITE_BASE_URL.rstrip("/")


def absolute_url(path_or_url: str) -> str:
    """``path_or_url`` as an absolute URL on ``SITE_BASE_URL``.

    An absolute URL given in (Wagtail returns one when several sites exist) keeps only its
    path, query and fragment: the scheme and host are always the configured ones.
    """
    parts = urlsplit(path_or_url or "/")
    path = parts.path or "/"
    if not path.startswith("/"):
        path = "/" + path
    url = base_url() + path
    if parts.query:
        url += "?" + parts.query
    if parts.fragment:
        url += "#" + parts.fragment
    return url
