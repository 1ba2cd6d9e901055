"""Root conftest: the browser and services harnesses are plugins, loaded once for all tests,
so a capability can keep its browser or services tests beside its other tests."""

pytest_plugins = ["tests.browser.harness", "tests.services.harness"]
