from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import names, queue, views


@hooks.register("register_admin_urls")
def register_moderation_urls():
    urls = [
        path("", views.QueueView.as_view(), name="queue"),
        path("next/", views.next_item, name="next"),
        path("<int:pk>/", views.ReviewView.as_view(), name="review"),
    ]
    return [path("moderation/", include((urls, "moderation"), namespace="moderation"))]


def can_moderate(user) -> bool:
    return queue.in_global_team(user) or queue.moderated_regions(user).exists()


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return QueueMenuItem(_("Moderation queue"), reverse("moderation:queue"), icon_name="tasks", order=240)


class WaitingPanel(Component):
    """The dashboard's view of the queue: how long the region's senders are waiting."""

    name = "moderation_waiting"
    order = 50
    template_name = "moderation/home_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {"figures": queue.waiting_figures(self.request.user), "queue_url": reverse("moderation:queue")}


@hooks.register("construct_homepage_panels")
def add_waiting_panel(request, panels):
    if can_moderate(request.user):
        panels.insert(0, WaitingPanel(request))


#: Wagtail's log actions whose messages name a workflow and its tasks (from the log entry's
#: data, where the names were copied in English when the action happened).
WORKFLOW_LOG_ACTIONS = (
    "wagtail.workflow.start",
    "wagtail.workflow.approve",
    "wagtail.workflow.reject",
    "wagtail.workflow.resume",
    "wagtail.workflow.cancel",
)


@hooks.register("register_log_actions", order=100)  # after Wagtail's own registrations
def workflow_names_in_logs(actions):
    """Page histories and the site history name workflows and tasks in the reader's language."""
    for action in WORKFLOW_LOG_ACTIONS:
        formatter = actions.formatters.get(action)
        if formatter is not None and not isinstance(formatter, names.TranslatedWorkflowLog):
            actions.formatters[action] = names.TranslatedWorkflowLog(formatter)
