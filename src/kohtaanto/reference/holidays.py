"""Finnish public holidays that fall on weekdays (and Christmas Eve, when workplaces are closed):
plain Python, no data file. Used to leave holidays out of planned working days."""

from __future__ import annotations

import datetime as dt
from functools import cache


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday of `year` (the Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@cache
def holidays(year: int) -> frozenset[dt.date]:
    """New Year's Day, Epiphany, Good Friday, Easter Monday, May Day, Ascension Day, Midsummer
    Eve, Independence Day, Christmas Eve, Christmas Day and Boxing Day of `year`."""
    easter = easter_sunday(year)
    midsummer_eve = next(
        dt.date(year, 6, day) for day in range(19, 26) if dt.date(year, 6, day).weekday() == 4
    )
    return frozenset(
        {
            dt.date(year, 1, 1),
            dt.date(year, 1, 6),
            easter - dt.timedelta(days=2),
            easter + dt.timedelta(days=1),
            dt.date(year, 5, 1),
            easter + dt.timedelta(days=39),
            midsummer_eve,
            dt.date(year, 12, 6),
            dt.date(year, 12, 24),
            dt.date(year, 12, 25),
            dt.date(year, 12, 26),
        }
    )


def is_holiday(day: dt.date) -> bool:
    return day in holidays(day.year)
