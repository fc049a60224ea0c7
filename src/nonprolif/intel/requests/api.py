"""The requests endpoints: requests for information, their answers (draft reports of the
agencies asked) and closing them.

Invisible or missing: 404; visible but not allowed: 403; bad input: 422 naming each field.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.core.models import ClassificationLevel
from nonprolif.intel.requests.domain import answer_request, close_request, create_request
from nonprolif.intel.requests.queries import get_request_for, requests_for
from nonprolif.intel.requests.schemas import (
    InfoRequestAnswerIn,
    InfoRequestAnswerOut,
    InfoRequestDetailOut,
    InfoRequestFilters,
    InfoRequestIn,
    InfoRequestOut,
)
from nonprolif.program.queries import agencies_by_codes

router = Router(tags=["intel"])


def _level(user, code: str) -> ClassificationLevel:
    level = ClassificationLevel.objects.visible_to(user).filter(code=code).first()
    if level is None:
        raise ValidationError({"classification": _("Unknown classification level.")})
    return level


@router.get("/intel/requests", response={200: list[InfoRequestOut]})
@paginate(LimitOffsetPagination)
def list_info_requests(request, filters: Query[InfoRequestFilters]):
    """The requests for information the caller may read, newest first: ``box=asked_by``
    those his agency asked, ``box=asked_of`` those it was asked; ``status`` narrows them.
    ``answer_count`` counts only the answers the caller may read."""
    return requests_for(request.auth, box=filters.box or "", status=filters.status or "")


@router.get("/intel/requests/{request_id}", response={200: InfoRequestDetailOut, 404: ErrorOut})
def get_info_request(request, request_id: int):
    """One request with the answers the caller may read."""
    return get_request_for(request.auth, request_id)


@router.post("/intel/requests", response={201: InfoRequestDetailOut, **WRITE_ERRORS})
@service_errors
def post_info_request(request, payload: InfoRequestIn):
    """Ask a question of other agencies (analysts), classified at most at the caller's
    clearance, due today or later."""
    data = payload.dict()
    data["classification"] = _level(request.auth, data["classification"])
    data["recipients"] = agencies_by_codes(
        request.auth, data["recipients"], field_name="recipients"
    )
    created = create_request(actor=request.auth, **data)
    return Status(201, get_request_for(request.auth, created.pk))


@router.post(
    "/intel/requests/{request_id}/answers", response={201: InfoRequestAnswerOut, **WRITE_ERRORS}
)
@service_errors
def post_info_request_answer(request, request_id: int, payload: InfoRequestAnswerIn):
    """Answer a request with a draft report of the caller's agency (an analyst of an
    agency asked, cleared for the request, while it is open)."""
    info_request = get_request_for(request.auth, request_id)
    data = payload.dict()
    data["classification"] = _level(request.auth, data["classification"])
    report = answer_request(actor=request.auth, info_request=info_request, **data)
    return Status(201, report)


@router.post(
    "/intel/requests/{request_id}/close", response={200: InfoRequestDetailOut, **WRITE_ERRORS}
)
@service_errors
def post_info_request_close(request, request_id: int):
    """Close a request (an analyst of the asking agency, cleared for it)."""
    info_request = get_request_for(request.auth, request_id)
    close_request(actor=request.auth, info_request=info_request)
    return get_request_for(request.auth, request_id)
