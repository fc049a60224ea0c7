"""The visits endpoints, on the same selectors and services as the pages: the visits
(filtered, paginated), one visit, recording and changing one, its follow-ups.

Invisible or missing: 404; visible but not changeable (an analyst, an auditor): 403, the
refusal audited; bad input: 422 naming each field.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.outreach.models import Visit
from nonprolif.outreach.stakeholders.queries import get_stakeholder_for
from nonprolif.outreach.visits.domain import add_follow_up, record_visit, update_visit
from nonprolif.outreach.visits.queries import (
    get_visit_for,
    visit_follow_ups,
    visit_materials,
    visits_for,
)
from nonprolif.outreach.visits.schemas import (
    OutreachFollowUpIn,
    OutreachFollowUpOut,
    OutreachVisitDetailOut,
    OutreachVisitFilters,
    OutreachVisitIn,
    OutreachVisitOut,
    OutreachVisitPatch,
)
from nonprolif.program.queries.agencies import agency_by_code

router = Router(tags=["outreach"])


def _detail(user, pk: int) -> Visit:
    visit = visits_for(user).get(pk=get_visit_for(user, pk).pk)
    visit.visible_materials = [m.pk for m in visit_materials(user, visit)]  # type: ignore[attr-defined]
    return visit


def _lines(data: dict[str, Any]) -> dict[str, Any]:
    if data.get("attendees") is not None:
        data["attendees"] = "\n".join(line.strip() for line in data["attendees"] if line.strip())
    return data


@router.get("/outreach/visits", response={200: list[OutreachVisitOut]})
@paginate(LimitOffsetPagination)
def list_outreach_visits(request, filters: Query[OutreachVisitFilters]):
    """The visits the caller reads (to his agency's stakeholders; every one for coordinators
    and auditors), newest first; ``q``, ``stakeholder``, ``agency``, ``date_from`` and
    ``date_to`` narrow them."""
    return visits_for(
        request.auth, **{name: value for name, value in filters.dict().items() if value}
    )


@router.post("/outreach/visits", response={201: OutreachVisitDetailOut, **WRITE_ERRORS})
@service_errors
def post_outreach_visit(request, payload: OutreachVisitIn):
    """Record a visit to a stakeholder (a coordinator, or a liaison of its responsible
    agency), with its coordination meeting; ``agency`` the visiting agency (a liaison's
    own; the responsible agency when a coordinator gives none)."""
    data = _lines(payload.dict())
    stakeholder = get_stakeholder_for(request.auth, data.pop("stakeholder"))
    data["agency"] = agency_by_code(request.auth, data.pop("agency"), field_name="agency")
    visit = record_visit(actor=request.auth, stakeholder=stakeholder, **data)
    return Status(201, _detail(request.auth, visit.pk))


@router.get("/outreach/visits/{visit_id}", response={200: OutreachVisitDetailOut, 404: ErrorOut})
def get_outreach_visit(request, visit_id: int):
    """One visit: its attendees, topics, materials handed over and the count of follow-ups."""
    return _detail(request.auth, visit_id)


@router.patch("/outreach/visits/{visit_id}", response={200: OutreachVisitDetailOut, **WRITE_ERRORS})
@service_errors
def patch_outreach_visit(request, visit_id: int, payload: OutreachVisitPatch):
    """Change the fields given (a coordinator, or a liaison of the visiting agency)."""
    visit = get_visit_for(request.auth, visit_id)
    data = _lines(payload.dict(exclude_unset=True))
    for name in ("date", "attendees", "topics_es", "topics_en", "materials"):
        if name in data and data[name] is None:
            raise ValidationError({name: _("This field cannot be empty.")})
    update_visit(actor=request.auth, visit=visit, **data)
    return _detail(request.auth, visit_id)


@router.get(
    "/outreach/visits/{visit_id}/follow-ups",
    response={200: list[OutreachFollowUpOut], 404: ErrorOut},
)
@paginate(LimitOffsetPagination)
def list_outreach_visit_follow_ups(request, visit_id: int):
    """The visit's follow-ups (action items of its meeting), by due date."""
    return visit_follow_ups(request.auth, get_visit_for(request.auth, visit_id))


@router.post(
    "/outreach/visits/{visit_id}/follow-ups",
    response={201: OutreachFollowUpOut, **WRITE_ERRORS},
)
@service_errors
def post_outreach_visit_follow_up(request, visit_id: int, payload: OutreachFollowUpIn):
    """Add a follow-up: an action item of the visit's meeting owned by the visiting agency,
    with the coordination's history and reminders."""
    visit = get_visit_for(request.auth, visit_id)
    return Status(201, add_follow_up(actor=request.auth, visit=visit, **payload.dict()))
