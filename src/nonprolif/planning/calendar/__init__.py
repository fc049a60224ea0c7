"""The calendar engine: series rules in, dated and explained sessions out.

Pure Python (standard library plus the ``holidays`` package); no Django. The training app
turns what the government accepted into a :class:`SeriesRule`, builds a
:class:`BusinessCalendar` for the program's country with the program's and the venue's
blackout dates, and calls :func:`generate` (or :func:`generate_per_agency` for items that give
each target agency its own session). It stores what comes back and translates the structured
:class:`Move` for people; the English :attr:`Move.reason` is for logs, the CLI and tests.

How dates are placed (the rules, in order):

1. *Planned date.* Occurrence ``i`` (0-based) is planned ``i * cadence_months`` months after
   ``start``, always counted from ``start`` (never from the previous occurrence), keeping the
   start's day of month and clamping it to the month's last day: 31 Jan + 1 month is 28 Feb
   (29 Feb in a leap year), + 2 months is 31 Mar. With an :class:`NthWeekday` rule the day of
   month is replaced by "the n-th <weekday> of that month" (the fifth is clamped to the last
   when a month has only four); the first month is the first one, counting from ``start``'s
   month, whose n-th weekday falls on or after ``start``.
2. *Business-day convention.* A planned date that is not a business day (a weekend day, a
   holiday of the calendar's country, a blackout date of the calendar or of the rule) moves by
   the rule's :class:`Convention`: NEXT (default) to the first business day after it, PREVIOUS
   to the last one before it, NEAREST to the closer of the two, the later one on a tie.
3. *Order.* A session never starts before the business day following the previous session's
   last day. When the convention (or the planned date itself) would start it earlier, it moves
   forward to that day and its :class:`Move` says so (``after_previous``). Sessions therefore
   never overlap and come out in planned order.
4. *Running.* A session of ``length_days`` occupies that many consecutive *business* days from
   its start, skipping non-business days in between; it never runs on a non-business day and
   its ``end`` is the last business day it occupies.

The engine is deterministic: the same rule, calendar and agencies always give equal output
(sets are only ever used for membership, never iterated into the result).

The package: ``errors.py`` (RuleError and the input checks), ``dates.py`` (month arithmetic,
n-th weekdays, names of days), ``series.py`` (the rule, rule 1), ``business.py`` (the business
calendar, rule 2), ``sessions.py`` (generation and the explained moves, rules 2-4).
"""

from .business import BusinessCalendar, Cause, DayOff, combine_blackouts
from .dates import add_months, nth_weekday_of_month
from .errors import RuleError
from .series import Convention, NthWeekday, SeriesRule
from .sessions import Move, PlannedSession, generate, generate_per_agency

__all__ = [
    "BusinessCalendar",
    "Cause",
    "Convention",
    "DayOff",
    "Move",
    "NthWeekday",
    "PlannedSession",
    "RuleError",
    "SeriesRule",
    "add_months",
    "combine_blackouts",
    "generate",
    "generate_per_agency",
    "nth_weekday_of_month",
]
