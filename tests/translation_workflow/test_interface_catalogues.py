"""Interface message catalogues: generated for ten languages, checked for staleness, counted.

Uses a temporary catalogue directory: translations/locale/ is regenerated centrally.
Needs GNU gettext (xgettext, msgmerge, msgfmt), as CI installs it.
"""

from __future__ import annotations

import shutil
import subprocess

import polib
import pytest
from django.core.management import CommandError, call_command

from translations.core.interface import catalogue_coverage, locale_names, po_path, stale_catalogues


@pytest.fixture(scope="module")
def catalogues(tmp_path_factory):
    directory = tmp_path_factory.mktemp("locale")
    call_command("interface_catalogues", "update", "--locale-dir", str(directory), verbosity=0)
    return directory


def test_update_writes_and_compiles_all_ten_languages(catalogues):
    assert sorted(locale_names()) == sorted(["en", "fr", "es", "pt", "de", "ar", "zh_Hans", "ja", "hi", "sw"])
    for locale in locale_names():
        po = po_path(catalogues, locale)
        assert po.exists() and po.with_suffix(".mo").exists(), locale
        entries = polib.pofile(str(po))
        # Strings from this capability and from the foundation are both extracted.
        assert entries.find("Translation coverage") is not None
        assert entries.find("Translations") is not None
        result = subprocess.run(  # noqa: S603 (fixed program, our own file)
            [shutil.which("msgfmt"), "-c", "-o", "/dev/null", str(po)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr


def test_check_passes_when_current_and_fails_when_stale(catalogues, tmp_path):
    assert stale_catalogues(catalogues) == []
    copy = tmp_path / "locale"
    shutil.copytree(catalogues, copy)
    po = po_path(copy, "pt")
    catalogue = polib.pofile(str(po))
    catalogue.remove(catalogue.find("Translation coverage"))
    catalogue.save()
    problems = stale_catalogues(copy)
    assert problems == ["pt: django.po is out of date"]
    with pytest.raises(CommandError, match="out of date"):
        call_command("interface_catalogues", "check", "--locale-dir", str(copy))
    # A missing language is reported too.
    shutil.rmtree(copy / "sw")
    assert "sw: django.po is missing" in stale_catalogues(copy)


def test_coverage_counts_untranslated_messages(catalogues, tmp_path):
    copy = tmp_path / "locale"
    shutil.copytree(catalogues, copy)
    catalogue = polib.pofile(str(po_path(copy, "fr")))
    catalogue.find("Translation coverage").msgstr = "Couverture des traductions"
    catalogue.save()
    rows = {row.language: row for row in catalogue_coverage(copy)}
    assert "en" not in rows  # the source language
    assert rows["fr"].translated == 1 and rows["fr"].untranslated == rows["fr"].total - 1
    assert rows["pt"].translated == 0 and rows["pt"].untranslated == rows["pt"].total > 100
    with pytest.raises(CommandError, match="Below 100"):
        call_command("interface_catalogues", "coverage", "--locale-dir", str(copy), "--fail-under", "100")


def test_coverage_without_catalogues_says_everything_falls_back(tmp_path):
    rows = catalogue_coverage(tmp_path)
    assert len(rows) == 9 and not any(row.exists for row in rows)
