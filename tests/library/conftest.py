import shutil
import tempfile

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # Pack requests are rate limited per IP in the cache; every test starts afresh.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def english_to_start():
    # A previous test's request may leave another language active; model constructors
    # write the active language's columns, so build test data in the default language.
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def packs_root(settings, request):
    if request.node.get_closest_marker("services"):
        # The Celery worker subprocess must write where this process reads: keep the
        # default (MEDIA_ROOT/packs; the harness gives the worker the same MEDIA_ROOT).
        yield None
        return
    root = tempfile.mkdtemp(prefix="sid-packs-")
    scratch = tempfile.mkdtemp(prefix="sid-pack-scratch-")
    settings.SID_PACKS_ROOT = root
    settings.SID_PACK_SCRATCH_DIR = scratch
    yield root
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(scratch, ignore_errors=True)
