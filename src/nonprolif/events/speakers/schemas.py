"""The guest speakers API's schemas: speakers, their invitations and the coordinator's
decision."""

import datetime

from ninja import Schema

from nonprolif.events.models import SpeakerResponse, SpeakerStatus


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
