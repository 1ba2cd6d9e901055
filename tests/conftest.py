import functools

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


def _static_files_listed_once():
    """Each test client builds its own middleware chain, and WhiteNoise's middleware (with
    ``WHITENOISE_USE_FINDERS``) listed and stat'ed every static file of every app each time:
    a few percent of the suite. The static files do not change during a run; the listing is
    made once per process and the same settings, and handed to every later middleware."""
    from whitenoise.middleware import WhiteNoiseMiddleware

    real = WhiteNoiseMiddleware.add_files_from_finders
    listed = {}

    def add_files_from_finders(self):
        key = (
            self.static_prefix,
            self.max_age,
            self.allow_all_origins,
            self.charset,
            self.index_file,
            self.add_headers_function,
            tuple(settings.INSTALLED_APPS),
            repr(settings.STATICFILES_DIRS),
            repr(settings.STATICFILES_FINDERS),
            repr(settings.STORAGES),
            str(settings.STATIC_ROOT),
        )
        if key not in listed:
            before = dict(self.files)
            real(self)
            listed[key] = {url: file for url, file in self.files.items() if before.get(url) is not file}
            return
        self.files.update(listed[key])

    WhiteNoiseMiddleware.add_files_from_finders = add_files_from_finders


_static_files_listed_once()


# -- order: the demo site's tests first, together ------------------------------------------
# ``load_demo_content`` runs for real once per test process (then it is replayed: tests/replay.py),
# about 20 s of CPU. Tests that load the demo site come first, one after another, so that with
# ``make test``'s ``--dist worksteal`` (each worker takes a contiguous share of the list and the
# idle one takes the tail of the busy one's) one worker loads it and runs them all. A test
# module joins them by naming any of these (it calls the command or uses a helper that does).
DEMO_SITE_NAMES = ("load_demo_content", "module_demo_site", "check_issue_searches")


@functools.cache
def _loads_demo_site(path: str | None) -> bool:
    try:
        with open(path, encoding="utf-8") as source:
            text = source.read()
    except (OSError, TypeError):
        return False
    return any(name in text for name in DEMO_SITE_NAMES)


@pytest.hookimpl(trylast=True)  # after pytest-django's own ordering (by kind of database use)
def pytest_collection_modifyitems(config, items):
    demo = [
        item
        for item in items
        if _loads_demo_site(getattr(getattr(item, "module", None), "__file__", None))
        and not database.transactional(item)
    ]
    if demo:
        # Each module's tests together, so that its module fixtures are built once.
        modules = {}
        for item in demo:
            modules.setdefault(item.nodeid.split("::")[0], []).append(item)
        chosen = set(map(id, demo))
        items[:] = [item for group in modules.values() for item in group] + [
            item for item in items if id(item) not in chosen
        ]
