"""Content-Security-Policy and Permissions-Policy: one middleware for every response.

Built on django-csp (``csp.middleware.CSPMiddleware``): the policy is chosen here by path.

* **Public pages** (``CONTENT_SECURITY_POLICY``): everything from the site itself only, no
  inline script at all, no framing (``frame-ancestors 'none'``). The one inline style the
  site writes (the region's brand colours in ``base.html``) is allowed by its **hash**, which
  ``{% csp_style %}`` records while the template renders: a hash, not a nonce, so a page is
  byte-identical for every visitor and stays cacheable with its ETag (``sid.httpcache``).
* **The Wagtail admin** (``SID_ADMIN_CONTENT_SECURITY_POLICY``): Wagtail 8 still writes inline
  scripts and styles in its widgets and templates (wagtail/wagtail#1288, #7053), so the admin
  allows ``'unsafe-inline'`` for scripts and styles, and ``data:``/``blob:`` images (previews,
  uploads); it keeps ``'self'`` as its only origin, ``object-src 'none'``, no framing from
  elsewhere (the page preview frames the admin itself: ``frame-ancestors 'self'``).
* **A view that may be framed by partners** (a later embed view) says so for its own URLs
  with django-csp's decorator, e.g. ``@csp_update({"frame-ancestors": ["https:"]})``
  together with ``xframe_options_exempt``; nothing else changes.

``Permissions-Policy`` denies every powerful feature the site never uses (``PERMISSIONS_POLICY``).
"""

from __future__ import annotations

import base64
import hashlib

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

#: Where the hashes of inline styles rendered for this request are kept.
STYLE_HASHES = "_sid_csp_style_hashes"


def style_hash(content: str) -> str:
    """The CSP source that allows exactly this inline ``<style>`` content."""
    digest = hashlib.sha256(content.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def allow_inline_style(request, content: str) -> None:
    """Allow the inline style ``content`` in this request's policy (see ``{% csp_style %}``)."""
    if request is None:
        return
    hashes = getattr(request, STYLE_HASHES, None)
    if hashes is None:
        hashes = []
        setattr(request, STYLE_HASHES, hashes)
    source = style_hash(content)
    if source not in hashes:
        hashes.append(source)


def is_admin(request) -> bool:
    return request.path_info.startswith(settings.SID_ADMIN_PATH_PREFIX)


def permissions_policy_header() -> str:
    parts = []
    for feature, origins in settings.PERMISSIONS_POLICY.items():
        parts.append(f"{feature}=({' '.join(origins)})")
    return ", ".join(parts)


class SecurityHeadersMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None and is_admin(request):
            parts.config = settings.SID_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        hashes = getattr(request, STYLE_HASHES, None)
        if hashes and not is_admin(request):
            update = dict(parts.update or {})
            update["style-src"] = [*update.get("style-src", []), *hashes]
            parts.update = update
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = permissions_policy_header()
        return response
