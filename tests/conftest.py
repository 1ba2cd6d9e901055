import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import build_site_tree


@pytest.fixture(autouse=True)
def _default_language():
    """Each request activates its URL's language in this thread; start every test in English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def site_tree(db):
    return build_site_tree()
