"""The nominations API: items and seats, nominations (one by one and by upload), approval,
withdrawal, substitution, the assignment and the waitlist.

Lists take ``limit``/``offset`` and answer ``{"items": [...], "count": N}`` where N counts
what the caller can see. Invisible or missing: 404; visible but not allowed: 403; bad input:
422 naming each field (for uploads: each row and column) and why. A refused write changes
nothing.
"""

import uuid
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.core.models import Official
from nonprolif.core.spreadsheets import spreadsheet_openapi
from nonprolif.program.queries import get_program_for
from nonprolif.training.models.nomination import ItemSettings, NominationStatus
from nonprolif.training.nominations.domain.assignment import run_assignment
from nonprolif.training.nominations.domain.bulk import decide_nominations
from nonprolif.training.nominations.domain.nominations import (
    NominationInput,
    decide_nomination,
    nominate,
    substitute_nomination,
    withdraw_nomination,
)
from nonprolif.training.nominations.domain.seats import apply_seat_rule, set_agency_seats
from nonprolif.training.nominations.domain.upload import import_nominations
from nonprolif.training.nominations.exports import nominations_answer
from nonprolif.training.nominations.imports import RowError, parse_upload, size_error
from nonprolif.training.nominations.queries import (
    get_item_for,
    get_nomination_for,
    items_seats,
    items_settings,
    program_nominations,
    visible_items,
    waitlist,
)
from nonprolif.training.nominations.schemas import (
    AssignmentIn,
    NominationBulkDecisionIn,
    NominationBulkDecisionOut,
    NominationDecisionIn,
    NominationIn,
    NominationItemOut,
    NominationOut,
    SeatsIn,
    SplitIn,
    SubstituteIn,
    UploadErrorsOut,
    UploadOut,
)

router = Router(tags=["nominations"])


def _item_out(item, settings: ItemSettings, seats: list) -> dict:
    return {
        "item_key": item.key,
        "number": item.number,
        "title": item.title,
        "senior": item.senior,
        "seats_total": item.seats_total,
        "seat_rule": settings.seat_rule,
        "nomination_opens": settings.nomination_opens,
        "nomination_closes": settings.nomination_closes,
        "window": settings.window_state(),
        "seats": seats,
    }


def _items_out(user, program, items) -> list[dict]:
    """The items as the API shows them: their settings and the seats ``user`` can see, in
    two queries whatever the number of items."""
    keys = [item.key for item in items]
    settings = items_settings(program, keys)
    seats = items_seats(user, program, keys)
    return [
        _item_out(
            item,
            settings.get(item.key) or ItemSettings(program=program, item_key=item.key),
            seats.get(item.key, []),
        )
        for item in items
    ]


def _one_item_out(user, program, item) -> dict:
    return _items_out(user, program, [item])[0]


def _official(user, pk) -> Official | None:
    return Official.objects.visible_to(user).select_related("agency").filter(pk=pk).first()


def _input(user, payload: NominationIn) -> NominationInput:
    official = _official(user, payload.official)
    if official is None:
        raise ValidationError({"official": _("Unknown official.")})
    return NominationInput(
        official=official,
        language=payload.language,
        unavailable=payload.unavailable,
        preferences=payload.preferences,
    )


@router.get(
    "/programs/{code}/nomination-items", response={200: list[NominationItemOut], 404: ErrorOut}
)
@paginate(LimitOffsetPagination)
def list_items(request, code: str):
    """The accepted items taking nominations that the caller can see, in item order, with
    window and seats (a liaison sees his agency's seats). A fixed number of queries."""
    program = get_program_for(request.auth, code)
    return _items_out(request.auth, program, visible_items(request.auth, program))


@router.get(
    "/programs/{code}/nomination-items/{item_key}", response={200: NominationItemOut, 404: ErrorOut}
)
def get_item(request, code: str, item_key: str):
    program = get_program_for(request.auth, code)
    return _one_item_out(request.auth, program, get_item_for(request.auth, program, item_key))


@router.put(
    "/programs/{code}/nomination-items/{item_key}/seats",
    response={200: NominationItemOut, **WRITE_ERRORS},
)
@service_errors
def put_seats(request, code: str, item_key: str, payload: SeatsIn):
    """Set the seats of the agencies named (agency code → seats; coordinators)."""
    program = get_program_for(request.auth, code)
    item = get_item_for(request.auth, program, item_key)
    set_agency_seats(actor=request.auth, program=program, item=item, seats=payload.seats)
    return _one_item_out(request.auth, program, item)


