"""The program API: programs, proposals and their items.

Lists take ``limit``/``offset`` and answer ``{"items": [...], "count": N}`` where N counts the
rows visible to the caller. What the caller may not see answers 404; what it may see but not
change answers 403; bad input answers 422 naming each field and why.
"""

import datetime

from django.db.models import Prefetch
from ninja import Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.core.models import Agency
from nonprolif.program.domain import (
    close_review,
    create_item,
    create_program,
    create_proposal,
    decide_all,
    decide_item,
    reopen_review,
    revise_proposal,
    update_item,
    update_program,
    update_proposal,
)
from nonprolif.program.queries import (
    agencies_by_codes,
    agency_by_code,
    get_item_for,
    get_program_for,
    get_proposal_for,
    item_decisions,
    items_for,
    programs_for,
    proposal_changes,
    proposal_items,
    proposals_for,
)
from nonprolif.program.schemas import (
    ChangesOut,
    DecideAllIn,
    DecideAllOut,
    ItemIn,
    ItemPatch,
    ProgramDetailOut,
    ProgramIn,
    ProgramOut,
    ProgramPatch,
    ProposalDetailOut,
    ProposalIn,
    ProposalItemOut,
    ProposalOut,
    ProposalPatch,
    ReviewDecisionIn,
    ReviewDecisionOut,
    RevisionIn,
)

router = Router(tags=["program"])


def _agency_links(user, data: dict, *names: str) -> dict:
    """Replace agency codes in ``data`` by agencies (a 422 naming the field if unknown)."""
    for name in names:
        if data.get(name) is not None:
            data[name] = agencies_by_codes(user, data[name], field_name=name)
    return data


def _program_detail_query(user):
    agencies = Agency.objects.select_related("parent")
    return programs_for(user).prefetch_related(
        Prefetch("member_agencies", queryset=agencies),
        Prefetch("partner_agencies", queryset=agencies),
    )


# Programs ----------------------------------------------------------------------------------


@router.get("/programs", response=list[ProgramOut])
@paginate(LimitOffsetPagination)
def list_programs(request):
    """The programs the caller can see."""
    return programs_for(request.auth)


@router.get("/programs/{code}", response={200: ProgramDetailOut, 404: ErrorOut})
def get_program(request, code: str):
    """One program with its lead, member and partner agencies."""
    program = get_program_for(request.auth, code)
    return _program_detail_query(request.auth).get(pk=program.pk)


@router.post("/programs", response={201: ProgramDetailOut, **WRITE_ERRORS})
@service_errors
def post_program(request, payload: ProgramIn):
    """Create a program (coordinators)."""
    data = payload.dict()
    data["lead_agency"] = agency_by_code(
        request.auth, data["lead_agency"], field_name="lead_agency"
    )
    _agency_links(request.auth, data, "member_agencies", "partner_agencies")
    program = create_program(actor=request.auth, **data)
    return Status(201, _program_detail_query(request.auth).get(pk=program.pk))


@router.patch("/programs/{code}", response={200: ProgramDetailOut, **WRITE_ERRORS})
@service_errors
def patch_program(request, code: str, payload: ProgramPatch):
    """Change a program (coordinators). Only the fields sent are changed."""
    program = get_program_for(request.auth, code)
    data = payload.dict(exclude_unset=True)
    if "lead_agency" in data:
        data["lead_agency"] = agency_by_code(
            request.auth, data["lead_agency"], field_name="lead_agency"
        )
    _agency_links(request.auth, data, "member_agencies", "partner_agencies")
    program = update_program(actor=request.auth, program=program, **data)
    return _program_detail_query(request.auth).get(pk=program.pk)


# Proposals ---------------------------------------------------------------------------------


@router.get("/programs/{code}/proposals", response={200: list[ProposalOut], 404: ErrorOut})
@paginate(LimitOffsetPagination)
def list_program_proposals(request, code: str):
    """The program's proposals the caller can see."""
    program = get_program_for(request.auth, code)
    return proposals_for(request.auth).filter(program=program)


