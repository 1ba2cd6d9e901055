"""A partner edits their own event through its private link.

An event still in review takes the changes at once (its review starts again on the new
version). A published event stays live as it is: the changes become a new revision that
goes back to the region's moderation, and the moderator sees only what changed
(``changes``); approval publishes it, rejection leaves the live version as it was.
Cancelling (``intake.withdraw``) is not an edit: it applies at once.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from campaign.moderation.workflows import start_moderation
from translations.core.languages import DEFAULT_LANGUAGE
from translations.core.tooling import set_translations

from ..models import EventPage, SubmissionStatus
from ..when import local_when
from .moderation import sync_submission

#: What a partner may change, with the label a moderator reads in the diff.
EDITABLE = (
    ("title", _("Title")),
    ("description", _("Description")),
    ("when", _("When")),
    ("format", _("Format")),
    ("venue", _("Venue")),
    ("address", _("Address")),
    ("country", _("Country")),
    ("audience", _("Audience")),
    ("age_bands", _("Age bands")),
    ("languages", _("Languages spoken")),
    ("registration_url", _("Registration link")),
)


def can_edit(submission) -> bool:
    return submission.page_id is not None and submission.status in (
        SubmissionStatus.IN_REVIEW,
        SubmissionStatus.APPROVED,
    )


def current_version(page: EventPage) -> EventPage:
    """What the partner last sent (the latest revision), else the page itself."""
    return page.get_latest_revision_as_object() if page.get_latest_revision() is not None else page


def initial_for(submission) -> dict:
    """The submission form's initial values from the event as it stands (its latest version)."""
    event = current_version(EventPage.objects.get(pk=submission.page_id))
    start, end = event.local_start, event.local_end
    if event.all_day:
        end = end - datetime.timedelta(days=1)
    return {
        "organisation": submission.organisation,
        "contact_email": submission.contact_email,
        "title": event.title,
        "description": event.description,
        "all_day": event.all_day,
        "start_date": start.date(),
        "start_time": None if event.all_day else start.time().replace(tzinfo=None),
        "end_date": end.date(),
        "end_time": None if event.all_day else end.time().replace(tzinfo=None),
        "time_zone": event.time_zone,
        "format": event.format,
        "venue": event.venue,
        "address": event.address,
        "country": event.country,
        "audience": event.audience,
        "age_bands": event.age_bands,
        "languages": event.languages,
        "registration_url": event.registration_url,
    }


def _value(event, name: str) -> str:
    if name == "when":
        return local_when(event).text  # the one renderer of an event's time
    if name == "country":
        return str(countries.name(event.country)) if event.country else ""
    value = getattr(event, name)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value or "")


def changes(before, after) -> list[dict]:
    """Only what differs between two versions of an event: [{field, label, before, after}]."""
    found = []
    for name, label in EDITABLE:
        old, new = _value(before, name), _value(after, name)
        if old != new:
            found.append({"field": name, "label": str(label), "before": old, "after": new})
    return found


def pending_changes(page: EventPage) -> list[dict]:
    """A live event's changes waiting for a moderator (live version vs latest revision)."""
    if not page.live or not page.has_unpublished_changes:
        return []
    return changes(EventPage.objects.get(pk=page.pk), current_version(page))


@transaction.atomic
def apply_edit(submission, data: dict) -> list[dict]:
    """Save the partner's edit as a new revision and send it to moderation; returns the diff
    against the version now live (or, in review, the version sent before). [] : nothing changed."""

    page = EventPage.objects.select_for_update().get(pk=submission.page_id)
    # Two separate objects: without unpublished changes Wagtail returns the page itself as
    # its latest version, and the edit must not change what it is compared with.
    before = EventPage.objects.get(pk=page.pk) if page.live else current_version(page)
    draft = current_version(EventPage.objects.get(pk=page.pk))
    draft.start, draft.end, draft.time_zone = data["start"], data["end"], data["time_zone"]
    for name in ("format", "venue", "address", "country", "registration_url"):
        setattr(draft, name, data.get(name, ""))
    draft.all_day = bool(data.get("all_day"))
    for name in ("audience", "age_bands", "languages"):
        setattr(draft, name, list(data.get(name) or []))
    texts = {"title": data["title"], "description": data["description"]}
    set_translations(draft, {DEFAULT_LANGUAGE: dict(texts), submission.language: dict(texts)})
    found = changes(before, draft)
    if not found and not (page.live and page.has_unpublished_changes):
        return []
    workflow_state = page.current_workflow_state
    if workflow_state is not None:
        workflow_state.cancel(user=None)
    start_moderation(draft)  # a new revision; the live columns are not touched
    submission.title = data["title"]
    if page.live:
        submission.changes_pending = True
        submission.rejection_reason = ""
        submission.save(update_fields=["title", "changes_pending", "rejection_reason"])
        sync_submission(submission, reopen=True)
    else:
        submission.save(update_fields=["title"])
        sync_submission(submission)
    return found
