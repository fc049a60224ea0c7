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
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

import holidays

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

# Fixed English names, independent of the process locale (``calendar.day_name`` is not).
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_ONE_DAY = timedelta(days=1)


class RuleError(ValueError):
    """Bad input to the engine. ``field`` names the offending field, ``problem`` says why."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


class Convention(enum.StrEnum):
    """Where a planned date that is not a business day goes."""

    NEXT = "next"  # the first business day after it
    PREVIOUS = "previous"  # the last business day before it
    NEAREST = "nearest"  # the closer of those two; on a tie the later one (NEXT) wins


class Cause(enum.StrEnum):
    """Why a day is not a business day (machine-readable, for translation)."""

    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    BLACKOUT = "blackout"


# --------------------------------------------------------------------------- date arithmetic


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


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class NthWeekday:
    """The n-th weekday of the month: weekday 0 (Monday) .. 6 (Sunday), n 1..5 or -1 (last).

    ``NthWeekday(weekday=4, n=3)`` is "every third Friday".
    """

    weekday: int
    n: int

    def __post_init__(self) -> None:
        if not _is_int(self.weekday) or not 0 <= self.weekday <= 6:
            raise RuleError(
                "nth_weekday.weekday",
                f"must be a weekday number from 0 (Monday) to 6 (Sunday), got {self.weekday!r}",
            )
        if not _is_int(self.n) or self.n not in (1, 2, 3, 4, 5, -1):
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
        if not _is_int(self.count) or self.count < 1:
            raise RuleError("count", f"must be a whole number of at least 1, got {self.count!r}")
        if self.cadence_months is None:
            if self.count > 1:
                raise RuleError(
                    "cadence_months",
                    f"is required when there is more than one session (count is {self.count})",
                )
        elif not _is_int(self.cadence_months) or self.cadence_months < 1:
            raise RuleError(
                "cadence_months",
                f"must be a whole number of months, at least 1, got {self.cadence_months!r}",
            )
        if not _is_int(self.length_days) or self.length_days < 1:
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
        object.__setattr__(self, "blackout_dates", _date_set("blackout_dates", self.blackout_dates))
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


# --------------------------------------------------------------------------- business calendar


@dataclass(frozen=True)
class DayOff:
    """A non-business day and every reason it is one."""

    day: date
    causes: tuple[Cause, ...]  # in the order WEEKEND, HOLIDAY, BLACKOUT
    holiday_name: str | None = None

    @property
    def weekday(self) -> int:
        return self.day.weekday()

    def describe(self) -> str:
        """English, e.g. "a Saturday", "a holiday (Día de la Revolución)", "a blackout date"."""
        parts = []
        for cause in self.causes:
            if cause is Cause.WEEKEND:
                parts.append(f"a {WEEKDAY_NAMES[self.day.weekday()]}")
            elif cause is Cause.HOLIDAY:
                parts.append(f"a holiday ({self.holiday_name})")
            else:
                parts.append("a blackout date")
        return _join_and(parts)


@dataclass(frozen=True)
class BusinessCalendar:
    """Business days of one country (and optional subdivision), minus blackout dates.

    Holidays come from the ``holidays`` package, named in ``language`` (default: the country's
    own language, e.g. Spanish for Mexico; never the process locale). Weekend days default to
    the country's (Saturday and Sunday for Mexico). Bad values raise :class:`RuleError`.
    """

    country: str = "MX"
    subdivision: str | None = None
    blackout_dates: frozenset[date] = field(default_factory=frozenset)
    language: str | None = None
    weekend: frozenset[int] | None = None
    _holidays: holidays.HolidayBase = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        try:
            probe = holidays.country_holidays(self.country, subdiv=self.subdivision, years=())
        except NotImplementedError as exc:
            field_name = "subdivision" if "subdivision" in str(exc) else "country"
            value = self.subdivision if field_name == "subdivision" else self.country
            raise RuleError(field_name, f"no holiday calendar for {value!r}") from None
        language = self.language or probe.default_language
        if language not in probe.supported_languages:
            choices = ", ".join(sorted(probe.supported_languages))
            raise RuleError(
                "language", f"holiday names for {self.country} exist in {choices}, not {language!r}"
            )
        object.__setattr__(self, "language", language)
        object.__setattr__(
            self,
            "_holidays",
            holidays.country_holidays(self.country, subdiv=self.subdivision, language=language),
        )
        weekend = frozenset(probe.weekend) if self.weekend is None else frozenset(self.weekend)
        if any(not _is_int(d) or not 0 <= d <= 6 for d in weekend) or len(weekend) > 6:
            raise RuleError("weekend", "must be weekday numbers 0 (Monday) to 6, not all seven")
        object.__setattr__(self, "weekend", weekend)
        object.__setattr__(self, "blackout_dates", _date_set("blackout_dates", self.blackout_dates))

    def with_blackouts(self, extra: Iterable[date]) -> BusinessCalendar:
        """The same calendar with ``extra`` blackout dates added."""
        extra = _date_set("blackout_dates", extra)
        if extra <= self.blackout_dates:
            return self
        return replace(self, blackout_dates=self.blackout_dates | extra)

    def holiday_name(self, day: date) -> str | None:
        return self._holidays.get(day)

    def day_off(self, day: date) -> DayOff | None:
        """Why ``day`` is not a business day, or None when it is one."""
        causes = []
        if day.weekday() in self.weekend:
            causes.append(Cause.WEEKEND)
        name = self.holiday_name(day)
        if name is not None:
            causes.append(Cause.HOLIDAY)
        if day in self.blackout_dates:
            causes.append(Cause.BLACKOUT)
        if not causes:
            return None
        return DayOff(day=day, causes=tuple(causes), holiday_name=name)

    def is_business_day(self, day: date) -> bool:
        return self.day_off(day) is None

    def reason(self, day: date) -> str | None:
        """English description of why ``day`` is off ("a Saturday"), None on a business day."""
        off = self.day_off(day)
        return None if off is None else off.describe()

    def next_business_day(self, day: date) -> date:
        """``day`` itself when it is a business day, else the first one after it."""
        return self._walk(day, _ONE_DAY)[0]

    def previous_business_day(self, day: date) -> date:
        """``day`` itself when it is a business day, else the last one before it."""
        return self._walk(day, -_ONE_DAY)[0]

    def adjust(self, day: date, convention: Convention) -> tuple[date, tuple[DayOff, ...]]:
        """Apply ``convention`` to ``day``: the business day and the days off passed over."""
        if convention is Convention.NEXT:
            return self._walk(day, _ONE_DAY)
        if convention is Convention.PREVIOUS:
            return self._walk(day, -_ONE_DAY)
        after, skipped_after = self._walk(day, _ONE_DAY)
        before, skipped_before = self._walk(day, -_ONE_DAY)
        if day - before < after - day:
            return before, skipped_before
        return after, skipped_after

    def business_days(self, start: date, count: int) -> tuple[date, ...]:
        """The first ``count`` business days on or after ``start``."""
        days = []
        day = start
        while len(days) < count:
            day = self.next_business_day(day)
            days.append(day)
            day += _ONE_DAY
        return tuple(days)

    def _walk(self, day: date, step: timedelta) -> tuple[date, tuple[DayOff, ...]]:
        skipped = []
        while (off := self.day_off(day)) is not None:
            skipped.append(off)
            day += step
        return day, tuple(skipped)


def combine_blackouts(*date_sets: Iterable[date] | None) -> frozenset[date]:
    """One set of blackout dates from several (e.g. the program's and the venue's)."""
    combined: set[date] = set()
    for index, dates in enumerate(date_sets):
        if dates is not None:
            combined |= _date_set(f"blackout_dates[{index}]", dates)
    return frozenset(combined)


# --------------------------------------------------------------------------- output


@dataclass(frozen=True)
class Move:
    """Why a session does not start on its planned date (structured, for translation).

    ``skipped`` lists the non-business days passed over, in the order they were passed,
    starting with the planned date when it is one. ``after_previous`` is the previous
    session's last day when that session forced this one later (rule 3); ``skipped`` then
    holds the planned date (if off) and the days off between that last day and the new start.
    """

    planned: date
    to: date
    convention: Convention
    skipped: tuple[DayOff, ...] = ()
    after_previous: date | None = None

    @property
    def planned_off(self) -> DayOff | None:
        """The planned date's own reasons for being off, if it is a non-business day."""
        if self.skipped and self.skipped[0].day == self.planned:
            return self.skipped[0]
        return None

    @property
    def reason(self) -> str:
        """English, e.g. "2010-01-23 is a Saturday, moved to Monday 2010-01-25".

        Names the planned date's reasons, the previous session when it forced the move, and
        every other day passed over that is not a plain weekend day (a holiday, a blackout).
        """
        clauses = []
        planned_off = self.planned_off
        if planned_off is not None:
            clauses.append(f"{self.planned.isoformat()} is {planned_off.describe()}")
        if self.after_previous is not None:
            until = _named(self.after_previous)
            if clauses:
                clauses.append(f"the previous session runs until {until}")
            else:
                clauses.append(
                    f"{self.planned.isoformat()} is before the previous session ends on {until}"
                )
        for off in self.skipped:
            if off is not planned_off and off.causes != (Cause.WEEKEND,):
                clauses.append(f"{off.day.isoformat()} is {off.describe()}")
        return f"{_join_and(clauses)}, moved to {_named(self.to)}"


