"""The demo site, loaded once per test module (after the first load in a test process,
``load_demo_content`` is replayed from its recorded rows: tests/replay.py).

Use ``demo_site = module_demo_site()`` at module level in a test module; tests that use it
also take ``db`` (or ``client``): each runs in a savepoint inside the module's transaction,
which is rolled back after the module.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation


def module_demo_site():
    @pytest.fixture(scope="module")
    def demo_site(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                from tests.factories import ensure_wagtail_root

                # A transactional test earlier on this worker may have flushed Wagtail's root page.
                ensure_wagtail_root()
                call_command("load_demo_content", verbosity=0)
                yield
            finally:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                translation.activate("en")

    return demo_site
