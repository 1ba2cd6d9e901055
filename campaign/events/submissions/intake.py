"""From a valid form to a draft event in the right region's moderation workflow."""

from __future__ import annotations

import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from campaign.editions.models import Edition
from campaign.moderation import queue
from campaign.moderation.models import ItemKind
from campaign.moderation.reasons import RejectionReason
from campaign.moderation.workflows import ensure_global_workflow, ensure_region_workflow, start_moderation
from outbox import enqueue
from sitecontent.models import RegionPage
from translations.core.languages import DEFAULT_LANGUAGE
from translations.core.tooling import set_translations

from ..models import EventCalendarPage, EventPage, EventStatus, EventSubmission, SubmissionStatus
from .moderation import sync_submission

#: Queued by name: services never import task modules (docs/architecture.md).
SEND_SUBMISSION_EMAIL = "campaign.events.tasks.send_submission_email"


def region_for_country(country: str):
    if not country:
        return None
    # CountryField(multiple=True) stores "BE,FR,DE": a two-letter code never spans a comma.
    return RegionPage.objects.filter(countries__contains=country).order_by("path").first()


def calendar_for(calendar_page: EventCalendarPage, country: str) -> EventCalendarPage:
    """The calendar whose moderators review an event in ``country`` sent to ``calendar_page``.

    The calendar of the region that lists the country; else the one the partner used: a
    regional calendar takes it for its own region, the global calendar for the global team
    (a country no region lists, an online event with no country, a region without a calendar).
    """
    region = region_for_country(country)
    if region is None or region.pk == getattr(calendar_page.region, "pk", None):
        return calendar_page
    target = EventCalendarPage.objects.child_of(region).live().order_by("path").first()
    return target or calendar_page


def build_event(data: dict, language: str) -> EventPage:
    """An unsaved draft EventPage from cleaned submission data (a form's or a spreadsheet row's)."""
    base_slug = slugify(data["title"])[:50] or "event"
    slug = f"{base_slug}-{secrets.token_hex(3)}"
    page = EventPage(
        start=data["start"],
        end=data["end"],
        time_zone=data["time_zone"],
        all_day=bool(data.get("all_day")),
        format=data["format"],
        venue=data.get("venue", ""),
        address=data.get("address", ""),
        country=data.get("country", ""),
        organiser=data["organisation"],
        audience=list(data.get("audience") or []),
        age_bands=list(data.get("age_bands") or []),
        languages=list(data.get("languages") or []),
        registration_url=data.get("registration_url", ""),
        edition=Edition.objects.filter(year=data["start"].year).first(),
        status=EventStatus.SCHEDULED,
        live=False,
    )
    texts = {"title": data["title"], "description": data["description"], "slug": slug}
    # The submitter's language, and the default language as the fallback every page needs.
    set_translations(page, {DEFAULT_LANGUAGE: dict(texts), language: dict(texts)})
    return page


@transaction.atomic
def create_submission(
    calendar_page: EventCalendarPage,
    data: dict,
    language: str,
    *,
    upload=None,
    route: bool = True,
    prepared: set | None = None,
) -> tuple[EventSubmission, str]:
    """Create the draft EventPage and its EventSubmission; returns it and the status token.

    ``route``: send it to the calendar of the region covering its country (partners);
    False keeps it in ``calendar_page`` (a coordinator's upload to their own calendar).
    ``prepared``: calendars whose workflow an import already ensured (once per upload).
    """
    target = calendar_for(calendar_page, data.get("country", "")) if route else calendar_page
    region = target.region
    if prepared is None or target.pk not in prepared:
        if region is None:
            ensure_global_workflow(target, "events")
        else:
            ensure_region_workflow(region, target, "events")
        if prepared is not None:
            prepared.add(target.pk)
    page = build_event(data, language)
    target.add_child(instance=page)
    start_moderation(page)
    token = EventSubmission.new_token()
    submission = EventSubmission(
        page=page,
        region=region,
        organisation=data["organisation"],
        contact_email=data["contact_email"],
        language=language,
        title=data["title"],
        upload=upload,
    )
    submission.set_token(token)
    submission.save()

    sync_submission(submission)
    return submission, token


@transaction.atomic
def reject(submission: EventSubmission, user, reason: str) -> None:
    """Reject through the event's workflow task (its permission check applies); the partner
    is told why in their language."""
    page = EventPage.objects.get(pk=submission.page_id)
    workflow_state = page.current_workflow_state
    task_state = workflow_state.current_task_state if workflow_state else None
    if task_state is None or not task_state.task.specific.get_actions(page, user):
        raise PermissionDenied
    with translation.override(submission.language):
        comment = str(RejectionReason(reason).label)
    task_state.task.specific.on_action(task_state, user, "reject", comment=comment)
    if not submission.changes_pending:
        submission.status = SubmissionStatus.REJECTED
    # A rejected edit of a published event: the event stays published as it was.
    submission.changes_pending = False
    submission.rejection_reason = reason
    submission.decided_at = timezone.now()
    submission.save(update_fields=["status", "changes_pending", "rejection_reason", "decided_at"])
    queue.close(ItemKind.EVENT, submission.pk)

    enqueue(SEND_SUBMISSION_EMAIL, submission.pk, "rejected", "")


@transaction.atomic
def withdraw(submission: EventSubmission) -> None:
    """The submitter takes the event back: a draft disappears; a published event is cancelled."""
    page = submission.page
    # An edit waiting for review is dropped with the event: publishing the cancellation must
    # not read as its approval (signals.event_published).
    EventSubmission.objects.filter(pk=submission.pk).update(changes_pending=False)
    if page is not None:
        page = EventPage.objects.get(pk=page.pk)
        workflow_state = page.current_workflow_state
        if workflow_state is not None:
            workflow_state.cancel(user=None)
        if page.live:
            page.status = EventStatus.CANCELLED
            page.save_revision().publish()
        else:
            submission.page = None
            page.delete()
    submission.status = SubmissionStatus.WITHDRAWN
    submission.changes_pending = False
    submission.decided_at = timezone.now()
    submission.save()

    queue.close(ItemKind.EVENT, submission.pk)


def status_message(submission: EventSubmission) -> str:
    if submission.status == SubmissionStatus.WITHDRAWN:
        return _("You withdrew this event.")
    if submission.status == SubmissionStatus.REJECTED:
        return _("A moderator decided not to publish this event.")
    if submission.status == SubmissionStatus.APPROVED and submission.changes_pending:
        return _(
            "Your event is published. Your changes wait for a moderator; until then the calendar shows it as before."
        )
    if submission.status == SubmissionStatus.APPROVED and submission.rejection_reason:
        return _("Your event is published as before: a moderator did not accept your changes.")
    if submission.status == SubmissionStatus.APPROVED:
        return _("Your event is published.")
    return _("A moderator will look at your event soon.")
