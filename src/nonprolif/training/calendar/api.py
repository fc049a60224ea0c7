"""The training calendar API: sessions and regeneration.

Lists take ``limit``/``offset`` and answer ``{"items": [...], "count": N}`` where N counts the
sessions visible to the caller. Invisible or missing: 404; visible but not allowed: 403; bad
input: 422 naming each field and why.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.program.queries import get_program_for
from nonprolif.training.calendar.domain import regenerate_sessions, update_session
from nonprolif.training.calendar.queries import get_session_for, program_sessions, program_venues
from nonprolif.training.calendar.schemas import (
    RegenerateIn,
    RegenerationOut,
    SessionOut,
    SessionPatch,
)

router = Router(tags=["training"])


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
