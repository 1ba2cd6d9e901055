"""Tests: fast hashing, in-memory mail, isolated media; database and cache from the environment."""

import tempfile

from .base import *  # noqa: F403
from .base import STORAGES, env

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105 (tests only; production requires its own)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = env.str("TEST_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
# The fault suite's subprocesses write mail to files it counts (filebased backend).
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=tempfile.gettempdir())
MEDIA_ROOT = env.path("MEDIA_ROOT", default=tempfile.mkdtemp(prefix="sid-test-media-"))
# Youth stories keep submitted pictures outside MEDIA_ROOT; in tests, in a throwaway folder too.
STORIES_PRIVATE_ROOT = env.path("STORIES_PRIVATE_ROOT", default=tempfile.mkdtemp(prefix="sid-test-private-"))
STATIC_ROOT = tempfile.mkdtemp(prefix="sid-test-static-")
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
SERVE_MEDIA = True
SID_ALLOW_DEMO_CONTENT = True
# Every enqueue must sit in the transaction that writes what its task reads (outbox.core).
SID_OUTBOX_REQUIRE_TRANSACTION = env.bool("SID_OUTBOX_REQUIRE_TRANSACTION", default=True)
# Django's test client signs in without a request, which django-axes refuses; the throttling
# tests switch it on (tests/security/test_accounts.py).
AXES_ENABLED = False
# Absolute URLs come from SITE_BASE_URL (sid.absolute): the test client's own host.
SITE_BASE_URL = env.str("SITE_BASE_URL", default="http://testserver")
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
