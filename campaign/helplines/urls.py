"""Public URLs of campaign.helplines, included inside the language prefix (sid/urls.py)."""

urlpatterns: list = []
