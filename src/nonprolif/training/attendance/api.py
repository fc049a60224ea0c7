"""The attendance API: a session's attendance (read, bulk write, all present).

Invisible or missing: 404; visible but not allowed: 403; bad input: 422 naming each field
and why.
"""

from typing import Literal

from ninja import Router

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.core.spreadsheets import spreadsheet_openapi
from nonprolif.training.attendance.domain import (
    Mark,
    mark_all_present,
    program_today,
    record_attendance,
)
from nonprolif.training.attendance.exports import program_answer, session_answer
from nonprolif.training.attendance.queries import attendance_sheet
from nonprolif.training.attendance.schemas import AttendanceIn, AttendanceOut, DayIn, WrittenOut
from nonprolif.training.calendar.queries import get_session_for

router = Router(tags=["attendance"])


def _attendance(request, session) -> dict:
    sheet = attendance_sheet(request.auth, session, program_today(session.program))
    return {
        "session": session.pk,
        "completion_percent": sheet.percent_needed,
        "days": [
            {"day": d.day, "recordable": d.editable, "present_count": d.present_count}
            for d in sheet.days
        ],
        "participants": [
            {
                "official": row.official.pk,
                "name": row.official.full_name,
                "agency": row.official.agency.code,
                "marks": [{"day": c.day, "present": c.present} for c in row.cells],
                "present_days": row.present_days,
                "total_days": row.total_days,
                "complete": row.complete,
                "certificate": row.certificate.code if row.certificate else None,
            }
            for row in sheet.rows
        ],
    }


@router.get("/sessions/{session_id}/attendance", response={200: AttendanceOut, 404: ErrorOut})
def get_attendance(request, session_id: int):
    """The session's attendance: each participant the caller may see, with his mark per
    session day (``null``: not recorded), days present and completion."""
    return _attendance(request, get_session_for(request.auth, session_id))


@router.put("/sessions/{session_id}/attendance", response={200: WrittenOut, **WRITE_ERRORS})
@service_errors
def put_attendance(request, session_id: int, payload: AttendanceIn):
    """Record marks (coordinators; users of a partner agency of the program). Each mark names
    a participant (official id), a session day not after today, and whether he was
    present; the marks not sent are left as they are. All or nothing."""
    session = get_session_for(request.auth, session_id)
    written = record_attendance(
        actor=request.auth,
        session=session,
        marks=[Mark(official_id=m.official, day=m.day, present=m.present) for m in payload.marks],
    )
    return {"written": written}


@router.post(
    "/sessions/{session_id}/attendance/all-present", response={200: WrittenOut, **WRITE_ERRORS}
)
@service_errors
def post_all_present(request, session_id: int, payload: DayIn):
    """Mark every participant present on ``day``."""
    session = get_session_for(request.auth, session_id)
    return {"written": mark_all_present(actor=request.auth, session=session, day=payload.day)}


@router.get(
    "/sessions/{session_id}/attendance/export",
    response={200: None, 404: ErrorOut},
    openapi_extra=spreadsheet_openapi("The session's attendance sheet, a column per day"),
)
def get_session_attendance_export(request, session_id: int, format: Literal["csv", "xlsx"] = "csv"):
    """The session's attendance as the caller may see it, as CSV or XLSX."""
    return session_answer(request, request.auth, format, session_id)


@router.get(
    "/programs/{code}/attendance/export",
    response={200: None, 404: ErrorOut},
    openapi_extra=spreadsheet_openapi("The program's participants with their attendance"),
)
def get_program_attendance_export(request, code: str, format: Literal["csv", "xlsx"] = "csv"):
    """Every participant the caller may see of the program's sessions, with days present,
    completion and certificate, as CSV or XLSX."""
    return program_answer(request, request.auth, format, code)
