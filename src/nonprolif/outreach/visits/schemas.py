"""The visit API's schemas: visits (a list row, one with its materials), the input, and
their follow-ups (coordination action items)."""

import datetime

from ninja import Field, Schema

from nonprolif.events.models import ActionStatus


class OutreachVisitFilters(Schema):
    q: str = Field("", max_length=200, description="words of the stakeholder's name")
    stakeholder: int | None = Field(None, ge=1, le=2**63 - 1)
    agency: str = Field("", max_length=32, description="the visiting agency's code")
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


class OutreachVisitOut(Schema):
    id: int
    label: str = Field(description="VIS-<id>")
    stakeholder: int
    stakeholder_name: str
    agency: str = Field(description="the visiting agency's code")
    date: datetime.date
    topics_es: str
    topics_en: str
    meeting: int = Field(description="the visit's coordination meeting")
    follow_ups: int = Field(description="the follow-ups the caller reads")

    @staticmethod
    def resolve_label(obj) -> str:
        return str(obj)

    @staticmethod
    def resolve_stakeholder(obj) -> int:
        return obj.stakeholder_id

    @staticmethod
    def resolve_stakeholder_name(obj) -> str:
        return obj.stakeholder.name

    @staticmethod
    def resolve_agency(obj) -> str:
        return obj.agency.code

    @staticmethod
    def resolve_meeting(obj) -> int:
        return obj.meeting_id

    @staticmethod
    def resolve_follow_ups(obj) -> int:
        return getattr(obj, "follow_up_count", 0)


class OutreachVisitDetailOut(OutreachVisitOut):
    attendees: list[str]
    materials: list[int] = Field(description="the ids of the materials handed over")
    created_at: datetime.datetime

    @staticmethod
    def resolve_attendees(obj) -> list[str]:
        return [line.strip() for line in obj.attendees.splitlines() if line.strip()]

    @staticmethod
    def resolve_materials(obj) -> list[int]:
        return list(getattr(obj, "visible_materials", []))


class OutreachVisitIn(Schema):
    stakeholder: int = Field(ge=1, le=2**63 - 1)
    date: datetime.date
    attendees: list[str] = Field(min_length=1, max_length=200)
    topics_es: str = Field(max_length=5000)
    topics_en: str = Field(max_length=5000)
    materials: list[int] = Field(default_factory=list, max_length=50)
    agency: str = Field("", max_length=32, description="the visiting agency's code")


class OutreachVisitPatch(Schema):
    date: datetime.date | None = None
    attendees: list[str] | None = Field(None, min_length=1, max_length=200)
    topics_es: str | None = Field(None, max_length=5000)
    topics_en: str | None = Field(None, max_length=5000)
    materials: list[int] | None = Field(None, max_length=50)


class OutreachFollowUpOut(Schema):
    id: int
    title_es: str
    title_en: str
    description_es: str
    description_en: str
    owner_agency: str
    due_date: datetime.date
    status: ActionStatus

    @staticmethod
    def resolve_owner_agency(obj) -> str:
        return obj.owner_agency.code


class OutreachFollowUpIn(Schema):
    title_es: str = Field(max_length=200)
    title_en: str = Field(max_length=200)
    due_date: datetime.date
    description_es: str = Field("", max_length=5000)
    description_en: str = Field("", max_length=5000)
