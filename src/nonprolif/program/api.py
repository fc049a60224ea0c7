"""The program API: programs, proposals and their items.

Lists take ``limit``/``offset`` and answer ``{"items": [...], "count": N}`` where N counts the
rows visible to the caller. What the caller may not see answers 404; what it may see but not
change answers 403; bad input answers 422 naming each field and why.
"""

import datetime
import uuid

from django.db.models import Prefetch
from ninja import Router, Schema, Status
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
from nonprolif.program.models import (
    Decision,
    ItemKind,
    ItemStatus,
    ProposalStatus,
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

router = Router(tags=["program"])


# Schemas -----------------------------------------------------------------------------------


class AgencyRef(Schema):
    code: str
    name: str
    acronym: str
    kind: str
    parent: str | None

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return obj.parent.code if obj.parent_id else None


class ProgramOut(Schema):
    code: str
    name: str
    name_es: str
    name_en: str
    description_es: str
    description_en: str
    country: str
    time_zone: str
    target_trainees: int | None
    start_date: datetime.date | None
    lead_agency: str

    @staticmethod
    def resolve_lead_agency(obj) -> str:
        return obj.lead_agency.code


class ProgramDetailOut(ProgramOut):
    member_agencies: list[AgencyRef]
    partner_agencies: list[AgencyRef]

    @staticmethod
    def resolve_member_agencies(obj):
        return list(obj.member_agencies.all())

    @staticmethod
    def resolve_partner_agencies(obj):
        return list(obj.partner_agencies.all())


class ProgramIn(Schema):
    code: str
    name_es: str
    name_en: str
    description_es: str = ""
    description_en: str = ""
    country: str
    lead_agency: str
    member_agencies: list[str] = []
    partner_agencies: list[str] = []
    time_zone: str = "America/Mexico_City"
    target_trainees: int | None = None
    start_date: datetime.date | None = None


class ProgramPatch(Schema):
    code: str | None = None
    name_es: str | None = None
    name_en: str | None = None
    description_es: str | None = None
    description_en: str | None = None
    country: str | None = None
    lead_agency: str | None = None
    member_agencies: list[str] | None = None
    partner_agencies: list[str] | None = None
    time_zone: str | None = None
    target_trainees: int | None = None
    start_date: datetime.date | None = None


class DecisionOut(Schema):
    """One decision on an item. The amended values are null when not amended;
    ``target_agencies`` is null unless the decision amends them."""

    id: int
    item: int
    decision: Decision
    rationale: str
    cohort_size: int | None
    cohort_count: int | None
    start_date: datetime.date | None
    cadence_months: int | None
    session_days: int | None
    target_agencies: list[str] | None
    actor: str
    at: datetime.datetime
    carried_over_from_version: int | None

    @staticmethod
    def resolve_item(obj) -> int:
        return obj.item_id

    @staticmethod
    def resolve_target_agencies(obj) -> list[str] | None:
        if not obj.amends_target_agencies:
            return None
        return sorted(agency.code for agency in obj.target_agencies.all())

    @staticmethod
    def resolve_actor(obj) -> str:
        return obj.actor.username

    @staticmethod
    def resolve_carried_over_from_version(obj) -> int | None:
        return obj.carried_from.item.proposal.version if obj.carried_from_id else None


class ItemOut(Schema):
    id: int
    key: uuid.UUID
    proposal: int
    number: int
    kind: ItemKind
    title: str
    title_es: str
    title_en: str
    description_es: str
    description_en: str
    target_trainees: int | None
    cohort_size: int | None
    cohort_count: int | None
    start_date: datetime.date | None
    cadence_months: int | None
    session_days: int | None
    target_agencies: list[str]
    notes: str
    total_seats: int | None
    status: ItemStatus
    current_decision: DecisionOut | None

    @staticmethod
    def resolve_proposal(obj) -> int:
        return obj.proposal_id

    @staticmethod
    def resolve_status(obj) -> str:
        return str(obj.status)

    @staticmethod
    def resolve_target_agencies(obj) -> list[str]:
        return [agency.code for agency in obj.target_agencies.all()]


class ItemIn(Schema):
    number: int | None = None
    kind: str
    title_es: str
    title_en: str
    description_es: str = ""
    description_en: str = ""
    target_trainees: int | None = None
    cohort_size: int | None = None
    cohort_count: int | None = None
    start_date: datetime.date | None = None
    cadence_months: int | None = None
    session_days: int | None = None
    target_agencies: list[str] = []
    notes: str = ""


class ItemPatch(Schema):
    number: int | None = None
    kind: str | None = None
    title_es: str | None = None
    title_en: str | None = None
    description_es: str | None = None
    description_en: str | None = None
    target_trainees: int | None = None
    cohort_size: int | None = None
    cohort_count: int | None = None
    start_date: datetime.date | None = None
    cadence_months: int | None = None
    session_days: int | None = None
    target_agencies: list[str] | None = None
    notes: str | None = None


class ProposalOut(Schema):
    id: int
    program: str
    submitted_by: str
    version: int
    title: str
    title_es: str
    title_en: str
    summary_es: str
    summary_en: str
    submitted_on: datetime.date
    created_at: datetime.datetime
    status: ProposalStatus
    superseded: bool
    review_closed_at: datetime.datetime | None
    review_closed_by: str | None

    @staticmethod
    def resolve_status(obj) -> str:
        return str(obj.status)

    @staticmethod
    def resolve_superseded(obj) -> bool:
        return obj.is_superseded

    @staticmethod
    def resolve_review_closed_by(obj) -> str | None:
        return obj.review_closed_by.username if obj.review_closed_by_id else None

    @staticmethod
    def resolve_program(obj) -> str:
        return obj.program.code

    @staticmethod
    def resolve_submitted_by(obj) -> str:
        return obj.submitted_by.code


class ProposalDetailOut(ProposalOut):
    items: list[ItemOut]

    @staticmethod
    def resolve_items(obj, context):
        return list(proposal_items(context["request"].auth, obj))


class ProposalIn(Schema):
    program: str
    submitted_by: str | None = None
    version: int | None = None
    title_es: str
    title_en: str
    summary_es: str = ""
    summary_en: str = ""
    submitted_on: datetime.date


class ProposalPatch(Schema):
    version: int | None = None
    title_es: str | None = None
    title_en: str | None = None
    summary_es: str | None = None
    summary_en: str | None = None
    submitted_on: datetime.date | None = None


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


@router.get("/proposals/{proposal_id}/items", response={200: list[ItemOut], 404: ErrorOut})
@paginate(LimitOffsetPagination)
def list_proposal_items(request, proposal_id: int):
    """The proposal's items the caller can see."""
    proposal = get_proposal_for(request.auth, proposal_id)
    return proposal_items(request.auth, proposal)


@router.get("/items/{item_id}", response={200: ItemOut, 404: ErrorOut})
def get_item(request, item_id: int):
    """One proposal item."""
    return get_item_for(request.auth, item_id)


@router.post("/proposals/{proposal_id}/items", response={201: ItemOut, **WRITE_ERRORS})
@service_errors
def post_item(request, proposal_id: int, payload: ItemIn):
    """Add an item to a proposal (coordinators, and the submitting partner agency)."""
    proposal = get_proposal_for(request.auth, proposal_id)
    data = _agency_links(request.auth, payload.dict(), "target_agencies")
    item = create_item(actor=request.auth, proposal=proposal, **data)
    return Status(201, items_for(request.auth).get(pk=item.pk))


@router.patch("/items/{item_id}", response={200: ItemOut, **WRITE_ERRORS})
@service_errors
def patch_item(request, item_id: int, payload: ItemPatch):
    """Change an item. Only the fields sent are changed."""
    item = get_item_for(request.auth, item_id)
    data = _agency_links(request.auth, payload.dict(exclude_unset=True), "target_agencies")
    item = update_item(actor=request.auth, item=item, **data)
    return items_for(request.auth).get(pk=item.pk)


# Review --------------------------------------------------------------------------------------


class AmendmentsIn(Schema):
    """The amended values; a value left out (or null) is not amended. ``target_agencies``:
    agency codes (empty: every agency); left out or null: not amended."""

    cohort_size: int | None = None
    cohort_count: int | None = None
    start_date: datetime.date | None = None
    cadence_months: int | None = None
    session_days: int | None = None
    target_agencies: list[str] | None = None


class DecisionIn(Schema):
    decision: Decision
    rationale: str = ""
    amendments: AmendmentsIn | None = None


class DecideAllIn(Schema):
    decision: Decision
    rationale: str = ""
    only_awaiting: bool = True


class DecideAllOut(Schema):
    proposal: ProposalOut
    decided: list[int]


class RevisionItemIn(ItemPatch):
    """An item of the revised version. ``key``: the item of the version being revised that
    it carries over (fields left out keep that item's values); no key: a new item."""

    key: uuid.UUID | None = None


class RevisionIn(Schema):
    """A revised version. Fields left out keep the current version's values (submitted_on:
    today). ``items`` left out carries every item over unchanged; given, it is the whole
    list: an item of the current version not listed is removed."""

    title_es: str | None = None
    title_en: str | None = None
    summary_es: str | None = None
    summary_en: str | None = None
    submitted_on: datetime.date | None = None
    items: list[RevisionItemIn] | None = None


class FieldChangeOut(Schema):
    field: str
    label: str
    old: str | int | list[str] | None
    new: str | int | list[str] | None


class ItemChangeOut(Schema):
    key: uuid.UUID
    number: int
    old_item: int
    new_item: int
    fields: list[FieldChangeOut]


class ItemRefOut(Schema):
    id: int
    key: uuid.UUID
    number: int
    title: str


class ChangesOut(Schema):
    proposal: int
    version: int
    previous: int | None
    previous_version: int | None
    proposal_fields: list[FieldChangeOut]
    added: list[ItemRefOut]
    removed: list[ItemRefOut]
    changed: list[ItemChangeOut]


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


@router.get("/items/{item_id}/decisions", response={200: list[DecisionOut], 404: ErrorOut})
def list_item_decisions(request, item_id: int):
    """The item's decisions, newest first: the first is the current one, the rest history."""
    item = get_item_for(request.auth, item_id)
    return item_decisions(request.auth, item)


@router.post("/items/{item_id}/decisions", response={201: DecisionOut, **WRITE_ERRORS})
@service_errors
def post_item_decision(request, item_id: int, payload: DecisionIn):
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
