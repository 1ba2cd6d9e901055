from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from sitecontent.policy import can_make_case_card, is_story

from . import admin_views


@hooks.register("register_admin_urls")
def register_story_admin_urls():
    urls = [
        path("", admin_views.queue, name="queue"),
        path("export.csv", admin_views.export_csv, name="export"),
        path("<int:pk>/", admin_views.review, name="review"),
        path("<int:pk>/picture/", admin_views.picture, name="picture"),
        path("case-card/<int:page_id>/", admin_views.case_card, name="case_card"),
    ]
    return [path("youth-stories/", include((urls, "stories_admin"), namespace="stories_admin"))]


@hooks.register("register_page_header_buttons")
def case_card_button(page, user, view_name=None, next_url=None):
    """ "Make a case card" on a live, consenting story, for its region's moderators and
    coordinators (the policy decides)."""
    if is_story(page) and can_make_case_card(user, page.specific):
        yield Button(
            _("Make a case card"),
            reverse("stories_admin:case_card", args=[page.pk]),
            icon_name="group",
            priority=70,
        )
