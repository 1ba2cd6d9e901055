"""Project-wide views: rate-limit answer, error pages, and public media in development."""

import posixpath

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.static import serve

from sitecontent.public_files import editor_may_get, image_is_public, rendition_for_media_name


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
#: The folder of Wagtail's image renditions: served only through ``serve_rendition``.
RENDITIONS_FOLDER = "images"


def _media_name(path: str) -> str:
    # Normalised as serve() will, so "images/../documents/x" is caught too.
    return posixpath.normpath(path.replace("\\", "/")).lstrip("/")


def serve_public_media(request, path):
    """MEDIA_URL for development and tests (SERVE_MEDIA), minus the private folders.

    Production's web server must apply the same rule (see README, "Configuration").
    """
    name = _media_name(path)
    first = name.split("/", 1)[0]
    if first in PRIVATE_MEDIA_FOLDERS:
        raise Http404
    if first == RENDITIONS_FOLDER:
        return serve_rendition(request, name.split("/", 1)[-1])
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def serve_rendition(request, path):
    """``/media/images/<file>``: a rendition of an image something public uses, or 404.

    Wagtail writes renditions into public media under guessable names (``<name>.max-165x165.png``
    as soon as an image is uploaded), so every environment routes this folder here, never
    to the web server directly: the image's editors get it always, the public only while
    the image is public (``sitecontent.public_files.image_is_public``).
    """
    name = _media_name(f"{RENDITIONS_FOLDER}/{path}")
    if not name.startswith(f"{RENDITIONS_FOLDER}/"):
        raise Http404
    rendition = rendition_for_media_name(name)
    if rendition is None:
        raise Http404
    image = rendition.image
    if not (image_is_public(image) or editor_may_get(getattr(request, "user", None), image)):
        raise Http404
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    return FileResponse(handle)
