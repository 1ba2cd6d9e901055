"""Public URLs of campaign.editions, included inside the language prefix (sid/urls.py)."""

urlpatterns: list = []
