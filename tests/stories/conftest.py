import pytest
from django.core.cache import cache
from django.utils import translation

from tests.factories import build_site_tree

from .factories import add_story_sections


@pytest.fixture(autouse=True)
def isolated_storage(settings, tmp_path):
    """Each test gets its own private and public media folders, and a fresh rate limit."""
    settings.STORIES_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    # A request under /fr/ leaves French active in the thread; start every test in English.
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def stories_tree(db):
    tree = build_site_tree()
    tree.sections = add_story_sections(tree)
    return tree


# The services and browser harnesses live in tests/services/ and tests/browser/; their
# fixtures serve the stories tests of those kinds, kept here with the rest of the capability.
from tests.browser.conftest import axe_check, browser, browser_context_options, browser_page  # noqa: E402, F401
from tests.services.conftest import _require_services, celery_worker  # noqa: E402, F401
