"""Models of campaign.events: calendars, events, partner submissions."""

from .calendar import EventCalendarPage
from .choices import AGE_BANDS, Audience, EventFormat, EventStatus
from .event import EventPage
from .submission import EventSubmission, SubmissionStatus

__all__ = [
    "AGE_BANDS",
    "Audience",
    "EventCalendarPage",
    "EventFormat",
    "EventPage",
    "EventStatus",
    "EventSubmission",
    "SubmissionStatus",
]
