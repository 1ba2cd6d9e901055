import datetime

import pytest

from campaign.editions.dates import campaign_date
from campaign.editions.models import Edition, Phase

# Safer Internet Day as actually held; the three given in the issue, and 2020–2030.
KNOWN = {
    2019: datetime.date(2019, 2, 5),
    2024: datetime.date(2024, 2, 6),
    2025: datetime.date(2025, 2, 11),
}
RULE_2020_2030 = {
    2020: datetime.date(2020, 2, 11),
    2021: datetime.date(2021, 2, 9),
    2022: datetime.date(2022, 2, 8),
    2023: datetime.date(2023, 2, 7),
    2024: datetime.date(2024, 2, 6),
    2025: datetime.date(2025, 2, 11),
    2026: datetime.date(2026, 2, 10),
    2027: datetime.date(2027, 2, 9),
    2028: datetime.date(2028, 2, 8),
    2029: datetime.date(2029, 2, 6),
    2030: datetime.date(2030, 2, 5),
}


@pytest.mark.parametrize("year,expected", sorted({**KNOWN, **RULE_2020_2030}.items()))
def test_rule_gives_the_known_dates(year, expected):
    assert campaign_date(year) == expected


@pytest.mark.parametrize("year", range(2020, 2031))
def test_rule_is_second_tuesday_of_the_first_february_school_week(year):
    day = campaign_date(year)
    assert day.month == 2 and day.weekday() == 1  # a Tuesday in February
    # Week one is the Monday-first week holding February's first school day (Mon–Fri).
    first_school_day = next(datetime.date(year, 2, d) for d in range(1, 8) if datetime.date(year, 2, d).weekday() < 5)
    week_one_monday = first_school_day - datetime.timedelta(days=first_school_day.weekday())
    assert (day - week_one_monday).days == 8


@pytest.mark.django_db
def test_override_wins_and_must_stay_in_its_year():
    from django.core.exceptions import ValidationError

    edition = Edition(year=2027, theme="T", date_override=datetime.date(2027, 2, 16))
    assert edition.rule_date == datetime.date(2027, 2, 9)
    assert edition.date == datetime.date(2027, 2, 16)
    edition.date_override = datetime.date(2026, 2, 16)
    with pytest.raises(ValidationError):
        edition.clean()


def _at(year, month, day, hour, zone="UTC"):
    import zoneinfo

    return datetime.datetime(year, month, day, hour, tzinfo=zoneinfo.ZoneInfo(zone))


def test_phases_follow_the_regions_time_zone():
    edition = Edition(year=2027, theme="T")  # 9 February 2027
    # 8 Feb 20:00 UTC is already 9 Feb in Tokyo and Auckland, still 8 Feb in Mexico City.
    moment = _at(2027, 2, 8, 20)
    assert edition.phase("Asia/Tokyo", moment) == Phase.DAY
    assert edition.phase("Pacific/Auckland", moment) == Phase.DAY
    assert edition.phase("America/Mexico_City", moment) == Phase.WEEK
    assert edition.days_to_go("America/Mexico_City", moment) == 1
    assert edition.phase("UTC", _at(2027, 1, 1, 12)) == Phase.BEFORE
    assert edition.days_to_go("UTC", _at(2027, 1, 1, 12)) == 39
    assert edition.phase("Pacific/Pago_Pago", _at(2027, 2, 10, 10)) == Phase.DAY  # UTC−11, across the date line
    assert edition.phase("Pacific/Kiritimati", _at(2027, 2, 10, 10)) == Phase.AFTER  # UTC+14


@pytest.mark.django_db
def test_current_edition_looks_back_then_moves_on():
    e26 = Edition.objects.create(year=2026, theme="Twenty-six")
    e27 = Edition.objects.create(year=2027, theme="Twenty-seven")
    assert Edition.objects.current(datetime.date(2026, 1, 5)) == e26
    assert Edition.objects.current(datetime.date(2026, 2, 20)) == e26  # look back
    assert Edition.objects.current(datetime.date(2026, 11, 28)) == e27
    assert Edition.objects.current(datetime.date(2028, 6, 1)) == e27  # none later: the latest
