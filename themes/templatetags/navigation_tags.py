"""``{% main_menu %}``: the region's menu on its pages, else the global one (themes.NavigationMenu)."""

from __future__ import annotations

from django import template
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from wagtail.models import Page

from themes.loader import get_template

from ..models import MENUS, NAVIGATION_VIEW_URLS, NavigationItem, NavigationMenu, NavigationView

register = template.Library()


def _read_menus(region_id) -> dict[str, list[NavigationItem]]:
    """{placement: its links, in order}: the region's own menu of each placement, else the
    global one. One query for every placement, one for their links."""
    where = Q(region__isnull=True) | Q(region=region_id) if region_id is not None else Q(region__isnull=True)
    items = Prefetch("items", NavigationItem.objects.order_by("sort_order"))
    chosen: dict = {}
    for menu in NavigationMenu.objects.filter(where).prefetch_related(items).order_by(F("region").asc(nulls_last=True)):
        chosen.setdefault(menu.placement, list(menu.items.all()))  # the region's own first
    return chosen


def page_menus(page, request) -> dict:
    """{placement: links} for this page, once per request. The menus are read from the shared
    cache (``MENUS``); the pages their links point at, and whether they are live, from the
    database in one query (none when no link points at a page)."""
    region = getattr(page, "region", None) if page is not None else None
    region_id = getattr(region, "pk", None)
    key = f"_sid_menus_{region_id}"
    if request is not None and hasattr(request, key):
        return getattr(request, key)
    menus = MENUS.get(lambda: _read_menus(region_id), part=region_id)
    page_ids = {item.page_id for links in menus.values() for item in links if item.page_id}
    pages = Page.objects.live().in_bulk(page_ids) if page_ids else {}
    chosen = {}
    for placement, links in menus.items():
        for item in links:
            if item.page_id in pages:
                item.page = pages[item.page_id]
        chosen[placement] = [item for item in links if not item.page_id or item.page_id in pages]
    if request is not None:
        setattr(request, key, chosen)
    return chosen


def menu_links(page, request, placement: str = "main") -> list[dict]:
    """[{url, text, source, field, current}]: ``source.field`` is the text shown (for its language)."""
    links = []
    path = request.path if request is not None else ""
    for item in page_menus(page, request).get(placement, []):
        if item.page_id:
            url = item.page.get_url(request=request)
            source, field = (item, "label") if item.label else (item.page, "title")
            fallback_text = item.page.title
        else:
            url = reverse(NAVIGATION_VIEW_URLS[item.view])
            source, field = (item, "label") if item.label else (None, "")
            fallback_text = str(NavigationView(item.view).label)
        if not url:
            continue
        links.append(
            {
                "url": url,
                "source": source,
                "field": field,
                "text": item.label or fallback_text,
                "current": bool(path) and (path == url or (url.count("/") > 2 and path.startswith(url))),
            }
        )
    return links


@register.simple_tag(takes_context=True)
def main_menu(context, placement="main"):
    """The header's menu (``placement="footer"``: the footer's links)."""
    request = context.get("request")
    links = menu_links(context.get("page"), request, placement)
    if not links:
        return ""
    return get_template("includes/main_menu.html").render({"links": links, "placement": placement}, request)
