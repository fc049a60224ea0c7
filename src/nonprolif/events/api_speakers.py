"""The API of guest speakers, their invitations and conference registrations.

Lists take ``limit``/``offset`` and answer ``{"items": [...], "count": N}`` where N counts what
the caller can see. Invisible or missing: 404 (a liaison has no speakers, a partner no
registrations); visible but not allowed: 403; bad input: 422 naming each field and why.
An invitation's secret link appears only in the answer that creates it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.core.models import Agency, Official
from nonprolif.events.badges import badges_pdf
from nonprolif.events.domain.registrations import (
    cancel_registration,
    check_in,
    decide_registration,
    register_official,
    set_quota,
)
from nonprolif.events.domain.speakers import (
    decide_speaker,
    propose_speaker,
    revoke_invitation,
    send_invitation,
)
from nonprolif.events.models import RegistrationStatus, SpeakerResponse, SpeakerStatus
from nonprolif.events.queries_conference import get_conference_for
from nonprolif.events.queries_speakers import (
    checkin_list,
    conference_quotas,
    conference_registrations,
    conference_speakers,
    confirmed_speakers,
    get_invitation_for,
    get_registration_for,
    get_speaker_for,
)

router = Router(tags=["speakers"])

PDF = {
    "responses": {
        200: {
            "description": "PDF",
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


def _conference(user, conference_id, perm):
    conference = get_conference_for(user, conference_id)
    if not user.has_perm(perm, conference):
        raise Http404(_("No such conference."))
    return conference


# --- schemas ----------------------------------------------------------------------------------


class InvitationOut(Schema):
    id: int
    created_at: datetime.datetime
    expires_at: datetime.datetime
    revoked_at: datetime.datetime | None
    used_at: datetime.datetime | None
    last_reminded_at: datetime.datetime | None
    reminders_sent: int
    usable: bool

    @staticmethod
    def resolve_usable(obj) -> bool:
        return obj.is_usable


class InvitationSentOut(Schema):
    invitation: InvitationOut
    url: str
    emailed: bool


class SpeakerOut(Schema):
    id: int
    conference: int
    name: str
    organisation: str
    email: str
    topic_es: str
    topic_en: str
    bio_es: str
    bio_en: str
    languages: str
    travel_needs: str
    has_photo: bool
    proposed_by_agency: str
    proposed_at: datetime.datetime
    status: SpeakerStatus
    decision_reason: str
    decided_at: datetime.datetime | None
    response: SpeakerResponse
    responded_at: datetime.datetime | None
    invitations: list[InvitationOut]

    @staticmethod
    def resolve_conference(obj) -> int:
        return obj.conference_id

    @staticmethod
    def resolve_has_photo(obj) -> bool:
        return bool(obj.photo)

    @staticmethod
    def resolve_proposed_by_agency(obj) -> str:
        return obj.proposed_by_agency.code

    @staticmethod
    def resolve_invitations(obj):
        """The invitations the caller may see (none for a partner)."""
        return obj.visible_invitations


class SpeakerIn(Schema):
    name: str
    organisation: str = ""
    email: str = ""
    topic_es: str = ""
    topic_en: str = ""
    bio_es: str = ""
    bio_en: str = ""
    languages: str = ""


class SpeakerDecisionIn(Schema):
    decision: str
    reason: str = ""
    invite: bool = True


class SpeakerDecisionOut(Schema):
    speaker: SpeakerOut
    invitation: InvitationSentOut | None


class InvitationIn(Schema):
    days: int | None = None


class QuotaOut(Schema):
    agency: str
    seats: int
    taken: int

    @staticmethod
    def resolve_agency(obj) -> str:
        return obj.agency.code


class QuotaIn(Schema):
    seats: int


class OfficialRef(Schema):
    id: int
    given_names: str
    family_names: str


class RegistrationOut(Schema):
    id: int
    conference: int
    official: OfficialRef
    agency: str
    registered_at: datetime.datetime
    status: RegistrationStatus
    reason: str
    decided_at: datetime.datetime | None
    checked_in_at: datetime.datetime | None

    @staticmethod
    def resolve_conference(obj) -> int:
        return obj.conference_id

    @staticmethod
    def resolve_agency(obj) -> str:
        return obj.agency.code


class RegistrationIn(Schema):
    official: int


class ReasonIn(Schema):
    reason: str = ""


# --- speakers ---------------------------------------------------------------------------------


@router.get(
    "/conferences/{conference_id}/speakers", response={200: list[SpeakerOut], 404: ErrorOut}
)
@paginate(LimitOffsetPagination)
def list_speakers(request, conference_id: int, status: str = ""):
    """The conference's speakers the caller can see (coordinators, auditors, the program's
    partners), by name; ``status`` narrows to proposed, accepted or declined."""
    conference = _conference(request.auth, conference_id, "events.view_speakers")
    return conference_speakers(request.auth, conference, status=status)


@router.post("/conferences/{conference_id}/speakers", response={201: SpeakerOut, **WRITE_ERRORS})
@service_errors
def post_speaker(request, conference_id: int, payload: SpeakerIn):
    """Propose a speaker (a partner agency's users; the coordinator)."""
    conference = _conference(request.auth, conference_id, "events.view_speakers")
    speaker = propose_speaker(actor=request.auth, conference=conference, **payload.dict())
    return Status(201, get_speaker_for(request.auth, speaker.pk))


@router.get("/speakers/{speaker_id}", response={200: SpeakerOut, 404: ErrorOut})
def get_speaker(request, speaker_id: int):
    return get_speaker_for(request.auth, speaker_id)


@router.post("/speakers/{speaker_id}/decision", response={200: SpeakerDecisionOut, **WRITE_ERRORS})
@service_errors
def post_speaker_decision(request, speaker_id: int, payload: SpeakerDecisionIn):
    """Accept or decline a speaker (coordinators; a reason is required to decline). Accepting
    sends the invitation unless ``invite`` is false: its link is in this answer only."""
    speaker = get_speaker_for(request.auth, speaker_id)
    _speaker, sent = decide_speaker(actor=request.auth, speaker=speaker, **payload.dict())
    return {"speaker": get_speaker_for(request.auth, speaker_id), "invitation": sent}


@router.post(
    "/speakers/{speaker_id}/invitations", response={201: InvitationSentOut, **WRITE_ERRORS}
)
@service_errors
def post_invitation(request, speaker_id: int, payload: InvitationIn):
    """Send a new invitation (coordinators); earlier ones are revoked. The link is in this
    answer only."""
    speaker = get_speaker_for(request.auth, speaker_id)
    days = {"days": payload.days} if payload.days is not None else {}
    return Status(201, send_invitation(actor=request.auth, speaker=speaker, **days))


@router.post(
    "/speaker-invitations/{invitation_id}/revoke", response={200: InvitationOut, **WRITE_ERRORS}
)
@service_errors
def post_invitation_revoke(request, invitation_id: int):
    """Revoke an invitation (coordinators): its link answers 404 from then on."""
    invitation = get_invitation_for(request.auth, invitation_id)
    return revoke_invitation(actor=request.auth, invitation=invitation)


# --- registrations ----------------------------------------------------------------------------


@router.get(
    "/conferences/{conference_id}/registration-quotas",
    response={200: list[QuotaOut], 404: ErrorOut},
)
def list_quotas(request, conference_id: int):
    """The agencies' seats (a liaison sees his agency's) and how many are taken."""
    conference = _conference(request.auth, conference_id, "events.view_registrations")
    return list(conference_quotas(request.auth, conference))


@router.put(
    "/conferences/{conference_id}/registration-quotas/{agency_code}",
    response={200: QuotaOut, **WRITE_ERRORS},
)
@service_errors
def put_quota(request, conference_id: int, agency_code: str, payload: QuotaIn):
    """Set an agency's seats (coordinators)."""
    conference = _conference(request.auth, conference_id, "events.view_registrations")
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
    conference = _conference(request.auth, conference_id, "events.view_registrations")
    return conference_registrations(request.auth, conference, status=status, agency=agency, q=q)


@router.post(
    "/conferences/{conference_id}/registrations", response={201: RegistrationOut, **WRITE_ERRORS}
)
@service_errors
def post_registration(request, conference_id: int, payload: RegistrationIn):
    """Register an official (his agency's liaison; the coordinator), within the quota."""
    conference = _conference(request.auth, conference_id, "events.view_registrations")
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
    conference = _conference(request.auth, conference_id, "events.view_registrations")
    if not request.auth.has_perm("events.print_badges", conference):
        return Status(403, {"detail": _("You are not allowed to do this.")})
    pdf = badges_pdf(
        conference,
        registrations=checkin_list(request.auth, conference),
        speakers=confirmed_speakers(request.auth, conference),
    )
    return _pdf(pdf, f"{conference.acronym}-badges.pdf")
