"""The campaign's date rule: "the second day of the second week of the second month".

Derived from the known dates 2019-02-05, 2024-02-06 and 2025-02-11. Weeks start on Monday
(the second day is Tuesday), and the first week of February is the first week in which
February has a school day (Monday to Friday): when 1 February falls on a weekend, the week
it belongs to is January's. So:

* 2019: 1 Feb is a Friday, its week (28 Jan–3 Feb) is week one, Tuesday of week two = 5 Feb;
* 2024: 1 Feb is a Thursday, week one starts 29 Jan, so 6 Feb;
* 2025: 1 Feb is a Saturday, week one starts Monday 3 Feb, so 11 Feb.

Simpler readings fail one of the three: "the week containing 1 February" gives 4 Feb 2025,
"the first full week" gives 13 Feb 2024, and ISO's Thursday rule gives 12 Feb 2019.
"""

from __future__ import annotations

import datetime

MONTH = 2  # the second month
DAY_OF_WEEK = 1  # the second day of a Monday-first week (Monday is 0)
WEEK = 2  # the second week


def campaign_date(year: int) -> datetime.date:
    first = datetime.date(year, MONTH, 1)
    # The first school day of the month decides which week is the first one.
    first_school_day = first
    while first_school_day.weekday() > 4:
        first_school_day += datetime.timedelta(days=1)
    week_one_monday = first_school_day - datetime.timedelta(days=first_school_day.weekday())
    return week_one_monday + datetime.timedelta(weeks=WEEK - 1, days=DAY_OF_WEEK)
