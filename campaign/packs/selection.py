"""Turn a request (resource ids + language) into a build: validation, build key, one build per key.

Every bad input becomes a ``PackRequestError`` carrying translated messages; the view shows
them. Nothing here raises anything else for a visitor's input.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from outbox import enqueue
from sitecontent.library.files import choose_file
from sitecontent.models import ResourceFile, ResourcePage, library_item_models
from sitecontent.params import as_id
from sitecontent.routing import under_unpublished
from translations.core.languages import LANGUAGE_CODES

from .models import PackBuild

#: A build still pending this long after it was asked for was probably never queued (the
#: broker was down): asking again queues it. A duplicate message is harmless (see tasks).
STALLED_PENDING_SECONDS = 60

#: Bump when the ZIP's layout changes, so old builds are not served for new requests.
PACK_FORMAT_VERSION = "1"

#: Queued by name: services never import the task module (docs/architecture.md).
BUILD_PACK = "campaign.packs.tasks.build_pack"


class PackRequestError(Exception):
    status = 400

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(str(m) for m in messages))
        self.messages = [str(m) for m in messages]


class PackBuildersBusy(PackRequestError):
    """The site-wide build budget is spent: nothing was queued; the teacher's selection is
    kept on the answer so that asking again is one click."""

    status = 503
    retry_after = 180

    def __init__(self):
        super().__init__(
            [_("Many packs are being prepared right now. Your selection is kept: please try again in a few minutes.")]
        )


def over_build_budget(build) -> bool:
    """True when ``build`` (just created) is beyond the site-wide budget.

    Builds waiting or running (within their lease) and builds started this hour are
    counted among those created up to this one (by id), so concurrent requests agree on who
    is over: the last ones withdraw, the first ones run.
    """
    now = timezone.now()
    earlier = PackBuild.objects.filter(pk__lte=build.pk)
    lease = timedelta(seconds=getattr(settings, "SID_PACK_BUILD_LEASE_SECONDS", 900))
    in_progress = earlier.filter(
        status__in=[PackBuild.Status.PENDING, PackBuild.Status.BUILDING], created_at__gte=now - lease
    ).count()
    if in_progress > settings.SID_PACK_MAX_BUILDS_IN_PROGRESS:
        return True
    return earlier.filter(created_at__gte=now - timedelta(hours=1)).count() > settings.SID_PACK_MAX_BUILDS_PER_HOUR


@dataclass
class Selection:
    pages: list  # specific pages, in pack order
    language: str

    @property
    def items(self) -> list[list[int]]:
        return [[page.pk, page.live_revision_id] for page in self.pages]

    @property
    def key(self) -> str:
        return build_key(self.items, self.language)


def build_key(items, language: str) -> str:
    """sha256 of the sorted (page, live revision) pairs and the language."""
    versions = ",".join(f"{page_id}:{revision_id}" for page_id, revision_id in sorted(map(tuple, items)))
    digest = hashlib.sha256(f"v{PACK_FORMAT_VERSION}|{language}|{versions}".encode())
    return digest.hexdigest()


def parse_ids(raw_values) -> list[int]:
    ids, bad = [], []
    for raw in raw_values:
        value = str(raw).strip()
        if (number := as_id(value)) is not None:
            ids.append(number)
        elif value:
            bad.append("".join(char for char in value if char.isprintable())[:40])
    if bad:
        raise PackRequestError([_("Some of the chosen items are not valid: %(values)s.") % {"values": ", ".join(bad)}])
    return list(dict.fromkeys(ids))


def library_items_queryset():
    types = ContentType.objects.get_for_models(*library_item_models()).values()
    return Page.objects.filter(content_type__in=list(types))


def resolve_selection(raw_ids, language: str) -> Selection:
    """Validate a selection; returns it or raises PackRequestError (translated)."""
    errors = []
    if language not in LANGUAGE_CODES:
        errors.append(_("We do not offer packs in that language. Choose one of the languages in the list."))
    ids = parse_ids(raw_ids)
    if not ids:
        errors.append(_("Your selection is empty. Tick at least one resource or guide."))
    max_items = getattr(settings, "SID_PACK_MAX_ITEMS", 60)
    if len(ids) > max_items:
        errors.append(
            _("A pack can hold at most %(max)s items; you chose %(count)s. Make two smaller packs.")
            % {"max": max_items, "count": len(ids)}
        )
    if errors:
        raise PackRequestError(errors)

    # Live and public pages only. A draft, a private item and an id that never existed get the
    # same answer, so a request cannot tell that an unpublished item exists.
    public_ids = set(
        library_items_queryset()
        .filter(pk__in=ids)
        .live()
        .public()
        .exclude(under_unpublished())
        .values_list("pk", flat=True)
    )
    missing = [pk for pk in ids if pk not in public_ids]
    if missing:
        errors.append(
            _("We could not find some of the chosen items (%(ids)s). They may have been removed.")
            % {"ids": ", ".join(map(str, missing))}
        )
    if errors:
        raise PackRequestError(errors)

    specific = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    pages = [specific[pk] for pk in ids]

    # Size: the files the pack would hold, in the chosen language or their fallback.
    resources = [page for page in pages if isinstance(page, ResourcePage)]
    size = 0
    if resources:
        files_by_page: dict[int, list] = {}
        for file in ResourceFile.objects.filter(page__in=resources).select_related("document"):
            files_by_page.setdefault(file.page_id, []).append(file)
        for resource in resources:
            chosen, _fallback = choose_file(resource, language, files=files_by_page.get(resource.pk, []), rules={})
            if chosen is not None:
                size += chosen.document.get_file_size() or 0
    max_bytes = getattr(settings, "SID_PACK_MAX_BYTES", 250 * 1024 * 1024)
    if size > max_bytes:
        raise PackRequestError(
            [
                _("This pack would be %(size)s, more than the %(max)s we can build. Choose fewer items.")
                % {"size": filesizeformat(size), "max": filesizeformat(max_bytes)}
            ]
        )
    return Selection(pages=pages, language=language)


def request_build(selection: Selection, pack=None):
    """The build for this selection: the existing one, or a new one queued exactly once.

    Returns (build, created). The unique key makes concurrent identical requests race on
    the INSERT; the losers read the winner's row. A failed build is queued again.
    """
    key = selection.key
    created = False
    try:
        with transaction.atomic():
            build, created = PackBuild.objects.get_or_create(
                key=key, defaults={"language": selection.language, "items": selection.items, "pack": pack}
            )
    except IntegrityError:
        build = PackBuild.objects.filter(key=key).first()
        if build is None:  # the winner was over the budget and withdrew its build
            raise PackBuildersBusy() from None
    if created:
        # Every new build costs a worker and disk: the site-wide budget is checked once the
        # row exists (see over_build_budget), and a build over it is withdrawn unqueued.
        if over_build_budget(build):
            PackBuild.objects.filter(pk=build.pk, status=PackBuild.Status.PENDING).delete()
            raise PackBuildersBusy()
        with transaction.atomic():
            enqueue(BUILD_PACK, build.pk)
        return build, True
    requeue = False
    with transaction.atomic():
        locked = PackBuild.objects.select_for_update().filter(pk=build.pk).first()
        if locked is None:
            raise PackBuildersBusy()
        if locked.status == PackBuild.Status.BUILDING and not locked.lease_active():
            # Its worker died mid-build: run the same job again (same task id, see tasks).
            requeue_build(locked)
            build = locked
        else:
            never_started = (
                locked.status == PackBuild.Status.PENDING
                and not locked.task_id
                and locked.created_at < timezone.now() - timedelta(seconds=STALLED_PENDING_SECONDS)
            )
            if (
                never_started
                or locked.status == PackBuild.Status.FAILED
                or (locked.status == PackBuild.Status.READY and not locked.stored())
            ):
                locked.status = PackBuild.Status.PENDING
                locked.progress = 0
                locked.error = ""
                locked.save(update_fields=["status", "progress", "error"])
                enqueue(BUILD_PACK, locked.pk)  # with the reset, in the same transaction
                requeue = True
        if pack is not None and locked.pack_id is None:
            locked.pack = pack
            locked.save(update_fields=["pack"])
        build = locked
    return build, requeue


def requeue_build(build) -> None:
    """Queue ``build`` again after its worker was lost (its lease expired, so the new run
    takes it over and starts again from an empty temporary file)."""
    enqueue(BUILD_PACK, build.pk)


def live_pack_pages(pack) -> list:
    """The pack's items that are live and public, specific, in the coordinator's order."""
    ids = list(pack.items.order_by("sort_order").values_list("page_id", flat=True))
    live = {page.pk: page for page in library_items_queryset().filter(pk__in=ids).live().public().specific()}
    return [live[pk] for pk in ids if pk in live]