@router.get("/proposals/{proposal_id}", response={200: ProposalDetailOut, 404: ErrorOut})
def get_proposal(request, proposal_id: int):
    """One proposal with the items the caller can see."""
    return get_proposal_for(request.auth, proposal_id)


@router.post("/proposals", response={201: ProposalOut, **WRITE_ERRORS})
@service_errors
def post_proposal(request, payload: ProposalIn):
    """Record a proposal. ``program`` names the program by code; a program the caller cannot
    see answers 422 on ``program``."""
    data = payload.dict()
    data["submitted_by"] = agency_by_code(
        request.auth, data["submitted_by"], field_name="submitted_by"
    )
    proposal = create_proposal(actor=request.auth, **data)
    return Status(201, proposals_for(request.auth).get(pk=proposal.pk))


@router.patch("/proposals/{proposal_id}", response={200: ProposalOut, **WRITE_ERRORS})
@service_errors
def patch_proposal(request, proposal_id: int, payload: ProposalPatch):
    """Change a proposal (coordinators, and the submitting partner agency)."""
    proposal = get_proposal_for(request.auth, proposal_id)
    proposal = update_proposal(
        actor=request.auth, proposal=proposal, **payload.dict(exclude_unset=True)
    )
    return proposals_for(request.auth).get(pk=proposal.pk)


# Items -------------------------------------------------------------------------------------


@router.get("/proposals/{proposal_id}/items", response={200: list[ProposalItemOut], 404: ErrorOut})
@paginate(LimitOffsetPagination)
def list_proposal_items(request, proposal_id: int):
    """The proposal's items the caller can see."""
    proposal = get_proposal_for(request.auth, proposal_id)
    return proposal_items(request.auth, proposal)


@router.get("/items/{item_id}", response={200: ProposalItemOut, 404: ErrorOut})
def get_item(request, item_id: int):
    """One proposal item."""
    return get_item_for(request.auth, item_id)


@router.post("/proposals/{proposal_id}/items", response={201: ProposalItemOut, **WRITE_ERRORS})
@service_errors
def post_item(request, proposal_id: int, payload: ItemIn):
    """Add an item to a proposal (coordinators, and the submitting partner agency)."""
    proposal = get_proposal_for(request.auth, proposal_id)
    data = _agency_links(request.auth, payload.dict(), "target_agencies")
    item = create_item(actor=request.auth, proposal=proposal, **data)
    return Status(201, items_for(request.auth).get(pk=item.pk))


@router.patch("/items/{item_id}", response={200: ProposalItemOut, **WRITE_ERRORS})
@service_errors
def patch_item(request, item_id: int, payload: ItemPatch):
    """Change an item. Only the fields sent are changed."""
    item = get_item_for(request.auth, item_id)
    data = _agency_links(request.auth, payload.dict(exclude_unset=True), "target_agencies")
    item = update_item(actor=request.auth, item=item, **data)
    return items_for(request.auth).get(pk=item.pk)


# Review --------------------------------------------------------------------------------------


