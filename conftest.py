"""Root conftest: the browser and services harnesses are plugins, loaded once for all tests,
so a capability can keep its browser or services tests beside its other tests; so is the
test database's cache (tests/database.py), whose hook wraps a session fixture."""

pytest_plugins = ["tests.browser.harness", "tests.services.harness", "tests.database"]
