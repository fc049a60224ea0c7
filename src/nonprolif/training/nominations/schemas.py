"""Schemas of the nominations API: items and seats, nominations, uploads, the assignment."""

import datetime
import uuid

from ninja import Schema

from nonprolif.api.inputs import BulkDecisionIn
from nonprolif.training.models.nomination import NominationStatus
from nonprolif.training.nominations.domain.reasons import reason_text


class SeatOut(Schema):
    agency: str
    seats: int

    @staticmethod
    def resolve_agency(obj) -> str:
        return obj.agency.code


class NominationItemOut(Schema):
    item_key: uuid.UUID
    number: int
    title: str
    senior: bool
    seats_total: int
    seat_rule: str
    nomination_opens: datetime.datetime | None
    nomination_closes: datetime.datetime | None
    window: str
    seats: list[SeatOut]


class SeatsIn(Schema):
    seats: dict[str, int]


class SplitIn(Schema):
    rule: str
    weights: dict[str, float] | None = None


class NominationOut(Schema):
    id: int
    program: str
    item_key: uuid.UUID
    official: int
    official_name: str
    agency: str
    status: str
    language: str
    unavailable: list[list[datetime.date]]
    preferences: list[int]
    order_at: datetime.datetime
    submitted_by: str | None
    submitted_at: datetime.datetime
    decided_by: str | None
    decided_at: datetime.datetime | None
    decision_reason: str
    withdrawn_by: str | None
    withdrawn_at: datetime.datetime | None
    withdrawal_reason: str
    substitute_for: int | None
    session: int | None
    waitlist_position: int | None
    reason_code: str
    reason: str

    @staticmethod
    def resolve_program(obj) -> str:
        return obj.program.code

    @staticmethod
    def resolve_official(obj) -> int:
        return obj.official_id

    @staticmethod
    def resolve_official_name(obj) -> str:
        return obj.official.full_name

    @staticmethod
    def resolve_agency(obj) -> str:
        return obj.agency.code

    @staticmethod
    def resolve_submitted_by(obj) -> str | None:
        return obj.submitted_by.get_username() if obj.submitted_by_id else None

    @staticmethod
    def resolve_decided_by(obj) -> str | None:
        return obj.decided_by.get_username() if obj.decided_by_id else None

    @staticmethod
    def resolve_withdrawn_by(obj) -> str | None:
        return obj.withdrawn_by.get_username() if obj.withdrawn_by_id else None

    @staticmethod
    def resolve_substitute_for(obj) -> int | None:
        return obj.substitute_for_id

    @staticmethod
    def resolve_session(obj) -> int | None:
        return obj.session_id if obj.status == NominationStatus.APPROVED else None

    @staticmethod
    def resolve_waitlist_position(obj) -> int | None:
        return obj.waitlist_rank

    @staticmethod
    def resolve_reason_code(obj) -> str:
        return obj.outcome_code

    @staticmethod
    def resolve_reason(obj) -> str:
        return reason_text(obj.outcome_code, obj.outcome_details)


class NominationIn(Schema):
    official: int
    language: str = ""
    unavailable: list[list[str]] = []
    preferences: list[int] = []


class SubstituteIn(NominationIn):
    reason: str = ""


class NominationDecisionIn(Schema):
    reason: str = ""


class NominationBulkDecisionIn(BulkDecisionIn):
    """Nominations to approve or decline all at once (at most 100), with one reason."""


class NominationBulkDecisionOut(Schema):
    decision: str
    count: int
    decided: list[NominationOut]
    promoted: list[NominationOut]


class RowErrorOut(Schema):
    row: int
    column: str
    message: str


class UploadOut(Schema):
    created: list[NominationOut]
    errors: list[RowErrorOut]
    only_good: bool


class UploadErrorsOut(Schema):
    detail: list[dict]


class AssignmentIn(Schema):
    dry_run: bool = False
