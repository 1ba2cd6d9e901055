"""Who may edit which country's help entry.

A region's coordinators (the "<code> coordinators" group kept by sitecontent.regions) may
add, change and delete entries for the countries their RegionPage serves, and nothing else:
entries of other countries are not even listed. Superusers, and anyone given the Django
model permissions explicitly (a global directory editor), may edit every country.
Moderators have no access: the directory is reference data, not user content.

The policy is a Wagtail permission policy, so the snippet menu, listing buttons and views
all ask the same question (docs: "Customising permission policies",
https://docs.wagtail.org/en/stable/extending/permissions.html).
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.permission_policies.base import ModelPermissionPolicy

from sitecontent.models import RegionPage
from sitecontent.regions import COORDINATORS

ALL_COUNTRIES = object()  # marker: no country restriction
_CACHE_ATTR = "_sid_help_countries"


def editable_countries(user):
    """The set of country codes ``user`` may edit, ``ALL_COUNTRIES``, or an empty set.

    Cached on the user object, so a request asks the database at most twice.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    if user.is_superuser or user.has_perm("helplines.change_countryhelp"):
        result = ALL_COUNTRIES
    else:
        suffix = f" {COORDINATORS}"
        codes = [name[: -len(suffix)] for name in user.groups.values_list("name", flat=True) if name.endswith(suffix)]
        countries = set()
        for region_countries in RegionPage.objects.filter(short_code__in=codes).values_list("countries", flat=True):
            # CountryField(multiple=True) stores "BE,FR,DE" in the database.
            countries.update(code for code in (region_countries or "").split(",") if code)
        result = frozenset(countries)
    setattr(user, _CACHE_ATTR, result)
    return result


class RegionCountryPermissionPolicy(ModelPermissionPolicy):
    """Model permissions for global editors; region countries for coordinators."""

    actions = ("add", "change", "delete", "view")

    def user_has_permission(self, user, action):
        if super().user_has_permission(user, action):
            return True
        return action in self.actions and bool(editable_countries(user))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        countries = editable_countries(user)
        return countries is ALL_COUNTRIES or instance.country.code in countries

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return queryset.none()
        countries = editable_countries(user)
        if countries is ALL_COUNTRIES:
            return queryset
        return queryset.filter(Q(country__in=sorted(countries)))

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])
