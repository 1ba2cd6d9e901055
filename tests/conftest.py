import pytest
from django.conf import settings
from django.utils import translation

from tests import database
from tests.factories import build_site_tree


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's migrated test database, copied once as migrated (tests/database.py)."""
    with django_db_blocker.unblock():
        database.keep()
    yield


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test emptied the database, give the next test the migrated one."""
    result = yield
    if database.transactional(item):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            database.restore()
    return result


@pytest.fixture(autouse=True)
def _default_language():
    """Each request activates its URL's language in this thread; start every test in English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _shared_values_read_afresh():
    """The cache outlives a test's rolled-back transaction: what one test stored in it
    (view restrictions, branding, menus: sid.shared_values) is read again by the next."""
    from sid.shared_values import forget_all

    forget_all()


@pytest.fixture
def site_tree(db):
    return build_site_tree()


def _replayed_demo_content():
    """``load_demo_content`` runs for real once per test process and database state; later
    calls on the same state replay the rows and files it wrote (tests/replay.py). A second
    call in one test (the idempotency checks) meets another state and runs for real."""
    from sitecontent.management.commands import load_demo_content
    from tests import replay

    command = load_demo_content.Command
    real_handle = command.handle

    def handle(self, *args, allow_production=False, **options):
        if not settings.SID_ALLOW_DEMO_CONTENT and not allow_production:
            return real_handle(self, *args, allow_production=allow_production, **options)
        return replay.run(
            "load_demo_content",
            lambda: real_handle(self, *args, allow_production=allow_production, **options),
            output=self.stdout,
        )

    command.handle = handle


_replayed_demo_content()
