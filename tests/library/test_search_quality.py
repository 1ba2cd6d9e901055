"""The library search on the demo library finds what teachers look for, in every language
(labelled query set: tests/fixtures/search/queries.json), on the embedded default."""

import pytest

from .search_quality import check_query_set

pytestmark = pytest.mark.django_db


@pytest.mark.slow  # the whole labelled query set, every language, on the demo library: make test-slow
def test_query_set_on_the_demo_library():
    check_query_set()
