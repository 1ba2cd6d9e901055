from django.urls import include, path
from wagtail import hooks

from . import admin_views


@hooks.register("register_admin_urls")
def register_story_admin_urls():
    urls = [
        path("", admin_views.queue, name="queue"),
        path("export.csv", admin_views.export_csv, name="export"),
        path("<int:pk>/", admin_views.review, name="review"),
        path("<int:pk>/picture/", admin_views.picture, name="picture"),
    ]
    return [path("youth-stories/", include((urls, "stories_admin"), namespace="stories_admin"))]
