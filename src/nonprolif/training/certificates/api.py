"""The certificate API: a session's certificates (issue), the caller's certificates (list,
PDF, revoke), the public verification of a code, and an official's transcript.

Invisible or missing: 404; visible but not allowed: 403; bad input: 422 naming each field
and why. The verification is public (no authentication) and answers the same shape
whatever the outcome, revealing only the name, the item, the dates and the validity.
"""

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from ninja import Router
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.core.spreadsheets import spreadsheet_openapi
from nonprolif.program.queries import get_program_for
from nonprolif.training.calendar.queries import get_session_for
from nonprolif.training.certificates.domain import issue_certificates, revoke_certificate
from nonprolif.training.certificates.exports import certificates_answer
from nonprolif.training.certificates.pdf import (
    bundle_response,
    certificate_pdf,
    verification_path,
)
from nonprolif.training.certificates.queries import (
    certificates_for,
    get_certificate_for,
    get_transcript_official_for,
    official_transcript,
    session_certificates_for,
    verify_certificate,
)
from nonprolif.training.certificates.schemas import (
    CertificateOut,
    IssueOut,
    RevokeIn,
    TranscriptOut,
    VerificationOut,
)

# Tagged "attendance" like the attendance endpoints, as the API has always documented them.
router = Router(tags=["attendance"])


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


@router.get(
    "/sessions/{session_id}/certificates/pdf",
    response={200: None, 404: ErrorOut},
    openapi_extra={
        "responses": {
            200: {
                "description": "The session's certificates as one PDF, a page each",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def get_session_certificates_pdf(request, session_id: int):
    """Every certificate of the session the caller may download, as one PDF (a page each,
    by name): the certificates the single download gives him (a liaison: his agency's
    officials'; an official: his own). 404 when there is none."""
    session = get_session_for(request.auth, session_id)
    certificates = session_certificates_for(request.auth, session)
    return bundle_response(request, session, certificates)


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


# Transcripts -------------------------------------------------------------------------


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


@router.get(
    "/programs/{code}/certificates/export",
    response={200: None, 404: ErrorOut},
    openapi_extra=spreadsheet_openapi("The program's certificates the caller sees"),
)
def get_certificates_export(request, code: str, format: Literal["csv", "xlsx"] = "csv"):
    """The program's certificates the caller can see, as CSV or XLSX."""
    return certificates_answer(request, request.auth, format, code)
