"""The coordination API: meeting decisions, action items (with their history and status
changes) and the engagement timeline.

Invisible or missing: 404; visible but not allowed: 403; bad input: 422 naming each field.
"""

from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, ValidationErrorOut, service_errors
from nonprolif.core.models import Official
from nonprolif.core.spreadsheets import spreadsheet_openapi
from nonprolif.events.coordination.domain.action_items import (
    change_action_item_status,
    create_action_item,
    update_action_item,
)
from nonprolif.events.coordination.domain.decisions import (
    create_decision,
    delete_decision,
    update_decision,
)
from nonprolif.events.coordination.exports import action_items_answer
from nonprolif.events.coordination.queries import (
    engagement_timeline,
    get_action_item_for,
    get_decision_for,
    meeting_action_items,
    meeting_decisions,
    program_action_items,
)
from nonprolif.events.coordination.schemas import (
    ActionItemDetailOut,
    ActionItemFilters,
    ActionItemIn,
    ActionItemOut,
    ActionItemPatch,
    MeetingDecisionIn,
    MeetingDecisionOut,
    MeetingDecisionPatch,
    StatusIn,
    TimelineEntryOut,
    TimelineFilters,
)
from nonprolif.events.meetings.queries import get_meeting_for
from nonprolif.events.models import MeetingDecision
from nonprolif.program.queries import agency_by_code, get_program_for

router = Router(tags=["coordination"])


# Helpers ---------------------------------------------------------------------------------------


def _item_refs(user, meeting, data: dict) -> dict:
    """Codes and ids in ``data`` become objects; unknown ones are a 422 naming the field."""
    if data.get("owner_agency") is not None:
        data["owner_agency"] = agency_by_code(user, data["owner_agency"], field_name="owner_agency")
    if "owner_official" in data and data["owner_official"] is not None:
        official = Official.objects.visible_to(user).filter(pk=data["owner_official"]).first()
        if official is None:
            raise ValidationError({"owner_official": _("Unknown official.")})
        data["owner_official"] = official
    if "decision" in data and data["decision"] is not None:
        decision = (
            MeetingDecision.objects.visible_to(user)
            .filter(meeting=meeting, number=data["decision"])
            .first()
        )
        if decision is None:
            raise ValidationError({"decision": _("The meeting has no decision with this number.")})
        data["decision"] = decision
    return data


# Decisions -------------------------------------------------------------------------------------


@router.get(
    "/meetings/{meeting_id}/decisions", response={200: list[MeetingDecisionOut], 404: ErrorOut}
)
@paginate(LimitOffsetPagination)
def list_decisions(request, meeting_id: int):
    """The decisions of a meeting, in number order."""
    return meeting_decisions(request.auth, get_meeting_for(request.auth, meeting_id))


@router.post("/meetings/{meeting_id}/decisions", response={201: MeetingDecisionOut, **WRITE_ERRORS})
@service_errors
def post_decision(request, meeting_id: int, payload: MeetingDecisionIn):
    """Record a decision of a meeting (coordinators); the number defaults to the next."""
    meeting = get_meeting_for(request.auth, meeting_id)
    data = payload.dict()
    if data["number"] is None:
        data.pop("number")
    return Status(201, create_decision(actor=request.auth, meeting=meeting, **data))


@router.patch("/decisions/{decision_id}", response={200: MeetingDecisionOut, **WRITE_ERRORS})
@service_errors
def patch_decision(request, decision_id: int, payload: MeetingDecisionPatch):
    """Change a decision's number or texts (coordinators)."""
    decision = get_decision_for(request.auth, decision_id)
    return update_decision(
        actor=request.auth, decision=decision, **payload.dict(exclude_unset=True)
    )


@router.delete("/decisions/{decision_id}", response={204: None, **WRITE_ERRORS})
@service_errors
def remove_decision(request, decision_id: int):
    """Remove a decision (coordinators); its action items stay, unlinked."""
    delete_decision(actor=request.auth, decision=get_decision_for(request.auth, decision_id))
    return Status(204, None)


# Action items ----------------------------------------------------------------------------------


@router.get(
    "/meetings/{meeting_id}/action-items", response={200: list[ActionItemOut], 404: ErrorOut}
)
@paginate(LimitOffsetPagination)
def list_meeting_action_items(request, meeting_id: int):
    """The action items of a meeting, by due date."""
    return meeting_action_items(request.auth, get_meeting_for(request.auth, meeting_id))


