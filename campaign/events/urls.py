"""Public URLs of campaign.events, included inside the language prefix (sid/urls.py)."""

urlpatterns: list = []
