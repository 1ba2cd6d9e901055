"""Admin additions: rejecting a partner submission with a reason.

Calendars and events are pages: region scoping comes from the region's page permissions
(sitecontent.regions) and the region's events workflow (campaign.moderation).
"""

from django.urls import path
from wagtail import hooks

from .admin_views import reject_submission
from .bulk import admin_views as upload_views


@hooks.register("register_admin_urls")
def register_event_admin_urls():
    return [
        path("events/submissions/<int:submission_id>/reject/", reject_submission, name="events_reject_submission"),
        path("events/upload/", upload_views.upload, name="events_upload"),
        path("events/upload/<int:upload_id>/", upload_views.upload_detail, name="events_upload_detail"),
    ]
