"""Schemas of the calendar API: sessions and regeneration reports."""

import datetime

from ninja import Schema

from nonprolif.api.inputs import omittable


class VenueRef(Schema):
    id: int
    name: str
    city: str
    address: str


class SessionOut(Schema):
    id: int
    uid: str
    program: str
    item: int
    item_title: str
    cohort: int | None
    audience: str
    start: datetime.date
    end: datetime.date
    days: list[datetime.date]
    planned: datetime.date
    moved: bool
    reason: str | None
    reason_en: str | None
    venue: VenueRef | None
    capacity: int
    language: str
    sequence: int
    pending: dict | None

    @staticmethod
    def resolve_program(obj) -> str:
        return obj.program.code

    @staticmethod
    def resolve_item(obj) -> int:
        return obj.item_number

    @staticmethod
    def resolve_item_title(obj) -> str:
        return obj.title

    @staticmethod
    def resolve_audience(obj) -> str:
        return obj.audience_code

    @staticmethod
    def resolve_days(obj) -> list[datetime.date]:
        return obj.day_list

    @staticmethod
    def resolve_reason(obj) -> str | None:
        return obj.reason or None


class SessionPatch(Schema):
    venue: int | None = None
    capacity: int = omittable()
    language: str = omittable()


class RegenerateIn(Schema):
    confirm: bool = False


class SessionChangeOut(Schema):
    session_id: int | None
    uid: str
    item: int
    label: str
    start: datetime.date | None
    end: datetime.date | None
    previous_start: datetime.date | None
    previous_end: datetime.date | None
    proposed_start: datetime.date | None
    proposed_end: datetime.date | None
    detail: str

    @staticmethod
    def resolve_item(obj) -> int:
        return obj.item_number


class RegenerationOut(Schema):
    created: list[SessionChangeOut]
    updated: list[SessionChangeOut]
    unchanged: list[SessionChangeOut]
    deleted: list[SessionChangeOut]
    blocked: list[SessionChangeOut]
    unscheduled: list[SessionChangeOut]
