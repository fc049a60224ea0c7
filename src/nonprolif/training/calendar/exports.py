"""The calendar as files: CSV and XLSX (the iCalendar form is in :mod:`.ics`).

Exporters take sessions already narrowed by the access rule and only lay them out; they
speak the active language (wrap a call in ``translation.override`` for another). Every text
cell goes through :func:`~nonprolif.core.spreadsheets.safe_cell`, so that no cell runs as a
formula.
"""

import csv
import datetime
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from nonprolif.core.spreadsheets import safe_cell


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
            safe_cell(value)
            for value in (
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
            )
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
