from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def lookup(mapping, key):
    """``mapping[key]`` or "" (a dict of labels in a template)."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.filter
def duration(value):
    """A timedelta as "3 h 05 min" / "2 d 4 h" (language-neutral units)."""
    if value is None:
        return ""

    minutes = int(value.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return _("%(days)d d %(hours)d h") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)d h %(minutes)02d min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)d min") % {"minutes": minutes}
