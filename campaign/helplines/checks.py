"""Deploy check: help entries still marked "demo data: verify before launch" are live.

A child could be sent to a made-up number. ``manage.py check --deploy`` warns (helplines.W001),
so ``--fail-level WARNING`` stops a release. The check reads the database only when it runs
(never at import), and stays quiet where it cannot tell: no database yet, a database not
migrated or not reachable (``make check`` in CI), or a site that declares itself a demo
(``SID_ALLOW_DEMO_CONTENT``).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.checks import Warning, register
from django.db import DatabaseError, connection

from .models import CountryHelp

#: Countries named in the warning; the rest are counted.
LISTED = 10


def _database_missing() -> bool:
    """An SQLite file that does not exist yet: querying would create it, empty."""
    if connection.vendor != "sqlite":
        return False
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return False
    return not Path(name).exists()


@register("content", deploy=True)
def check_demo_help_entries(app_configs=None, **kwargs):
    if app_configs is not None and not any(config.label == "helplines" for config in app_configs):
        return []
    if settings.SID_ALLOW_DEMO_CONTENT or _database_missing():
        return []

    try:
        codes = sorted(
            str(code) for code in CountryHelp.objects.filter(is_demo_data=True).values_list("country", flat=True)
        )
    except DatabaseError:
        return []  # not migrated, or not reachable: nothing to say about its content
    if not codes:
        return []
    shown = ", ".join(codes[:LISTED]) + (f" and {len(codes) - LISTED} more" if len(codes) > LISTED else "")
    return [
        Warning(
            f"{len(codes)} help directory entries are marked as demo data ({shown}): visitors may be "
            "shown numbers nobody has verified.",
            hint='Verify each entry with the services, untick "demo data: verify before launch" in the '
            "admin (Help directory, filter by demo data), or delete the entry so the international "
            "fallbacks show.",
            obj="helplines.CountryHelp",
            id="helplines.W001",
        )
    ]
