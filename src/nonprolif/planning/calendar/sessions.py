"""Generation: a rule on a calendar becomes dated sessions, each move explained (rules 2-4)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from .business import BusinessCalendar, Cause, DayOff
from .dates import ONE_DAY, join_and, named_day
from .errors import RuleError
from .series import Convention, SeriesRule


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
            until = named_day(self.after_previous)
            if clauses:
                clauses.append(f"the previous session runs until {until}")
            else:
                clauses.append(
                    f"{self.planned.isoformat()} is before the previous session ends on {until}"
                )
        for off in self.skipped:
            if off is not planned_off and off.causes != (Cause.WEEKEND,):
                clauses.append(f"{off.day.isoformat()} is {off.describe()}")
        return f"{join_and(clauses)}, moved to {named_day(self.to)}"


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
        sessions.append(_place(previous.end + ONE_DAY, back_to_back, calendar, previous))
    return dict(zip(agencies, sessions, strict=True))


def _place(
    planned: date, rule: SeriesRule, calendar: BusinessCalendar, previous: PlannedSession | None
) -> PlannedSession:
    start, skipped = calendar.adjust(planned, rule.convention)
    after_previous = None
    if previous is not None and start <= previous.end:
        after_previous = previous.end
        start, walked = calendar.adjust(previous.end + ONE_DAY, Convention.NEXT)
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