@router.get("/programs/{code}/action-items", response={200: list[ActionItemOut], 404: ErrorOut})
@paginate(LimitOffsetPagination)
def list_program_action_items(request, code: str, filters: Query[ActionItemFilters]):
    """The program's action items the caller can see, by due date; ``agency`` (owner code),
    ``status``, ``overdue`` and ``meeting`` (its id) narrow them."""
    program = get_program_for(request.auth, code)
    agency = agency_by_code(request.auth, filters.agency, field_name="agency")
    return program_action_items(
        request.auth,
        program,
        agency=agency,
        status=filters.status or "",
        overdue=filters.overdue,
        meeting=filters.meeting,
    )


@router.get("/action-items/{item_id}", response={200: ActionItemDetailOut, 404: ErrorOut})
def get_action_item(request, item_id: int):
    """One action item with its history (newest first)."""
    return get_action_item_for(request.auth, item_id)


@router.post(
    "/meetings/{meeting_id}/action-items", response={201: ActionItemDetailOut, **WRITE_ERRORS}
)
@service_errors
def post_action_item(request, meeting_id: int, payload: ActionItemIn):
    """Create an action item of a meeting (coordinators). The owner agency must have taken
    part in the meeting; the owner official must belong to it; ``decision`` is the number of
    one of the meeting's decisions."""
    meeting = get_meeting_for(request.auth, meeting_id)
    data = _item_refs(request.auth, meeting, payload.dict())
    item = create_action_item(actor=request.auth, meeting=meeting, **data)
    return Status(201, get_action_item_for(request.auth, item.pk))


@router.patch("/action-items/{item_id}", response={200: ActionItemDetailOut, **WRITE_ERRORS})
@service_errors
def patch_action_item(request, item_id: int, payload: ActionItemPatch):
    """Change an action item (coordinators). Only the fields sent are changed."""
    item = get_action_item_for(request.auth, item_id)
    data = _item_refs(request.auth, item.meeting, payload.dict(exclude_unset=True))
    update_action_item(actor=request.auth, item=item, **data)
    return get_action_item_for(request.auth, item_id)


@router.post("/action-items/{item_id}/status", response={200: ActionItemDetailOut, **WRITE_ERRORS})
@service_errors
def post_action_item_status(request, item_id: int, payload: StatusIn):
    """Move an action item to a status, with a note: the coordinator or a liaison of the
    owner agency."""
    item = get_action_item_for(request.auth, item_id)
    change_action_item_status(
        actor=request.auth, item=item, status=payload.status, note=payload.note
    )
    return get_action_item_for(request.auth, item_id)


# Timeline ----------------------------------------------------------------------------------


@router.get(
    "/programs/{code}/timeline",
    response={200: list[TimelineEntryOut], 404: ErrorOut, 422: ValidationErrorOut},
)
@paginate(LimitOffsetPagination)
def get_engagement_timeline(request, code: str, filters: Query[TimelineFilters]):
    """The program's engagement timeline in date order; ``agency`` (a code): only the
    entries that concern it; ``kind``: only entries of that kind; ``since``/``until``
    (inclusive): only the entries that overlap those dates."""
    program = get_program_for(request.auth, code)
    chosen = agency_by_code(request.auth, filters.agency, field_name="agency")
    if filters.since and filters.until and filters.until < filters.since:
        raise ValidationError({"until": _("The end comes before the start.")})
    return engagement_timeline(
        request.auth,
        program,
        agency=chosen,
        since=filters.since,
        until=filters.until,
        kind=filters.kind or "",
    )


@router.get(
    "/programs/{code}/action-items/export",
    response={200: None, 404: ErrorOut},
    openapi_extra=spreadsheet_openapi("The program's action items the caller sees"),
)
def get_action_items_export(
    request,
    code: str,
    format: Literal["csv", "xlsx"] = "csv",
    agency: str = "",
    status: str = "",
    overdue: Literal["", "yes", "no"] = "",
    meeting: int | None = None,
):
    """The program's action items the caller sees, by due date (owner agency code, status,
    overdue and meeting filter them as on the list), as CSV or XLSX."""
    data = {"agency": agency, "status": status, "overdue": overdue, "meeting": meeting or ""}
    return action_items_answer(request, request.auth, format, code, data)
