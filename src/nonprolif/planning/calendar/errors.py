"""Bad input to the calendar engine: the error, and the checks that raise it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime


class RuleError(ValueError):
    """Bad input to the engine. ``field`` names the offending field, ``problem`` says why."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


def is_whole_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def date_set(field_name: str, dates: Iterable[date]) -> frozenset[date]:
    if isinstance(dates, date | str) or not isinstance(dates, Iterable):
        raise RuleError(field_name, f"must be a collection of dates, got {dates!r}")
    result = frozenset(dates)
    for day in sorted(result, key=repr):
        if isinstance(day, datetime) or not isinstance(day, date):
            raise RuleError(field_name, f"must contain only dates, got {day!r}")
    return result
