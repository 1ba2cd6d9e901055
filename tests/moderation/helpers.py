"""Queue test data: stories through the real form and pipeline, events through the real intake."""

from __future__ import annotations

import datetime
import zoneinfo

from campaign.moderation.models import ItemKind, ModerationItem
from campaign.stories.models import Submission
from tests.stories.factories import latest_submission, submit


def send_story(client, tree, capture, region="eu", **overrides) -> Submission:
    response = submit(client, tree.sections[region], capture, **overrides)
    assert response.status_code == 302, response.content.decode()[:2000]
    submission = latest_submission()
    submission.token = response["Location"].split("/stories/status/")[1].split("/")[0]
    return submission


def story_item(submission) -> ModerationItem:
    return ModerationItem.objects.get(kind=ItemKind.STORY, object_id=submission.pk)


def send_event(tree, region="eu", title="Safer Internet Day workshop", country="BE", language="en"):
    """A partner's event through the real intake (draft page, region's workflow, queue row)."""
    from campaign.events.submissions.intake import create_submission
    from tests.events.factories import EventCalendarPageFactory

    if not hasattr(tree, "calendars"):
        tree.calendars = {
            code: EventCalendarPageFactory(parent=page, title="Events", slug="events")
            for code, page in tree.regions.items()
        }
    calendars = tree.calendars
    zone = zoneinfo.ZoneInfo("Europe/Brussels")
    start = datetime.datetime(2027, 2, 9, 10, 0, tzinfo=zone)
    data = {
        "title": title,
        "description": "A morning for parents and teachers about staying safe online.",
        "start": start,
        "end": start + datetime.timedelta(hours=2),
        "time_zone": "Europe/Brussels",
        "all_day": False,
        "format": "in_person",
        "venue": "Town library",
        "address": "Rue Haute 1, 1000 Brussels, Belgium",
        "country": country,
        "organisation": "Parents Online",
        "contact_email": "partner@example.org",
        "audience": [],
        "age_bands": [],
        "languages": [language],
        "registration_url": "",
    }
    submission, _token = create_submission(calendars[region], data, language)
    return submission
