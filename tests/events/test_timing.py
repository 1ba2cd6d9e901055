import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from campaign.events.timing import all_day_bounds, make_aware, utc_offset_label


def test_spring_gap_is_refused_with_a_clear_message():
    # Europe/Brussels skips 02:00–03:00 on 28 March 2027.
    with pytest.raises(ValidationError) as error:
        make_aware(datetime.datetime(2027, 3, 28, 2, 30), "Europe/Brussels")
    assert "does not exist in Europe/Brussels" in str(error.value.messages[0] % error.value.params)


def test_autumn_fold_takes_the_first_occurrence():
    moment = make_aware(datetime.datetime(2027, 10, 31, 2, 30), "Europe/Brussels")
    assert moment.utcoffset() == datetime.timedelta(hours=2)
    assert moment.astimezone(datetime.UTC).hour == 0


def test_offsets_either_side_of_a_clock_change():
    before = make_aware(datetime.datetime(2027, 3, 27, 12), "Europe/Brussels")
    after = make_aware(datetime.datetime(2027, 3, 28, 12), "Europe/Brussels")
    assert utc_offset_label(before) == "UTC+01:00"
    assert utc_offset_label(after) == "UTC+02:00"
    # The day clocks go forward is 23 hours long (compare instants, not wall clocks).
    assert after.astimezone(datetime.UTC) - before.astimezone(datetime.UTC) == datetime.timedelta(hours=23)
    assert utc_offset_label(make_aware(datetime.datetime(2027, 2, 9, 9), "Asia/Kolkata")) == "UTC+05:30"
    assert utc_offset_label(make_aware(datetime.datetime(2027, 2, 9, 9), "America/Sao_Paulo")) == "UTC\u221203:00"
    assert utc_offset_label(make_aware(datetime.datetime(2027, 2, 9, 9), "Africa/Abidjan")) == "UTC"


def test_date_line_same_instant_two_dates():
    samoa = make_aware(datetime.datetime(2027, 2, 9, 8), "Pacific/Apia")  # UTC+13
    pago = samoa.astimezone(zoneinfo.ZoneInfo("Pacific/Pago_Pago"))  # UTC−11, 80 km away
    assert samoa.date() == datetime.date(2027, 2, 9)
    assert pago.date() == datetime.date(2027, 2, 8)
    assert utc_offset_label(samoa) == "UTC+13:00"


def test_all_day_bounds_are_local_midnights_with_exclusive_end():
    start, end = all_day_bounds(datetime.date(2027, 3, 27), datetime.date(2027, 3, 28), "Europe/Brussels")
    assert start.isoformat() == "2027-03-27T00:00:00+01:00"
    assert end.isoformat() == "2027-03-29T00:00:00+02:00"


def test_unknown_zone():
    with pytest.raises(ValidationError):
        make_aware(datetime.datetime(2027, 2, 9, 9), "Mars/Olympus_Mons")
