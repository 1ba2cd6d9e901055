"""The partners' submission limit per address, shared by the single form and the spreadsheet upload."""

from __future__ import annotations

from django.conf import settings
from django_ratelimit.core import get_usage

RATE_GROUP = "events.submission"


def submission_limit_reached(request, increment: bool) -> bool:
    """Has this address used up its accepted submissions? (``increment`` counts one more.)"""
    usage = get_usage(
        request, group=RATE_GROUP, key="ip", rate=settings.EVENTS_SUBMISSION_RATE, method="POST", increment=increment
    )
    return usage is not None and usage["count"] >= usage["limit"]
