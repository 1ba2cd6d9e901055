"""The coordinator's dashboard panel: their region's work, in their language.

For each region the user coordinates: their drafts and scheduled pages, and how many of the
region's published pages have no text of their own in each of the region's languages (with
a link into the translation report). Counted with one query per language, whatever the size
of the region.
"""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_info
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from .coverage import coordinated_regions
from .languages import LANGUAGE_CODES

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
