"""Public URLs of campaign.stories, included inside the language prefix (sid/urls.py).

The form itself is served by each region's StoryIndexPage at ``<section>/submit/``.
"""

from django.urls import path

from . import views

app_name = "stories"

urlpatterns = [
    path("stories/status/<str:token>/", views.status, name="status"),
    path("stories/status/<str:token>/withdraw/", views.withdraw, name="withdraw"),
    path("stories/status/<str:token>/resend/", views.resend, name="resend"),
    path("stories/status/<str:token>/reuse/", views.reuse, name="reuse"),
    path("stories/status/<str:token>/certificate/", views.certificate, name="certificate"),
    path("stories/code/", views.code_lookup, name="code_lookup"),
    path("stories/code/<str:code>/", views.code_status, name="code_status"),
    path("stories/code/<str:code>/withdraw/", views.code_withdraw, name="code_withdraw"),
    path("stories/code/<str:code>/resend/", views.code_resend, name="code_resend"),
    path("stories/code/<str:code>/reuse/", views.code_reuse, name="code_reuse"),
    path("stories/code/<str:code>/certificate/", views.code_certificate, name="code_certificate"),
    path("stories/consent/<str:token>/", views.consent, name="consent"),
    path("stories/report/<int:page_id>/", views.report, name="report"),
]
