"""The calendar as files: CSV, XLSX and iCalendar (RFC 5545).

Exporters take sessions already narrowed by the access rule and only lay them out; they
speak the active language (wrap a call in ``translation.override`` for another).
"""

import csv
import datetime
import io

from django.utils import formats
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event
from openpyxl import Workbook
from openpyxl.styles import Font

PRODID = "-//nonprolif//Training calendar//EN"
ALARM_BEFORE = datetime.timedelta(days=-1)  # a reminder the day before the first day


def _headers() -> list[str]:
    return [
        _("Item"),
        _("Title"),
        _("Cohort"),
        _("Audience"),
        _("Start"),
        _("End"),
        _("Planned date"),
        _("Why it moved"),
        _("Venue"),
        _("Capacity"),
        _("Language"),
        _("Revision"),
        _("Calendar UID"),
    ]


def session_rows(sessions) -> tuple[list[str], list[list]]:
    """Headers and one row per session (dates as dates, numbers as numbers)."""
    rows = [
        [
            s.item_number,
            s.title,
            s.cohort,
            s.audience_label,
            s.start,
            s.end,
            s.planned,
            s.reason,
            str(s.venue) if s.venue_id else "",
            s.capacity,
            s.get_language_display(),
            s.sequence,
            s.uid,
        ]
        for s in sessions
    ]
    return _headers(), rows


def to_csv(sessions) -> str:
    headers, rows = session_rows(sessions)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(
            ["" if v is None else v.isoformat() if isinstance(v, datetime.date) else v for v in row]
        )
    return out.getvalue()


def to_xlsx(sessions, *, title: str) -> bytes:
    headers, rows = session_rows(sessions)
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31] or "calendar"
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for column in ("E", "F", "G"):
        for cell in sheet[column][1:]:
            cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


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
