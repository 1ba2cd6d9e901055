"""Who may manage which curated packs: a region's coordinators, for their region only.

Derived from the region groups (``"<code> coordinators"``, sitecontent.regions), so no
extra permission rows need keeping in step: joining the group is enough.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from sitecontent.models import RegionPage
from sitecontent.regions import COORDINATORS

ACTIONS = {"add", "change", "delete", "view"}
GROUP_SUFFIX = f" {COORDINATORS}"


def coordinated_region_codes(user) -> set[str] | None:
    """Short codes of the regions ``user`` coordinates; None means every region (superuser)."""
    if not user or not user.is_active or not user.is_authenticated:
        return set()
    if user.is_superuser:
        return None
    names = user.groups.filter(name__endswith=GROUP_SUFFIX).values_list("name", flat=True)
    return {name[: -len(GROUP_SUFFIX)] for name in names}


def coordinated_regions(user):
    codes = coordinated_region_codes(user)
    regions = RegionPage.objects.all().order_by("path")
    return regions if codes is None else regions.filter(short_code__in=codes)


class RegionCoordinatorPolicy(BasePermissionPolicy):
    """Coordinators manage their regions' objects; the model has a ``region`` foreign key."""

    def user_has_permission(self, user, action):
        codes = coordinated_region_codes(user)
        return action in ACTIONS and (codes is None or bool(codes))

    def users_with_any_permission(self, actions):
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name__endswith=GROUP_SUFFIX), is_active=True)
            .distinct()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        codes = coordinated_region_codes(user)
        if action not in ACTIONS:
            return False
        return codes is None or instance.region.short_code in codes

    def instances_user_has_any_permission_for(self, user, actions):
        codes = coordinated_region_codes(user)
        queryset = self.model._default_manager.all()
        if not set(actions) & ACTIONS:
            return queryset.none()
        return queryset if codes is None else queryset.filter(region__short_code__in=codes)

    def get_all_permissions_for_user(self, user):
        return Permission.objects.none()
