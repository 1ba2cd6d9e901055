"""Public URLs of campaign.events, included inside the language prefix (sid/urls.py).

Calendars and events are Wagtail pages (routes on EventCalendarPage); only the private
submission status page lives here.
"""

from django.urls import path

from .bulk.views import upload_event, upload_status
from .submissions.views import submission_edit, submission_status

app_name = "events"

urlpatterns = [
    path("events/submissions/<str:token>/", submission_status, name="submission_status"),
    path("events/submissions/<str:token>/edit/", submission_edit, name="submission_edit"),
    path("events/uploads/<str:token>/", upload_status, name="upload_status"),
    path("events/uploads/<str:token>/<int:submission_id>/", upload_event, name="upload_event"),
    path(
        "events/uploads/<str:token>/<int:submission_id>/edit/", upload_event, {"edit": True}, name="upload_event_edit"
    ),
]
