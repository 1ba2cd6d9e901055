"""A coordinator's upload in the admin: to a calendar they may add events to, with the choice to
publish directly where the permission policy lets them publish (checked again at import)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from ..models import EventCalendarPage, EventUpload, UploadStatus
from .background import check_again, check_upload
from .forms import AdminUploadForm, ConfirmForm
from .importing import confirm
from .views import report_context


def _calendars(user):
    # One calendar per region and the global one: a handful of pages.
    return [
        page
        for page in EventCalendarPage.objects.live().order_by("path")
        if page.permissions_for_user(user).can_add_subpage()
    ]


def upload(request):
    calendars = _calendars(request.user)
    form = AdminUploadForm(request.POST or None, request.FILES or None, calendars=calendars)
    if not calendars:
        form = None
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        calendar = data["calendar"]
        publish = bool(data.get("publish")) and calendar.permissions_for_user(request.user).can_publish_subpage()
        upload_row, _token, refused = check_upload(
            data["file"].read(), data["file"].name, calendar, get_language(), data, user=request.user, publish=publish
        )
        if refused:
            form.add_error("file", refused)
        else:
            return redirect("events_upload_detail", upload_row.pk)
    return TemplateResponse(request, "events/admin/upload.html", {"form": form})


def upload_detail(request, upload_id: int):
    # A coordinator sees their own uploads only.
    upload_row = EventUpload.objects.filter(pk=upload_id, user=request.user).first()
    if upload_row is None:
        raise Http404
    if request.method == "POST" and "check_again" in request.POST:
        check_again(upload_row)
        return redirect("events_upload_detail", upload_row.pk)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and upload_row.status == UploadStatus.CHECKED and form.is_valid():
        confirm(upload_row, form.cleaned_data["include_duplicates"])
        return redirect("events_upload_detail", upload_row.pk)
    upload_row.refresh_from_db()
    context = report_context(upload_row, request.GET.get("rows")) | {"confirm_form": form}
    return TemplateResponse(request, "events/admin/upload_detail.html", context)
