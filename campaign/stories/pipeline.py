"""A story's life: received → (waiting for a parent) → in review → published / not published,
withdrawn at any time by its author. Every step is idempotent so tasks may run twice.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from wagtail.models import PageLogEntry, Revision

from campaign.moderation import queue
from campaign.moderation.models import ItemKind
from campaign.moderation.workflows import ensure_region_workflow, start_moderation
from outbox import enqueue
from sid.clientip import address_key
from translations.core.languages import DEFAULT_LANGUAGE
from translations.core.tooling import set_translations

from . import cards, pictures, pii
from .cards import unpublish_cards_of
from .consent import Reuse, needs_parental_consent
from .models import ParentalConsent, StoryPage, StoryReport, Submission
from .moderation import pen_name_flags, rescan, sync_report, sync_submission
from .text import mixed_script_words, normalise_pen_name
from .tokens import code_hash, new_token, status_code_for

#: Queued by name: services never import task modules (docs/architecture.md).
PROCESS_SUBMISSION = "campaign.stories.tasks.process_submission"
SEND_CONSENT_REQUEST = "campaign.stories.tasks.send_consent_request"
NOTIFY_REPORT = "campaign.stories.tasks.notify_report"

logger = logging.getLogger(__name__)
Status = Submission.Status
SCANNED_FIELDS = ("pen_name", "title", "body", "picture_alt")


@transaction.atomic
def receive(index, cleaned: dict, picture=None, text_changes: dict | None = None) -> tuple[Submission, str]:
    """Save one submission (and a parent's email apart from it); return it and its status token.

    Everything is committed in this one transaction before anything is queued.
    """
    token, token_hash, status_code_hash = _new_status_credentials()
    flags = [f"{change}:{field}" for field, changes in (text_changes or {}).items() for change in sorted(changes)]
    for field in ("pen_name", "title"):
        if mixed_script_words(cleaned.get(field, "")):
            flags.append(f"mixed_script:{field}")
    submission = Submission.objects.create(
        index=index,
        region=index.region,
        pen_name=normalise_pen_name(cleaned["pen_name"]),
        title=cleaned["title"],
        body=cleaned["body"],
        picture_alt=cleaned.get("picture_alt", "") if picture else "",
        age_band=cleaned["age_band"],
        country=cleaned["country"],
        language=cleaned["language"],
        picture_name=pictures.store_private(picture.content) if picture else "",
        text_flags=flags,
        status_token_hash=token_hash,
        status_code_hash=status_code_hash,
        reuse=cleaned.get("reuse") or Reuse.NO,
        reuse_changed_at=timezone.now(),
    )
    if needs_parental_consent(submission.age_band, submission.country.code):
        ParentalConsent.objects.create(submission=submission, email=cleaned["parent_email"])
    enqueue(PROCESS_SUBMISSION, submission.pk)
    return submission, token


def _new_status_credentials() -> tuple[str, str, str]:
    """A status token and the keyed hash of its short code, the code unique among submissions."""
    for _attempt in range(10):
        token, token_hash = new_token()
        status_code_hash = code_hash(status_code_for(token))
        if not Submission.objects.filter(status_code_hash=status_code_hash).exists():
            return token, token_hash, status_code_hash
    raise RuntimeError("No unused status code found")  # 10 collisions in 8.5e11 codes: never


def process(submission_id: int) -> None:
    """Move a received submission on: ask a parent, or scan it and put it in review."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().filter(pk=submission_id).first()
        if submission is None or submission.status not in (Status.RECEIVED, Status.AWAITING_CONSENT):
            return
        consent = ParentalConsent.objects.filter(submission=submission).first()
        if consent is not None and not consent.confirmed:
            submission.status = Status.AWAITING_CONSENT
            submission.processed_at = timezone.now()
            submission.save(update_fields=["status", "processed_at"])
            if consent.requested_at is None:
                enqueue(SEND_CONSENT_REQUEST, consent.pk)
            return

        submission.pen_name = normalise_pen_name(submission.pen_name)
        submission.findings = scan_submission(submission)
        for flag in pen_name_flags(submission.pen_name):
            if flag not in submission.text_flags:
                submission.text_flags = list(submission.text_flags or []) + [flag]
        page = submission.page or create_draft_page(submission)
        submission.page = page
        submission.status = Status.IN_REVIEW
        submission.processed_at = submission.in_review_since = timezone.now()
        # The texts now live on the draft page only.
        submission.pen_name = submission.title = submission.body = submission.picture_alt = ""
        submission.save()
        if page.current_workflow_state is None:
            start_moderation(page)
        sync_submission(submission, reopen=True)


def scan_submission(submission) -> list[dict]:
    """Findings in every text field, scanned in the story's language and country."""
    findings = []
    for field in SCANNED_FIELDS:
        for finding in pii.scan(getattr(submission, field), **_scan_context(submission)):
            findings.append(finding.as_dict() | {"field": field})
    return findings


def _scan_context(submission) -> dict:
    return {"language": submission.language, "country": submission.country.code if submission.country else None}


def create_draft_page(submission) -> StoryPage:
    index = submission.index.specific
    if index.get_workflow() is None:
        ensure_region_workflow(index.region, index, "stories")
    slug = f"story-{secrets.token_hex(5)}"
    page = StoryPage(
        pen_name=submission.pen_name,
        age_band=submission.age_band,
        country=submission.country,
        language=submission.language,
        body=submission.body,
        picture_alt=submission.picture_alt,
        live=False,
    )
    with translation.override(DEFAULT_LANGUAGE):
        set_translations(page, {DEFAULT_LANGUAGE: {"title": submission.title, "slug": slug}})
        page.slug = slug
        index.add_child(instance=page)
    return page


def consent_link_valid(consent: ParentalConsent) -> bool:
    """A parent's link works while the story waits for them, and expires with the period
    after which the story and the email are purged (the email says so)."""
    if consent.confirmed or not consent.requested_at or consent.submission.status != Status.AWAITING_CONSENT:
        return False
    expires = consent.requested_at + timedelta(days=settings.STORIES_CONSENT_RETENTION_DAYS)
    return timezone.now() < expires


@transaction.atomic
def confirm_consent(consent: ParentalConsent) -> None:
    """A parent said yes: forget their email and let the story go to review."""
    consent.confirmed_at = timezone.now()
    consent.email = ""
    consent.token_hash = ""
    consent.save(update_fields=["confirmed_at", "email", "token_hash"])
    Submission.objects.filter(pk=consent.submission_id, status=Status.AWAITING_CONSENT).update(status=Status.RECEIVED)
    enqueue(PROCESS_SUBMISSION, consent.submission_id)


# -- what Wagtail keeps of a story's earlier states ----------------------------------------
# Revision keys holding the young person's text (translated titles are "title_<language>").
STORY_TEXT_KEYS = frozenset({"title", "draft_title", "pen_name", "body", "picture_alt"})


def _is_story_text_key(key: str) -> bool:
    return key in STORY_TEXT_KEYS or key.startswith(("title_", "draft_title_"))


def scrub_history(page: StoryPage) -> None:
    """Once a moderator has published a (possibly redacted) version, keep only that text.

    Wagtail keeps every earlier revision, and its log entries keep the title as it was:
    without this, a phone number or a name a moderator redacted stays in the database and
    in the page's history for as long as the story is published. The revisions themselves
    (and the workflow's record of who approved which) are kept; only their texts change.
    """
    live = page.live_revision
    if live is None:
        return
    kept = dict(live.content)
    kept["draft_title"] = kept.get("title")  # Wagtail's working title may still be the one sent
    for revision in Revision.page_revisions.filter(object_id=str(page.pk), pk__lte=live.pk):
        content = revision.content
        changed = False
        for key in [key for key in content if _is_story_text_key(key)]:
            if content[key] != kept.get(key):
                content[key] = kept.get(key)
                changed = True
        if changed:
            revision.save(update_fields=["content"])
    StoryPage.objects.filter(pk=page.pk).exclude(draft_title=page.title).update(draft_title=page.title)
    # Log entries are labelled with the title at the time (old titles in their data are
    # dropped as they are written: signals.story_title_change_logged).
    PageLogEntry.objects.filter(page_id=page.pk).exclude(label=page.title).update(label=page.title)


def forget_deleted_story(page_id: int) -> None:
    """Wagtail keeps a deleted page's log entries with its title (label, renames): drop them."""
    PageLogEntry.objects.filter(page_id=page_id, action="wagtail.rename").update(data={})
    PageLogEntry.objects.filter(page_id=page_id).update(label=f"story {page_id}")


# -- decisions (called from Wagtail signals, whichever view made them) ---------------------
def on_published(page: StoryPage) -> None:
    submission = Submission.objects.filter(page=page).first()
    if submission is None:
        return
    scrub_history(page)
    if submission.picture_name and not submission.public_picture:
        submission.public_picture = pictures.write_public_renditions(submission.picture_name)
    submission.status = Status.PUBLISHED
    submission.decided_at = timezone.now()
    submission.rejection_reason = ""
    submission.findings = []  # the PII snippets are not needed once a moderator has decided
    submission.save()
    StoryReport.objects.filter(page=page, resolved_at__isnull=True).update(resolved_at=timezone.now())
    queue.close(ItemKind.STORY, submission.pk)
    queue.close(ItemKind.REPORT, page.pk)


def on_unpublished(page: StoryPage) -> None:
    """No public copy of the picture may outlive publication; no case card either."""
    unpublish_cards_of(page.pk)
    submission = Submission.objects.filter(page=page).first()
    if submission is None:
        return
    pictures.delete_public_renditions(submission.public_picture)
    submission.public_picture = {}
    if submission.status == Status.PUBLISHED:
        submission.status = Status.REJECTED
        submission.decided_at = timezone.now()
    submission.save()


def on_rejected(page: StoryPage, reason: str) -> None:
    submission = Submission.objects.filter(page=page).first()
    if submission is None:
        return
    submission.status = Status.REJECTED
    submission.rejection_reason = reason
    submission.decided_at = timezone.now()
    submission.findings = []
    submission.save()
    queue.close(ItemKind.STORY, submission.pk)


@transaction.atomic
def resend(submission: Submission, texts: dict) -> None:
    """A rejected author fixed their story: the new text goes to a new review.

    ``texts``: pen_name, title, body (and picture_alt), already cleaned by the form. The
    story keeps its status link; the reason it was rejected is cleared once it is sent.
    """
    page = StoryPage.objects.get(pk=submission.page_id)
    state = page.current_workflow_state
    if state is not None:
        state.cancel(user=None)
    with translation.override(DEFAULT_LANGUAGE):
        page = page.get_latest_revision_as_object()
        page.pen_name = normalise_pen_name(texts["pen_name"])
        page.body = texts["body"]
        if "picture_alt" in texts and submission.picture_name:
            page.picture_alt = texts["picture_alt"]
        page.title = page.draft_title = texts["title"]
        start_moderation(page)

    submission.status = Status.IN_REVIEW
    submission.rejection_reason = ""
    submission.decided_at = submission.reminded_at = None
    submission.in_review_since = timezone.now()
    submission.text_flags = [flag for flag in submission.text_flags or [] if flag != "redacted"]
    submission.save()
    rescan(submission, page)
    sync_submission(submission, reopen=True)


# -- the author's choices ----------------------------------------------------------------
@transaction.atomic
def set_reuse(submission: Submission, choice: str) -> None:
    """The author's answer to "can teachers use your story?", changed from the status link.

    No: every case card made from the story is deleted now (library, packs and the API
    lose it in this transaction). A change of credit republishes the cards, so packs built
    with the old credit are never handed out again (their revisions no longer match).
    """
    previous = submission.reuse
    if choice == previous:
        return
    submission.reuse = choice
    submission.reuse_changed_at = timezone.now()
    submission.save(update_fields=["reuse", "reuse_changed_at"])
    if submission.page_id is None:
        return
    if choice == Reuse.NO:
        cards.remove_cards_of(submission.page_id)
    else:
        cards.republish_cards_of(submission.page_id)


@transaction.atomic
def withdraw(submission: Submission) -> None:
    """Unpublish and delete the story and its picture; keep only the status for the link."""
    page = submission.page
    if page is not None:
        cards.remove_cards_of(page.pk)
    pictures.delete_public_renditions(submission.public_picture)
    pictures.delete_private(submission.picture_name)
    submission.page = None
    submission.status = Status.WITHDRAWN
    submission.decided_at = timezone.now()
    submission.pen_name = submission.title = submission.body = submission.picture_alt = ""
    submission.picture_name = ""
    submission.public_picture = {}
    submission.findings = []
    submission.text_flags = []
    submission.save()
    queue.forget(ItemKind.STORY, submission.pk)
    if page is not None:
        queue.forget(ItemKind.REPORT, page.pk)
    ParentalConsent.objects.filter(submission=submission).delete()
    if page is not None:
        page_id = page.pk
        page.specific.delete()
        forget_deleted_story(page_id)


# -- reports -----------------------------------------------------------------------------
def reporter_hash(page: StoryPage, address: str) -> str:
    """One reporter per visitor as the rate limits count them (``sid.clientip.address_key``:
    an IPv4 address, an IPv6 /64), so one IPv6 host cannot report a story many times."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{page.pk}:{address_key(address)}".encode(), hashlib.sha256).hexdigest()


def report(page: StoryPage, reason: str, address: str) -> bool:
    """Record a report; hide the story for review past the threshold. True if newly counted."""
    try:
        with transaction.atomic():  # the report and its notice are saved together
            StoryReport.objects.create(page=page, reason=reason, reporter_hash=reporter_hash(page, address))
            enqueue(NOTIFY_REPORT, page.pk, reason)
    except IntegrityError:
        return False
    open_reports = StoryReport.objects.filter(page=page, resolved_at__isnull=True).count()
    if open_reports >= settings.STORIES_REPORT_HIDE_THRESHOLD and page.live:
        hide_for_review(page)
    else:
        sync_report(page)
    return True


@transaction.atomic
def hide_for_review(page: StoryPage) -> None:
    page = StoryPage.objects.get(pk=page.pk)
    page.unpublish(log_action=True)  # fires page_unpublished: renditions removed
    Submission.objects.filter(page=page).update(
        status=Status.IN_REVIEW, in_review_since=timezone.now(), reminded_at=None, decided_at=None
    )
    if page.current_workflow_state is None:
        start_moderation(page)
    queue.close(ItemKind.REPORT, page.pk)

    for submission in Submission.objects.filter(page=page):
        sync_submission(submission, reopen=True)


# -- retention ---------------------------------------------------------------------------
def purge(submission: Submission) -> None:
    if submission.page_id:
        cards.remove_cards_of(submission.page_id)
    queue.forget(ItemKind.STORY, submission.pk)
    if submission.page_id:
        queue.forget(ItemKind.REPORT, submission.page_id)
    pictures.delete_public_renditions(submission.public_picture)
    pictures.delete_private(submission.picture_name)
    page = submission.page
    submission.delete()
    if page is not None:
        page_id = page.pk
        page.specific.delete()
        forget_deleted_story(page_id)
