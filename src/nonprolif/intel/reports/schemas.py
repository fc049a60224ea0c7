"""The intelligence reports API's schemas. Foreign keys travel by code (classification,
CBRN category, material, originator)."""

import datetime
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field, field_validator

from nonprolif.core.web.forms import outside_ids
from nonprolif.intel.models import (
    InfoRequest,
    InformationCredibility,
    ItdbGroup,
    Pap,
    ReportStatus,
    ReportType,
    SourceReliability,
    Tlp,
)

Latitude = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
Longitude = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]


def _code(row: Any) -> str | None:
    return row.code if row is not None else None


class IntelReportOut(Schema):
    id: int
    reference: str
    title_es: str
    title_en: str
    body_es: str
    body_en: str
    report_type: ReportType
    classification: str
    tlp: Tlp
    pap: Pap
    cbrn_category: str | None
    material: str | None
    quantity: str
    country: str
    state: str
    municipality: str
    latitude: float | None
    longitude: float | None
    event_date: datetime.date | None
    source_reliability: SourceReliability
    information_credibility: InformationCredibility
    itdb_group: str
    tags: list[str]
    originator: str
    author: str
    status: ReportStatus
    version: int
    request: int | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    published_at: datetime.datetime | None

    @staticmethod
    def resolve_classification(obj) -> str:
        return obj.classification.code

    @staticmethod
    def resolve_cbrn_category(obj) -> str | None:
        return _code(obj.cbrn_category)

    @staticmethod
    def resolve_material(obj) -> str | None:
        return _code(obj.material)

    @staticmethod
    def resolve_originator(obj) -> str:
        return obj.originator.code

    @staticmethod
    def resolve_author(obj) -> str:
        return obj.author.username

    @staticmethod
    def resolve_request(obj, context) -> int | None:
        """The request the report answers, only when the caller may see that request."""
        if obj.request_id is None:
            return None
        request = context["request"] if context else None
        user = getattr(request, "auth", None) or getattr(request, "user", None)
        if user is None:
            return None
        visible = InfoRequest.objects.visible_to(user).filter(pk=obj.request_id).exists()
        return obj.request_id if visible else None


class IntelReportIn(Schema):
    """A new report (a draft of the caller's agency). At least one title."""

    title_es: str = ""
    title_en: str = ""
    body_es: str = ""
    body_en: str = ""
    report_type: ReportType
    classification: str
    tlp: Tlp = Tlp.AMBER
    pap: Pap = Pap.AMBER
    cbrn_category: str | None = None
    material: str | None = None
    quantity: str = ""
    country: str = ""
    state: str = ""
    municipality: str = ""
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    event_date: datetime.date | None = None
    source_reliability: SourceReliability = SourceReliability.F
    information_credibility: InformationCredibility = InformationCredibility.UNKNOWN
    itdb_group: ItdbGroup | None = None
    tags: list[str] = []


class IntelReportPatch(Schema):
    """The fields to change (the others keep their value); ``note`` is kept with the new
    version."""

    title_es: str | None = None
    title_en: str | None = None
    body_es: str | None = None
    body_en: str | None = None
    report_type: ReportType | None = None
    classification: str | None = None
    tlp: Tlp | None = None
    pap: Pap | None = None
    cbrn_category: str | None = None
    material: str | None = None
    quantity: str | None = None
    country: str | None = None
    state: str | None = None
    municipality: str | None = None
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    event_date: datetime.date | None = None
    source_reliability: SourceReliability | None = None
    information_credibility: InformationCredibility | None = None
    itdb_group: str | None = None
    tags: list[str] | None = None
    note: str = ""


class IntelReportWithdrawIn(Schema):
    reason: str


class IntelReportVersionOut(Schema):
    number: int
    classification: str
    data: dict[str, Any]
    changed_by: str
    changed_at: datetime.datetime
    note: str

    @staticmethod
    def resolve_classification(obj) -> str:
        return obj.classification.code

    @staticmethod
    def resolve_changed_by(obj) -> str:
        return obj.changed_by.username


class IntelFieldComparisonOut(Schema):
    field: str
    before: Any
    after: Any
    changed: bool


class IntelVersionComparisonOut(Schema):
    older: int
    newer: int
    fields: list[IntelFieldComparisonOut]


class IntelAttachmentOut(Schema):
    id: int
    report: int
    name: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime.datetime

    @staticmethod
    def resolve_report(obj) -> int:
        return obj.report_id


class IntelReportFilters(Schema):
    type: str = ""
    status: str = ""
    originator: str = ""

    @field_validator("originator")
    @classmethod
    def _originator_id_in_range(cls, value: str) -> str:
        """An agency code, or an agency id within signed 64 bits (no agency has another)."""
        if outside_ids(value):
            raise ValueError("Not an agency id.")
        return value
