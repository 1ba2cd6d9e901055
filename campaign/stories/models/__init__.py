"""Models of campaign.stories: the private submission and the public story pages."""

from .pages import StoryIndexPage, StoryPage
from .submission import ParentalConsent, ReportReason, StoryReport, Submission

__all__ = ["ParentalConsent", "ReportReason", "StoryIndexPage", "StoryPage", "StoryReport", "Submission"]
