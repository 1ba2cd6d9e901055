"""Public URLs of campaign.helplines, included inside the language prefix (sid/urls.py)."""

from django.urls import path, re_path

from . import views

app_name = "helplines"

urlpatterns = [
    path("help/", views.help_index, name="index"),
    path("help/countries/", views.countries_page, name="countries"),
    path("help/choose/", views.choose_country, name="choose"),
    path("help/forget/", views.forget_country, name="forget"),
    re_path(r"^help/(?P<country>[A-Za-z]{2})/$", views.country_help, name="country"),
]