@dataclass(frozen=True)
class PlannedSession:
    """One generated session: where it would have fallen, where it is, the days it runs."""

    index: int  # 1-based, in order
    planned: date  # before any move
    start: date
    end: date  # the last business day it occupies
    days: tuple[date, ...]  # the business days it occupies, in order
    move: Move | None = None

    @property
    def moved(self) -> bool:
        return self.move is not None

    @property
    def reason(self) -> str | None:
        return None if self.move is None else self.move.reason


# --------------------------------------------------------------------------- generation


def generate(rule: SeriesRule, calendar: BusinessCalendar) -> list[PlannedSession]:
    """The rule's sessions on the calendar, in order, each with its move explained."""
    if not isinstance(rule, SeriesRule):
        raise RuleError("rule", f"must be a SeriesRule, got {rule!r}")
    if not isinstance(calendar, BusinessCalendar):
        raise RuleError("calendar", f"must be a BusinessCalendar, got {calendar!r}")
    calendar = calendar.with_blackouts(rule.blackout_dates)
    sessions: list[PlannedSession] = []
    for planned in rule.planned_dates():
        sessions.append(_place(planned, rule, calendar, sessions[-1] if sessions else None))
    return sessions


def generate_per_agency(
    rule: SeriesRule, calendar: BusinessCalendar, agencies: Sequence[str]
) -> dict[str, PlannedSession]:
    """One session per target agency, in the given agency order, placed by the same rules.

    The rule's ``count`` must be 1 (then it becomes the number of agencies) or equal the
    number of agencies. With a cadence, the agencies' sessions follow it like any series.
    Without one, they run back to back: each is planned for the day after the previous
    agency's session ends and moves forward to the next business day (NEXT whatever the
    rule's convention, since any earlier day would overlap); the first one is placed at
    ``start`` by the rule's convention.
    """
    if isinstance(agencies, str) or not isinstance(agencies, Sequence):
        raise RuleError("agencies", "must be a list of agency codes")
    if not agencies:
        raise RuleError("agencies", "at least one target agency is required")
    seen: set[str] = set()
    for agency in agencies:
        if not isinstance(agency, str) or not agency.strip():
            raise RuleError("agencies", f"every agency must be a non-blank code, got {agency!r}")
        if agency in seen:
            raise RuleError("agencies", f"{agency!r} is listed more than once")
        seen.add(agency)
    if rule.count not in (1, len(agencies)):
        raise RuleError(
            "count",
            f"must be 1 or the number of agencies ({len(agencies)}) for one session per agency, "
            f"got {rule.count}",
        )
    if rule.cadence_months is not None:
        sessions = generate(replace(rule, count=len(agencies)), calendar)
        return dict(zip(agencies, sessions, strict=True))

    calendar = calendar.with_blackouts(rule.blackout_dates)
    back_to_back = replace(rule, convention=Convention.NEXT)
    sessions = [_place(rule.start, rule, calendar, None)]
    for _ in agencies[1:]:
        previous = sessions[-1]
        sessions.append(_place(previous.end + _ONE_DAY, back_to_back, calendar, previous))
    return dict(zip(agencies, sessions, strict=True))


