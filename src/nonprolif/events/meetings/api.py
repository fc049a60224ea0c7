"""The meetings API.

Lists take ``limit``/``offset`` and answer ``{"items": [...], "count": N}`` where N counts the
meetings visible to the caller. Invisible or missing: 404; visible but not allowed: 403; bad
input: 422 naming each field and why.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.core.models import Official
from nonprolif.events.meetings.domain import create_meeting, update_meeting
from nonprolif.events.meetings.queries import get_meeting_for, meetings_for, program_meetings
from nonprolif.events.meetings.schemas import MeetingIn, MeetingOut, MeetingPatch
from nonprolif.program.queries import agencies_by_codes, get_program_for

router = Router(tags=["events"])


def _participants(user, data: dict) -> dict:
    """Agency codes and official ids in ``data`` become objects; unknown ones (or officials
    the caller cannot see) are a 422 naming the field."""
    if data.get("agencies") is not None:
        data["agencies"] = agencies_by_codes(user, data["agencies"], field_name="agencies")
    if data.get("officials") is not None:
        ids = list(dict.fromkeys(data["officials"]))
        found = {o.pk: o for o in Official.objects.visible_to(user).filter(pk__in=ids)}
        missing = [str(pk) for pk in ids if pk not in found]
        if missing:
            raise ValidationError(
                {"officials": _("Unknown official: %(ids)s.") % {"ids": ", ".join(missing)}}
            )
        data["officials"] = [found[pk] for pk in ids]
    return data


@router.get("/programs/{code}/meetings", response={200: list[MeetingOut], 404: ErrorOut})
@paginate(LimitOffsetPagination)
def list_program_meetings(request, code: str):
    """The program's meetings the caller can see, newest first."""
    program = get_program_for(request.auth, code)
    return program_meetings(request.auth, program)


@router.get("/meetings/{meeting_id}", response={200: MeetingOut, 404: ErrorOut})
def get_meeting(request, meeting_id: int):
    """One meeting, listing only the participating officials the caller can see."""
    return get_meeting_for(request.auth, meeting_id)


@router.post("/programs/{code}/meetings", response={201: MeetingOut, **WRITE_ERRORS})
@service_errors
def post_meeting(request, code: str, payload: MeetingIn):
    """Record a meeting of the program (coordinators)."""
    program = get_program_for(request.auth, code)
    data = _participants(request.auth, payload.dict())
    meeting = create_meeting(actor=request.auth, program=program, **data)
    return Status(201, meetings_for(request.auth).get(pk=meeting.pk))


@router.patch("/meetings/{meeting_id}", response={200: MeetingOut, **WRITE_ERRORS})
@service_errors
def patch_meeting(request, meeting_id: int, payload: MeetingPatch):
    """Change a meeting (coordinators). Only the fields sent are changed."""
    meeting = get_meeting_for(request.auth, meeting_id)
    data = _participants(request.auth, payload.dict(exclude_unset=True))
    meeting = update_meeting(actor=request.auth, meeting=meeting, **data)
    return meetings_for(request.auth).get(pk=meeting.pk)
