"""The calendar as files: CSV and XLSX (the iCalendar form is in :mod:`.ics`).

Exporters take sessions already narrowed by the access rule and only lay them out; they
speak the active language (wrap a call in ``translation.override`` for another). The files
are written by :mod:`nonprolif.core.spreadsheets` (no cell runs as a formula, real date
cells, the BOM on downloads).
"""

import io

from django.utils.translation import gettext as _

from nonprolif.core.spreadsheets import csv_lines, safe_cell, write_xlsx


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
    """The sessions as CSV text, without the BOM (for the terminal; downloads go through
    :func:`~nonprolif.core.spreadsheets.csv_response`, which adds it)."""
    headers, rows = session_rows(sessions)
    return "".join(csv_lines(headers, rows))


def to_xlsx(sessions, *, title: str) -> bytes:
    headers, rows = session_rows(sessions)
    out = io.BytesIO()
    write_xlsx(out, headers, rows, title=title or "calendar")
    return out.getvalue()
