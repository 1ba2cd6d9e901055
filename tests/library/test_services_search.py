"""The library search on PostgreSQL (Wagtail's database backend, PostgreSQL full text): the
same labelled query set and the 24 teachers' searches as on SQLite, and the index upkeep
through publishing. Run with ``pytest -m services`` (DATABASE_URL set)."""

import pytest
from django.test import Client
from django.utils import translation

from sitecontent.models import LibraryDocument
from tests.library import factories as f

from .issue_searches import check_issue_searches
from .search_quality import check_query_set

pytestmark = [pytest.mark.services, pytest.mark.django_db]


def test_query_set_on_the_demo_library_on_postgresql():
    check_query_set()


def test_the_issue_searches_on_postgresql():
    check_issue_searches()


def test_prefix_typo_and_unpublish_on_postgresql():
    translation.activate("en")
    tree = f.build_library_tree()
    client = Client()
    found = client.get("/en/europe/library/", {"q": "groomng"}).content.decode()
    assert "Spotting grooming" in found and "Did you mean:" in found
    assert "Repérer le pédopiégeage" in client.get("/fr/europe/library/", {"q": "PEDOPIEG"}).content.decode()
    tree.fr_grooming.unpublish()
    assert not LibraryDocument.objects.filter(page_id=tree.fr_grooming.pk).exists()
    assert "Repérer le pédopiégeage" not in client.get("/fr/europe/library/", {"q": "pedopiegeage"}).content.decode()
