"""The 24 teachers' searches (issue_searches.py) on the demo library, on the embedded default (SQLite FTS5 through
Wagtail's search API). The same searches run on PostgreSQL in test_services_search.py."""

import pytest

from .issue_searches import check_issue_searches

pytestmark = pytest.mark.django_db


def test_the_issue_searches_find_their_item_in_the_first_three():
    check_issue_searches()
