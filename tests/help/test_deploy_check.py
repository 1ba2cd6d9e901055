"""helplines.W001: ``check --deploy`` warns while demo-flagged help entries are live."""

from __future__ import annotations

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import DatabaseError

from campaign.helplines.checks import check_demo_help_entries

from .factories import CountryHelpFactory


def _ours(messages):
    return [message for message in messages if message.id == "helplines.W001"]


@pytest.fixture
def production_like(settings):
    settings.SID_ALLOW_DEMO_CONTENT = False
    return settings


@pytest.mark.django_db
def test_demo_entries_warn_on_deploy_and_fail_at_warning_level(production_like):
    CountryHelpFactory(country="BE", is_demo_data=True)
    CountryHelpFactory(country="FR", is_demo_data=True)
    CountryHelpFactory(country="DE", is_demo_data=False)
    (warning,) = _ours(checks.run_checks(include_deployment_checks=True))
    assert warning.level == checks.WARNING
    assert "2 help directory entries" in warning.msg and "BE, FR" in warning.msg and "DE" not in warning.msg
    assert not _ours(checks.run_checks(include_deployment_checks=False))  # deploy only
    with pytest.raises(SystemCheckError, match="helplines.W001"):
        call_command("check", deploy=True, fail_level="WARNING", tags=["content"])


@pytest.mark.django_db
def test_quiet_when_every_entry_is_verified_or_on_a_demo_site(production_like):
    CountryHelpFactory(country="BE", is_demo_data=False)
    assert not _ours(checks.run_checks(include_deployment_checks=True))
    call_command("check", deploy=True, fail_level="WARNING", tags=["content"])
    CountryHelpFactory(country="FR", is_demo_data=True)
    production_like.SID_ALLOW_DEMO_CONTENT = True  # a demo site declares itself
    assert not _ours(checks.run_checks(include_deployment_checks=True))


@pytest.mark.django_db
def test_quiet_on_an_empty_or_unmigrated_database(production_like, monkeypatch):
    assert check_demo_help_entries() == []  # empty table

    def not_migrated(*args, **kwargs):
        raise DatabaseError("no such table: helplines_countryhelp")

    monkeypatch.setattr("django.db.models.query.QuerySet.values_list", not_migrated)
    assert check_demo_help_entries() == []


def test_never_creates_a_missing_sqlite_database(production_like, tmp_path, monkeypatch):
    from django.db import connection

    missing = tmp_path / "never-created.sqlite3"
    monkeypatch.setattr(connection, "vendor", "sqlite")
    monkeypatch.setitem(connection.settings_dict, "NAME", str(missing))

    def no_query(*args, **kwargs):
        raise AssertionError("the check queried a database that does not exist")

    monkeypatch.setattr("django.db.models.query.QuerySet.values_list", no_query)
    assert check_demo_help_entries() == []
    assert not missing.exists()


def test_start_up_touches_no_database(tmp_path):
    """Django starts (and imports the check) without opening the database."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    missing = tmp_path / "not-here.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{missing}", "DJANGO_SETTINGS_MODULE": "sid.settings.test"}
    code = "import django; django.setup(); import campaign.helplines.checks"
    subprocess.run(  # noqa: S603 (fixed argv, our own interpreter)
        [sys.executable, "-c", code], check=True, env=env, cwd=settings.BASE_DIR, timeout=120
    )
    assert not missing.exists()
