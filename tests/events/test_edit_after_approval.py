"""A partner edits or cancels their published event through its private link: the edit waits
for a moderator as a diff of only what changed while the published version stays live (page
and feed); a cancellation applies at once, in the calendar and the feed."""

import html

import pytest
from django.utils import translation
from django.utils.translation import gettext
from icalendar import Calendar

from campaign.events.models import EventPage, EventSubmission, SubmissionStatus
from campaign.moderation import decisions
from campaign.moderation.models import ItemKind, ModerationItem
from campaign.moderation.queue import adapter

from .test_submissions import form_data


def _french(message: str) -> str:
    """What the partner reads: the status page is in French (its URL's language)."""
    with translation.override("fr"):
        return gettext(message)


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def commit(django_capture_on_commit_callbacks, frozen_now):
    return django_capture_on_commit_callbacks


def feed_event(client, calendar_url, uid):
    cal = Calendar.from_ical(client.get(calendar_url + "feed/").content)
    return next(c for c in cal.walk("VEVENT") if str(c["UID"]).startswith(str(uid)))


def published_submission(client, calendars, commit):
    with commit(execute=True):
        response = client.post("/fr/europe/events/submit/", form_data())
    status_url = response["Location"].split("?")[0]
    submission = EventSubmission.objects.get()
    with commit(execute=True):
        decisions.approve(EventPage.objects.get(pk=submission.page_id), calendars.users["eu-moderator"])
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.APPROVED
    return submission, status_url


def test_edit_goes_back_to_moderation_as_a_diff_and_the_live_version_stays(client, calendars, commit):
    submission, status_url = published_submission(client, calendars, commit)
    page = EventPage.objects.get(pk=submission.page_id)
    public_url, calendar_url = page.url, "/fr/europe/events/"
    before_feed = feed_event(client, calendar_url, page.uid)
    old_title = "Atelier parents et enfants"

    # The private link offers the edit form, filled with the event as published.
    edit_url = status_url + "edit/"
    form_page = client.get(edit_url).content.decode()
    assert old_title in form_page and 'value="14:00"' in form_page
    with commit(execute=True):
        response = client.post(
            edit_url,
            form_data(title="Atelier parents et enfants (nouvelle salle)", venue="Salle B", start_time="15:00"),
        )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.changes_pending and submission.status == SubmissionStatus.APPROVED

    # Live until approval: the public page and the feed still show the published version.
    page.refresh_from_db()
    assert page.live and page.title == old_title and page.venue == "Salle des fêtes"
    assert "nouvelle salle" not in client.get(public_url).content.decode()
    assert str(feed_event(client, calendar_url, page.uid)["SUMMARY"]) == old_title
    assert _french(
        "Your event is published. Your changes wait for a moderator; until then the calendar shows it as before."
    ) in html.unescape(client.get(status_url).content.decode())

    # The moderator's queue has it again, with only what changed.
    item = ModerationItem.objects.get(kind=ItemKind.EVENT, object_id=submission.pk)
    assert item.is_open
    events = adapter(ItemKind.EVENT)
    detail = events.context(events.load(item), calendars.users["eu-moderator"])
    assert [change["field"] for change in detail["changes"]] == ["title", "when", "venue"]
    when = next(change for change in detail["changes"] if change["field"] == "when")
    assert "14:00" in when["before"] and "15:00" in when["after"]
    assert "approve" in events.allowed(events.load(item), calendars.users["eu-moderator"])
    assert "approve" not in events.allowed(events.load(item), calendars.users["latam-moderator"])

    # Approved: now the page and feed change, and calendars are told (SEQUENCE goes up).
    with commit(execute=True):
        events.approve(events.load(item), calendars.users["eu-moderator"])
    page.refresh_from_db()
    submission.refresh_from_db()
    assert page.title.endswith("(nouvelle salle)") and not submission.changes_pending
    after_feed = feed_event(client, calendar_url, page.uid)
    assert str(after_feed["SUMMARY"]).endswith("(nouvelle salle)")
    assert after_feed["SEQUENCE"] > before_feed["SEQUENCE"]


def test_rejected_edit_leaves_the_event_as_published(client, calendars, commit):
    submission, status_url = published_submission(client, calendars, commit)
    with commit(execute=True):
        client.post(status_url + "edit/", form_data(title="Spam title"))
    from campaign.events.submissions.intake import reject

    submission.refresh_from_db()
    with commit(execute=True):
        reject(submission, calendars.users["eu-moderator"], "other")
    submission.refresh_from_db()
    page = EventPage.objects.get(pk=submission.page_id)
    assert submission.status == SubmissionStatus.APPROVED and not submission.changes_pending
    assert page.live and page.title == "Atelier parents et enfants"
    assert _french("Your event is published as before: a moderator did not accept your changes.") in html.unescape(
        client.get(status_url).content.decode()
    )


def test_cancellation_applies_at_once_in_calendar_and_feed(client, calendars, commit):
    submission, status_url = published_submission(client, calendars, commit)
    # Even with an edit waiting, cancelling does not wait for anyone.
    with commit(execute=True):
        client.post(status_url + "edit/", form_data(venue="Salle C"))
        client.post(status_url, {"confirm": "on"})
    page = EventPage.objects.get(pk=submission.page_id)
    assert page.live and page.status == "cancelled" and page.venue == "Salle des fêtes"
    assert not ModerationItem.objects.get(kind=ItemKind.EVENT, object_id=submission.pk).is_open
    listing = client.get("/fr/europe/events/").content.decode()
    assert "event-item--cancelled" in listing
    assert str(feed_event(client, "/fr/europe/events/", page.uid)["STATUS"]) == "CANCELLED"
    # Nothing left to edit.
    assert client.get(status_url + "edit/").status_code == 404
