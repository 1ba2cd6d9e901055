"""The stories' part of the Wagtail admin: the private picture and the CSV list. The queue
and the review are the region's moderation queue (campaign.moderation.views). A moderator only ever sees their own regions' submissions; contact data
(a parent's email) is never shown here or anywhere else.
"""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from campaign.moderation.access import moderated_regions
from campaign.moderation.models import ItemKind, ModerationItem

from . import pictures
from .models import Submission
from .text import spreadsheet_safe

Status = Submission.Status


def visible_submissions(user):
    """Submissions of the regions ``user`` moderates; nothing else, ever."""
    return Submission.objects.filter(region__in=moderated_regions(user))


def queue(request):
    """The stories' own queue is now the region's one moderation queue, stories only."""
    return redirect(reverse("moderation:queue") + "?kind=story")


def review(request, pk):
    """A story's review lives in the moderation queue (links in emails and the page editor)."""
    submission = get_object_or_404(visible_submissions(request.user), pk=pk)
    from .moderation import sync_submission

    item = ModerationItem.objects.filter(kind=ItemKind.STORY, object_id=submission.pk).first()
    if item is None:
        item = sync_submission(submission)
    if item is None:
        raise Http404
    return redirect("moderation:review", pk=item.pk)


def picture(request, pk):
    """The sanitised picture, for the region's moderators only (and Wagtail's preview)."""
    submission = get_object_or_404(visible_submissions(request.user), pk=pk)
    if not submission.picture_name:
        raise Http404
    try:
        handle = pictures.private_storage().open(submission.picture_name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


def export_csv(request):
    """The region's queue as CSV (no texts, no contact data), safe from spreadsheet formulas."""
    import csv

    from django.http import HttpResponse

    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="story-queue.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["id", "status", "region", "received", "age group", "country", "language", "title", "pen name", "flags"]
    )
    for submission in visible_submissions(request.user).select_related("page", "region").order_by("pk"):
        page = submission.page
        writer.writerow(
            [
                spreadsheet_safe(value)
                for value in (
                    submission.pk,
                    submission.status,
                    submission.region.short_code if submission.region else "",
                    submission.created_at.isoformat(),
                    submission.age_band,
                    submission.country.code,
                    submission.language,
                    page.title if page else "",
                    page.specific.pen_name if page else "",
                    len(submission.findings or []) + len(submission.text_flags or []),
                )
            ]
        )
    return response
