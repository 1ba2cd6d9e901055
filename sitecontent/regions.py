"""Region-scoped access: one coordinators and one moderators group per region.

``ensure_region_access`` is idempotent; it runs when a RegionPage is published and from
``manage.py sync_region_access``. Permissions are Wagtail page permissions on the region's
subtree and collection permissions on the region's own media collection, so nothing a
group is given reaches outside its region.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from translations.core.languages import LANGUAGE_CODES

from .models import RegionPage

COORDINATORS = "coordinators"
MODERATORS = "moderators"
ROLES = (COORDINATORS, MODERATORS)

# Wagtail's page permissions (wagtail.models.pages.PAGE_PERMISSION_TYPES):
# "change" lets coordinators edit, copy, move and delete pages in their region; "publish"
# covers unpublishing. Moderators hold no page permission: they review through their
# region's workflows (a GroupApprovalTask gives its group edit access to the page under
# review, and approval publishes it), and sitecontent.policy lets them take down a live
# story of their region. What each may do beyond this is decided in sitecontent.policy.
PAGE_PERMISSIONS = {
    COORDINATORS: ("add_page", "change_page", "publish_page", "lock_page"),
    MODERATORS: (),
}
COLLECTION_PERMISSIONS = {
    COORDINATORS: (
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ),
    MODERATORS: (
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "choose_document"),
    ),
}


@dataclass(frozen=True)
class RegionAccess:
    coordinators: Group
    moderators: Group
    collection: Collection


def group_name(short_code: str, role: str) -> str:
    return f"{short_code} {role}"


def coordinated_source_language(user) -> str | None:
    """The source language of the first region (in tree order) ``user`` coordinates, or None
    (translations.core.source.default_source_language asks, registered by the app's ready())."""
    names = set(user.groups.values_list("name", flat=True))
    if names:
        for code, source in RegionPage.objects.order_by("path").values_list("short_code", "source_language"):
            if group_name(code, COORDINATORS) in names and source in LANGUAGE_CODES:
                return source
    return None


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _collection_for(region) -> Collection:
    name = f"Region: {region.short_code}"
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


@transaction.atomic
def ensure_region_access(region) -> RegionAccess:
    admin_access = _permission("wagtailadmin", "access_admin")
    collection = _collection_for(region)
    groups = {}
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=group_name(region.short_code, role))
        group.permissions.add(admin_access)
        for codename in PAGE_PERMISSIONS[role]:
            permission = _permission("wagtailcore", codename)
            if not GroupPagePermission.objects.filter(group=group, page=region, permission=permission).exists():
                GroupPagePermission.objects.create(group=group, page=region, permission=permission)
        # A permission the role no longer has (moderators once held "publish") is removed.
        GroupPagePermission.objects.filter(group=group).exclude(
            permission__codename__in=PAGE_PERMISSIONS[role]
        ).delete()
        for app_label, codename in COLLECTION_PERMISSIONS[role]:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_permission(app_label, codename)
            )
        groups[role] = group
    return RegionAccess(groups[COORDINATORS], groups[MODERATORS], collection)


def region_groups(region) -> dict[str, Group]:
    return {role: Group.objects.filter(name=group_name(region.short_code, role)).first() for role in ROLES}
