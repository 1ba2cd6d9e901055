"""Who moderates which region, and who hears about a region's queue.

Moderators are the members of the "<code> moderators" group (sitecontent.regions). A region
with nobody in that group sends its reminders to the global team
(``STORIES_GLOBAL_TEAM_GROUP``), and failing that to the superusers, so no queue waits
unseen.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model

from sitecontent.models import RegionPage
from sitecontent.regions import MODERATORS, group_name


def moderated_regions(user):
    """RegionPages whose moderators group ``user`` belongs to (all of them for superusers)."""
    if not user.is_authenticated:
        return RegionPage.objects.none()
    if user.is_superuser:
        return RegionPage.objects.all()
    suffix = f" {MODERATORS}"
    codes = [name[: -len(suffix)] for name in user.groups.values_list("name", flat=True) if name.endswith(suffix)]
    return RegionPage.objects.filter(short_code__in=codes)


def is_region_moderator(user, region) -> bool:
    if not user.is_authenticated or region is None:
        return False
    return user.is_superuser or user.groups.filter(name=group_name(region.short_code, MODERATORS)).exists()


def region_moderators(region):
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return users.filter(groups__name=group_name(region.short_code, MODERATORS)).distinct() if region else users.none()


def global_team():
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    team_group = getattr(settings, "STORIES_GLOBAL_TEAM_GROUP", "")
    team = users.filter(groups__name=team_group).distinct() if team_group else users.none()
    return team if team.exists() else users.filter(is_superuser=True)


def moderator_emails(region) -> list[str]:
    """Addresses to notify about ``region``'s queue, falling back to the global team."""
    recipients = list(region_moderators(region).values_list("email", flat=True))
    return recipients or list(global_team().values_list("email", flat=True))
