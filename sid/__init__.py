"""Settings, URLs and the Celery app of the Safer Internet Day platform."""

from .celery import app as celery_app

__all__ = ["celery_app"]
