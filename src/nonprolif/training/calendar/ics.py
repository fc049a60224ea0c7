"""The calendar as iCalendar (RFC 5545), for the feeds and the command line.

Like the other exporters it takes sessions already narrowed by the access rule and only lays
them out, in the active language (wrap a call in ``translation.override`` for another).
"""

import datetime

from django.utils import formats
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

PRODID = "-//nonprolif//Training calendar//EN"
ALARM_BEFORE = datetime.timedelta(days=-1)  # a reminder the day before the first day


def _summary(session) -> str:
    return f"{session.title} · {session.audience_label}"


def _description(session) -> str:
    lines = [session.program.name, _summary(session)]
    lines.append(_("Capacity: %(capacity)d") % {"capacity": session.capacity})
    if session.moved:
        lines.append(
            _("Planned for %(date)s; %(reason)s.")
            % {
                "date": formats.date_format(session.planned, "DATE_FORMAT"),
                "reason": session.reason,
            }
        )
    skipped = session.skipped_days
    if skipped:
        lines.append(
            _("Does not run on: %(days)s.")
            % {"days": ", ".join(formats.date_format(d, "DATE_FORMAT") for d in skipped)}
        )
    return "\n".join(lines)


def _location(session) -> str | None:
    venue = session.venue
    if venue is None:
        return None
    return ", ".join(part for part in (venue.name, venue.address, venue.city) if part)


def to_ical(sessions, *, name: str) -> bytes:
    """One all-day VEVENT per session: its stable UID and SEQUENCE, DTSTART on the first
    day and DTEND the day after the last (exclusive, RFC 5545 §3.6.1), spanning any day
    off in between (the description names those days), and a DISPLAY reminder the day
    before."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for session in sessions:
        event = Event()
        event.add("uid", session.uid)
        event.add("sequence", session.sequence)
        event.add("dtstamp", session.updated_at.astimezone(datetime.UTC))
        event.add("last-modified", session.updated_at.astimezone(datetime.UTC))
        event.add("dtstart", session.start)
        event.add("dtend", session.end + datetime.timedelta(days=1))
        event.add("summary", _summary(session))
        event.add("description", _description(session))
        location = _location(session)
        if location:
            event.add("location", location)
        event.add("transp", "OPAQUE")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _summary(session))
        alarm.add("trigger", ALARM_BEFORE)
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()
