"""Probes, and the page a visitor gets when the database is gone."""

import json

import pytest
from django.db import OperationalError
from django.test import RequestFactory
from django.utils import translation

from sid.unavailable import is_database_gone, server_error


@pytest.mark.django_db
def test_healthz_and_readyz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and json.loads(response.content) == {"status": "ok"}
    response = client.get("/readyz")
    body = json.loads(response.content)
    assert response.status_code == 200, body
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["outbox_waiting"] == 0


def test_probes_are_not_redirected_to_a_language(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("language, direction", [("fr", "ltr"), ("ar", "rtl")])
def test_database_gone_is_a_503_page_with_helplines_in_the_visitors_language(language, direction):
    request = RequestFactory().get(f"/{language}/europe/")
    with translation.override(language):
        try:
            raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")
        except OperationalError:
            response = server_error(request)
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"]
    assert f'lang="{language}"' in page and f'dir="{direction}"' in page
    assert "https://childhelplineinternational.org/helplines/" in page
    assert f'href="/{language}/europe/"' in page  # try again


def test_other_errors_stay_500():
    request = RequestFactory().get("/en/")
    try:
        raise KeyError("a bug")
    except KeyError:
        response = server_error(request)
    assert response.status_code == 500


def test_only_a_lost_connection_counts_as_the_database_gone():
    from django.db import IntegrityError, InterfaceError, ProgrammingError

    assert is_database_gone(OperationalError("server closed the connection unexpectedly"))
    assert is_database_gone(InterfaceError("connection already closed"))
    assert not is_database_gone(IntegrityError("duplicate key"))
    assert not is_database_gone(ProgrammingError("syntax error"))
    assert not is_database_gone(None)


@pytest.mark.django_db
@pytest.mark.parametrize("usable, status", [(False, 503), (True, 500)])
def test_a_database_error_on_a_dead_connection_is_the_database_gone(monkeypatch, usable, status):
    """An atomic block broken by a dropped connection surfaces as TransactionManagementError,
    not as a lost connection: the connection's own liveness check decides (the services
    suite kills real PostgreSQL connections; here the check is made to answer as a dead one)."""
    from django.db import connection
    from django.db.transaction import TransactionManagementError

    connection.ensure_connection()
    monkeypatch.setattr(connection, "is_usable", lambda: usable)
    request = RequestFactory().get("/en/")
    try:
        raise TransactionManagementError("An error occurred in the current transaction.")
    except TransactionManagementError:
        response = server_error(request)
    assert response.status_code == status
