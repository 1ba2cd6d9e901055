"""Reading spreadsheet cells and refusing hostile files: no database, fast."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from campaign.events.bulk import cells
from campaign.events.bulk.reading import FileRefused, read_rows
from tests.fixtures.event_spreadsheets import DATE_WRITERS, HOSTILE, hostile_file
from translations.core.languages import LANGUAGE_CODES

DAY = datetime.date(2027, 2, 9)  # 9 February: day and month differ, so the order matters


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_dates_as_each_language_writes_them(language):
    written = DATE_WRITERS[language](DAY)
    assert cells.read_date(written, language) == DAY
    assert cells.read_date("2027-02-09", language) == DAY  # ISO always
    with translation.override(language), pytest.raises(ValidationError):
        cells.read_date("31/02/2027", language)


@pytest.mark.parametrize(
    ("value", "zone"),
    [
        ("Europe/Brussels", "Europe/Brussels"),
        ("asia/tokyo", "Asia/Tokyo"),
        ("America/Sao Paulo", "America/Sao_Paulo"),
        ("UTC", "UTC"),
        ("UTC+2", "Etc/GMT-2"),
        ("GMT-03:00", "Etc/GMT+3"),
        ("+09:00", "Etc/GMT-9"),
        ("UTC\u22125", "Etc/GMT+5"),
    ],
)
def test_time_zones_by_name_or_offset(value, zone):
    assert cells.read_zone(value) == zone


def test_zone_errors_are_translated_and_explain():
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        cells.read_zone("UTC+05:30")
    assert "Asia/Kolkata" in error.value.messages[0]
    with pytest.raises(ValidationError):
        cells.read_zone("Mars/Olympus")


@pytest.mark.parametrize(
    ("value", "expected"), [("14:30", (14, 30)), ("14h30", (14, 30)), ("2:30 PM", (14, 30)), ("１４:００", (14, 0))]
)
def test_times(value, expected):
    assert cells.read_time(value) == datetime.time(*expected)


def test_choices_by_code_or_label_in_any_language():
    assert cells.read_choice("Belgique", "country") == "BE"
    assert cells.read_choice("ベルギー", "country") == "BE"
    assert cells.read_choice("be", "country") == "BE"
    from campaign.events.models import Audience

    with translation.override("fr"):
        french = str(Audience.PARENTS.label)
    assert cells.read_choices(f"{french.upper()}; teachers", "audience") == ["parents", "teachers"]
    assert cells.read_bool("oui") is True and cells.read_bool("") is False


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_files_are_refused_with_a_reason_in_the_uploaders_language(kind):
    filename, data = hostile_file(kind)
    with translation.override("fr"), pytest.raises(FileRefused) as refusal:
        read_rows(data, filename)
    message = refusal.value.message
    assert message and "Traceback" not in message
