"""The one framing gate: which responses another site may show in a frame.

Every response gets ``X-Frame-Options: DENY`` (Django's ``XFrameOptionsMiddleware``, kept so
that ``check --deploy`` stays clean), except the responses of views marked ``@embeddable``
(the embeds for national sites, ``syndication.embeds``). The marker is read here and nowhere
else; for those responses:

* Django's own exemption is set (``xframe_options_exempt``): no ``X-Frame-Options``;
* ``Content-Security-Policy: frame-ancestors *``: any site may frame them;
* no cookies: whatever an inner layer set on the way out (a session, CSRF, a preference) is
  dropped, so an embed never sets a cookie on a visitor of another site.

The Content-Security-Policy header itself is written by the one security-headers middleware
(``sid.security_headers``, django-csp, outside this gate), whose default says
``frame-ancestors 'none'``: the decorator sets django-csp's per-response override
(``response._csp_replace``, what its own ``@csp_replace`` sets), so an embed gets the site's
whole policy with ``frame-ancestors *`` and nothing else changed.
"""

from __future__ import annotations

import functools

#: The per-response policy an embed needs (django-csp's ``csp_replace`` format).
EMBED_CSP = {"frame-ancestors": ["*"]}
EMBEDDABLE = "sid_embeddable"


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
            return response
        return response
