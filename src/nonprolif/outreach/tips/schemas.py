"""The tips API's schemas."""

import datetime
from typing import Literal

from ninja import Field, Schema

from nonprolif.outreach.models import TipChannel


class OutreachTipOut(Schema):
    id: int
    reference: str = Field(description="TIP-<AGENCY>-<YEAR>-<NNNN>")
    stakeholder: int
    stakeholder_name: str
    agency: str = Field(description="the stakeholder's responsible agency's code")
    what: str
    who: str
    when: datetime.date
    contact_name: str
    contact_email: str
    contact_phone: str
    channel: TipChannel
    received_at: datetime.datetime
    acknowledged_at: datetime.datetime | None
    report: int | None = Field(None, description="the report's id, if the caller may read it")
    report_reference: str | None = Field(None, description="the report's reference, likewise")
    reported: bool = Field(description="whether the tip was written up as a report")

    @staticmethod
    def resolve_stakeholder(obj) -> int:
        return obj.stakeholder_id

    @staticmethod
    def resolve_stakeholder_name(obj) -> str:
        return obj.stakeholder.name

    @staticmethod
    def resolve_agency(obj) -> str:
        return obj.stakeholder.responsible_agency.code

    @staticmethod
    def resolve_report(obj) -> int | None:
        return getattr(obj, "report_pk", None)

    @staticmethod
    def resolve_report_reference(obj) -> str | None:
        return getattr(obj, "report_reference", None)

    @staticmethod
    def resolve_reported(obj) -> bool:
        return obj.report_id is not None


class OutreachTipIn(Schema):
    what: str = ""
    who: str = ""
    when: datetime.date | None = None
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    channel: str = TipChannel.PHONE.value


class OutreachTipFilters(Schema):
    stakeholder: int | None = Field(None, ge=1)
    status: Literal["awaiting", "reported"] | None = None


class OutreachTipReportIn(Schema):
    classification: str | None = Field(None, description="a level's code; else the lowest")


class OutreachTipReportOut(Schema):
    id: int
    reference: str
    tip: str = Field(description="the tip's reference")
