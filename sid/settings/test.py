"""Tests: fast hashing, in-memory mail, isolated media; database and cache from the environment."""

import tempfile

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105 (tests only; production requires its own)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=tempfile.mkdtemp(prefix="sid-test-media-"))
STATIC_ROOT = tempfile.mkdtemp(prefix="sid-test-static-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
SERVE_MEDIA = True
SID_ALLOW_DEMO_CONTENT = True
WAGTAILADMIN_BASE_URL = "http://testserver"
