import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def default_language():
    # A request in /ar/ leaves Arabic active in the thread; build_site_tree() then writes
    # the default-language columns empty. Start every test in the default language.
    translation.activate("en")
    yield
    translation.deactivate()
