"""Interface strings (templates, forms, errors, emails): message catalogues for all languages.

Three jobs, run by ``manage.py interface_catalogues`` (update | check | coverage):
- update: ``makemessages`` for every language into translations/locale/, then compile .mo;
- check: regenerate into a temporary copy and compare, ignoring POT-Creation-Date, so CI
  fails when someone marked a new string and did not regenerate (consumerfinance.gov does
  the same); compiled .mo files must match their .po;
- coverage: how many messages each language leaves untranslated, so English fallbacks are
  counted, not silent. The admin coverage report shows the same figures.

Needs GNU gettext (xgettext, msgmerge, msgfmt) on the PATH.
"""

from __future__ import annotations

import contextlib
import fcntl
import filecmp
import functools
import hashlib
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import django
import polib
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils.translation import to_locale

from .languages import DEFAULT_LANGUAGE, LANGUAGE_CODES

DOMAIN = "django"
# Not interface strings: tests, benchmarks, collected and uploaded files, dependencies.
# Locale directories are skipped too: makemessages would otherwise adopt any it walks past
# (translations/locale itself) and write there even when asked for another directory.
IGNORE = [
    "tests/*",
    "benchmarks/*",
    "staticfiles/*",
    "media/*",
    "node_modules/*",
    "*/migrations/*",
    ".*",
    "locale",
    "*/locale",
    "requirements*.txt",
]
HEADER_LINES_IGNORED = ('"POT-Creation-Date:', '"PO-Revision-Date:')


def locale_dir() -> Path:
    return Path(settings.BASE_DIR) / "translations" / "locale"


def wagtail_locale_dir() -> Path:
    """Wagtail's own messages that its catalogues lack for our languages, translated by us (and
    other installed packages' shown in the admin: django-countries' country names for Hindi
    and Swahili, from ICU's CLDR data).

    Kept by hand (not extracted: they are not in our code), second in ``LOCALE_PATHS`` so
    our own catalogues win, and before every app's, so they fill Wagtail's gaps. ``check``
    fails when one is no longer a message of an installed package (an upgrade renamed or
    dropped it) or when a .mo is not compiled from its .po.
    """
    return Path(settings.BASE_DIR) / "translations" / "wagtail_locale"


def locale_names() -> list[str]:
    """Django's directory names: zh-hans → zh_Hans."""
    return [to_locale(code) for code in LANGUAGE_CODES]


def po_path(directory: Path, locale: str) -> Path:
    return directory / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


@contextlib.contextmanager
def _in_project():
    """Run in the project directory, one extraction at a time.

    makemessages writes temporary ``<template>.py`` files beside the templates it reads, so
    two runs in one checkout (parallel test workers, CI beside a developer) would trip over
    each other's files: an exclusive lock on a file keyed by the project path serialises them.
    """
    key = hashlib.sha256(str(settings.BASE_DIR).encode()).hexdigest()[:12]  # stable across processes
    lock_path = Path(tempfile.gettempdir()) / f"sid-makemessages-{key}.lock"
    previous = os.getcwd()
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        os.chdir(settings.BASE_DIR)
        try:
            yield
        finally:
            os.chdir(previous)
            fcntl.flock(lock, fcntl.LOCK_UN)


def make_messages(directory: Path | None = None, verbosity: int = 0, locales: list[str] | None = None) -> None:
    """Extract every marked string of the project into ``directory`` (all languages, or ``locales``)."""
    directory = Path(directory or locale_dir())
    directory.mkdir(parents=True, exist_ok=True)
    # makemessages writes to the first LOCALE_PATHS entry for files outside any app locale dir.
    with _in_project(), override_settings(LOCALE_PATHS=[str(directory)]):
        call_command(
            "makemessages",
            locale=locales or locale_names(),
            domain=DOMAIN,
            ignore_patterns=IGNORE,
            no_obsolete=True,
            add_location="file",
            verbosity=verbosity,
        )


def compile_messages(directory: Path | None = None, locales: list[str] | None = None) -> list[Path]:
    """Compile each language's .po into .mo with msgfmt --check-format (as compilemessages)."""
    directory = Path(directory or locale_dir())
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        raise RuntimeError("GNU gettext is not installed (apt-get install gettext): msgfmt was not found.")
    compiled = []
    for locale in locales or locale_names():
        po = po_path(directory, locale)
        if po.exists():
            mo = po.with_suffix(".mo")
            subprocess.run(  # noqa: S603 (fixed program, our own paths)
                [msgfmt, "--check-format", "-o", str(mo), str(po)], check=True, capture_output=True
            )
            compiled.append(mo)
    return compiled


