"""Series rules: when sessions are planned, before any business-day move (rule 1)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime

from .dates import add_months, nth_weekday_of_month
from .errors import RuleError, date_set, is_whole_number


class Convention(enum.StrEnum):
    """Where a planned date that is not a business day goes."""

    NEXT = "next"  # the first business day after it
    PREVIOUS = "previous"  # the last business day before it
    NEAREST = "nearest"  # the closer of those two; on a tie the later one (NEXT) wins


@dataclass(frozen=True)
class NthWeekday:
    """The n-th weekday of the month: weekday 0 (Monday) .. 6 (Sunday), n 1..5 or -1 (last).

    ``NthWeekday(weekday=4, n=3)`` is "every third Friday".
    """

    weekday: int
    n: int

    def __post_init__(self) -> None:
        if not is_whole_number(self.weekday) or not 0 <= self.weekday <= 6:
            raise RuleError(
                "nth_weekday.weekday",
                f"must be a weekday number from 0 (Monday) to 6 (Sunday), got {self.weekday!r}",
            )
        if not is_whole_number(self.n) or self.n not in (1, 2, 3, 4, 5, -1):
            raise RuleError("nth_weekday.n", f"must be 1 to 5, or -1 for the last, got {self.n!r}")

    def in_month(self, year: int, month: int) -> date:
        return nth_weekday_of_month(year, month, self.weekday, self.n)


@dataclass(frozen=True)
class SeriesRule:
    """A series of ``count`` sessions, one every ``cadence_months`` months from ``start``.

    ``cadence_months`` may be omitted only for a single session (``count == 1``).
    ``length_days`` counts business days. ``blackout_dates`` are extra non-business days for
    this series only (the calendar carries the program's and the venue's).
    Invalid values raise :class:`RuleError` naming the field.
    """

    start: date
    count: int = 1
    cadence_months: int | None = None
    length_days: int = 1
    convention: Convention = Convention.NEXT
    nth_weekday: NthWeekday | None = None
    blackout_dates: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if isinstance(self.start, datetime) or not isinstance(self.start, date):
            raise RuleError("start", f"must be a date, got {self.start!r}")
        if not is_whole_number(self.count) or self.count < 1:
            raise RuleError("count", f"must be a whole number of at least 1, got {self.count!r}")
        if self.cadence_months is None:
            if self.count > 1:
                raise RuleError(
                    "cadence_months",
                    f"is required when there is more than one session (count is {self.count})",
                )
        elif not is_whole_number(self.cadence_months) or self.cadence_months < 1:
            raise RuleError(
                "cadence_months",
                f"must be a whole number of months, at least 1, got {self.cadence_months!r}",
            )
        if not is_whole_number(self.length_days) or self.length_days < 1:
            raise RuleError(
                "length_days",
                f"must be a whole number of business days, at least 1, got {self.length_days!r}",
            )
        try:
            object.__setattr__(self, "convention", Convention(self.convention))
        except ValueError:
            choices = ", ".join(c.value for c in Convention)
            raise RuleError(
                "convention", f"must be one of {choices}, got {self.convention!r}"
            ) from None
        if self.nth_weekday is not None and not isinstance(self.nth_weekday, NthWeekday):
            raise RuleError("nth_weekday", f"must be an NthWeekday, got {self.nth_weekday!r}")
        object.__setattr__(self, "blackout_dates", date_set("blackout_dates", self.blackout_dates))
        # The whole series must stay within the calendar (with a year to spare for moves).
        span = (self.count - 1) * (self.cadence_months or 0) + 12
        if self.start.year * 12 + self.start.month - 1 + span > date.max.year * 12 + 11:
            raise RuleError("count", "the series would run beyond year 9999")

    def planned_dates(self) -> list[date]:
        """Where each session would fall before any business-day move (rule 1)."""
        step = self.cadence_months or 0
        if self.nth_weekday is None:
            return [add_months(self.start, i * step) for i in range(self.count)]
        first = date(self.start.year, self.start.month, 1)
        if self.nth_weekday.in_month(first.year, first.month) < self.start:
            first = add_months(first, 1)
        months = (add_months(first, i * step) for i in range(self.count))
        return [self.nth_weekday.in_month(m.year, m.month) for m in months]
