"""``{% edition_banner page %}``: the current edition's theme and countdown on home and region pages."""

from django import template

from themes.loader import get_template

from ..models import Edition

register = template.Library()


@register.simple_tag(takes_context=True)
def edition_banner(context, page=None):
    """Render the current edition in the time zone of ``page``'s region (UTC on the global home)."""
    edition = Edition.objects.current()
    if edition is None:
        return ""
    region = getattr(page, "region", None)
    tz = region.time_zone if region is not None else "UTC"
    phase = edition.phase(tz)
    return get_template("editions/edition_banner.html").render(
        {
            "edition": edition,
            "phase": phase,
            "days_to_go": edition.days_to_go(tz),
            "message": edition.phase_message(phase),
            # Which field the message is, so its language is marked like any other field's.
            "message_field": f"message_{phase}",
            "heading_id": f"edition-{edition.year}",
            "time_zone": tz,
            "region": region,
        },
        context.get("request"),
    )
