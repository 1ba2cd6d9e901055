from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from campaign.moderation.access import moderated_regions

from . import admin_views


@hooks.register("register_admin_urls")
def register_story_admin_urls():
    urls = [
        path("", admin_views.QueueView.as_view(), name="queue"),
        path("export.csv", admin_views.export_csv, name="export"),
        path("<int:pk>/", admin_views.ReviewView.as_view(), name="review"),
        path("<int:pk>/picture/", admin_views.picture, name="picture"),
    ]
    return [path("youth-stories/", include((urls, "stories_admin"), namespace="stories_admin"))]


class StoryQueueMenuItem(MenuItem):
    def is_shown(self, request):
        return moderated_regions(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_story_queue_menu_item():
    return StoryQueueMenuItem(
        _("Youth stories"), reverse("stories_admin:queue"), icon_name="doc-full-inverse", order=250
    )
