"""Checking a document: errors named by their place (``proposals[0].items[3].cohort_size``)."""

from __future__ import annotations

import datetime
from collections.abc import Set
from typing import Any, NoReturn

from django.core.exceptions import ValidationError


def fail(where: str, message: str) -> NoReturn:
    """Raise the ValidationError of one place in the document."""
    raise ValidationError({where: [message]})


def check_entry(
    value: Any, where: str, required: Set[str], optional: Set[str] = frozenset()
) -> dict[str, Any]:
    """``value`` as a dict with every required key and no unknown key."""
    if not isinstance(value, dict):
        fail(where, "expected an object")
    errors = {f"{where}.{name}": ["this field is required"] for name in required - set(value)}
    errors |= {f"{where}.{name}": ["unknown field"] for name in set(value) - required - optional}
    if errors:
        raise ValidationError(dict(sorted(errors.items())))
    return value


def parse_date(value: Any, where: str) -> datetime.date | None:
    """A YYYY-MM-DD date (None stays None)."""
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        fail(where, f"“{value}” is not a date in the form YYYY-MM-DD")


def parse_time(value: Any, where: str) -> datetime.time | None:
    """An HH:MM time of day (None stays None)."""
    if value is None:
        return None
    try:
        return datetime.time.fromisoformat(value)
    except (TypeError, ValueError):
        fail(where, f"“{value}” is not a time in the form HH:MM")


def parse_moment(value: Any, where: str) -> datetime.datetime:
    """An ISO 8601 date and time with its time zone offset."""
    try:
        moment = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        fail(where, f"“{value}” is not a date and time in ISO 8601 form")
    if moment.tzinfo is None:
        fail(where, "give the time zone offset (e.g. -05:00)")
    return moment
