from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from sitecontent.policy import dashboard_regions

from . import admin_views


@hooks.register("register_admin_urls")
def register_reach_urls():
    urls = [
        path("", admin_views.DashboardView.as_view(), name="dashboard"),
        path("export/<str:fmt>/", admin_views.export, name="export"),
        path("exports/<int:pk>/", admin_views.export_status, name="export_status"),
        path("exports/<int:pk>/download/", admin_views.export_download, name="export_download"),
    ]
    return [path("reach/", include((urls, "reach"), namespace="reach"))]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return dashboard_regions(request.user) != ()


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return DashboardMenuItem(_("Impact dashboard"), reverse("reach:dashboard"), icon_name="table", order=250)
