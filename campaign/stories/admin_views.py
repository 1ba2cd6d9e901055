"""The stories' part of the Wagtail admin: the private picture and the CSV list. The queue
and the review are the region's moderation queue (campaign.moderation.views). A moderator only ever sees their own regions' submissions; contact data
(a parent's email) is never shown here or anywhere else.
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from campaign.moderation.access import moderated_regions
from campaign.moderation.models import ItemKind, ModerationItem
from sitecontent.policy import can_make_case_card

from . import pictures
from .cards import NoLibrary, create_card, published_text
from .forms import CaseCardForm
from .models import StoryPage, Submission
from .moderation import sync_submission
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


def case_card(request, page_id):
    """Make a case card from a published story: its region's moderators and coordinators,
    while its author consents (the policy decides; the model checks consent again)."""
    story = get_object_or_404(StoryPage, pk=page_id)
    if not can_make_case_card(request.user, story):
        raise PermissionDenied
    text = published_text(story)
    form = CaseCardForm(request.POST or None, initial={"title": text["title"]})
    if request.method == "POST" and form.is_valid():
        try:
            card = create_card(story, request.user, form.cleaned_data)
        except NoLibrary:
            form.add_error(None, _("This region has no library yet: a coordinator must create one first."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The case card was saved as a draft. A coordinator checks and publishes it."))
            if card.permissions_for_user(request.user).can_edit():
                return redirect("wagtailadmin_pages:edit", card.pk)
            return redirect("moderation:queue")
    return TemplateResponse(
        request,
        "stories/admin/case_card_form.html",
        {"story": story, "story_text": text["body"], "form": form},
        status=400 if form.errors else 200,
    )


def export_csv(request):
    """The region's queue as CSV (no texts, no contact data), safe from spreadsheet formulas."""
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
