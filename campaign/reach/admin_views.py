"""The impact dashboard in the admin: figures per edition and region, charts, exports.

Who sees which region is decided by ``sitecontent.policy.dashboard_regions`` (the one
policy): administrators all, coordinators their regions, moderators and others nobody (403).
"""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from campaign.editions.models import Edition
from outbox import enqueue
from sitecontent.policy import dashboard_regions

from . import charts, exports
from .dashboard import build_tables, threshold
from .models import DailyFigure, ExportJob


class DashboardFilters(forms.Form):
    edition = forms.TypedChoiceField(label=gettext_lazy("Edition"), coerce=int, required=False)
    date_from = forms.DateField(
        label=gettext_lazy("Visits and downloads from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=gettext_lazy("to"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].choices = [(year, str(year)) for year in years]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", gettext_lazy("The end of the range must not be before its start."))
        return cleaned


def _scope(request):
    scope = dashboard_regions(request.user)
    if scope == ():
        raise PermissionDenied
    return scope


def _selection(request):
    years = list(Edition.objects.order_by("-year").values_list("year", flat=True))
    form = DashboardFilters(request.GET or None, years=years)
    current = Edition.objects.current()
    year = current.year if current else (years[0] if years else datetime.date.today().year)
    date_from = date_to = None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data.get("edition") or year
        date_from, date_to = form.cleaned_data.get("date_from"), form.cleaned_data.get("date_to")
    return form, year, date_from, date_to


class DashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "reach/dashboard.html"
    page_title = gettext_lazy("Impact dashboard")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        self.scope = _scope(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, year, date_from, date_to = _selection(self.request)
        tables = build_tables(self.scope, year, date_from, date_to)
        query = urlencode({k: v for k, v in self.request.GET.items() if k in form.fields})
        context.update(
            filters=form,
            year=year,
            tables=[(table, charts.bar_chart(table, year)) for table in tables],
            threshold=threshold(),
            regions=self.scope,
            csv_url=reverse("reach:export", args=["csv"]) + (f"?{query}" if query else ""),
            xlsx_url=reverse("reach:export", args=["xlsx"]) + (f"?{query}" if query else ""),
        )
        return context


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _attachment(body: bytes, fmt: str, year: int) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="safer-internet-day-impact-{year}.{fmt}"'
    return response


def export(request, fmt: str):
    """Small exports at once; larger ones (more aggregate rows than SID_REACH_EXPORT_SYNC_ROWS)
    are built by a worker, queued through the outbox, with a status page showing progress."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    scope = _scope(request)
    _form, year, date_from, date_to = _selection(request)
    rows = DailyFigure.objects.filter(edition_year__in=[year, year - 1])
    if scope is not None:
        rows = rows.filter(region__in=scope)
    if rows.count() <= settings.SID_REACH_EXPORT_SYNC_ROWS:
        body, _content_type = exports.export(build_tables(scope, year, date_from, date_to), year, fmt)
        return _attachment(body, fmt, year)
    with transaction.atomic():
        job = ExportJob.objects.create(
            user=request.user,
            fmt=fmt,
            language=get_language(),
            scope=list(scope) if scope is not None else None,
            year=year,
            date_from=date_from,
            date_to=date_to,
        )
        enqueue("campaign.reach.tasks.build_export", job.pk)
    return redirect("reach:export_status", pk=job.pk)


def _own_job(request, pk: int):
    _scope(request)
    job = ExportJob.objects.filter(pk=pk, user=request.user).defer("content").first()
    if job is None:
        # Someone else's export, or none. (Not a 404: LocaleMiddleware would turn an admin 404
        # into a redirect to a language-prefixed URL; see sitecontent.admin_gate.)
        raise PermissionDenied
    return job


def export_status(request, pk: int):
    job = _own_job(request, pk)
    return TemplateResponse(
        request,
        "reach/export_status.html",
        {
            "job": job,
            "page_title": gettext_lazy("Impact export"),
            "download_url": reverse("reach:export_download", args=[job.pk]),
        },
    )


def export_download(request, pk: int):
    job = _own_job(request, pk)
    if job.status != ExportJob.Status.DONE:
        return redirect("reach:export_status", pk=job.pk)
    body = ExportJob.objects.values_list("content", flat=True).get(pk=job.pk)
    return _attachment(bytes(body), job.fmt, job.year)
