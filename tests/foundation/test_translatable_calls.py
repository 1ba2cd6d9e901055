"""Every translatable string reaches the catalogues: ``makemessages`` (xgettext) only knows the
gettext functions by their own names and ``_``. A function imported under another name
(``gettext as gettext_now``) hides its strings from extraction, so they stay English in every
language without any test noticing; this happened twice (the editor's language picker, the
description of a repeating event)."""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

FUNCTIONS = {
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
OURS = ("campaign", "sitecontent", "sid", "translations", "themes", "syndication", "outbox")


def aliased_imports(root: Path) -> list[str]:
    found = []
    for package in OURS:
        for path in sorted((root / package).rglob("*.py")):
            # makemessages writes ``<template>.html.py`` beside a template while it runs (another
            # test extracts messages at the same time): those are not our modules.
            if "migrations" in path.parts or path.suffixes[:-1]:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                    for alias in node.names:
                        if alias.name in FUNCTIONS and alias.asname not in (None, "_"):
                            found.append(f"{path.relative_to(root)}:{node.lineno} {alias.name} as {alias.asname}")
    return found


def test_no_gettext_function_is_imported_under_a_name_makemessages_does_not_know():
    assert aliased_imports(Path(settings.BASE_DIR)) == []


def test_the_check_finds_an_alias(tmp_path):
    (tmp_path / "campaign").mkdir()
    (tmp_path / "campaign" / "hidden.py").write_text(
        "from django.utils.translation import gettext as gettext_now\n", encoding="utf-8"
    )
    assert aliased_imports(tmp_path) == ["campaign/hidden.py:1 gettext as gettext_now"]
