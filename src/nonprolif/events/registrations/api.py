"""The API of conference registrations: the agencies' seats (quotas), registrations, the
coordinator's decision, cancelling, check-in and badges.

Lists take ``limit``/``offset`` and answer ``{"items": [...], "count": N}`` where N counts what
the caller can see. Invisible or missing: 404 (a partner has no registrations); visible but
not allowed: 403; bad input: 422 naming each field and why.
"""

from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.core.models import Agency, Official
from nonprolif.core.spreadsheets import spreadsheet_openapi
from nonprolif.events.conference.queries import get_conference_for
from nonprolif.events.models import RegistrationStatus
from nonprolif.events.registrations.badges import badges_pdf
from nonprolif.events.registrations.bulk import decide_registrations
from nonprolif.events.registrations.codes import registration_id as code_registration
from nonprolif.events.registrations.domain import (
    cancel_registration,
    check_in,
    decide_registration,
    register_official,
    set_quota,
    undo_check_in,
)
from nonprolif.events.registrations.exports import registrations_answer
from nonprolif.events.registrations.queries import (
    checkin_list,
    conference_quotas,
    conference_registrations,
    get_registration_for,
    registrations_for,
)
from nonprolif.events.registrations.schemas import (
    CheckInCodeIn,
    QuotaIn,
    QuotaOut,
    ReasonIn,
    RegistrationBulkDecisionIn,
    RegistrationBulkDecisionOut,
    RegistrationIn,
    RegistrationOut,
)
from nonprolif.events.speakers.queries import confirmed_speakers

# Tagged "speakers" like the speaker endpoints, as the API has always documented them.
router = Router(tags=["speakers"])

