"""WSGI entry point (gunicorn sid.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sid.settings.production")

application = get_wsgi_application()
