"""Project-wide views: rate-limit answer, error pages, and public media in development."""

from django.conf import settings
from django.http import Http404
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


#: Folders of MEDIA_ROOT that hold files the public may only get through a checking view:
#: Wagtail documents (served by /documents/, which hides files of unpublished pages),
#: original images (pages show renditions only; an original may belong to a draft), and
#: pack ZIPs (downloaded through the view that refuses withdrawn material).
PRIVATE_MEDIA_FOLDERS = ("documents", "original_images", "packs")


def serve_public_media(request, path):
    """MEDIA_URL for development and tests (SERVE_MEDIA), minus the private folders.

    Production's web server must apply the same rule (see README, "Configuration").
    """
    import posixpath

    from django.views.static import serve

    # Normalised as serve() will, so "images/../documents/x" is caught too.
    first = posixpath.normpath(path.replace("\\", "/")).lstrip("/").split("/", 1)[0]
    if first in PRIVATE_MEDIA_FOLDERS:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