def _plain(value):
    if value is None or isinstance(value, int | str):
        return value
    if isinstance(value, tuple | list):
        return list(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _field_changes(fields) -> list[dict]:
    return [
        {"field": c.name, "label": c.label, "old": _plain(c.old), "new": _plain(c.new)}
        for c in fields
    ]


@router.get("/items/{item_id}/decisions", response={200: list[ReviewDecisionOut], 404: ErrorOut})
@paginate(LimitOffsetPagination)
def list_item_decisions(request, item_id: int):
    """The item's decisions, newest first: the first is the current one, the rest history."""
    item = get_item_for(request.auth, item_id)
    return item_decisions(request.auth, item)


@router.post("/items/{item_id}/decisions", response={201: ReviewDecisionOut, **WRITE_ERRORS})
@service_errors
def post_item_decision(request, item_id: int, payload: ReviewDecisionIn):
    """Decide on an item (coordinators): accepted, rejected (with a rationale) or amended
    (with a rationale and amendments). Refused (422) once the review is closed."""
    item = get_item_for(request.auth, item_id)
    amendments = None
    if payload.amendments is not None:
        amendments = _agency_links(
            request.auth, payload.amendments.dict(exclude_unset=True), "target_agencies"
        )
    decision = decide_item(
        item=item,
        decision=payload.decision,
        actor=request.auth,
        rationale=payload.rationale,
        amendments=amendments,
    )
    return Status(201, next(d for d in item_decisions(request.auth, item) if d.pk == decision.pk))


@router.post("/proposals/{proposal_id}/decisions", response={200: DecideAllOut, **WRITE_ERRORS})
@service_errors
def post_proposal_decisions(request, proposal_id: int, payload: DecideAllIn):
    """Accept or reject the items awaiting review at once (coordinators); with
    ``only_awaiting`` false, every item whose current decision differs."""
    proposal = get_proposal_for(request.auth, proposal_id)
    rows = decide_all(
        proposal=proposal,
        decision=payload.decision,
        actor=request.auth,
        rationale=payload.rationale,
        only_awaiting=payload.only_awaiting,
    )
    return {
        "proposal": proposals_for(request.auth).get(pk=proposal.pk),
        "decided": [row.item.number for row in rows],
    }


@router.post("/proposals/{proposal_id}/close", response={200: ProposalOut, **WRITE_ERRORS})
@service_errors
def post_close_review(request, proposal_id: int):
    """Close the review (coordinators): every item must have a decision."""
    proposal = get_proposal_for(request.auth, proposal_id)
    close_review(proposal=proposal, actor=request.auth)
    return proposals_for(request.auth).get(pk=proposal.pk)


@router.post("/proposals/{proposal_id}/reopen", response={200: ProposalOut, **WRITE_ERRORS})
@service_errors
def post_reopen_review(request, proposal_id: int):
    """Reopen a closed review (coordinators)."""
    proposal = get_proposal_for(request.auth, proposal_id)
    reopen_review(proposal=proposal, actor=request.auth)
    return proposals_for(request.auth).get(pk=proposal.pk)


@router.post(
    "/proposals/{proposal_id}/revisions", response={201: ProposalDetailOut, **WRITE_ERRORS}
)
@service_errors
def post_revision(request, proposal_id: int, payload: RevisionIn):
    """Submit a revised version of the proposal (the submitting partner, coordinators).
    Errors on an item name it as ``items.<number>.<field>``."""
    proposal = get_proposal_for(request.auth, proposal_id)
    data = payload.dict(exclude_unset=True)
    items = data.pop("items", None)
    if items is not None:
        items = [
            {name: value for name, value in item.items() if value is not None or name == "key"}
            for item in items
        ]
        for position, item in enumerate(items, start=1):
            if item.get("target_agencies") is not None:
                where = f"items.{item.get('number') or position}.target_agencies"
                item["target_agencies"] = agencies_by_codes(
                    request.auth, item["target_agencies"], field_name=where
                )
    fields = {name: value for name, value in data.items() if value is not None}
    new = revise_proposal(proposal=proposal, actor=request.auth, items=items, **fields)
    return Status(201, proposals_for(request.auth).get(pk=new.pk))


@router.get("/proposals/{proposal_id}/changes", response={200: ChangesOut, 404: ErrorOut})
def get_proposal_changes(request, proposal_id: int):
    """What changed from the previous version to this one, field by field (items matched by
    key, as the caller sees them)."""
    proposal = get_proposal_for(request.auth, proposal_id)
    changes = proposal_changes(request.auth, proposal)

    def ref(item):
        return {"id": item.pk, "key": item.key, "number": item.number, "title": item.title}

    return {
        "proposal": proposal.pk,
        "version": proposal.version,
        "previous": changes.previous.pk if changes.previous else None,
        "previous_version": changes.previous.version if changes.previous else None,
        "proposal_fields": _field_changes(changes.proposal_fields),
        "added": [ref(item) for item in changes.added],
        "removed": [ref(item) for item in changes.removed],
        "changed": [
            {
                "key": change.new.key,
                "number": change.new.number,
                "old_item": change.old.pk,
                "new_item": change.new.pk,
                "fields": _field_changes(change.fields),
            }
            for change in changes.changed
        ],
    }
