"""The site's search backend (sid.search_backend) beyond the library: Wagtail's own uses of it
(page search, autocomplete, scores, facets, the admin's page search) keep working on SQLite."""

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from wagtail.models import Page

from .cases import LibraryTestCase


class TestWagtailSearchesThroughTheSiteBackend(LibraryTestCase):
    def test_page_search_autocomplete_scores_counts_and_facets(self):
        found = Page.objects.live().search("grooming")
        titles = [page.title for page in found]
        assert "Spotting grooming" in titles and found.count() == len(titles)
        scored = list(Page.objects.live().search("grooming").annotate_score("_score")[:2])
        assert len(scored) == 2 and scored[0]._score <= scored[1]._score  # bm25: smaller is better
        assert Page.objects.live().search("grooming").facet("locked") == {False: len(titles)}
        paginator = Paginator(Page.objects.live().search("grooming", order_by_relevance=False), 1)
        assert paginator.count == len(titles) and len(paginator.page(2).object_list) == 1
        completed = Page.objects.live().autocomplete("groo")
        assert completed.count() == len(list(completed)) > 0

    def test_the_admin_page_search_answers(self):
        admin = get_user_model().objects.create_superuser("searcher", "searcher@example.org", "x")
        self.client.force_login(admin)
        response = self.client.get("/admin/pages/search/", {"q": "grooming"})
        assert response.status_code == 200
        assert "Spotting grooming" in response.content.decode()
