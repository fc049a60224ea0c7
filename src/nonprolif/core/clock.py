"""What day it is for the product's date rules: the real clock, or the date NONPROLIF_TODAY fixes.

Every date rule (overdue, nomination windows, "upcoming", certificate dates, invitation expiry,
reports) asks ``today()`` or ``now()`` here, never ``date.today()`` or ``timezone.now()``. The
demo fixes the date inside its 2009 program; a deployment leaves it unset. Security clocks
(sessions, tokens, lockouts, second factor, audit timestamps) keep the real time: they are not
date rules of the program.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone


def fixed_date() -> dt.date | None:
    """The date NONPROLIF_TODAY fixes, or None on the real clock."""
    return getattr(settings, "NONPROLIF_TODAY", None)


def today() -> dt.date:
    """Today in the deployment's time zone (the fixed date when NONPROLIF_TODAY is set)."""
    return fixed_date() or timezone.localdate()


def now() -> dt.datetime:
    """Now, aware and in UTC like ``timezone.now()``: the real time of day on ``today()``
    (the fixed date in the deployment's time zone when NONPROLIF_TODAY is set)."""
    fixed = fixed_date()
    if fixed is None:
        return timezone.now()
    local = timezone.localtime().replace(year=fixed.year, month=fixed.month, day=fixed.day)
    return local.astimezone(dt.UTC)


def parse_today(value: str | None) -> dt.date | None:
    """NONPROLIF_TODAY's value as a date (ISO, YYYY-MM-DD); empty means the real clock."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as error:
        raise ValueError(f"NONPROLIF_TODAY must be a date as YYYY-MM-DD, not {value!r}") from error
