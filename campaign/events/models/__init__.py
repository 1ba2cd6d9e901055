"""Models of campaign.events: calendars, events, partner submissions."""

from .calendar import EventCalendarPage
from .choices import AgeBand, Audience, EventFormat, EventStatus
from .event import EventPage
from .submission import EventSubmission, SubmissionStatus

__all__ = [
    "AgeBand",
    "Audience",
    "EventCalendarPage",
    "EventFormat",
    "EventPage",
    "EventStatus",
    "EventSubmission",
    "SubmissionStatus",
]
