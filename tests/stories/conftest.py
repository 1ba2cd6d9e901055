import pytest
from django.core.cache import cache
from django.utils import translation

from tests import replay
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
    """The standard site tree with a stories section in each region (tests/replay.py)."""
    return replay.built("stories_tree", _stories_tree)


def _stories_tree():
    tree = build_site_tree()
    tree.sections = add_story_sections(tree)
    return tree
