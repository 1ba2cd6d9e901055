"""Public pack views: curated packs, a teacher's request, the build status page, downloads.

No JavaScript anywhere: the status page refreshes itself with a meta refresh until the
ZIP is ready. Every bad input answers with a translated message (status 400/404/410).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from sid import counters
from sid.views import ratelimited
from sitecontent.models import RegionPage
from themes.loader import template_names
from translations.core.languages import LANGUAGES

from .models import CuratedPack, PackBuild, PackDownloadCount
from .selection import (
    PackBuildersBusy,
    PackRequestError,
    library_items_queryset,
    live_pack_pages,
    request_build,
    resolve_selection,
)

KEY_PATTERN = re.compile(r"^[0-9a-f]{64}$")
SLUG_PATTERN = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")
STATUS_REFRESH_SECONDS = 3


def _slug(params, name) -> str:
    """A slug parameter, or "" for anything a slug cannot be (PostgreSQL refuses NUL in text)."""
    value = params.get(name, "")
    return value if SLUG_PATTERN.match(value) else ""


def _render(request, name, context, status=200):
    return TemplateResponse(request, template_names(f"packs/{name}"), context, status=status)


def _error(request, messages, status=400, retry=None):
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = ""
    return _render(request, "request_error.html", {"messages": messages, "back": back, "retry": retry}, status)


@require_GET
def pack_list(request):
    regions = RegionPage.objects.live().public().order_by("path")
    packs = CuratedPack.objects.filter(region__live=True).select_related("region").order_by("region__path", "title")
    code = _slug(request.GET, "region")
    if code:
        packs = packs.filter(region__short_code=code)
    return _render(request, "pack_list.html", {"packs": packs, "regions": regions, "region_code": code})


@require_GET
def curated_pack(request, slug):
    pack = get_object_or_404(CuratedPack.objects.select_related("region"), slug=slug, region__live=True)
    return _render(
        request,
        "curated_pack.html",
        {"pack": pack, "items": live_pack_pages(pack), "languages": LANGUAGES, "current": get_language()},
    )


@require_POST
@ratelimit(key="ip", rate=lambda _group, _request: f"{settings.SID_PACK_REQUESTS_PER_HOUR}/h", block=False)
def request_pack(request):
    if getattr(request, "limited", False):
        # Answered here: the project has no RatelimitMiddleware to turn the exception into a page.
        return ratelimited(request)
    language = request.POST.get("language", "")
    pack = None
    if request.POST.get("pack"):
        pack_slug = _slug(request.POST, "pack")
        pack = CuratedPack.objects.filter(slug=pack_slug, region__live=True).first() if pack_slug else None
        if pack is None:
            return _error(request, [_("We could not find that pack. It may have been removed.")], status=404)
        raw_ids = [str(page.pk) for page in live_pack_pages(pack)]
    else:
        raw_ids = request.POST.getlist("item")
    try:
        selection = resolve_selection(raw_ids, language)
        build, _queued = request_build(selection, pack=pack)
    except PackBuildersBusy as error:
        # Nothing is lost: the answer carries the selection back in a one-click form.
        retry = {"items": raw_ids if pack is None else [], "pack": pack.slug if pack else "", "language": language}
        response = _error(request, error.messages, status=error.status, retry=retry)
        response["Retry-After"] = str(error.retry_after)
        return response
    except PackRequestError as error:
        return _error(request, error.messages)
    url = reverse("packs:status", args=[build.key])
    if pack is not None:
        url += f"?pack={pack.slug}"
    return redirect(url)


def _get_build(key):
    if not KEY_PATTERN.match(key):
        raise Http404
    return get_object_or_404(PackBuild, key=key)


@require_GET
def build_status(request, key):
    build = _get_build(key)
    pack_slug = _slug(request.GET, "pack")
    download_url = reverse("packs:download", args=[build.key]) + (f"?pack={pack_slug}" if pack_slug else "")
    working = build.status in (PackBuild.Status.PENDING, PackBuild.Status.BUILDING)
    context = {
        "build": build,
        "ready": build.is_ready,
        "working": working,
        "refresh": STATUS_REFRESH_SECONDS if working else None,
        "download_url": download_url,
        "content_changed": build.error == "content-changed",
    }
    return _render(request, "build_status.html", context)


def _still_current(build) -> bool:
    """Every item is still live and public at the revision that was packed (one query)."""
    current = dict(
        library_items_queryset().filter(pk__in=build.page_ids).live().public().values_list("pk", "live_revision_id")
    )
    return all(current.get(page_id) == revision_id for page_id, revision_id in build.items)


@require_GET
def download(request, key):
    build = _get_build(key)
    if not build.is_ready:
        return redirect("packs:status", key=build.key)
    if not _still_current(build):
        # Something was unpublished or changed since: never hand out old or withdrawn content.
        return _error(
            request,
            [
                _(
                    "This pack is out of date: some of its material has changed or been withdrawn. Please ask for it again."
                )
            ],
            status=410,
        )
    pack = None
    pack_slug = _slug(request.GET, "pack")
    if pack_slug:
        pack = CuratedPack.objects.filter(slug=pack_slug).first()
    if pack is not None and pack.pk != build.pack_id and set(build.page_ids) != {p.pk for p in live_pack_pages(pack)}:
        # ?pack= is only a hint from the status link: a download counts for a curated pack
        # only when the ZIP really is that pack (two packs may share one build).
        pack = None
    try:
        zip_file = build.open()  # from the "packs" storage; FileResponse closes it
    except FileNotFoundError:
        # Evicted (disk cap) or cleaned up since is_ready was read: asking again rebuilds it.
        return redirect("packs:status", key=build.key)
    _count_download(build, pack)
    filename = f"safer-internet-day-pack-{build.language}-{build.key[:8]}.zip"
    return FileResponse(zip_file, as_attachment=True, filename=filename, content_type="application/zip")


def _count_download(build, pack) -> None:
    counters.count(counters.PACK_DOWNLOADS, counters.pack_key(pack.pk if pack else None, build.language))
    PackBuild.objects.filter(pk=build.pk).update(
        download_count=F("download_count") + 1, last_downloaded_at=timezone.now()
    )
    with transaction.atomic():
        counter, _created = PackDownloadCount.objects.select_for_update().get_or_create(
            pack=pack, language=build.language
        )
        PackDownloadCount.objects.filter(pk=counter.pk).update(downloads=F("downloads") + 1)
