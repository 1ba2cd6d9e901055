"""Public URLs of campaign.editions, included inside the language prefix (sid/urls.py)."""

from django.urls import path

from . import views

app_name = "editions"

urlpatterns = [
    path("editions/", views.archive, name="archive"),
    path("editions/<int:year>/", views.detail, name="detail"),
]
