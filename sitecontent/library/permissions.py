"""Who manages the topic taxonomy: every region's coordinators (it is shared by all regions).

Coordinators may add and edit topics (and their translations); deleting one would take
it away from every region's material, so that stays with administrators.
"""

from __future__ import annotations

from django.contrib.auth.models import Permission
from wagtail.permission_policies.base import BasePermissionPolicy

from sitecontent.regions import COORDINATORS

COORDINATOR_ACTIONS = {"add", "change", "view"}


def is_coordinator(user) -> bool:
    return bool(
        user
        and user.is_active
        and user.is_authenticated
        and user.groups.filter(name__endswith=f" {COORDINATORS}").exists()
    )


class TopicPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        if user.is_active and user.is_superuser:
            return True
        return action in COORDINATOR_ACTIONS and is_coordinator(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if any(self.user_has_permission(user, action) for action in actions):
            return self.model._default_manager.all()
        return self.model._default_manager.none()

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model
        from django.db.models import Q

        condition = Q(is_superuser=True)
        if set(actions) & COORDINATOR_ACTIONS:
            condition |= Q(groups__name__endswith=f" {COORDINATORS}")
        return get_user_model().objects.filter(condition, is_active=True).distinct()

    def get_all_permissions_for_user(self, user):
        return Permission.objects.none()
