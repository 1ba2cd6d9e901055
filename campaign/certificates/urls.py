"""Public URLs of campaign.certificates, included inside the language prefix (sid/urls.py)."""

from django.conf import settings
from django.urls import path, reverse
from django.utils import translation

from . import views

app_name = "certificates"

urlpatterns = [
    path("certificates/class/", views.class_certificate, name="class"),
    path("certificates/verify/", views.verify_lookup, name="verify_lookup"),
    path("certificates/verify/<str:code>/", views.verify, name="verify"),
    path("certificates/<str:code>/", views.status, name="status"),
    path("certificates/<str:code>/download/", views.download, name="download"),
]


def verify_url(certificate) -> str:
    """The verify page's absolute address, in the certificate's language (printed on it)."""
    with translation.override(certificate.language):
        return settings.SITE_BASE_URL.rstrip("/") + reverse("certificates:verify", args=[certificate.code])
