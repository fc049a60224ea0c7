"""Date arithmetic (months, n-th weekdays) and the English names of days."""

from __future__ import annotations

import calendar as _stdlib_calendar
from datetime import date, timedelta

from .errors import RuleError

# Fixed English names, independent of the process locale (``calendar.day_name`` is not).
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

ONE_DAY = timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months, clamped to the end of the target month.

    >>> add_months(date(2009, 1, 31), 1)
    datetime.date(2009, 2, 28)
    >>> add_months(date(2012, 1, 31), 1)
    datetime.date(2012, 2, 29)
    """
    month_index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(month_index, 12)
    if not date.min.year <= year <= date.max.year:
        raise RuleError("start", f"{months} months after {day.isoformat()} is beyond year 9999")
    last = _stdlib_calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def nth_weekday_of_month(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` (0 = Monday) of the month; ``n = -1`` is the last one.

    ``n = 5`` in a month with only four such weekdays gives the fourth (the last one).
    """
    first_weekday, days_in_month = _stdlib_calendar.monthrange(year, month)
    first = 1 + (weekday - first_weekday) % 7
    last = first + 7 * ((days_in_month - first) // 7)
    if n == -1:
        return date(year, month, last)
    return date(year, month, min(first + 7 * (n - 1), last))


def named_day(day: date) -> str:
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.isoformat()}"


def join_and(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"
