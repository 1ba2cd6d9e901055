"""Public upload: the calendar's ``submit/upload/`` route, the template, and the upload's private page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sitecontent.page_views import page_view
from themes.loader import template_names

from ..models import EventUpload, UploadStatus
from ..submissions.limits import submission_limit_reached
from ..submissions.views import edit_page, status_page
from .background import check_again, check_upload, stalled
from .columns import BY_KEY
from .forms import ConfirmForm, UploadForm
from .importing import confirm
from .template import template_file

PER_PAGE = 200
STATUS_REFRESH_SECONDS = 3
TEMPLATE_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@page_view("events.upload_template")
def template_download(calendar_page, request, file_format: str):
    if file_format not in TEMPLATE_TYPES:
        raise Http404
    response = HttpResponse(template_file(file_format), content_type=TEMPLATE_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="events-template-{get_language()}.{file_format}"'
    return response


@page_view("events.upload")
def upload(calendar_page, request):
    if not calendar_page.accepts_submissions:
        raise Http404
    status, refused = 200, ""
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if submission_limit_reached(request, increment=False):
            form.is_valid()
            form.add_error(None, _("You have sent many events in a short time. Please wait an hour and send again."))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            _upload, token, refused = check_upload(
                data["file"].read(), data["file"].name, calendar_page, get_language(), data
            )
            if refused:
                status = 400
                form.add_error("file", refused)
            else:
                return HttpResponseRedirect(reverse("events:upload_status", args=[token]))
        else:
            status = 400
    else:
        form = UploadForm()
    response = calendar_page.render(
        request,
        template=template_names("events/upload_form.html"),
        context_overrides={"form": form, "view_name": "upload", "refused": refused},
    )
    response.status_code = status
    return response


def report_context(upload: EventUpload, page_number=None) -> dict:
    """The dry run's results, a page of rows at a time (problems first, then in file order)."""
    ordered = sorted(upload.rows, key=lambda row: (row["status"] == "new", row["number"]))
    page = Paginator(ordered, PER_PAGE).get_page(page_number)
    rows = []
    for row in page.object_list:
        errors = [
            {"column": str(BY_KEY[key].label) if key in BY_KEY else _("Row"), "message": message}
            for key, message in row["errors"]
        ]
        rows.append({**row, "cell_errors": errors})
    counts = {
        status: sum(1 for row in upload.rows if row["status"] == status) for status in ("new", "duplicate", "error")
    }
    checking = upload.status == UploadStatus.CHECKING
    stuck = checking and stalled(upload)
    return {
        "upload": upload,
        "report_rows": rows,
        "report_page": page,
        "counts": counts,
        # While the dry run or the import runs in the background, the page refreshes itself (no JavaScript).
        "refresh": STATUS_REFRESH_SECONDS if (checking and not stuck) or upload.status == UploadStatus.QUEUED else None,
        "checking": checking,
        "stalled": stuck,
    }


@never_cache
def upload_status(request, token: str):
    upload_row = EventUpload.objects.for_token(token)
    if upload_row is None:
        raise Http404
    form = ConfirmForm()
    if request.method == "POST" and "check_again" in request.POST:
        check_again(upload_row)
        return HttpResponseRedirect(request.path)
    if request.method == "POST" and upload_row.status == UploadStatus.CHECKED:
        form = ConfirmForm(request.POST)
        if form.is_valid():
            submission_limit_reached(request, increment=True)
            confirm(upload_row, form.cleaned_data["include_duplicates"])
            return HttpResponseRedirect(request.path)
    upload_row.refresh_from_db()
    submissions = Paginator(upload_row.submissions.order_by("pk"), PER_PAGE).get_page(request.GET.get("page"))
    context = report_context(upload_row, request.GET.get("rows")) | {
        "confirm_form": form,
        "token": token,
        "submissions": submissions if upload_row.status == UploadStatus.DONE else None,
    }
    response = TemplateResponse(request, template_names("events/upload_status.html"), context)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
def upload_event(request, token: str, submission_id: int, edit: bool = False):
    """One event of an upload, through the upload's private link: the same page as a single submission's."""
    upload_row = EventUpload.objects.for_token(token)
    if upload_row is None:
        raise Http404
    submission = upload_row.submissions.select_related("page").filter(pk=submission_id).first()
    if submission is None:
        raise Http404
    return edit_page(request, submission) if edit else status_page(request, submission)
