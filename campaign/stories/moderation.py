"""Stories and reports in the region's moderation queue (campaign.moderation.queue).

What a moderator reviews is the story's *latest revision*: that is what Wagtail publishes on
approval (``publish_workflow_state`` publishes the latest revision). Every redaction or edit
saves a new revision and scans it again, so the findings shown always describe the text
that will go out. The text as sent stays in the revision the workflow started on, shown
beside it for the moderator only (and scrubbed from history once a version is published).
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation

from campaign.moderation import decisions, queue
from campaign.moderation.models import Flag, ItemKind, ModerationItem
from translations.core.languages import DEFAULT_LANGUAGE

from . import pii
from .consent import AgeBand
from .models import ReportReason, StoryPage, Submission
from .text import normalise, normalise_pen_name, poses_as_staff

TEXT_FIELDS = ("pen_name", "title", "body", "picture_alt")

#: Logged with the story's other steps (the pipeline's logger).
logger = logging.getLogger("campaign.stories.pipeline")


# -- texts --------------------------------------------------------------------------------------
def _texts_of(obj) -> dict:
    with translation.override(DEFAULT_LANGUAGE):
        return {field: getattr(obj, field) or "" for field in TEXT_FIELDS}


def latest_texts(page) -> dict:
    """The story's texts as they will be published (its latest revision, read afresh: a
    page object loaded earlier may still point at an older one)."""
    revision = page.revisions.order_by("-created_at", "-id").first()
    return _texts_of(revision.as_object() if revision is not None else page)


def sent_texts(page) -> dict:
    """The texts as the workflow received them (the moderator's "original")."""
    state = page.current_workflow_state
    revision = None
    if state is not None:
        first = state.task_states.order_by("pk").select_related("revision").first()
        revision = first.revision if first is not None else None
    return _texts_of(revision.as_object() if revision is not None else page)


def scan_context(submission) -> dict:
    """The story's language and country: the scan reads numbers, places and words by them."""
    return {"language": submission.language, "country": submission.country.code if submission.country else None}


def scan_texts(texts: dict, **context) -> list[dict]:
    findings = []
    for field in TEXT_FIELDS:
        for finding in pii.scan(texts.get(field, ""), **context):
            findings.append(finding.as_dict() | {"field": field})
    return findings


def pen_name_flags(pen_name: str) -> list[str]:
    """Text warnings about a pen name: posing as staff (after NFKC)."""
    return ["staff_name:pen_name"] if poses_as_staff(pen_name) else []


def _text_flags_without_pen_name(flags) -> list[str]:
    return [flag for flag in flags or [] if flag != "staff_name:pen_name"]


# -- the queue row ------------------------------------------------------------------------------
def sync_submission(submission, reopen: bool = False):
    page = submission.page.specific if submission.page_id else None
    if page is None:
        queue.forget(ItemKind.STORY, submission.pk)
        return None
    texts = latest_texts(page)
    flags = set()
    findings = submission.findings or []
    if findings:
        flags.add(Flag.PERSONAL_INFORMATION)
    text_flags = submission.text_flags or []
    if any(flag.split(":")[0] not in ("redacted", "staff_name") for flag in text_flags):
        flags.add(Flag.TEXT_WARNING)
    if "staff_name:pen_name" in text_flags or any(f.get("field") == "pen_name" for f in findings):
        flags.add(Flag.PEN_NAME)
    if "redacted" in text_flags:
        flags.add(Flag.REDACTED)
    if submission.picture_name:
        flags.add(Flag.PICTURE)
    if page.reports.filter(resolved_at__isnull=True).exists():
        flags.add(Flag.REPORTED)
    return queue.sync(
        ItemKind.STORY,
        submission.pk,
        reopen=reopen,
        waiting_since=submission.in_review_since,
        region=submission.region,
        title=texts["title"],
        preview=queue.preview_of(texts["body"]),
        search_text=queue.searchable(texts["title"], texts["pen_name"], texts["body"]),
        language=submission.language,
        country=submission.country.code or "",
        age_band=submission.age_band,
        flags=flags,
    )


def rescan(submission, page, user=None, texts: dict | None = None) -> None:
    """Scan the latest revision again and refresh the flags and the queue row."""
    texts = texts or latest_texts(page)
    submission.findings = scan_texts(texts, **scan_context(submission))
    submission.text_flags = _text_flags_without_pen_name(submission.text_flags) + pen_name_flags(texts["pen_name"])
    submission.save(update_fields=["findings", "text_flags"])
    sync_submission(submission)


def _save_texts(submission, page, user, texts: dict, note: str | None = None) -> None:
    # Stories keep their texts in the default language's columns (pipeline.create_draft_page).
    with translation.override(DEFAULT_LANGUAGE):
        draft = page.revisions.order_by("-created_at", "-id").first().as_object()
        for field, value in texts.items():
            setattr(draft, field, value)
        draft.draft_title = draft.title
        draft.save_revision(user=user, log_action=True)
    if note and note not in (submission.text_flags or []):
        submission.text_flags = list(submission.text_flags or []) + [note]
    rescan(submission, page, user, {field: getattr(draft, field) or "" for field in TEXT_FIELDS})


def apply_redactions(submission, user) -> None:
    """Replace what the scan found in the latest revision; save it; scan again.

    Each field is redacted until a fresh scan finds nothing (``pii.redact_until_clean``); if a
    finding remains, ``pii.RedactionIncomplete`` is raised and nothing is saved, so the text that
    can be published never keeps a finding the moderator accepted to remove.
    """
    page = submission.page.specific
    texts = latest_texts(page)
    context = scan_context(submission)
    findings = scan_texts(texts, **context)
    redacted = {
        field: pii.redact_until_clean(texts[field], [f for f in findings if f["field"] == field], **context)
        for field in TEXT_FIELDS
        if any(f["field"] == field for f in findings)
    }
    if redacted:
        _save_texts(submission, page, user, redacted, note="redacted")


def save_edits(submission, user, values: dict) -> None:
    page = submission.page.specific
    texts = {}
    for field in TEXT_FIELDS:
        if field in values:
            value = values[field] or ""
            texts[field] = normalise_pen_name(value) if field == "pen_name" else normalise(value).text
    if texts:
        _save_texts(submission, page, user, texts, note="redacted")


# -- adapters for the moderation views ---------------------------------------------------------
class StoryAdapter:
    kind = ItemKind.STORY
    template = "stories/admin/review_story.html"
    editable = True
    age_bands = AgeBand.choices

    def rebuild(self) -> int:
        """Every story in review back in the queue, any other story out of it; how many were synced."""
        in_review = Submission.objects.filter(status=Submission.Status.IN_REVIEW)
        count = sum(sync_submission(submission) is not None for submission in in_review.select_related("page"))
        open_ids = set(in_review.values_list("pk", flat=True))
        ModerationItem.objects.filter(kind=ItemKind.STORY, is_open=True).exclude(object_id__in=open_ids).update(
            is_open=False
        )
        return count

    def load(self, item):
        submission = Submission.objects.select_related("page", "region").filter(pk=item.object_id).first()
        if submission is None or submission.page_id is None:
            return None
        return submission

    def page(self, submission):
        return submission.page.specific

    def allowed(self, submission, user) -> set[str]:
        if submission.status != submission.Status.IN_REVIEW:
            return set()
        return decisions.allowed_actions(self.page(submission), user)

    def context(self, submission, user) -> dict:
        page = self.page(submission)
        published = latest_texts(page)
        original = sent_texts(page)
        findings = submission.findings or []
        return {
            "submission": submission,
            "story": page,
            "published": published,
            "original": original,
            "original_findings": scan_texts(original) if original != published else findings,
            "changed": original != published,
            "findings": findings,
            "picture_url": reverse("stories_admin:picture", args=[submission.pk]) if submission.picture_name else "",
            "suggested": {
                field: pii.redact(published[field], [f for f in findings if f["field"] == field])
                for field in TEXT_FIELDS
            }
            if findings
            else {},
        }

    def approve(self, submission, user) -> None:
        with transaction.atomic():
            decisions.approve(self.page(submission), user)

    def reject(self, submission, user, reason: str) -> None:
        with transaction.atomic():
            decisions.reject(self.page(submission), user, reason)

    def redact(self, submission, user) -> bool:
        """Apply the suggested redactions; False, with nothing changed, when some personal
        information could not be removed automatically."""
        if "approve" not in self.allowed(submission, user):
            raise PermissionDenied
        try:
            apply_redactions(submission, user)
        except pii.RedactionIncomplete:
            return False
        return True

    def edit(self, submission, user, values) -> None:
        if "approve" not in self.allowed(submission, user):
            raise PermissionDenied
        save_edits(submission, user, values)


class ReportAdapter:
    """Readers' reports on a published story (below the threshold that hides it)."""

    kind = ItemKind.REPORT
    template = "stories/admin/review_report.html"
    editable = False
    age_bands = AgeBand.choices

    def rebuild(self) -> int:
        """Every published story with open reports back in the queue (reports are not counted:
        the count is of submissions synced)."""
        for page in StoryPage.objects.live().filter(reports__resolved_at__isnull=True).distinct():
            sync_report(page)
        return 0

    def load(self, item):
        return StoryPage.objects.filter(pk=item.object_id).select_related("submission").first()

    def allowed(self, page, user) -> set[str]:
        if not page.live or not page.reports.filter(resolved_at__isnull=True).exists():
            return set()
        return {"approve", "reject"} if page.permissions_for_user(user).can_unpublish() else set()

    def context(self, page, user) -> dict:
        reasons = page.reports.filter(resolved_at__isnull=True).values("reason").annotate(count=Count("pk"))
        labels = dict(ReportReason.choices)
        return {
            "story": page,
            "published": _texts_of(page),
            "report_reasons": [(labels.get(row["reason"], row["reason"]), row["count"]) for row in reasons],
            "findings": scan_texts(_texts_of(page)),
        }

    def approve(self, page, user) -> None:
        """Keep the story published: the reports are answered."""
        if "approve" not in self.allowed(page, user):
            raise PermissionDenied
        page.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
        queue.close(ItemKind.REPORT, page.pk)

    def reject(self, page, user, reason: str) -> None:
        """Take the story down; its author sees the reason on their status page."""
        if "reject" not in self.allowed(page, user):
            raise PermissionDenied
        with transaction.atomic():
            page.unpublish(user=user, log_action=True)
            page.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
            Submission.objects.filter(page=page).update(
                status=Submission.Status.REJECTED, rejection_reason=reason, decided_at=timezone.now()
            )
            queue.close(ItemKind.REPORT, page.pk)
        logger.info("Story %s taken down after reports", page.pk)


def sync_report(page) -> None:
    """A published story with open reports is a "report" item until a moderator answers."""
    open_reports = page.reports.filter(resolved_at__isnull=True).count()
    submission = getattr(page, "submission", None)
    if not page.live or not open_reports:
        queue.close(ItemKind.REPORT, page.pk)
        return
    first = page.reports.filter(resolved_at__isnull=True).order_by("created_at").first()
    queue.sync(
        ItemKind.REPORT,
        page.pk,
        waiting_since=first.created_at,
        region=submission.region if submission else None,
        title=page.title,
        preview=queue.preview_of(page.body),
        search_text=queue.searchable(page.title, page.pen_name, page.body),
        language=page.language,
        country=page.country.code or "",
        age_band=page.age_band,
        flags=[Flag.REPORTED],
    )
