"""The review API's schemas: alerts (the queue's rows and one alert with its party or goods
line, entry and explanation), decisions, escalation, cleared parties."""

import datetime
from typing import Any, Literal

from ninja import Field, Schema

from nonprolif.screening.models import AlertStatus
from nonprolif.screening.review.dossier import explanation_rows
from nonprolif.screening.review.queries import alert_report


class ScreeningReviewFeatureOut(Schema):
    feature: str
    contribution: float
    detail: str


class ScreeningReviewAlertOut(Schema):
    id: int
    label: str = Field(description="ALR-<id>")
    status: AlertStatus
    agency: str
    batch: int
    kind: Literal["party", "goods"]
    query_name: str = Field(description="the party's name, or the goods line's description")
    list: str = Field(description="the watchlist's code, or the control regime")
    reference: str = Field(description="the entry's reference on its list, or the control code")
    entry_name: str
    score: float
    created_at: datetime.datetime
    decided_at: datetime.datetime | None
    decided_by: str | None

    @staticmethod
    def resolve_label(obj) -> str:
        return str(obj)

    @staticmethod
    def resolve_agency(obj) -> str:
        return obj.agency.code

    @staticmethod
    def resolve_batch(obj) -> int:
        return obj.batch_id

    @staticmethod
    def resolve_kind(obj) -> str:
        return "party" if obj.party_id else "goods"

    @staticmethod
    def resolve_query_name(obj) -> str:
        if obj.party_id:
            return obj.query_name or obj.party.name
        return obj.line.description if obj.line_id else ""

    @staticmethod
    def resolve_list(obj) -> str:
        return obj.entry.watchlist.code if obj.entry_id else obj.control_entry.regime

    @staticmethod
    def resolve_reference(obj) -> str:
        return obj.entry.external_id if obj.entry_id else obj.control_entry.code

    @staticmethod
    def resolve_entry_name(obj) -> str:
        if obj.entry_id:
            return obj.entry_name or obj.entry.name
        return obj.control_entry.description

    @staticmethod
    def resolve_decided_by(obj) -> str | None:
        return obj.decided_by.username if obj.decided_by_id else None


class ScreeningReviewPartyOut(Schema):
    declaration: str
    row: int
    role: str
    name: str
    kind: str
    country: str
    birth_date: str
    identifiers: list[Any]


class ScreeningReviewGoodsLineOut(Schema):
    declaration: str
    row: int
    description: str
    tariff_code: str
    cas_numbers: list[str]


class ScreeningReviewEntryOut(Schema):
    list: str
    reference: str
    kind: str
    name: str
    version: str = Field(description="the entry's version now")
    removed: bool
    content: dict[str, Any] = Field(description="names with quality, dates of birth, countries, …")

    @staticmethod
    def resolve_list(obj) -> str:
        return obj.watchlist.code

    @staticmethod
    def resolve_reference(obj) -> str:
        return obj.external_id

    @staticmethod
    def resolve_removed(obj) -> bool:
        return obj.removed_in_id is not None


class ScreeningReviewControlOut(Schema):
    regime: str
    code: str
    description: str


class ScreeningReviewReportOut(Schema):
    id: int
    reference: str
    status: str


class ScreeningReviewAlertDetailOut(ScreeningReviewAlertOut):
    entry_version: str = Field(description="the entry's version the alert matched")
    party: ScreeningReviewPartyOut | None
    goods_line: ScreeningReviewGoodsLineOut | None
    entry: ScreeningReviewEntryOut | None
    control_entry: ScreeningReviewControlOut | None
    explanation: list[ScreeningReviewFeatureOut] = Field(
        description="what each feature added: the contributions add up to the score"
    )
    report: ScreeningReviewReportOut | None = Field(
        description="the intelligence report it was escalated to, if the caller may read it"
    )

    @staticmethod
    def resolve_goods_line(obj):
        return obj.line

    @staticmethod
    def resolve_explanation(obj) -> list[dict]:
        return explanation_rows(obj)

    @staticmethod
    def resolve_report(obj, context):
        return alert_report(context["request"].auth, obj)


class ScreeningReviewDecisionOut(Schema):
    id: int
    decision: AlertStatus
    reason: str
    actor: str
    decided_at: datetime.datetime

    @staticmethod
    def resolve_actor(obj) -> str:
        return obj.actor.username


class ScreeningReviewDecisionIn(Schema):
    decision: Literal["true_match", "false_positive"]
    reason: str = Field("", description="required")


class ScreeningReviewEscalateIn(Schema):
    reason: str = Field("", description="required")
    classification: str | None = Field(
        None, description="the code of a classification level (default: the lowest)"
    )


class ScreeningReviewEscalationOut(Schema):
    alert: ScreeningReviewAlertOut
    report: ScreeningReviewReportOut


class ScreeningReviewAlertFilters(Schema):
    status: AlertStatus | None = None
    batch: int | None = Field(None, ge=1, le=2**63 - 1)
    list: str | None = Field(None, max_length=32, description="a watchlist code or a regime")
    q: str | None = Field(None, max_length=200)


class ScreeningReviewClearedOut(Schema):
    id: int
    label: str = Field(description="CLR-<id>")
    agency: str
    party_name: str
    party_key: str
    list: str
    reference: str
    entry_name: str
    entry_version: str
    in_force: bool = Field(description="the entry still has the version cleared")
    alert: int
    reason: str
    created_by: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_label(obj) -> str:
        return str(obj)

    @staticmethod
    def resolve_agency(obj) -> str:
        return obj.agency.code

    @staticmethod
    def resolve_list(obj) -> str:
        return obj.entry.watchlist.code

    @staticmethod
    def resolve_reference(obj) -> str:
        return obj.entry.external_id

    @staticmethod
    def resolve_entry_name(obj) -> str:
        return obj.entry.name

    @staticmethod
    def resolve_alert(obj) -> int:
        return obj.alert_id

    @staticmethod
    def resolve_created_by(obj) -> str:
        return obj.created_by.username


class ScreeningReviewClearedFilters(Schema):
    state: Literal["in_force", "lapsed"] | None = None
    q: str | None = Field(None, max_length=200)
