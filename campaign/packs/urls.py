"""Public URLs of campaign.packs, included inside the language prefix (sid/urls.py)."""

urlpatterns: list = []
