"""The releasability API's schemas: a report's release rows, the decision on a partner
release, and distribution lists. Agencies travel by code."""

import datetime

from ninja import Field, Schema

from nonprolif.intel.models import ReleaseState


def _originator_reads(obj, context) -> bool:
    """Who asked and decided, and why, are the originating agency's own business: another
    agency (a partner above all) reads only the agency, its state and the dates."""
    request = (context or {}).get("request")
    user = getattr(request, "auth", None) or getattr(request, "user", None)
    return bool(user is not None and user.agency_id == obj.report.originator_id)


class IntelReleaseOut(Schema):
    """A release row. ``requested_by``, ``decided_by`` and ``reason`` are given to the
    originating agency only (null and empty for the others)."""

    id: int
    report: int
    report_reference: str
    agency: str
    agency_kind: str
    state: ReleaseState
    requested_at: datetime.datetime
    requested_by: str | None
    decided_at: datetime.datetime | None
    decided_by: str | None
    reason: str

    @staticmethod
    def resolve_report(obj) -> int:
        return obj.report_id

    @staticmethod
    def resolve_report_reference(obj) -> str:
        return obj.report.reference

    @staticmethod
    def resolve_agency(obj) -> str:
        return obj.agency.code

    @staticmethod
    def resolve_agency_kind(obj) -> str:
        return obj.agency.kind

    @staticmethod
    def resolve_requested_by(obj, context) -> str | None:
        if not obj.requested_by_id or not _originator_reads(obj, context):
            return None
        return obj.requested_by.username

    @staticmethod
    def resolve_decided_by(obj, context) -> str | None:
        if not obj.decided_by_id or not _originator_reads(obj, context):
            return None
        return obj.decided_by.username

    @staticmethod
    def resolve_reason(obj, context) -> str:
        return obj.reason if _originator_reads(obj, context) else ""


class IntelReleasabilityIn(Schema):
    agencies: list[str] = Field(..., max_length=200, description="Agency codes.")


class IntelApplyListIn(Schema):
    distribution_list: int


class IntelReleaseDecisionIn(Schema):
    reason: str = Field(..., max_length=2000)


class IntelDistributionListOut(Schema):
    id: int
    owner: str
    name_es: str
    name_en: str
    agencies: list[str]

    @staticmethod
    def resolve_owner(obj) -> str:
        return obj.owner.code

    @staticmethod
    def resolve_agencies(obj) -> list[str]:
        return sorted(agency.code for agency in obj.agencies.all())


class IntelDistributionListIn(Schema):
    name_es: str = Field(..., max_length=200)
    name_en: str = Field("", max_length=200)
    agencies: list[str] = Field(..., max_length=200, description="Agency codes.")