def package_messages() -> set[tuple[str | None, str]]:
    """(context, msgid) of every message of the installed packages (their English catalogues)."""
    ours = {Path(path).resolve() for path in settings.LOCALE_PATHS}
    paths = [Path(django.__file__).parent / "conf" / "locale"]
    paths += [Path(config.path) / "locale" for config in apps.get_app_configs()]
    found = set()
    for path in paths:
        po = path / "en" / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.exists() and path.resolve() not in ours:
            found.update((entry.msgctxt, entry.msgid) for entry in polib.pofile(str(po)) if entry.msgid)
    return found


def stale_wagtail_catalogues(directory: Path | None = None) -> list[str]:
    """Problems of the hand-kept catalogues of Wagtail's missing messages; empty when sound."""
    directory = Path(directory or wagtail_locale_dir())
    known = package_messages()
    problems = []
    with tempfile.TemporaryDirectory(prefix="sid-wagtail-messages-") as tmp:
        for locale in locale_names():
            po = po_path(directory, locale)
            if not po.exists():
                continue
            for entry in polib.pofile(str(po)):
                if not entry.msgid:
                    continue
                if (entry.msgctxt, entry.msgid) not in known:
                    problems.append(f"{locale}: {entry.msgid!r} is no message of an installed package")
                elif entry.fuzzy or not (entry.msgstr or any((entry.msgstr_plural or {}).values())):
                    problems.append(f"{locale}: {entry.msgid!r} has no translation")
            copy = po_path(Path(tmp), locale)
            copy.parent.mkdir(parents=True)
            shutil.copy(po, copy)
            compile_messages(Path(tmp), locales=[locale])
            mo = po.with_suffix(".mo")
            if not mo.exists() or not filecmp.cmp(mo, copy.with_suffix(".mo"), shallow=False):
                problems.append(f"{locale}: {mo.name} is missing or not compiled from {po.name} (wagtail_locale)")
    return problems


def _comparable(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if not line.startswith(HEADER_LINES_IGNORED)]


def stale_catalogues(directory: Path | None = None) -> list[str]:
    """Catalogues (or compiled files) that differ from a fresh extraction; empty when current."""
    directory = Path(directory or locale_dir())
    problems = []
    with tempfile.TemporaryDirectory(prefix="sid-messages-") as tmp:
        fresh = Path(tmp) / "locale"
        if directory.exists():
            shutil.copytree(directory, fresh)
        make_messages(fresh)
        compile_messages(fresh)
        for locale in locale_names():
            committed, regenerated = po_path(directory, locale), po_path(fresh, locale)
            if not committed.exists():
                problems.append(f"{locale}: {committed.name} is missing")
            elif _comparable(committed) != _comparable(regenerated):
                problems.append(f"{locale}: {committed.name} is out of date")
            else:
                mo = committed.with_suffix(".mo")
                check_mo = regenerated.with_suffix(".mo")
                if not mo.exists() or not filecmp.cmp(mo, check_mo, shallow=False):
                    problems.append(f"{locale}: {mo.name} is missing or not compiled from {committed.name}")
    return problems


@dataclass(frozen=True)
class CatalogueCoverage:
    language: str
    locale: str
    exists: bool
    total: int = 0
    translated: int = 0
    fuzzy: int = 0

    @property
    def untranslated(self) -> int:
        return self.total - self.translated

    @property
    def percent(self) -> int:
        return int(100 * self.translated / self.total) if self.total else 0


def catalogue_coverage(directory: Path | None = None) -> list[CatalogueCoverage]:
    """Per language: messages in the catalogue and how many are translated (fuzzy excluded).

    English is the source language: its catalogue needs no translations and is left out.
    """
    directory = Path(directory or locale_dir())
    result = []
    for code in LANGUAGE_CODES:
        if code == DEFAULT_LANGUAGE:
            continue
        locale = to_locale(code)
        path = po_path(directory, locale)
        if not path.exists():
            result.append(CatalogueCoverage(code, locale, exists=False))
            continue
        stat = path.stat()
        total, translated, fuzzy = _counted(str(path), stat.st_ino, stat.st_mtime_ns, stat.st_size)
        result.append(CatalogueCoverage(code, locale, exists=True, total=total, translated=translated, fuzzy=fuzzy))
    return result


@functools.lru_cache(maxsize=64)
def _counted(path: str, inode: int, mtime_ns: int, size: int) -> tuple[int, int, int]:
    """A catalogue's messages, translated and fuzzy, read once per version of the file
    (parsing the ten catalogues took about a second of each coverage page)."""
    catalogue = polib.pofile(path)
    entries = [entry for entry in catalogue if not entry.obsolete]
    return len(entries), len(catalogue.translated_entries()), len(catalogue.fuzzy_entries())
