"""The registrations API's schemas: quotas, registrations and the official they register."""

import datetime

from ninja import Schema

from nonprolif.api.inputs import BulkDecisionIn
from nonprolif.events.models import RegistrationStatus


class QuotaOut(Schema):
    agency: str
    seats: int
    taken: int

    @staticmethod
    def resolve_agency(obj) -> str:
        return obj.agency.code


class QuotaIn(Schema):
    seats: int


class RegistrantRef(Schema):
    id: int
    given_names: str
    family_names: str


class RegistrationOut(Schema):
    id: int
    conference: int
    official: RegistrantRef
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


class CheckInCodeIn(Schema):
    code: str


class RegistrationBulkDecisionIn(BulkDecisionIn):
    """Registrations to approve or decline all at once (at most 100), with one reason."""


class RegistrationBulkDecisionOut(Schema):
    decision: str
    count: int
    decided: list[RegistrationOut]