def _place(
    planned: date, rule: SeriesRule, calendar: BusinessCalendar, previous: PlannedSession | None
) -> PlannedSession:
    start, skipped = calendar.adjust(planned, rule.convention)
    after_previous = None
    if previous is not None and start <= previous.end:
        after_previous = previous.end
        start, walked = calendar.adjust(previous.end + _ONE_DAY, Convention.NEXT)
        planned_off = skipped[:1] if skipped and skipped[0].day == planned else ()
        skipped = planned_off + tuple(off for off in walked if off.day != planned)
    days = calendar.business_days(start, rule.length_days)
    move = None
    if start != planned:
        move = Move(
            planned=planned,
            to=start,
            convention=rule.convention,
            skipped=skipped,
            after_previous=after_previous,
        )
    return PlannedSession(
        index=previous.index + 1 if previous else 1,
        planned=planned,
        start=start,
        end=days[-1],
        days=days,
        move=move,
    )


# --------------------------------------------------------------------------- helpers


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _date_set(field_name: str, dates: Iterable[date]) -> frozenset[date]:
    if isinstance(dates, date | str) or not isinstance(dates, Iterable):
        raise RuleError(field_name, f"must be a collection of dates, got {dates!r}")
    result = frozenset(dates)
    for day in sorted(result, key=repr):
        if isinstance(day, datetime) or not isinstance(day, date):
            raise RuleError(field_name, f"must contain only dates, got {day!r}")
    return result


def _named(day: date) -> str:
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.isoformat()}"


def _join_and(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"
