"""``{% main_menu %}``: the region's menu on its pages, else the global one (themes.NavigationMenu)."""

from __future__ import annotations

from django import template
from django.db.models import F, Prefetch, Q
from django.urls import reverse

from themes.loader import get_template

from ..models import NAVIGATION_VIEW_URLS, NavigationItem, NavigationMenu, NavigationView

register = template.Library()


def page_menus(page, request) -> dict:
    """{placement: menu} for this page: the region's own menu of each placement, else the
    global one. One query for every placement (+1 for their items), once per request."""
    region = getattr(page, "region", None) if page is not None else None
    key = f"_sid_menus_{getattr(region, 'pk', None)}"
    if request is not None and hasattr(request, key):
        return getattr(request, key)
    where = Q(region__isnull=True) | Q(region=region) if region is not None else Q(region__isnull=True)
    items = NavigationItem.objects.select_related("page").filter(Q(page__isnull=True) | Q(page__live=True))
    chosen: dict = {}
    menus = NavigationMenu.objects.filter(where).prefetch_related(Prefetch("items", items.order_by("sort_order")))
    for menu in menus.order_by(F("region").asc(nulls_last=True)):  # the region's own first
        chosen.setdefault(menu.placement, menu)
    if request is not None:
        setattr(request, key, chosen)
    return chosen


def menu_links(page, request, placement: str = "main") -> list[dict]:
    """[{url, text, source, field, current}]: ``source.field`` is the text shown (for its language)."""
    menu = page_menus(page, request).get(placement)
    if menu is None:
        return []
    links = []
    path = request.path if request is not None else ""
    for item in menu.items.all():
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
