"""When PostgreSQL is unreachable: retry once on a fresh connection, else a clear page.

- ``DatabaseRetryMiddleware``: a read (GET/HEAD) whose query failed because the
  connection died (a database restart, a terminated backend) is run once more on a new
  connection, so a blip is invisible to the visitor.
- ``server_error`` (``handler500``): an error that is the database being gone answers
  503 with a translated page listing international helplines, rendered from a template
  that needs no database (so does any database error once a connection it used has
  died); anything else answers the plain 500 page.
"""

from __future__ import annotations

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils import translation

from campaign.helplines.international import helpline_directory, report_services
from translations.core.languages import RTL_LANGUAGES

logger = logging.getLogger("sid.unavailable")

#: psycopg reports a lost or refused connection as OperationalError / InterfaceError.
DATABASE_GONE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def is_database_gone(error: BaseException | None) -> bool:
    for link in _chain(error):
        if isinstance(link, DATABASE_GONE):
            return True
        if isinstance(link, DatabaseError):
            return False  # a bad query, not an outage
    return False


def _a_connection_died() -> bool:
    """Whether a connection this request used is now dead (closed after an error, or
    failing its liveness check). A database error raised once the server has dropped the
    connection is not always one psycopg reports as lost: an aborted atomic block, for one,
    surfaces as Django's TransactionManagementError."""
    for connection in connections.all(initialized_only=True):
        if connection.connection is None:
            if connection.errors_occurred:
                return True
            continue
        try:
            if not connection.is_usable():
                return True
        except Exception:  # noqa: BLE001
            return True
    return False


def _is_database_error(error: BaseException | None) -> bool:
    return any(isinstance(e, DatabaseError) for e in _chain(error))


def _chain(error: BaseException | None):
    while error is not None:
        yield error
        error = error.__cause__ or error.__context__


def _close_broken_connections() -> None:
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block:
            continue
        try:
            usable = connection.connection is not None and connection.is_usable()
        except Exception:  # noqa: BLE001
            usable = False
        if not usable:
            connection.close()


class DatabaseRetryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method not in ("GET", "HEAD") or not is_database_gone(exception):
            return None
        if getattr(request, "_sid_database_retried", False):
            return None
        if any(connection.in_atomic_block for connection in connections.all(initialized_only=True)):
            return None
        match = getattr(request, "resolver_match", None)
        if match is None:
            return None
        request._sid_database_retried = True
        logger.warning(
            "Database connection lost during %s %s; retrying on a new connection", request.method, request.path
        )
        _close_broken_connections()
        response = match.func(request, *match.args, **match.kwargs)
        # The failure may have come from rendering a template (querysets are lazy): Django
        # does not render a response returned at that stage, so render it here.
        if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
            response = response.render()
        return response


def unavailable_response(request=None) -> HttpResponse:
    language = translation.get_language() or "en"
    context = {
        "language": language,
        "direction": "rtl" if language in RTL_LANGUAGES else "ltr",
        "services": [helpline_directory(), *report_services()],
        "retry_url": request.get_full_path() if request is not None else "/",
        # {% csp_style %} records its inline style's hash for the Content-Security-Policy.
        "request": request,
    }
    response = HttpResponse(loader.render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    return response


def server_error(request, *args, **kwargs):
    error = sys.exc_info()[1]
    if is_database_gone(error) or (_is_database_error(error) and _a_connection_died()):
        _close_broken_connections()
        return unavailable_response(request)
    return HttpResponseServerError(loader.render_to_string("500.html"))
