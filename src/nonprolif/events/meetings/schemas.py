"""The meetings API's schemas."""

import datetime

from ninja import Schema

from nonprolif.api.inputs import omittable
from nonprolif.events.models import DatePrecision


class OfficialRef(Schema):
    id: int
    name: str
    position: str
    agency: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.full_name

    @staticmethod
    def resolve_agency(obj) -> str:
        return obj.agency.code


class MeetingOut(Schema):
    id: int
    program: str
    title: str
    title_es: str
    title_en: str
    date: datetime.date
    date_precision: DatePrecision
    date_display: str
    place: str
    agencies: list[str]
    officials: list[OfficialRef]
    summary_es: str
    summary_en: str

    @staticmethod
    def resolve_program(obj) -> str:
        return obj.program.code

    @staticmethod
    def resolve_agencies(obj) -> list[str]:
        return [agency.code for agency in obj.agencies.all()]

    @staticmethod
    def resolve_officials(obj):
        """Only the participating officials the caller can see."""
        return obj.visible_officials


class MeetingIn(Schema):
    title_es: str
    title_en: str
    date: datetime.date
    date_precision: str = DatePrecision.DAY.value
    place: str
    agencies: list[str]
    officials: list[int] = []
    summary_es: str = ""
    summary_en: str = ""


class MeetingPatch(Schema):
    title_es: str = omittable()
    title_en: str = omittable()
    date: datetime.date = omittable()
    date_precision: str = omittable()
    place: str = omittable()
    agencies: list[str] | None = None
    officials: list[int] | None = None
    summary_es: str = omittable()
    summary_en: str = omittable()
