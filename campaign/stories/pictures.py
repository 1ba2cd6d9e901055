"""Pictures from young people: refused early, re-encoded, kept private until approved.

``sanitise`` runs in the request, so the file as uploaded (with its GPS position, camera
and author) is never written anywhere: Pillow reads the header only, the declared size is
checked against ``STORIES_MAX_PIXELS`` before a pixel is decoded (a 48 KB decompression
bomb costs a header read), then the image is decoded, turned upright (EXIF orientation),
converted to RGB and saved as a brand-new JPEG with no EXIF, GPS, XMP, ICC or comments.
Whatever else the file contained (HTML appended to a JPEG, a second frame) is not carried
over: only pixels survive.

The sanitised picture is stored in private storage (the "story_pictures" storage, by
default ``STORIES_PRIVATE_ROOT`` outside MEDIA_ROOT, never served except to the region's
moderators through the admin). Public
renditions are written to media under an unguessable directory only when the story is
published, and removed when it is unpublished or withdrawn. The private original is never
served to the public.
"""

from __future__ import annotations

import io
import secrets
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from sid.storage import STORY_PICTURES, storage

# MPO is what several phones save (a JPEG followed by more JPEG frames, e.g. for depth or
# 3D): its first frame is an ordinary JPEG and is re-encoded like one.
ALLOWED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "GIF", "WEBP"})
JPEG_FAMILY = frozenset({"JPEG", "MPO"})
RENDITION_WIDTHS = (480, 960)
JPEG_QUALITY = 85

NOT_A_PICTURE = _("This file is not a picture we can use. Please choose a JPEG, PNG, GIF or WebP photo or drawing.")
BROKEN_PICTURE = _("This picture seems to be damaged or incomplete. Please try another one.")
TOO_BIG_FILE = _("This picture is too big. Please choose one smaller than %(size)s MB.")
TOO_MANY_PIXELS = _(
    "This picture is too large (%(megapixels)s megapixels). Please use one of at most %(limit)s megapixels."
)


@dataclass(frozen=True)
class SanitisedPicture:
    content: bytes
    width: int
    height: int


def private_storage():
    """Storage for submitted pictures: the "story_pictures" storage (sid.storage), by
    default the folder STORIES_PRIVATE_ROOT outside MEDIA_ROOT; never served by URL."""
    return storage(STORY_PICTURES)


def sanitise(upload) -> SanitisedPicture:
    """Validate and re-encode an uploaded file; raise ValidationError with a clear message."""
    size = getattr(upload, "size", None)
    if not size:
        raise ValidationError(NOT_A_PICTURE, code="empty")
    if size > settings.STORIES_MAX_UPLOAD_BYTES:
        raise ValidationError(
            TOO_BIG_FILE, code="file_size", params={"size": settings.STORIES_MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    upload.seek(0)
    with warnings.catch_warnings():
        # Pillow warns (and above twice its limit raises) about bombs; our own limit is
        # far lower and is checked first, so both become the same refusal.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload)  # reads the header only
        except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
            _refuse_bomb_or_unknown(upload)
        except (OSError, ValueError, SyntaxError) as error:
            raise ValidationError(NOT_A_PICTURE, code="invalid") from error
        with image:
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(NOT_A_PICTURE, code="format")
            _check_pixels(*image.size)
            try:
                image.seek(0)  # first frame of an animation or a multi-picture JPEG only
                if image.format in JPEG_FAMILY:
                    # Decode at a reduced DCT scale when the photo is bigger than we keep:
                    # a 12 MP phone photo is then decoded at 1/2 or 1/4 of its size.
                    edge = settings.STORIES_PICTURE_MAX_EDGE
                    image.draft("RGB", (edge, edge))
                image.load()
                upright = ImageOps.exif_transpose(image)
                # Shrink before anything else touches the pixels: cheaper, and no more
                # detail is kept than a story page needs.
                edge = settings.STORIES_PICTURE_MAX_EDGE
                if upright.width > edge or upright.height > edge:
                    upright = upright.copy() if upright is image else upright
                    upright.thumbnail((edge, edge), Image.BILINEAR, reducing_gap=2.0)
                clean = _flatten(upright)
            except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning) as error:
                raise ValidationError(BROKEN_PICTURE, code="broken") from error
    return SanitisedPicture(content=_encode(clean), width=clean.width, height=clean.height)


def _refuse_bomb_or_unknown(upload):
    """Pillow refused before we saw the size: tell a bomb from a non-image by the header."""
    upload.seek(0)
    head = upload.read(32)
    if head.startswith(b"\x89PNG\r\n\x1a\n") and len(head) >= 24:
        width = int.from_bytes(head[16:20], "big")
        height = int.from_bytes(head[20:24], "big")
        _check_pixels(width, height)
    raise ValidationError(NOT_A_PICTURE, code="invalid")


def _check_pixels(width: int, height: int) -> None:
    limit = settings.STORIES_MAX_PIXELS
    if width <= 0 or height <= 0:
        raise ValidationError(NOT_A_PICTURE, code="invalid")
    if width * height > limit:
        raise ValidationError(
            TOO_MANY_PIXELS,
            code="pixels",
            params={"megapixels": round(width * height / 1_000_000), "limit": round(limit / 1_000_000)},
        )


def _flatten(image: Image.Image) -> Image.Image:
    """A fresh RGB image holding only pixels: no info dict, no palette tricks, no ICC."""
    if image.mode in {"RGBA", "LA"} or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        base = Image.new("RGB", rgba.size, (255, 255, 255))
        base.paste(rgba, mask=rgba.getchannel("A"))
        source = base
    else:
        source = image.convert("RGB")  # CMYK, L, P, I;16 … all become plain RGB
    fresh = Image.new("RGB", source.size)
    fresh.paste(source)
    return fresh


def _encode(image: Image.Image, quality: int = JPEG_QUALITY) -> bytes:
    buffer = io.BytesIO()
    # No exif=, icc_profile=, comment=: Pillow writes none of them for a fresh image.
    image.save(buffer, format="JPEG", quality=quality, progressive=True)
    return buffer.getvalue()


def store_private(content: bytes) -> str:
    """Save sanitised bytes under a random name in private storage; return the name."""
    return private_storage().save(f"{secrets.token_hex(16)}.jpg", ContentFile(content))


def delete_private(name: str) -> None:
    if name:
        private_storage().delete(name)


def write_public_renditions(private_name: str) -> dict:
    """Write the public renditions of an approved story's picture; return their description."""
    storage = private_storage()
    folder = f"stories/{secrets.token_urlsafe(18)}"
    files = {}
    with storage.open(private_name, "rb") as handle, Image.open(handle) as image:
        image.load()
        width, height = image.size
        for target in RENDITION_WIDTHS:
            copy = _flatten(image)
            if copy.width > target:
                copy = copy.resize((target, max(1, round(copy.height * target / copy.width))), Image.LANCZOS)
            name = default_storage.save(f"{folder}/{copy.width}w.jpg", ContentFile(_encode(copy, quality=82)))
            files[str(copy.width)] = name
    return {"files": files, "width": width, "height": height}


def delete_public_renditions(description: dict | None) -> None:
    for name in (description or {}).get("files", {}).values():
        default_storage.delete(name)
