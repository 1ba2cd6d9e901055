"""Admin URLs of the translation workflow (mounted under /admin/translations/ by wagtail_hooks)."""

from django.urls import path

from . import views

app_name = "sid_translations"
urlpatterns = [
    path("", views.coverage, name="coverage"),
    path("export/", views.export_create, name="export_create"),
    path("export/<int:pk>/", views.export_detail, name="export_detail"),
    path("export/<int:pk>/download/", views.export_download, name="export_download"),
    path("import/", views.import_upload, name="import_upload"),
    path("import/<int:pk>/", views.import_preview, name="import_preview"),
]
