"""``{% embed_generator_url kind page query %}``: the embed generator, filled in with a
calendar's or library's region and filters (the "Show this on your site" links)."""

from django import template

from ..embeds import embed_link

register = template.Library()


@register.simple_tag
def embed_generator_url(kind, page=None, query=""):
    region = getattr(page, "region", None) if page is not None else None
    extra = f"region={region.short_code}" if region is not None else ""
    return embed_link(kind, "&".join(part for part in (extra, query or "") if part))
