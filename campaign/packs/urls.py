"""Public URLs of campaign.packs, included inside the language prefix (sid/urls.py)."""

from django.urls import path

from . import views

app_name = "packs"

urlpatterns = [
    path("packs/", views.pack_list, name="list"),
    path("packs/request/", views.request_pack, name="request"),
    path("packs/<slug:slug>/", views.curated_pack, name="curated"),
    path("packs/builds/<str:key>/", views.build_status, name="status"),
    path("packs/builds/<str:key>/download/", views.download, name="download"),
]
