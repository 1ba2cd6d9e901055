"""Queue test data: stories through the real form and pipeline, events through the real intake."""

from __future__ import annotations

import datetime
import zoneinfo

from django.utils import timezone

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


def fill_queue(region, count, start=0, *, first_id=10_000_000, title="Filler story", pii_every=3, **fields):
    """``count`` waiting stories written straight into ``region``'s queue, numbered from ``start``
    (object ids from ``first_id``), one more minute old each; every ``pii_every``-th is flagged
    for personal information (0: none). Tests and benchmarks fill the queue with it."""
    now = timezone.now()
    ModerationItem.objects.bulk_create(
        [
            ModerationItem(
                kind=ItemKind.STORY,
                object_id=first_id + number,
                region=region,
                title=f"{title} {number}",
                preview="Someone was mean in a game chat and I told a teacher.",
                search_text=f"{title.lower()} {number}",
                language="en",
                country="BE",
                age_band="14",
                flags=" pii " if pii_every and number % pii_every == 0 else " ",
                waiting_since=now - datetime.timedelta(minutes=number),
                **fields,
            )
            for number in range(start, start + count)
        ]
    )
