import shutil
import tempfile

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_to_start():
    # A previous test's request may leave another language active; model constructors
    # write the active language's columns, so build test data in the default language.
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def packs_root(settings):
    root = tempfile.mkdtemp(prefix="sid-packs-")
    settings.SID_PACKS_ROOT = root
    yield root
    shutil.rmtree(root, ignore_errors=True)
