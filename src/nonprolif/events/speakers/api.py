"""The API of guest speakers and their invitations.

Lists take ``limit``/``offset`` and answer ``{"items": [...], "count": N}`` where N counts what
the caller can see. Invisible or missing: 404 (a liaison has no speakers); visible but not
allowed: 403; bad input: 422 naming each field and why. An invitation's secret link appears
only in the answer that creates it.
"""

from ninja import Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.events.conference.queries import get_conference_for
from nonprolif.events.speakers.domain.invitations import revoke_invitation, send_invitation
from nonprolif.events.speakers.domain.proposals import decide_speaker, propose_speaker
from nonprolif.events.speakers.queries import (
    conference_speakers,
    get_invitation_for,
    get_speaker_for,
)
from nonprolif.events.speakers.schemas import (
    InvitationIn,
    InvitationOut,
    InvitationSentOut,
    SpeakerDecisionIn,
    SpeakerDecisionOut,
    SpeakerIn,
    SpeakerOut,
)

router = Router(tags=["speakers"])


@router.get(
    "/conferences/{conference_id}/speakers", response={200: list[SpeakerOut], 404: ErrorOut}
)
@paginate(LimitOffsetPagination)
def list_speakers(request, conference_id: int, status: str = ""):
    """The conference's speakers the caller can see (coordinators, auditors, the program's
    partners), by name; ``status`` narrows to proposed, accepted or declined."""
    conference = get_conference_for(request.auth, conference_id, perm="events.view_speakers")
    return conference_speakers(request.auth, conference, status=status)


@router.post("/conferences/{conference_id}/speakers", response={201: SpeakerOut, **WRITE_ERRORS})
@service_errors
def post_speaker(request, conference_id: int, payload: SpeakerIn):
    """Propose a speaker (a partner agency's users; the coordinator)."""
    conference = get_conference_for(request.auth, conference_id, perm="events.view_speakers")
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
    base_url = request.build_absolute_uri("/")
    _speaker, sent = decide_speaker(
        actor=request.auth, speaker=speaker, base_url=base_url, **payload.dict()
    )
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
    base_url = request.build_absolute_uri("/")
    return Status(
        201, send_invitation(actor=request.auth, speaker=speaker, base_url=base_url, **days)
    )


@router.post(
    "/speaker-invitations/{invitation_id}/revoke", response={200: InvitationOut, **WRITE_ERRORS}
)
@service_errors
def post_invitation_revoke(request, invitation_id: int):
    """Revoke an invitation (coordinators): its link answers 404 from then on."""
    invitation = get_invitation_for(request.auth, invitation_id)
    return revoke_invitation(actor=request.auth, invitation=invitation)
