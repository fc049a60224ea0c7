"""The calendar engine's structured :class:`~nonprolif.planning.calendar.Move`, stored as JSON
on a session, and told to people in their language.

Stored form (``Session.move``)::

    {"planned": "2010-01-23", "to": "2010-01-25", "convention": "next",
     "after_previous": null,
     "skipped": [{"day": "2010-01-23", "causes": ["weekend"],
                  "holiday": null, "blackout": null}],
     "reason": "2010-01-23 is a Saturday, moved to Monday 2010-01-25"}

``holiday`` and ``blackout`` hold ``{"es": ..., "en": ...}`` names when the day is one.
``reason`` is the engine's English sentence (for the command line and logs); pages, exports
and feeds build the sentence in the reader's language from the structured parts.
"""

import datetime
from collections.abc import Callable

from django.utils import formats
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from nonprolif.core.i18n import content_language
from nonprolif.planning.calendar import Cause, Move

Names = dict[str, str] | None


def move_to_json(
    move: Move | None,
    *,
    holiday_names: Callable[[datetime.date], Names],
    blackout_reasons: Callable[[datetime.date], Names],
) -> dict | None:
    """The JSON form of ``move`` (None when the session was not moved)."""
    if move is None:
        return None
    return {
        "planned": move.planned.isoformat(),
        "to": move.to.isoformat(),
        "convention": str(move.convention),
        "after_previous": move.after_previous.isoformat() if move.after_previous else None,
        "skipped": [
            {
                "day": off.day.isoformat(),
                "causes": [str(cause) for cause in off.causes],
                "holiday": holiday_names(off.day) if Cause.HOLIDAY in off.causes else None,
                "blackout": blackout_reasons(off.day) if Cause.BLACKOUT in off.causes else None,
            }
            for off in move.skipped
        ],
        "reason": move.reason,
    }


def _day(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def _long(day: datetime.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _named(day: datetime.date) -> str:
    return f"{formats.date_format(day, 'l')} {_long(day)}"


def _pick(names: Names) -> str:
    """The name in the active language (falling back to the other one)."""
    if not names:
        return ""
    first, second = ("en", "es") if content_language() == "en" else ("es", "en")
    return names.get(first) or names.get(second) or ""


def _describe_off(entry: dict) -> str:
    parts = []
    for cause in entry["causes"]:
        if cause == Cause.WEEKEND:
            parts.append(
                _("a %(weekday)s") % {"weekday": formats.date_format(_day(entry["day"]), "l")}
            )
        elif cause == Cause.HOLIDAY:
            parts.append(_("a holiday (%(name)s)") % {"name": _pick(entry.get("holiday"))})
        elif reason := _pick(entry.get("blackout")):
            parts.append(_("a blackout date (%(reason)s)") % {"reason": reason})
        else:
            parts.append(_("a blackout date"))
    return get_text_list(parts, _("and"))


def describe_move(move: dict | None) -> str:
    """``move`` (stored form) as a sentence in the active language; "" when not moved."""
    if not move:
        return ""
    planned = _day(move["planned"])
    skipped = move.get("skipped") or []
    planned_off = skipped[0] if skipped and skipped[0]["day"] == move["planned"] else None
    clauses = []
    if planned_off is not None:
        clauses.append(
            _("%(date)s is %(what)s") % {"date": _long(planned), "what": _describe_off(planned_off)}
        )
    if move.get("after_previous"):
        until = _named(_day(move["after_previous"]))
        if clauses:
            clauses.append(_("the previous session runs until %(date)s") % {"date": until})
        else:
            clauses.append(
                _("%(date)s is before the previous session ends on %(until)s")
                % {"date": _long(planned), "until": until}
            )
    for entry in skipped:
        if entry is not planned_off and entry["causes"] != [Cause.WEEKEND.value]:
            clauses.append(
                _("%(date)s is %(what)s")
                % {"date": _long(_day(entry["day"])), "what": _describe_off(entry)}
            )
    return _("%(why)s, moved to %(date)s") % {
        "why": get_text_list(clauses, _("and")),
        "date": _named(_day(move["to"])),
    }
