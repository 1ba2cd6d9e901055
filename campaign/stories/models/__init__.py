"""Models of campaign.stories: the private submission, the public story pages, case cards."""

from .cards import CaseCardPage
from .pages import StoryIndexPage, StoryPage
from .submission import ParentalConsent, ReportReason, StoryReport, Submission

__all__ = [
    "CaseCardPage",
    "ParentalConsent",
    "ReportReason",
    "StoryIndexPage",
    "StoryPage",
    "StoryReport",
    "Submission",
]
