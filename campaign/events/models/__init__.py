"""Models of campaign.events: calendars, events, partner submissions."""

from .calendar import EventCalendarPage
from .choices import AGE_BANDS, Audience, EventFormat, EventStatus
from .event import EventPage
from .occurrence import EventDay, EventOccurrence
from .submission import EventSubmission, SubmissionStatus
from .upload import EventUpload, UploadStatus

__all__ = [
    "AGE_BANDS",
    "Audience",
    "EventCalendarPage",
    "EventDay",
    "EventFormat",
    "EventOccurrence",
    "EventPage",
    "EventStatus",
    "EventSubmission",
    "EventUpload",
    "SubmissionStatus",
    "UploadStatus",
]
