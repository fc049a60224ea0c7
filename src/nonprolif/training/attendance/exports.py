"""Attendance as CSV or XLSX: a session's sheet (a column per day) and a program's
participants (a row per participant and session, with his days present and completion).

Both start from the roster's access rule (``roster_visible_to``, ``Attendance.visible_to``):
a liaison's file holds his agency's officials only. The program's file is read a chunk at a
time with its counts and certificate computed by the database: its number of queries does
not grow with the participants. Headers speak the user's language.
"""

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.http import Http404
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from nonprolif.core.audit_reads import note_read
from nonprolif.core.spreadsheets import CHUNK, FORMATS, spreadsheet_response
from nonprolif.program.queries import get_program_for
from nonprolif.training.attendance.domain import program_today
from nonprolif.training.attendance.queries import (
    attendance_sheet,
    completion_percents,
    meets_completion,
)
from nonprolif.training.calendar.queries import get_session_for, program_sessions
from nonprolif.training.models import Certificate
from nonprolif.training.models.attendance import roster_visible_to


def _kind(kind: str) -> str:
    if kind not in FORMATS:
        raise Http404
    return kind


def _person_headers() -> list[str]:
    return [_("Official id"), _("Official"), _("E-mail"), _("Agency")]


def _result_headers() -> list[str]:
    return [
        _("Days present"),
        _("Session days"),
        _("Attendance (%)"),
        _("Completed"),
        _("Certificate"),
    ]


def _percent(present: int, total: int) -> int:
    return round(100 * present / total) if total else 0


def session_table(user, session) -> tuple[list[str], list[list[Any]]]:
    """The session's sheet as ``user`` sees it: a column per day (present, absent or blank
    when not recorded). A fixed number of queries (the sheet's)."""
    sheet = attendance_sheet(user, session, program_today(session.program))
    headers = [*_person_headers(), *(day.day.isoformat() for day in sheet.days)]
    present, absent = _("Present"), _("Absent")
    rows = []
    for row in sheet.rows:
        official = row.official
        rows.append(
            [
                official.pk,
                official.full_name,
                official.email,
                official.agency.code,
                *(
                    "" if cell.present is None else present if cell.present else absent
                    for cell in row.cells
                ),
                row.present_days,
                row.total_days,
                row.percent,
                row.complete,
                row.certificate.code if row.certificate else "",
            ]
        )
    return headers + _result_headers(), rows


def program_headers() -> list[str]:
    return [
        _("Item"),
        _("Title"),
        _("Session"),
        _("Start"),
        _("End"),
        *_person_headers(),
        *_result_headers(),
    ]


def program_rows(user, program) -> Iterator[list[Any]]:
    """A row per participant ``user`` may see of the program's sessions he sees, by session
    and name; days present counted by the database (marks on the session's dates)."""
    on_session_days = Q(
        attendance__day__gte=F("session__start"), attendance__day__lte=F("session__end")
    )
    certificate = Certificate.objects.visible_to(user).filter(
        session=OuterRef("session"), official=OuterRef("official")
    )
    participants = (
        roster_visible_to(user)
        .filter(session__in=program_sessions(user, program).values("pk"))
        .select_related("official__agency", "session__audience_agency")
        .annotate(
            present_days=Count("attendance", filter=on_session_days & Q(attendance__present=True)),
            certificate_code=Subquery(certificate.values("code")[:1]),
        )
        .order_by(
            "session__start",
            "session__item_number",
            "session__cohort",
            "session__pk",
            "official__family_names",
            "official__given_names",
            "pk",
        )
    )
    keys = program_sessions(user, program).order_by().values_list("item_key", flat=True)
    percents = completion_percents((program.pk, key) for key in set(keys))
    for p in participants.iterator(chunk_size=CHUNK):
        session, official = p.session, p.official
        total = len(session.days)
        needed = percents.get((program.pk, session.item_key), 0)
        yield [
            session.item_number,
            session.title,
            session.audience_label,
            session.start,
            session.end,
            official.pk,
            official.full_name,
            official.email,
            official.agency.code,
            p.present_days,
            total,
            _percent(p.present_days, total),
            meets_completion(p.present_days, total, needed),
            p.certificate_code or "",
        ]


def session_answer(request, user, kind: str, pk):
    """A session's attendance sheet as a ``kind`` file (Http404 for a session ``user`` does
    not see); read-audited."""
    session = get_session_for(user, pk)
    note_read(request, action="attendance.export", obj=session, changes={"format": kind})
    headers, rows = session_table(user, session)
    stem = f"{slugify(session.program.code)}-{session.item_number}-{session.pk}-attendance"
    return spreadsheet_response(kind, stem, headers, rows, title=stem)


def program_answer(request, user, kind: str, code: str):
    """The attendance of every session of the program, a row per participant."""
    program = get_program_for(user, code)
    note_read(request, action="attendance.export", obj=program, changes={"format": kind})
    stem = f"{slugify(program.code)}-attendance"
    rows = program_rows(user, program)
    return spreadsheet_response(kind, stem, program_headers(), rows, title=stem)


@require_GET
def session_attendance_export(request, pk, kind):
    return session_answer(request, request.user, _kind(kind), pk)


@require_GET
def program_attendance_export(request, code, kind):
    return program_answer(request, request.user, _kind(kind), code)
