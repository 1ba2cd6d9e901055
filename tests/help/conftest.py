import pytest

from campaign.helplines.demo import demo_countries, load_entry
from tests import replay


@pytest.fixture
def demo_directory(db):
    """The demo help directory for every country of the demo regions (built once per test
    process, then replayed: tests/replay.py)."""
    return replay.built("demo_directory", lambda: [load_entry(code) for code in demo_countries()])


@pytest.fixture
def xss_payloads():
    from tests.fixtures import xss_payloads

    return xss_payloads()


@pytest.fixture(autouse=True)
def _english_between_tests():
    """Requests leave their language active; start each test from the default language."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
