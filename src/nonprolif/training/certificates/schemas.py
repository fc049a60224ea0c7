"""Schemas of the certificate API: certificates, their public verification, transcripts."""

import datetime
import uuid

from ninja import Schema


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
