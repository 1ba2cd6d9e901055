"""Asking for a certificate: one row per content, queued once through the outbox."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import unicodedata

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from campaign.stories.text import normalise
from campaign.stories.tokens import CODE_ALPHABET
from outbox import enqueue

from .models import NAME_MAX, Certificate

#: Queued by name: services never import task modules (docs/architecture.md).
BUILD_CERTIFICATE = "campaign.certificates.tasks.build_certificate"

#: Bump when the certificate's layout changes, so old PDFs are not served for new requests.
CERTIFICATE_VERSION = "1"
CODE_LENGTH = 12


class CertificateRequestError(ValueError):
    pass


def clean_text(value: str, limit: int = NAME_MAX) -> str:
    """A name as printed: NFKC, no bidi controls or stray invisible characters, one space."""
    text = " ".join(normalise(value or "").text.split())
    if not text or len(text) > limit:
        raise CertificateRequestError(value)
    return text


def content_key(kind, name, school, event_title, occasion_date, language) -> str:
    parts = [CERTIFICATE_VERSION, kind, name, school, event_title, occasion_date.isoformat(), language]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def code_for(key: str) -> str:
    """The verification code: keyed, derived from the content (the same certificate, the
    same code), 12 characters of the status-code alphabet (no 0/O, 1/I/L)."""
    number = int.from_bytes(hmac.new(settings.SECRET_KEY.encode(), key.encode(), hashlib.sha256).digest(), "big")
    letters = []
    for _position in range(CODE_LENGTH):
        number, index = divmod(number, len(CODE_ALPHABET))
        letters.append(CODE_ALPHABET[index])
    return "".join(letters)


def normalise_code(raw: str) -> str:
    text = "".join(ch for ch in unicodedata.normalize("NFKC", raw or "").upper() if ch.isalnum())
    return text if len(text) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in text) else ""


def request_certificate(
    kind: str,
    name: str,
    language: str,
    occasion_date: datetime.date,
    school: str = "",
    event_title: str = "",
) -> tuple[Certificate, bool]:
    """The certificate for this content: the existing one, or a new one queued exactly once.

    Returns (certificate, queued). A failed build, or a ready one whose file is gone, is
    queued again."""
    name = clean_text(name)
    school = clean_text(school) if school else ""
    event_title = clean_text(event_title, 255) if event_title else ""
    key = content_key(kind, name, school, event_title, occasion_date, language)
    defaults = {
        "kind": kind,
        "name": name,
        "school": school,
        "event_title": event_title,
        "occasion_date": occasion_date,
        "language": language,
        "code": code_for(key),
    }
    try:
        with transaction.atomic():  # the certificate and its build are saved together
            certificate, created = Certificate.objects.get_or_create(content_key=key, defaults=defaults)
            if created:
                enqueue(BUILD_CERTIFICATE, certificate.pk)
    except IntegrityError:
        certificate, created = Certificate.objects.get(content_key=key), False
    if created:
        return certificate, True
    stale = certificate.status == Certificate.Status.FAILED or (
        certificate.status == Certificate.Status.READY and not certificate.stored()
    )
    if not stale:
        return certificate, False
    with transaction.atomic():
        Certificate.objects.filter(pk=certificate.pk).update(status=Certificate.Status.PENDING, progress=0, error="")
        enqueue(BUILD_CERTIFICATE, certificate.pk)
    certificate.refresh_from_db()
    return certificate, True


def verify_url(certificate) -> str:
    """The verify page's absolute address, in the certificate's language (printed on it)."""
    with translation.override(certificate.language):
        return settings.SITE_BASE_URL.rstrip("/") + reverse("certificates:verify", args=[certificate.code])