@router.post(
    "/programs/{code}/nomination-items/{item_key}/seats/split",
    response={200: NominationItemOut, **WRITE_ERRORS},
)
@service_errors
def split_seats(request, code: str, item_key: str, payload: SplitIn):
    """Split the item's seats among its agencies: ``even`` or ``proportional`` to
    ``weights`` (agency code → weight; coordinators)."""
    program = get_program_for(request.auth, code)
    item = get_item_for(request.auth, program, item_key)
    apply_seat_rule(
        actor=request.auth, program=program, item=item, rule=payload.rule, weights=payload.weights
    )
    return _one_item_out(request.auth, program, item)


@router.get("/programs/{code}/nominations", response={200: list[NominationOut], 404: ErrorOut})
@paginate(LimitOffsetPagination)
def list_nominations(
    request,
    code: str,
    item: uuid.UUID | None = None,
    status: str | None = None,
    agency: str | None = None,
):
    """The program's nominations the caller can see (a liaison: his agency's), in waitlist
    order; filter by item key, status and agency code."""
    program = get_program_for(request.auth, code)
    return program_nominations(request.auth, program, item_key=item, status=status, agency=agency)


@router.post(
    "/programs/{code}/nomination-items/{item_key}/nominations",
    response={201: NominationOut, **WRITE_ERRORS},
)
@service_errors
def post_nomination(request, code: str, item_key: str, payload: NominationIn):
    """Nominate one official (liaisons: of their agency; the coordinator: any). The
    nomination awaits the coordinator's approval."""
    program = get_program_for(request.auth, code)
    item = get_item_for(request.auth, program, item_key)
    nomination = nominate(
        actor=request.auth, program=program, item=item, data=_input(request.auth, payload)
    )
    return Status(201, get_nomination_for(request.auth, nomination.pk))


def _upload_field(error: RowError) -> str:
    """The field an upload error names: the file itself (row 0), or a row and its column."""
    if error.row == 0:
        return "file"
    return f"row {error.row}: {error.column}" if error.column else f"row {error.row}"


def _upload_errors(errors: list[RowError]) -> JsonResponse:
    detail = [
        {"row": e.row, "column": e.column, "field": _upload_field(e), "message": e.message}
        for e in errors
    ]
    return JsonResponse({"detail": detail}, status=422)


@router.post(
    "/programs/{code}/nomination-items/{item_key}/nominations/upload",
    response={200: UploadOut, 403: ErrorOut, 404: ErrorOut, 422: UploadErrorsOut},
)
@service_errors
def upload_nominations(
    request,
    code: str,
    item_key: str,
    file: UploadedFile = File(...),  # noqa: B008 (ninja's declaration)
    only_good: bool = Form(False),
):
    """Nominate the officials of a CSV or XLSX file (columns official_id or email, language,
    unavailable, preferences). All or nothing: with any bad row nothing is imported and the
    answer is 422 listing each error as ``{"row", "column", "field", "message"}``; with
    ``only_good`` the good rows are imported and the bad ones listed in ``errors``."""
    program = get_program_for(request.auth, code)
    item = get_item_for(request.auth, program, item_key)
    too_large = size_error(file.size)
    if too_large:
        return _upload_errors([RowError(0, "", too_large)])
    rows, file_errors = parse_upload(file.name or "", file.read())
    report = import_nominations(
        actor=request.auth,
        program=program,
        item=item,
        rows=rows,
        file_errors=file_errors,
        only_good=only_good,
    )
    if report.errors and not report.created:
        return _upload_errors(report.errors)
    created = list(
        program_nominations(request.auth, program).filter(pk__in=[n.pk for n in report.created])
    )
    return {"created": created, "errors": report.errors, "only_good": only_good}


@router.get("/nominations/{nomination_id}", response={200: NominationOut, 404: ErrorOut})
def get_nomination(request, nomination_id: int):
    return get_nomination_for(request.auth, nomination_id)


def _decide(request, nomination_id: int, decision: str, reason: str):
    nomination = get_nomination_for(request.auth, nomination_id)
    if not request.auth.has_perm("training.decide_nomination", nomination):
        raise PermissionDenied(_("You are not allowed to do this."))
    decide_nomination(actor=request.auth, nomination=nomination, decision=decision, reason=reason)
    return get_nomination_for(request.auth, nomination_id)


