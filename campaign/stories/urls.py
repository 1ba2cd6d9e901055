"""Public URLs of campaign.stories, included inside the language prefix (sid/urls.py)."""

urlpatterns: list = []
