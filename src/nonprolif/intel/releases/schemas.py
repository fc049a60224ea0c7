"""The releasability API's schemas: a report's release rows, the decision on a partner
release, and distribution lists. Agencies travel by code."""

import datetime

from ninja import Field, Schema

from nonprolif.intel.models import ReleaseState


class IntelReleaseOut(Schema):
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
    def resolve_requested_by(obj) -> str | None:
        return obj.requested_by.username if obj.requested_by_id else None

    @staticmethod
    def resolve_decided_by(obj) -> str | None:
        return obj.decided_by.username if obj.decided_by_id else None


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
