"""The coordination API's schemas: meeting decisions, action items (with their history), the
and the engagement timeline."""

import datetime
from typing import Literal

from ninja import Field, Schema

from nonprolif.api.inputs import omittable
from nonprolif.events.coordination.queries import action_item_history
from nonprolif.events.models import ActionItem, ActionStatus


class MeetingDecisionOut(Schema):
    id: int
    meeting: int
    number: int
    text: str
    text_es: str
    text_en: str

    @staticmethod
    def resolve_meeting(obj) -> int:
        return obj.meeting_id


class MeetingDecisionIn(Schema):
    text_es: str
    text_en: str
    number: int | None = None


class MeetingDecisionPatch(Schema):
    text_es: str = omittable()
    text_en: str = omittable()
    number: int = omittable()


class OwnerOut(Schema):
    id: int
    name: str


class ActionItemOut(Schema):
    id: int
    meeting: int
    program: str
    decision: int | None
    title: str
    title_es: str
    title_en: str
    description_es: str
    description_en: str
    owner_agency: str
    owner_official: OwnerOut | None
    due_date: datetime.date
    status: ActionStatus
    overdue: bool
    days_overdue: int
    closed_at: datetime.datetime | None
    last_reminded_at: datetime.datetime | None

    @staticmethod
    def resolve_meeting(obj) -> int:
        return obj.meeting_id

    @staticmethod
    def resolve_program(obj) -> str:
        return obj.meeting.program.code

    @staticmethod
    def resolve_decision(obj) -> int | None:
        return obj.decision.number if obj.decision_id else None

    @staticmethod
    def resolve_owner_agency(obj) -> str:
        return obj.owner_agency.code

    @staticmethod
    def resolve_owner_official(obj):
        """Only when the caller may see the official."""
        owner = obj.visible_owner
        return {"id": owner.pk, "name": owner.full_name} if owner else None


class ChangeOut(Schema):
    at: datetime.datetime
    actor: str | None
    changes: dict
    note: str


class ActionItemDetailOut(ActionItemOut):
    history: list[ChangeOut]

    @staticmethod
    def resolve_history(obj: ActionItem, context: dict) -> list[dict]:
        """Every change of the item (newest first), as the caller may read it."""
        return [
            {
                "at": entry.change.at,
                "actor": entry.change.actor.username if entry.change.actor else None,
                "changes": {
                    change.field: [str(change.old), str(change.new)] for change in entry.fields
                },
                "note": entry.change.note,
            }
            for entry in action_item_history(context["request"].auth, obj)
        ]


class ActionItemIn(Schema):
    title_es: str
    title_en: str
    owner_agency: str
    due_date: datetime.date
    owner_official: int | None = None
    decision: int | None = None
    description_es: str = ""
    description_en: str = ""
    status: ActionStatus = ActionStatus.OPEN


class ActionItemPatch(Schema):
    title_es: str = omittable()
    title_en: str = omittable()
    owner_agency: str = omittable()
    due_date: datetime.date = omittable()
    owner_official: int | None = None
    decision: int | None = None
    description_es: str = omittable()
    description_en: str = omittable()
    status: ActionStatus = omittable()
    note: str = ""


class StatusIn(Schema):
    status: ActionStatus
    note: str = ""


class ActionItemFilters(Schema):
    agency: str = ""
    status: ActionStatus | None = None
    overdue: bool | None = None
    meeting: int | None = Field(None, ge=1)


TimelineKind = Literal["meeting", "proposal", "decisions", "conference", "release", "session"]


class TimelineFilters(Schema):
    agency: str = ""
    kind: TimelineKind | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None


class TimelineEntryOut(Schema):
    date: datetime.date
    end: datetime.date | None
    kind: str
    kind_label: str
    title: str
    date_display: str
    url: str
    agencies: list[str] | None
    details: list[str]

    @staticmethod
    def resolve_agencies(obj):
        """The codes of the agencies the entry concerns; null: every agency."""
        return None if obj.agency_ids is None else obj.agency_codes or None
