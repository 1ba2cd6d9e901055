"""The coordinator's dashboard panel: their region's work, in their language.

For each region the user coordinates: their drafts and scheduled pages; what waits for
moderation (the region's pages in a workflow, counted through the one page permission
policy, and what the public sent to the region's moderation queue), each with how long the
oldest item has waited; and how many of the region's published pages have no text of their
own in each of the region's languages (with a link into the translation report). Counted with
one query per figure, whatever the size of the region.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Min, Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_info
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from campaign.moderation.models import ModerationItem

from ..core.languages import LANGUAGE_CODES
from .coverage import coordinated_regions

#: Pages listed per kind (drafts, scheduled); the rest is a count.
LISTED = 5


def _language_name(code: str) -> str:
    return get_language_info(code)["name_local"]


def missing_counts(region) -> list[dict]:
    """For each language the region offers besides its source: live pages lacking a title in it."""
    pages = Page.objects.descendant_of(region, inclusive=True).live().rewrite(False)
    rows = []
    for code in region.languages or []:
        if code not in LANGUAGE_CODES or code == region.source_language:
            continue
        column = build_localized_fieldname("title", code)
        missing = pages.filter(Q(**{f"{column}__isnull": True}) | Q(**{column: ""})).count()
        rows.append(
            {
                "code": code,
                "name": _language_name(code),
                "missing": missing,
                "report_url": reverse("sid_translations:coverage") + f"?region={region.short_code}&language={code}",
            }
        )
    return rows


def _page_policy() -> PagePermissionPolicy:
    """The one page permission policy (sitecontent.policy, registered for Page)."""
    return policy_registry.get_by_type(Page)


def _waiting(count: int, oldest) -> dict:
    return {"count": count, "waited": timezone.now() - oldest if oldest else None}


def pages_in_moderation(user, region) -> dict:
    """The region's pages ``user`` may see that wait in a workflow task, and the oldest wait
    (since its task started: a resubmitted page waits from its resubmission). One query."""
    pages = _page_policy().explorable_instances(user).descendant_of(region, inclusive=True)
    ids = pages.annotate(text_id=Cast("pk", CharField())).values("text_id")
    figures = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        workflow_state__status="in_progress",
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        workflow_state__object_id__in=ids,
    ).aggregate(count=Count("pk"), oldest=Min("started_at"))
    return _waiting(figures["count"], figures["oldest"])


def public_queue(region) -> dict:
    """What the public sent to the region (stories, partner events, reports) still open in its
    moderation queue, and the oldest wait. One query."""
    figures = ModerationItem.objects.filter(region=region, is_open=True).aggregate(
        count=Count("pk"), oldest=Min("waiting_since")
    )
    return _waiting(figures["count"], figures["oldest"])


def region_work(user, region) -> dict:
    pages = Page.objects.descendant_of(region, inclusive=True)
    drafts = pages.filter(Q(live=False) | Q(has_unpublished_changes=True)).filter(owner=user)
    scheduled = pages.filter(go_live_at__gt=timezone.now())
    return {
        "region": region,
        "source_name": _language_name(region.source_language),
        "drafts": list(drafts.order_by("-latest_revision_created_at")[:LISTED]),
        "drafts_total": drafts.count(),
        "scheduled": list(scheduled.order_by("go_live_at")[:LISTED]),
        "scheduled_total": scheduled.count(),
        "in_moderation": pages_in_moderation(user, region),
        "public_queue": public_queue(region),
        "languages": missing_counts(region),
    }


class RegionWorkPanel(Component):
    name = "region_work"
    order = 40
    template_name = "translations/admin/region_work_panel.html"

    def __init__(self, request, regions):
        self.request = request
        self.regions = regions

    def get_context_data(self, parent_context=None):
        return {"regions": [region_work(self.request.user, region) for region in self.regions]}


def region_work_panel(request):
    """The panel for a coordinator (not for superusers: they coordinate no region of their own)."""
    user = request.user
    if user.is_superuser:
        return None
    regions = list(coordinated_regions(user))
    return RegionWorkPanel(request, regions) if regions else None
