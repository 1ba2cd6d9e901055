"""Local development: the embedded default (SQLite, local-memory cache, eager tasks)."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, STORAGES, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# A fixed key is acceptable only here: it signs nothing that leaves this machine.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-used-in-production"
# Serve static files from the apps' folders without collectstatic while developing.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
SERVE_MEDIA = True
SID_ALLOW_DEMO_CONTENT = True
