"""Wagtail admin screens of the translation workflow (registered in wagtail_hooks).

Coverage report, exports (built by a Celery task, downloaded when ready) and imports
(uploaded, previewed as a diff, saved as drafts). Everything is scoped to the regions the
user coordinates; superusers see every region.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages
from wagtail.models import Page

from outbox import enqueue
from sitecontent.params import as_id

from ..core.interface import catalogue_coverage
from ..core.languages import LANGUAGES
from ..models import ExportJob, FileFormat, ImportBatch
from .coverage import (
    COMPLETE,
    FALLBACK,
    OUTDATED,
    PARTIAL,
    SHARED,
    STATUS_LABELS,
    can_use_workflow,
    coordinated_regions,
    region_languages,
    region_report,
)
from .forms import ConfirmImportForm, ExportForm, ImportForm
from .importing import FileRefused, apply_batch, check_units, read_file
from .preview import word_diff

#: Queued by name: services never import task modules (docs/architecture.md).
BUILD_EXPORT = "translations.tasks.build_export"

LANGUAGE_NAMES = dict(LANGUAGES)
CONTENT_TYPES = {
    FileFormat.XLIFF: "application/x-xliff+xml; charset=utf-8",
    FileFormat.XLIFF2: "application/xliff+xml; charset=utf-8",
    FileFormat.PO: "text/x-gettext-translation; charset=utf-8",
}


def _require_workflow(request):
    if not can_use_workflow(request.user):
        raise PermissionDenied


def _own(queryset, request, field):
    return queryset if request.user.is_superuser else queryset.filter(**{field: request.user})


def coverage(request):
    _require_workflow(request)
    regions = coordinated_regions(request.user)
    scopes = [(region.short_code, region.title) for region in regions]
    if request.user.is_superuser:
        scopes.append((SHARED, _("Snippets shared by all regions")))
    wanted = request.GET.get("region") or (scopes[0][0] if scopes else "")
    if wanted == SHARED and request.user.is_superuser:
        region = SHARED
        languages = region_languages(SHARED)
    else:
        region = regions.filter(short_code=wanted).first()
        if region is None:
            # Not 404: LocaleMiddleware turns an admin 404 into a redirect to /en/admin/….
            raise PermissionDenied
        languages = region_languages(region)
    language = request.GET.get("language")
    # Any language but the region's source language (its items are written in it).
    if language not in LANGUAGE_NAMES or (region != SHARED and language == region.source_language):
        language = languages[0]
    report = region_report(region, language)
    status = request.GET.get("status", "")
    if status not in (COMPLETE, PARTIAL, FALLBACK, OUTDATED):
        status = ""
    page_obj = report.page(status, request.GET.get("p"))
    context = {
        "page_title": _("Translation coverage"),
        "header_icon": "globe",
        "scopes": scopes,
        "region": region,
        "region_code": wanted,
        "languages": [(code, LANGUAGE_NAMES[code]) for code in languages],
        "all_languages": list(LANGUAGES),
        "language": language,
        "language_name": LANGUAGE_NAMES[language],
        "report": report,
        "counts": [(key, STATUS_LABELS[key], report.counts[key]) for key in (COMPLETE, PARTIAL, FALLBACK, OUTDATED)],
        "status": status,
        "status_labels": STATUS_LABELS,
        "page_obj": page_obj,
        "interface": catalogue_coverage(),
        "can_export": region != SHARED,
        "formats": FileFormat.choices,
    }
    return TemplateResponse(request, "translations/admin/coverage.html", context)


@require_http_methods(["GET", "POST"])
def export_create(request):
    _require_workflow(request)
    regions = coordinated_regions(request.user)
    initial = {}
    page = None
    if (page_id := as_id(request.GET.get("page", ""))) is not None:
        page = get_object_or_404(Page, pk=page_id).specific
        region = getattr(page, "region", None)
        if region is None or not regions.filter(pk=region.pk).exists():
            raise PermissionDenied
        initial = {"region": region.short_code, "scope": ExportJob.Scope.PAGES, "pages": [page.pk]}
        initial["language"] = next(iter(region_languages(region)), None)
    form = ExportForm(request.POST or None, regions=regions, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():  # the job and its build are saved together
            job = ExportJob.objects.create(
                requested_by=request.user,
                region=data["region"],
                language=data["language"],
                file_format=data["file_format"],
                scope=data["scope"],
                page_ids=[p.pk for p in data["pages"]] if data["scope"] == ExportJob.Scope.PAGES else [],
            )
            enqueue(BUILD_EXPORT, job.pk)
        return redirect("sid_translations:export_detail", job.pk)
    context = {"page_title": _("Export for translation"), "header_icon": "download", "form": form, "page": page}
    return TemplateResponse(request, "translations/admin/export_form.html", context)


def export_detail(request, pk):
    _require_workflow(request)
    job = get_object_or_404(_own(ExportJob.objects.select_related("region"), request, "requested_by"), pk=pk)
    context = {
        "page_title": _("Export for translation"),
        "header_icon": "download",
        "job": job,
        "language_name": LANGUAGE_NAMES.get(job.language, job.language),
        "waiting": job.status in (ExportJob.Status.PENDING, ExportJob.Status.RUNNING),
    }
    return TemplateResponse(request, "translations/admin/export_detail.html", context)


def export_download(request, pk):
    _require_workflow(request)
    job = get_object_or_404(_own(ExportJob.objects.select_related("region"), request, "requested_by"), pk=pk)
    if job.status != ExportJob.Status.READY:
        raise Http404
    response = HttpResponse(job.content.encode("utf-8"), content_type=CONTENT_TYPES[job.file_format])
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
def import_upload(request):
    _require_workflow(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            read = read_file(upload.read(), expected_language=form.cleaned_data["language"])
            accepted, problems = check_units(read, request.user)
        except FileRefused as error:
            form.add_error("file", str(error))
        else:
            batch = ImportBatch.objects.create(
                uploaded_by=request.user,
                filename=upload.name[:255],
                file_format=read.file_format,
                language=read.language,
                units=accepted,
                problems=problems,
            )
            return redirect("sid_translations:import_preview", batch.pk)
    context = {"page_title": _("Import a translation"), "header_icon": "upload", "form": form}
    return TemplateResponse(request, "translations/admin/import_form.html", context)


@require_http_methods(["GET", "POST"])
def import_preview(request, pk):
    _require_workflow(request)
    batch = get_object_or_404(_own(ImportBatch.objects.all(), request, "uploaded_by"), pk=pk)
    if request.method == "POST":
        form = ConfirmImportForm(request.POST)
        if form.is_valid() and batch.status == ImportBatch.Status.PREVIEW:
            if form.cleaned_data["action"] == "apply":
                batch.result = apply_batch(batch, request.user)
                batch.status = ImportBatch.Status.APPLIED
                saved = sum(row.get("saved", 0) for row in batch.result)
                messages.success(
                    request,
                    _("%(count)s translated texts were saved as drafts. Review and publish them as usual.")
                    % {"count": saved},
                )
            else:
                batch.status = ImportBatch.Status.DISCARDED
                messages.info(request, _("The import was discarded; nothing was changed."))
            batch.save(update_fields=["result", "status"])
        return redirect("sid_translations:import_preview", batch.pk)
    groups: dict[str, dict] = {}
    for row in batch.units:
        group = groups.setdefault(row["object"], {"title": row["title"], "rows": []})
        old, new = word_diff(row["old"], row["new"])
        group["rows"].append({**row, "old_html": old, "new_html": new})
    context = {
        "page_title": _("Import a translation"),
        "header_icon": "upload",
        "batch": batch,
        "language_name": LANGUAGE_NAMES.get(batch.language, batch.language),
        "groups": list(groups.values()),
        "accepted_count": len(batch.units),
        "is_preview": batch.status == ImportBatch.Status.PREVIEW,
        "upload_url": reverse("sid_translations:import_upload"),
    }
    return TemplateResponse(request, "translations/admin/import_preview.html", context)
