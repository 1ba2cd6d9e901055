"""The library search on PostgreSQL (Wagtail's database backend, PostgreSQL full text): the
same labelled query set and the 24 teachers' searches as on SQLite, and the index upkeep
through publishing. Run with ``pytest -m services`` (DATABASE_URL set)."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
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


def test_library_search_query_can_use_the_combined_vector_index():
    """The index of migration sitecontent 0012 is on the expression modelsearch matches
    (``title || body``). PostgreSQL's planner reads the query the library page sends; each
    full-text condition it prints for the index entries is then planned alone, sequential
    scans off, and must be answered through that index. A modelsearch release that writes
    the expression differently fails here (on a small table the whole query's plan may
    rightly start elsewhere, so the condition is asked on its own)."""
    translation.activate("fr")
    f.build_library_tree()
    with CaptureQueriesContext(connection) as captured:
        assert Client().get("/fr/europe/library/", {"q": "confiance"}).status_code == 200
    searches = [q["sql"] for q in captured.captured_queries if "@@" in q["sql"]]
    assert searches, "the library search sent no full-text query"
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        conditions = set()
        for sql in searches:
            cursor.execute("EXPLAIN " + sql)
            for (line,) in cursor.fetchall():
                found = re.search(r"(?:Filter|Cond): (\(.*@@.*\))$", line)
                if found:
                    conditions.add(found.group(1))
        assert conditions, "no full-text condition in the plans"
        for condition in conditions:
            # The condition is PostgreSQL's own text of the page's query, not outside input.
            cursor.execute(f"EXPLAIN SELECT 1 FROM wagtailsearch_indexentry WHERE {condition}")  # noqa: S608
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "wagtailsearch_indexentry_title_body_gin" in plan, (condition, plan)
