import pytest

from tests.factories import build_site_tree


@pytest.fixture
def site_tree(db):
    return build_site_tree()
