"""Public URLs of campaign.events, included inside the language prefix (sid/urls.py).

Calendars and events are Wagtail pages (routes on EventCalendarPage); only the private
submission status page lives here.
"""

from django.urls import path

from .submissions.views import submission_status

app_name = "events"

urlpatterns = [
    path("events/submissions/<str:token>/", submission_status, name="submission_status"),
]
