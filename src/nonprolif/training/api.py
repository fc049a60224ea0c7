"""The training calendar API: sessions and regeneration.

Lists take ``limit``/``offset`` and answer ``{"items": [...], "count": N}`` where N counts the
sessions visible to the caller. Invisible or missing: 404; visible but not allowed: 403; bad
input: 422 naming each field and why.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.program.queries import get_program_for
from nonprolif.training.domain import regenerate_sessions, update_session
from nonprolif.training.queries import get_session_for, program_sessions, program_venues

router = Router(tags=["training"])


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
    capacity: int | None = None
    language: str | None = None


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


@router.get("/programs/{code}/sessions", response={200: list[SessionOut], 404: ErrorOut})
@paginate(LimitOffsetPagination)
def list_program_sessions(request, code: str):
    """The program's sessions the caller can see, in calendar order."""
    program = get_program_for(request.auth, code)
    return program_sessions(request.auth, program)


@router.get("/sessions/{session_id}", response={200: SessionOut, 404: ErrorOut})
def get_session(request, session_id: int):
    """One session."""
    return get_session_for(request.auth, session_id)


@router.patch("/sessions/{session_id}", response={200: SessionOut, **WRITE_ERRORS})
@service_errors
def patch_session(request, session_id: int, payload: SessionPatch):
    """Change a session's venue (a venue id of its program, or null), capacity or language
    (coordinators). Only the fields sent are changed."""
    session = get_session_for(request.auth, session_id)
    data = payload.dict(exclude_unset=True)
    if "venue" in data and data["venue"] is not None:
        venue = program_venues(request.auth, session.program).filter(pk=data["venue"]).first()
        if venue is None:
            raise ValidationError({"venue": _("Unknown venue.")})
        data["venue"] = venue
    if "capacity" in data and data["capacity"] is None:
        raise ValidationError({"capacity": _("This field cannot be null.")})
    if "language" in data and data["language"] is None:
        raise ValidationError({"language": _("This field cannot be null.")})
    update_session(actor=request.auth, session=session, **data)
    return get_session_for(request.auth, session.pk)


@router.post(
    "/programs/{code}/calendar/regenerate", response={200: RegenerationOut, **WRITE_ERRORS}
)
@service_errors
def post_regenerate(request, code: str, payload: RegenerateIn):
    """Regenerate the program's sessions from its accepted items (coordinators). With
    ``confirm`` the moves and removals of sessions that have participants are applied too;
    without it they are reported as ``blocked`` and wait."""
    program = get_program_for(request.auth, code)
    return regenerate_sessions(program=program, actor=request.auth, confirm=payload.confirm)
