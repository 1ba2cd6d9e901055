"""The one caching gate: decides ``Cache-Control`` for every response the site sends.

A shared cache (Varnish, a CDN) may keep a response only when this gate says
``public``. It says so for an anonymous ``GET``/``HEAD`` of a public URL whose answer is the
same for every visitor; everything else is ``private``/``no-store``:

* a request carrying a personal cookie (the session: an editor, a password-protected page
  already unlocked, flash messages) — its answer may hold personal data;
* a response that sets a cookie (the CSRF cookie of a page with a form, a preference);
* a response whose view already chose its own policy (``never_cache``, ``private``: status
  links, the help page that reads the remembered country);
* the admin, previews, documents (served through privacy checks), language switching and
  health probes (``SID_CACHE_PRIVATE_PREFIXES``);
* statuses a cache should not keep (redirects chosen from a cookie or ``Accept-Language``,
  errors, rate limits).

A cacheable response gets ``public, max-age, s-maxage, stale-while-revalidate,
stale-if-error`` (``SID_CACHE_*`` settings), an ``ETag`` (a conditional request is answered
``304``), and no ``Vary: Cookie``: the page did not depend on a cookie (the personal ones
make it private; the language is in the URL, ``Content-Language`` says which). URLs without
a language prefix keep the ``Vary: Accept-Language`` that ``LocaleMiddleware`` gives them.

The middleware sits outside the session, CSRF and locale middleware, so it sees their
headers and cookies before deciding. Purging on change is ``sid.purging``.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import parse_etags

SAFE_METHODS = frozenset({"GET", "HEAD"})
#: Statuses a shared cache may keep (RFC 9111 "heuristically cacheable" and 404/410).
CACHEABLE_STATUSES = frozenset({200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501})
#: Cache-Control directives that mean the view has decided the response is not shareable.
PRIVATE_DIRECTIVES = ("private", "no-store", "no-cache", "max-age=0")


def personal_cookies() -> tuple[str, ...]:
    return (settings.SESSION_COOKIE_NAME, *settings.SID_CACHE_PERSONAL_COOKIES)


def is_cacheable(request, response) -> bool:
    """True when a shared cache may keep this answer for every anonymous visitor."""
    if request.method not in SAFE_METHODS:
        return False
    if response.status_code not in CACHEABLE_STATUSES:
        return False
    if any(request.path.startswith(prefix) for prefix in settings.SID_CACHE_PRIVATE_PREFIXES):
        return False
    if getattr(request, "is_preview", False):
        return False
    if any(name in request.COOKIES for name in personal_cookies()):
        return False
    if response.cookies:  # a CSRF cookie (a form), a preference, a session
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in PRIVATE_DIRECTIVES):
        return False
    if response.has_header("Vary") and "*" in response["Vary"]:
        return False
    return True


def _drop_vary(response, header: str) -> None:
    if not response.has_header("Vary"):
        return
    kept = [value.strip() for value in response["Vary"].split(",") if value.strip().lower() != header.lower()]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


def make_public(response) -> None:
    patch_cache_control(
        response,
        public=True,
        max_age=settings.SID_CACHE_BROWSER_MAX_AGE,
        s_maxage=settings.SID_CACHE_SHARED_MAX_AGE,
        stale_while_revalidate=settings.SID_CACHE_STALE_WHILE_REVALIDATE,
        stale_if_error=settings.SID_CACHE_STALE_IF_ERROR,
    )
    _drop_vary(response, "Cookie")
    if getattr(response, "sid_language_independent", False):
        _drop_vary(response, "Accept-Language")


def make_private(response) -> None:
    """Never stored by a shared cache; the browser revalidates too."""
    cache_control = response.get("Cache-Control", "").lower()
    if "no-store" in cache_control and "private" in cache_control:
        return
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)


class CacheGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_cacheable(request, response):
            make_private(response)
            return response
        make_public(response)
        if response.status_code == 200 and not response.streaming:
            if not response.has_header("ETag"):
                set_response_etag(response)
            if request.META.get("HTTP_IF_NONE_MATCH") and parse_etags(request.META["HTTP_IF_NONE_MATCH"]):
                return get_conditional_response(request, etag=response["ETag"], response=response)
        return response
