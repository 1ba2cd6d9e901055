"""Theme fallback, in one place.

Every template the platform renders is looked up as ``themes/<theme>/<name>`` first and
``themes/default/<name>`` second. Callers pass the list to ``select_template`` /
``render_to_string`` (both accept a list), so no view needs try/except.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings
from django.template.loader import select_template

DEFAULT_THEME = "default"
_active_theme: ContextVar[str | None] = ContextVar("sid_theme", default=None)


def current_theme() -> str:
    return _active_theme.get() or getattr(settings, "SID_THEME", DEFAULT_THEME) or DEFAULT_THEME


def set_theme(name: str | None):
    """Set the theme for the current context; returns a token for ``reset_theme``."""
    return _active_theme.set(name)


def reset_theme(token) -> None:
    _active_theme.reset(token)


def template_names(name: str, theme: str | None = None) -> list[str]:
    theme = theme or current_theme()
    names = [f"themes/{theme}/{name}"]
    if theme != DEFAULT_THEME:
        names.append(f"themes/{DEFAULT_THEME}/{name}")
    return names


def get_template(name: str, theme: str | None = None):
    return select_template(template_names(name, theme))
