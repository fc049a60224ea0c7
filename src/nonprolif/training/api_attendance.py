"""The attendance and certificate API: a session's attendance (read, bulk write, all
present), its certificates (issue), the caller's certificates (list, PDF, revoke), an
official's transcript, a program's progress, and the public verification of a code.

Invisible or missing: 404; visible but not allowed: 403; bad input: 422 naming each field
and why. The verification is public (no authentication) and answers the same shape
whatever the outcome, revealing only the name, the item, the dates and the validity.
"""

import datetime
import uuid

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.core.models import Agency
from nonprolif.program.queries import get_program_for
from nonprolif.training.certificate_pdf import certificate_pdf, verification_path
from nonprolif.training.domain.attendance import (
    Mark,
    mark_all_present,
    program_today,
    record_attendance,
)
from nonprolif.training.domain.certificates import issue_certificates, revoke_certificate
from nonprolif.training.queries import get_session_for
from nonprolif.training.queries_attendance import (
    attendance_sheet,
    certificates_for,
    get_certificate_for,
    get_transcript_official_for,
    official_transcript,
    verify_certificate,
)
from nonprolif.training.queries_progress import STAGES, program_progress, progress_agencies

router = Router(tags=["attendance"])


# Schemas -----------------------------------------------------------------------------


class DayOut(Schema):
    day: datetime.date
    recordable: bool
    present_count: int


class CellOut(Schema):
    day: datetime.date
    present: bool | None


class AttendanceRowOut(Schema):
    official: int
    name: str
    agency: str
    marks: list[CellOut]
    present_days: int
    total_days: int
    complete: bool
    certificate: str | None


class AttendanceOut(Schema):
    session: int
    completion_percent: int
    days: list[DayOut]
    participants: list[AttendanceRowOut]


class MarkIn(Schema):
    official: int
    day: datetime.date
    present: bool


class AttendanceIn(Schema):
    marks: list[MarkIn]


class DayIn(Schema):
    day: datetime.date


class WrittenOut(Schema):
    written: int


class CertificateOut(Schema):
    id: int
    code: str
    program: str
    session: int | None
    official: int
    name: str
    agency: str
    item: int
    item_key: uuid.UUID
    title_es: str
    title_en: str
    start: datetime.date
    end: datetime.date
    days_present: int
    days_total: int
    completion_percent: int
    issued_at: datetime.datetime
    valid: bool
    revoked_at: datetime.datetime | None
    revocation_reason: str

    @staticmethod
    def resolve_program(obj) -> str:
        return obj.program.code

    @staticmethod
    def resolve_session(obj) -> int | None:
        return obj.session_id

    @staticmethod
    def resolve_official(obj) -> int:
        return obj.official_id

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.official_name

    @staticmethod
    def resolve_agency(obj) -> str:
        return obj.official.agency.code

    @staticmethod
    def resolve_item(obj) -> int:
        return obj.item_number

    @staticmethod
    def resolve_valid(obj) -> bool:
        return obj.is_valid


class IssueOut(Schema):
    issued: list[CertificateOut]
    already_issued: int
    incomplete: int


class RevokeIn(Schema):
    reason: str = ""


class VerificationOut(Schema):
    status: str  # valid, revoked, invalid
    code: str
    name: str
    title_es: str
    title_en: str
    start: datetime.date | None
    end: datetime.date | None


class TranscriptEntryOut(Schema):
    session: int
    program: str
    item: int
    title: str
    start: datetime.date
    end: datetime.date
    present_days: int
    recorded_days: int
    total_days: int
    completion_percent: int
    complete: bool
    certificate: str | None


class TranscriptOut(Schema):
    official: int
    name: str
    agency: str
    sessions: list[TranscriptEntryOut]
    certificates: list[CertificateOut]


class ProgressRowOut(Schema):
    agency: str
    seats: int | None
    nominated: int
    approved: int
    assigned: int
    attended: int
    certified: int


class ProgressOut(Schema):
    program: str
    target: int | None
    item: uuid.UUID | None
    agencies: list[ProgressRowOut]
    totals: ProgressRowOut


# Attendance --------------------------------------------------------------------------


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


# Certificates ------------------------------------------------------------------------


@router.post("/sessions/{session_id}/certificates/issue", response={200: IssueOut, **WRITE_ERRORS})
@service_errors
def post_issue_certificates(request, session_id: int):
    """Issue the session's certificates to the participants who completed it
    (coordinators). Idempotent: ``issued`` lists only the certificates issued now."""
    session = get_session_for(request.auth, session_id)
    report = issue_certificates(actor=request.auth, session=session)
    issued = list(certificates_for(request.auth).filter(pk__in=[c.pk for c in report.issued]))
    return {
        "issued": issued,
        "already_issued": len(report.already),
        "incomplete": report.incomplete,
    }