@router.post("/nominations/{nomination_id}/approve", response={200: NominationOut, **WRITE_ERRORS})
@service_errors
def approve(request, nomination_id: int, payload: NominationDecisionIn):
    """Approve a submitted nomination (coordinators)."""
    return _decide(request, nomination_id, NominationStatus.APPROVED, payload.reason)


@router.post("/nominations/{nomination_id}/decline", response={200: NominationOut, **WRITE_ERRORS})
@service_errors
def decline(request, nomination_id: int, payload: NominationDecisionIn):
    """Decline a submitted nomination with a reason (coordinators)."""
    return _decide(request, nomination_id, NominationStatus.DECLINED, payload.reason)


@router.post(
    "/programs/{code}/nominations/decide",
    response={200: NominationBulkDecisionOut, **WRITE_ERRORS},
)
@service_errors
def bulk_decide(request, code: str, payload: NominationBulkDecisionIn):
    """Approve or decline many submitted nominations of the program at once (coordinators),
    all or none: 422 naming every row that cannot be decided (``ids``), 404 when an id is
    missing or not visible; nothing is decided then. Answers what was decided and who was
    promoted from the waitlist."""
    program = get_program_for(request.auth, code)
    report = decide_nominations(
        actor=request.auth,
        program=program,
        ids=payload.ids,
        decision=payload.decision,
        reason=payload.reason,
    )
    return {
        "decision": report.decision,
        "count": len(report.decided),
        "decided": report.decided,
        "promoted": report.promoted,
    }


@router.post("/nominations/{nomination_id}/withdraw", response={200: NominationOut, **WRITE_ERRORS})
@service_errors
def withdraw(request, nomination_id: int, payload: NominationDecisionIn):
    """Withdraw a nomination (the coordinator, or a liaison of the nominee's agency). A
    placed nominee's seat goes to the best waitlisted nominee; both are told by e-mail."""
    nomination = get_nomination_for(request.auth, nomination_id)
    withdraw_nomination(actor=request.auth, nomination=nomination, reason=payload.reason)
    return get_nomination_for(request.auth, nomination_id)


@router.post(
    "/nominations/{nomination_id}/substitute", response={201: NominationOut, **WRITE_ERRORS}
)
@service_errors
def substitute(request, nomination_id: int, payload: SubstituteIn):
    """Replace a nominee by another official of the same agency; the substitute keeps the
    replaced one's waitlist order and awaits approval. Answers the substitute's nomination."""
    nomination = get_nomination_for(request.auth, nomination_id)
    created = substitute_nomination(
        actor=request.auth,
        nomination=nomination,
        data=_input(request.auth, payload),
        reason=payload.reason,
    )
    return Status(201, get_nomination_for(request.auth, created.pk))


@router.post("/programs/{code}/assignment", response={200: dict, **WRITE_ERRORS})
@service_errors
def post_assignment(request, code: str, payload: AssignmentIn):
    """Run the assignment (coordinators): the plan (sessions with participants and counts by
    agency), its objective terms and the reason for everyone left out. With ``dry_run``
    nothing is written."""
    program = get_program_for(request.auth, code)
    if not request.auth.has_perm("training.run_assignment", program):
        raise PermissionDenied(_("You are not allowed to run the assignment."))
    return run_assignment(actor=request.auth, program=program, dry_run=payload.dry_run).as_json()


@router.get("/programs/{code}/waitlist", response={200: list[NominationOut], 404: ErrorOut})
@paginate(LimitOffsetPagination)
def get_waitlist(request, code: str, item: uuid.UUID | None = None):
    """The approved nominees not placed, in waitlist order, with the reason (scoped)."""
    program = get_program_for(request.auth, code)
    return waitlist(request.auth, program, item_key=item)


@router.get(
    "/programs/{code}/nominations/export",
    response={200: None, 404: ErrorOut},
    openapi_extra=spreadsheet_openapi("The nominations the caller sees"),
)
def get_nominations_export(
    request,
    code: str,
    format: Literal["csv", "xlsx"] = "csv",
    item: uuid.UUID | None = None,
    status: NominationStatus | None = None,
    agency: str | None = None,
    q: str | None = None,
):
    """The program's nominations the caller sees (of one item, status, agency code, or whose
    official's name or e-mail contains ``q``) as CSV or XLSX, in waitlist order; 404 for a
    program or item he does not see."""
    return nominations_answer(
        request, request.auth, format, code, item_key=item, status=status, agency=agency, q=q
    )
