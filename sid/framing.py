"""The one framing gate: which responses another site may show in a frame.

Every response gets ``X-Frame-Options: DENY`` (Django's ``XFrameOptionsMiddleware``, kept so
that ``check --deploy`` stays clean), except the responses of views marked ``@embeddable``
(the embeds for national sites, ``syndication.embeds``). The marker is read here and nowhere
else; for those responses:

* Django's own exemption is set (``xframe_options_exempt``): no ``X-Frame-Options``;
* ``Content-Security-Policy: frame-ancestors *``: any site may frame them;
* no cookies: whatever an inner layer set on the way out (a session, CSRF, a preference) is
  dropped, so an embed never sets a cookie on a visitor of another site.

With django-csp 4 (whose default policy will say ``frame-ancestors 'none'``), the same
decorator also sets django-csp's per-response override (``response._csp_replace``, what its
own ``@csp_replace`` sets), which its middleware applies when it builds the header; this gate
then leaves the CSP header to django-csp (``CSP_MIDDLEWARE`` listed after this gate) and still
drops the cookies.
"""

from __future__ import annotations

import functools

from django.conf import settings

#: The per-response policy an embed needs (django-csp's ``csp_replace`` format).
EMBED_CSP = {"frame-ancestors": ["*"]}
EMBEDDABLE = "sid_embeddable"
#: With django-csp's middleware (inside this one), it writes the embed's policy itself.
CSP_MIDDLEWARE = "csp.middleware.CSPMiddleware"


def embeddable(view):
    """Mark a view's responses as embeddable in a frame on any site (see the module)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        setattr(response, EMBEDDABLE, True)
        response.xframe_options_exempt = True  # Django's XFrameOptionsMiddleware skips it
        # django-csp reads this when it writes its header (its ``csp_replace`` decorator's
        # attribute); harmless without it.
        response._csp_replace = dict(EMBED_CSP)
        return response

    return wrapped


def is_embeddable(response) -> bool:
    return bool(getattr(response, EMBEDDABLE, False))


class FramingGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_embeddable(response):
            if response.has_header("X-Frame-Options"):
                del response["X-Frame-Options"]
            response.cookies.clear()
            if CSP_MIDDLEWARE not in settings.MIDDLEWARE:
                policy = "; ".join(f"{name} {' '.join(values)}" for name, values in EMBED_CSP.items())
                response["Content-Security-Policy"] = policy
            return response
        return response
