"""Models of campaign.events: calendars, events, partner submissions."""

from .calendar import EventCalendarPage
from .choices import AgeBand, Audience, EventFormat, EventStatus
from .event import EventPage
from .occurrence import EventOccurrence
from .submission import EventSubmission, SubmissionStatus
from .upload import EventUpload, UploadStatus

__all__ = [
    "AgeBand",
    "Audience",
    "EventCalendarPage",
    "EventFormat",
    "EventOccurrence",
    "EventPage",
    "EventStatus",
    "EventSubmission",
    "EventUpload",
    "SubmissionStatus",
    "UploadStatus",
]
