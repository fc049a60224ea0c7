"""Attendance: the day-by-participant sheet of a session."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nonprolif.core.audit_reads import note_read
from nonprolif.training.attendance.domain import (
    Mark,
    mark_all_present,
    program_today,
    record_attendance,
)
from nonprolif.training.attendance.queries import attendance_sheet
from nonprolif.training.calendar.queries import get_session_for


def cell_name(participant, day: datetime.date) -> str:
    """The checkbox of one cell of the sheet."""
    return f"present-{participant.pk}-{day.isoformat()}"


def _render_sheet(request, session, *, errors=None, status=200):
    sheet = attendance_sheet(request.user, session, program_today(session.program))
    return render(
        request,
        "training/attendance/sheet.html",
        {
            "session": session,
            "program": session.program,
            "sheet": sheet,
            "errors": errors or [],
            "can_record": request.user.has_perm("training.record_attendance", session),
            "can_issue": request.user.has_perm("training.issue_certificates", session),
            "certificate_count": sum(1 for row in sheet.rows if row.certificate),
            "to_certify": sum(1 for row in sheet.rows if row.complete and not row.certificate),
            "can_assign": request.user.has_perm("training.run_assignment", session.program),
        },
        status=status,
    )


def _messages_of(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{field}: {m}" for field, ms in error.message_dict.items() for m in ms]
    return list(error.messages)


def session_attendance(request, pk):
    """The attendance sheet of a session. POST (who may record it) saves every editable
    cell shown: a ticked box is present, an unticked one absent."""
    session = get_session_for(request.user, pk)
    note_read(request, action="attendance.view", obj=session)
    if request.method != "POST":
        return _render_sheet(request, session)
    if not request.user.has_perm("training.record_attendance", session):
        raise PermissionDenied
    sheet = attendance_sheet(request.user, session, program_today(session.program))
    marks = [
        Mark(
            official_id=row.participant.official_id,
            day=cell.day,
            present=cell_name(row.participant, cell.day) in request.POST,
        )
        for row in sheet.rows
        for cell in row.cells
        if cell.editable
    ]
    try:
        written = record_attendance(actor=request.user, session=session, marks=marks)
    except ValidationError as error:
        return _render_sheet(request, session, errors=_messages_of(error), status=400)
    messages.success(request, _("Attendance saved (%(count)d marks changed).") % {"count": written})
    return redirect("session_attendance", pk=session.pk)


@require_POST
def session_attendance_all_present(request, pk):
    """Mark every participant present on the day posted (``day``, ISO date)."""
    session = get_session_for(request.user, pk)
    if not request.user.has_perm("training.record_attendance", session):
        raise PermissionDenied
    try:
        day = datetime.date.fromisoformat(request.POST.get("day", ""))
    except ValueError:
        return _render_sheet(
            request, session, errors=[_("day: Enter a valid date (YYYY-MM-DD).")], status=400
        )
    try:
        written = mark_all_present(actor=request.user, session=session, day=day)
    except ValidationError as error:
        return _render_sheet(request, session, errors=_messages_of(error), status=400)
    messages.success(
        request, _("Everyone marked present (%(count)d marks changed).") % {"count": written}
    )
    return redirect("session_attendance", pk=session.pk)