PDF = {
    "responses": {
        200: {
            "description": "PDF",
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@router.get(
    "/conferences/{conference_id}/registration-quotas",
    response={200: list[QuotaOut], 404: ErrorOut},
)
@paginate(LimitOffsetPagination)
def list_quotas(request, conference_id: int):
    """The agencies' seats (a liaison sees his agency's) and how many are taken."""
    conference = get_conference_for(request.auth, conference_id, perm="events.view_registrations")
    return conference_quotas(request.auth, conference)


@router.put(
    "/conferences/{conference_id}/registration-quotas/{agency_code}",
    response={200: QuotaOut, **WRITE_ERRORS},
)
@service_errors
def put_quota(request, conference_id: int, agency_code: str, payload: QuotaIn):
    """Set an agency's seats (coordinators)."""
    conference = get_conference_for(request.auth, conference_id, perm="events.view_registrations")
    agency = Agency.objects.visible_to(request.auth).filter(code=agency_code).first()
    if agency is None:
        raise ValidationError({"agency": _("Unknown agency: %(code)s.") % {"code": agency_code}})
    quota = set_quota(actor=request.auth, conference=conference, agency=agency, seats=payload.seats)
    return conference_quotas(request.auth, conference).get(pk=quota.pk)


@router.get(
    "/conferences/{conference_id}/registrations",
    response={200: list[RegistrationOut], 404: ErrorOut},
)
@paginate(LimitOffsetPagination)
def list_registrations(
    request, conference_id: int, status: str = "", agency: str = "", q: str = ""
):
    """The registrations the caller can see (a liaison: his agency's), by family name."""
    conference = get_conference_for(request.auth, conference_id, perm="events.view_registrations")
    return conference_registrations(request.auth, conference, status=status, agency=agency, q=q)


@router.post(
    "/conferences/{conference_id}/registrations", response={201: RegistrationOut, **WRITE_ERRORS}
)
@service_errors
def post_registration(request, conference_id: int, payload: RegistrationIn):
    """Register an official (his agency's liaison; the coordinator), within the quota."""
    conference = get_conference_for(request.auth, conference_id, perm="events.view_registrations")
    official = Official.objects.visible_to(request.auth).filter(pk=payload.official).first()
    if official is None:
        raise ValidationError({"official": _("Unknown official.")})
    registration = register_official(actor=request.auth, conference=conference, official=official)
    return Status(201, get_registration_for(request.auth, registration.pk))


@router.get("/registrations/{registration_id}", response={200: RegistrationOut, 404: ErrorOut})
def get_registration(request, registration_id: int):
    return get_registration_for(request.auth, registration_id)


@router.post(
    "/registrations/{registration_id}/approve", response={200: RegistrationOut, **WRITE_ERRORS}
)
@service_errors
def post_approve(request, registration_id: int):
    """Approve a submitted registration (coordinators)."""
    registration = get_registration_for(request.auth, registration_id)
    return decide_registration(
        actor=request.auth, registration=registration, decision=RegistrationStatus.APPROVED
    )


@router.post(
    "/registrations/{registration_id}/decline", response={200: RegistrationOut, **WRITE_ERRORS}
)
@service_errors
def post_decline(request, registration_id: int, payload: ReasonIn):
    """Decline a registration, with a reason (coordinators)."""
    registration = get_registration_for(request.auth, registration_id)
    return decide_registration(
        actor=request.auth,
        registration=registration,
        decision=RegistrationStatus.DECLINED,
        reason=payload.reason,
    )


@router.post(
    "/conferences/{conference_id}/registrations/decide",
    response={200: RegistrationBulkDecisionOut, **WRITE_ERRORS},
)
@service_errors
def post_bulk_decide(request, conference_id: int, payload: RegistrationBulkDecisionIn):
    """Approve or decline many registrations of the conference at once (coordinators), all or
    none: 422 naming every row that cannot take the decision (``ids``), 404 when an id is
    missing or not visible; nothing is decided then."""
    conference = get_conference_for(request.auth, conference_id, perm="events.view_registrations")
    batch = decide_registrations(
        actor=request.auth,
        conference=conference,
        ids=payload.ids,
        decision=payload.decision,
        reason=payload.reason,
    )
    return {"decision": batch.decision, "count": len(batch.decided), "decided": batch.decided}


@router.post(
    "/registrations/{registration_id}/cancel", response={200: RegistrationOut, **WRITE_ERRORS}
)
@service_errors
def post_cancel(request, registration_id: int, payload: ReasonIn):
    """Cancel a registration (the coordinator; the liaison of the official's agency)."""
    registration = get_registration_for(request.auth, registration_id)
    return cancel_registration(actor=request.auth, registration=registration, reason=payload.reason)


@router.post(
    "/registrations/{registration_id}/check-in", response={200: RegistrationOut, **WRITE_ERRORS}
)
@service_errors
def post_check_in(request, registration_id: int):
    """Check an approved attendee in (idempotent; the coordinator, or his agency's liaison)."""
    registration = get_registration_for(request.auth, registration_id)
    return check_in(actor=request.auth, registration=registration)


@router.delete(
    "/registrations/{registration_id}/check-in", response={200: RegistrationOut, **WRITE_ERRORS}
)
@service_errors
def delete_check_in(request, registration_id: int):
    """Undo a check-in recorded by mistake (whoever may check the attendee in); harmless
    when the attendee is not checked in."""
    registration = get_registration_for(request.auth, registration_id)
    return undo_check_in(actor=request.auth, registration=registration)


@router.post(
    "/conferences/{conference_id}/check-in", response={200: RegistrationOut, **WRITE_ERRORS}
)
@service_errors
def post_check_in_by_code(request, conference_id: int, payload: CheckInCodeIn):
    """Check in the attendee whose badge carries ``code`` (what a door scanner reads from the
    QR code; idempotent). 404 for a code of no registration the caller can see in this
    conference."""
    conference = get_conference_for(request.auth, conference_id, perm="events.view_registrations")
    found = code_registration(payload.code)
    registration = (
        registrations_for(request.auth).filter(pk=found, conference=conference).first()
        if found is not None
        else None
    )
    if registration is None:
        raise Http404(_("No registration of this conference has this code."))
    return check_in(actor=request.auth, registration=registration)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@router.get(
    "/registrations/{registration_id}/badge.pdf",
    response={403: ErrorOut, 404: ErrorOut},
    openapi_extra=PDF,
)
@service_errors
def get_badge(request, registration_id: int):
    """The badge of an approved registration, as PDF."""
    registration = get_registration_for(request.auth, registration_id)
    if not request.auth.has_perm("events.print_badge", registration):
        return Status(403, {"detail": _("You are not allowed to do this.")})
    if registration.status != RegistrationStatus.APPROVED:
        raise Http404(_("Only approved registrations have a badge."))
    pdf = badges_pdf(registration.conference, registrations=[registration])
    return _pdf(pdf, f"badge-{registration.pk}.pdf")


@router.get(
    "/conferences/{conference_id}/badges.pdf",
    response={403: ErrorOut, 404: ErrorOut},
    openapi_extra=PDF,
)
def get_badges(request, conference_id: int):
    """Every badge of the conference (confirmed speakers and approved attendees), as one PDF
    (coordinators)."""
    conference = get_conference_for(request.auth, conference_id, perm="events.view_registrations")
    if not request.auth.has_perm("events.print_badges", conference):
        return Status(403, {"detail": _("You are not allowed to do this.")})
    pdf = badges_pdf(
        conference,
        registrations=checkin_list(request.auth, conference),
        speakers=confirmed_speakers(request.auth, conference),
    )
    return _pdf(pdf, f"{conference.acronym}-badges.pdf")


@router.get(
    "/conferences/{conference_id}/registrations/export",
    response={200: None, 404: ErrorOut},
    openapi_extra=spreadsheet_openapi("The conference's registrations the caller sees"),
)
def get_registrations_export(
    request,
    conference_id: int,
    format: Literal["csv", "xlsx"] = "csv",
    status: RegistrationStatus | None = None,
    q: str = "",
):
    """The conference's registrations the caller sees (of one status, matching every word
    of ``q`` in the names or agency), by family name, as CSV or XLSX."""
    return registrations_answer(
        request, request.auth, format, conference_id, status=status or "", q=q.strip()
    )
