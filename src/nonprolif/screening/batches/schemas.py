"""The batches API's schemas (names prefixed ``Screening``: unique across the API)."""

import datetime

from ninja import Field, Schema

from nonprolif.screening.models import AlertStatus, BatchKind, BatchStatus


class ScreeningBatchOut(Schema):
    id: int
    label: str
    kind: BatchKind
    file_name: str
    sha256: str
    agency: str
    threshold: float | None = Field(description="empty: each list's own threshold")
    status: BatchStatus
    party_count: int
    line_count: int
    screened_count: int
    alert_count: int
    progress: float = Field(description="screened rows over all rows, from 0 to 1")
    error: str
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None

    @staticmethod
    def resolve_label(obj) -> str:
        return str(obj)

    @staticmethod
    def resolve_agency(obj) -> str:
        return obj.agency.code

    @staticmethod
    def resolve_progress(obj) -> float:
        return round(obj.screened_count / obj.total, 4) if obj.total else 1.0


class ScreeningBatchErrorOut(Schema):
    row: int = Field(description="the file's row (1: the header; 0: the file itself)")
    column: str
    message: str


class ScreeningBatchErrorsOut(Schema):
    detail: list[ScreeningBatchErrorOut]


class ScreeningExplanationOut(Schema):
    feature: str
    contribution: float
    detail: str


class ScreeningBatchAlertOut(Schema):
    id: int
    label: str
    score: float
    status: AlertStatus
    declaration: str
    row: int
    subject: str = Field(description="the party's name or the goods line's description")
    watchlist: str = Field(description="the list's code, or the control regime")
    entry_reference: str
    entry_name: str
    query_name: str
    explanation: list[ScreeningExplanationOut]
    raised_by_snapshot: int | None = Field(description="the list import that raised it, if any")
    created_at: datetime.datetime

    @staticmethod
    def resolve_label(obj) -> str:
        return str(obj)

    @staticmethod
    def resolve_declaration(obj) -> str:
        return (obj.party or obj.line).declaration

    @staticmethod
    def resolve_row(obj) -> int:
        return (obj.party or obj.line).row

    @staticmethod
    def resolve_subject(obj) -> str:
        return obj.party.name if obj.party_id else obj.line.description

    @staticmethod
    def resolve_watchlist(obj) -> str:
        return obj.entry.watchlist.code if obj.entry_id else obj.control_entry.regime

    @staticmethod
    def resolve_entry_reference(obj) -> str:
        return obj.entry.external_id if obj.entry_id else obj.control_entry.code

    @staticmethod
    def resolve_raised_by_snapshot(obj) -> int | None:
        return obj.snapshot_id


class ScreeningAlertFilters(Schema):
    status: AlertStatus | None = None
