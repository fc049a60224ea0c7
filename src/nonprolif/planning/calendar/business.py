"""The business calendar: weekends, the country's holidays, blackout dates (rule 2)."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import holidays

from .dates import ONE_DAY, WEEKDAY_NAMES, join_and
from .errors import RuleError, date_set, is_whole_number
from .series import Convention


class Cause(enum.StrEnum):
    """Why a day is not a business day (machine-readable, for translation)."""

    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    BLACKOUT = "blackout"


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
        return join_and(parts)


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
        if any(not is_whole_number(d) or not 0 <= d <= 6 for d in weekend) or len(weekend) > 6:
            raise RuleError("weekend", "must be weekday numbers 0 (Monday) to 6, not all seven")
        object.__setattr__(self, "weekend", weekend)
        object.__setattr__(self, "blackout_dates", date_set("blackout_dates", self.blackout_dates))

    def with_blackouts(self, extra: Iterable[date]) -> BusinessCalendar:
        """The same calendar with ``extra`` blackout dates added."""
        extra = date_set("blackout_dates", extra)
        if extra <= self.blackout_dates:
            return self
        return replace(self, blackout_dates=self.blackout_dates | extra)

    def holiday_name(self, day: date) -> str | None:
        return self._holidays.get(day)

    def day_off(self, day: date) -> DayOff | None:
        """Why ``day`` is not a business day, or None when it is one."""
        causes = []
        # ``weekend`` is None only as an argument; __post_init__ sets the country's default.
        if self.weekend is not None and day.weekday() in self.weekend:
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
        return self._walk(day, ONE_DAY)[0]

    def previous_business_day(self, day: date) -> date:
        """``day`` itself when it is a business day, else the last one before it."""
        return self._walk(day, -ONE_DAY)[0]

    def adjust(self, day: date, convention: Convention) -> tuple[date, tuple[DayOff, ...]]:
        """Apply ``convention`` to ``day``: the business day and the days off passed over."""
        if convention is Convention.NEXT:
            return self._walk(day, ONE_DAY)
        if convention is Convention.PREVIOUS:
            return self._walk(day, -ONE_DAY)
        after, skipped_after = self._walk(day, ONE_DAY)
        before, skipped_before = self._walk(day, -ONE_DAY)
        if day - before < after - day:
            return before, skipped_before
        return after, skipped_after

    def business_days(self, start: date, count: int) -> tuple[date, ...]:
        """The first ``count`` business days on or after ``start``."""
        days: list[date] = []
        day = start
        while len(days) < count:
            day = self.next_business_day(day)
            days.append(day)
            day += ONE_DAY
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
            combined |= date_set(f"blackout_dates[{index}]", dates)
    return frozenset(combined)
