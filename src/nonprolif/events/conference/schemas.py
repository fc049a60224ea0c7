"""The conference API's schemas: conferences, rooms, talks and their placement, releases, the
draft's changes and the agenda's query options."""

import datetime
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import AfterValidator, WithJsonSchema

from nonprolif.api.inputs import omittable
from nonprolif.events.conference.queries import local
from nonprolif.events.models import TalkKind, TalkLanguage


def _local_time(value: datetime.time) -> datetime.time:
    """A conference day's start and end are local times in the conference's time zone."""
    if value.tzinfo is not None:
        raise ValueError(_("Give a local time without a UTC offset (HH:MM)."))
    return value


# A time of day in the conference's time zone, with no UTC offset ("09:00", "18:30:00"); the
# OpenAPI ``format: time`` would demand an offset (RFC 3339).
LocalTime = Annotated[
    datetime.time,
    AfterValidator(_local_time),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$",
            "description": "local time of day, no UTC offset",
        }
    ),
]


class ConferenceOut(Schema):
    id: int
    program: str
    acronym: str
    title: str
    title_es: str
    title_en: str
    description_es: str
    description_en: str
    city: str
    venue: str
    host_agency: str
    start_date: datetime.date
    end_date: datetime.date
    time_zone: str
    day_start: LocalTime | None
    day_end: LocalTime | None
    published_version: int | None

    @staticmethod
    def resolve_program(obj) -> str:
        return obj.program.code

    @staticmethod
    def resolve_host_agency(obj) -> str:
        return obj.host_agency.code

    @staticmethod
    def resolve_time_zone(obj) -> str:
        return obj.tz_name


class ConferenceIn(Schema):
    acronym: str
    title_es: str
    title_en: str
    description_es: str = ""
    description_en: str = ""
    city: str
    venue: str = ""
    host_agency: str
    start_date: datetime.date
    end_date: datetime.date
    time_zone: str = ""
    day_start: LocalTime | None = None
    day_end: LocalTime | None = None


class ConferencePatch(Schema):
    acronym: str = omittable()
    title_es: str = omittable()
    title_en: str = omittable()
    description_es: str = omittable()
    description_en: str = omittable()
    city: str = omittable()
    venue: str = omittable()
    host_agency: str = omittable()
    start_date: datetime.date = omittable()
    end_date: datetime.date = omittable()
    time_zone: str = omittable()
    day_start: LocalTime | None = None
    day_end: LocalTime | None = None


class RoomOut(Schema):
    id: int
    conference: int
    name: str
    capacity: int

    @staticmethod
    def resolve_conference(obj) -> int:
        return obj.conference_id


class RoomIn(Schema):
    name: str
    capacity: int


class RoomPatch(Schema):
    name: str = omittable()
    capacity: int = omittable()


class SpeakerRef(Schema):
    id: int
    name: str
    status: str
    response: str


class TalkOut(Schema):
    id: int
    uid: str
    conference: int
    title: str
    title_es: str
    title_en: str
    abstract_es: str
    abstract_en: str
    kind: TalkKind
    language: TalkLanguage
    duration_minutes: int
    expected_attendance: int | None
    speakers: list[SpeakerRef]
    room: int | None
    room_name: str | None
    starts_at: datetime.datetime | None
    ends_at: datetime.datetime | None

    @staticmethod
    def resolve_uid(obj) -> str:
        return str(obj.uid)

    @staticmethod
    def resolve_conference(obj) -> int:
        return obj.conference_id

    @staticmethod
    def resolve_speakers(obj):
        return list(obj.speakers.all())

    @staticmethod
    def resolve_room(obj) -> int | None:
        return obj.room_id

    @staticmethod
    def resolve_room_name(obj) -> str | None:
        return obj.room.name if obj.room_id else None

    @staticmethod
    def resolve_starts_at(obj):
        return exports_local(obj, obj.starts_at)

    @staticmethod
    def resolve_ends_at(obj):
        return exports_local(obj, obj.ends_at)


def exports_local(talk, moment):
    """A placed talk's moment in the conference's time zone (ISO 8601 with its offset)."""
    if moment is None:
        return None
    return local(moment, talk.conference.tz_name)


class TalkIn(Schema):
    title_es: str
    title_en: str
    abstract_es: str = ""
    abstract_en: str = ""
    kind: str = TalkKind.TALK.value
    language: str = TalkLanguage.SPANISH.value
    duration_minutes: int
    expected_attendance: int | None = None
    speakers: list[int] = []


class TalkPatch(Schema):
    title_es: str = omittable()
    title_en: str = omittable()
    abstract_es: str = omittable()
    abstract_en: str = omittable()
    kind: str = omittable()
    language: str = omittable()
    duration_minutes: int = omittable()
    expected_attendance: int | None = None
    speakers: list[int] | None = None


class PlacementIn(Schema):
    room: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime


class PublishIn(Schema):
    note: str = ""


class ReleaseOut(Schema):
    version: int
    published_at: datetime.datetime
    published_by: str | None
    note: str
    changes: list[dict]

    @staticmethod
    def resolve_published_by(obj) -> str | None:
        return obj.published_by.username if obj.published_by_id else None


class DraftChangesOut(Schema):
    latest_version: int | None
    next_version: int
    changes: list[dict]
    unconfirmed_speakers: list[dict]


class AgendaQuery(Schema):
    version: int | None = None


class PdfQuery(AgendaQuery):
    lang: str | None = None
