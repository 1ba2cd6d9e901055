"""Public URLs of campaign.certificates, included inside the language prefix (sid/urls.py)."""

from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("certificates/class/", views.class_certificate, name="class"),
    path("certificates/verify/", views.verify_lookup, name="verify_lookup"),
    path("certificates/verify/<str:code>/", views.verify, name="verify"),
    path("certificates/<str:code>/", views.status, name="status"),
    path("certificates/<str:code>/download/", views.download, name="download"),
]
