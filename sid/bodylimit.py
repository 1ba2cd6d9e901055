"""Refuse request bodies larger than the largest legitimate upload, before reading them.

Django reads a body only when a view (or the CSRF check) asks for ``request.POST``; by then a
400 MB upload to the story form had already been written to temporary disk. This middleware
looks at ``CONTENT_LENGTH`` first and answers 413 with a translated page. The limits:
``SID_MAX_PUBLIC_BODY_BYTES`` (public pages: the story picture is the largest upload) and
``SID_MAX_ADMIN_BODY_BYTES`` (the admin: documents are the largest). The reverse proxy keeps
its own limit at the larger of the two (docs/operations.md), so a body without a length
(chunked) is bounded there.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _


def limit_for(path: str) -> int:
    if path.startswith("/admin/"):
        return settings.SID_MAX_ADMIN_BODY_BYTES
    return settings.SID_MAX_PUBLIC_BODY_BYTES


class BodySizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = limit_for(request.path)
        if length > limit:
            message = _("What you sent is too big. Please send less than %(size)s MB.") % {
                "size": max(1, limit // (1024 * 1024))
            }
            response = render(request, "themes/default/too_large.html", {"message": message}, status=413)
            # The unread body is not drained: the connection is closed instead.
            response["Connection"] = "close"
            return response
        return self.get_response(request)