@router.get("/certificates", response={200: list[CertificateOut], 404: ErrorOut})
@paginate(LimitOffsetPagination)
def list_certificates(request, program: str | None = None, official: int | None = None):
    """The certificates the caller can see, newest first; optionally of one program (its
    code) or one official (his id)."""
    certificates = certificates_for(request.auth)
    if program:
        certificates = certificates.filter(program=get_program_for(request.auth, program))
    if official is not None:
        certificates = certificates.filter(official_id=official)
    return certificates


@router.get(
    "/certificates/verify/{code}",
    response={200: VerificationOut},
    auth=None,
    url_name="verify_certificate",
)
def verify_certificate_code(request, code: str):
    """Public: check a verification code. ``status`` is ``valid``, ``revoked`` or
    ``invalid`` (unknown, altered or forged); only the name, the item's titles and the
    dates are revealed, and only for a valid or revoked certificate."""
    return verify_certificate(code)


@router.get("/certificates/{certificate_id}", response={200: CertificateOut, 404: ErrorOut})
def get_certificate(request, certificate_id: int):
    """One certificate."""
    return get_certificate_for(request.auth, certificate_id)


@router.get(
    "/certificates/{certificate_id}/pdf",
    response={200: None, 403: ErrorOut, 404: ErrorOut},
    openapi_extra={
        "responses": {
            200: {
                "description": "The certificate as PDF",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
@service_errors
def get_certificate_pdf(request, certificate_id: int):
    """The certificate as a PDF (its official, a liaison of his agency, coordinators,
    auditors)."""
    certificate = get_certificate_for(request.auth, certificate_id)
    if not request.auth.has_perm("training.download_certificate", certificate):
        raise PermissionDenied
    pdf = certificate_pdf(
        certificate, verify_url=request.build_absolute_uri(verification_path(certificate))
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


@router.post(
    "/certificates/{certificate_id}/revoke", response={200: CertificateOut, **WRITE_ERRORS}
)
@service_errors
def post_revoke_certificate(request, certificate_id: int, payload: RevokeIn):
    """Revoke a certificate (coordinators), with a reason."""
    certificate = get_certificate_for(request.auth, certificate_id)
    revoke_certificate(actor=request.auth, certificate=certificate, reason=payload.reason)
    return get_certificate_for(request.auth, certificate_id)


# Transcripts and progress ------------------------------------------------------------


@router.get("/officials/{official_id}/transcript", response={200: TranscriptOut, 404: ErrorOut})
def get_transcript(request, official_id: int):
    """An official's sessions (those the caller can see), attendance, completion and
    certificates."""
    official = get_transcript_official_for(request.auth, official_id)
    transcript = official_transcript(request.auth, official)
    return {
        "official": official.pk,
        "name": official.full_name,
        "agency": official.agency.code,
        "sessions": [
            {
                "session": e.session.pk,
                "program": e.session.program.code,
                "item": e.session.item_number,
                "title": e.session.title,
                "start": e.session.start,
                "end": e.session.end,
                "present_days": e.present_days,
                "recorded_days": e.recorded_days,
                "total_days": e.total_days,
                "completion_percent": e.percent_needed,
                "complete": e.complete,
                "certificate": e.certificate.code if e.certificate else None,
            }
            for e in transcript.entries
        ],
        "certificates": transcript.certificates,
    }


@router.get("/programs/{code}/progress", response={200: ProgressOut, 404: ErrorOut})
def get_progress(request, code: str, agency: str | None = None, item: uuid.UUID | None = None):
    """The program's progress per agency (distinct officials per stage) against the
    targets, from the rows the caller may see; optionally for one agency (its code) or one
    item (its key)."""
    program = get_program_for(request.auth, code)
    chosen: Agency | None = None
    if agency:
        chosen = progress_agencies(request.auth, program).filter(code=agency).first()
        if chosen is None:
            return Status(404, {"detail": _("No such agency.")})
    progress = program_progress(request.auth, program, agency=chosen, item_key=item)
    return {
        "program": program.code,
        "target": progress.target,
        "item": progress.item.key if progress.item else None,
        "agencies": [
            {"agency": row.agency.code, "seats": row.seats, **row.counts} for row in progress.rows
        ],
        "totals": {
            "agency": "",
            "seats": progress.seats_total,
            **{stage: progress.totals[stage] for stage in STAGES},
        },
    }
