"""The program API's schemas: programs, proposals, items and their review."""

import datetime
import uuid

from ninja import Schema

from nonprolif.api.inputs import omittable
from nonprolif.program.models import Decision, ItemKind, ItemStatus, ProposalStatus
from nonprolif.program.queries import proposal_items


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
    code: str = omittable()
    name_es: str = omittable()
    name_en: str = omittable()
    description_es: str = omittable()
    description_en: str = omittable()
    country: str = omittable()
    lead_agency: str = omittable()
    member_agencies: list[str] | None = None
    partner_agencies: list[str] | None = None
    time_zone: str = omittable()
    target_trainees: int | None = None
    start_date: datetime.date | None = None


class ReviewDecisionOut(Schema):
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


class ProposalItemOut(Schema):
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
    current_decision: ReviewDecisionOut | None

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
    number: int = omittable()
    kind: str = omittable()
    title_es: str = omittable()
    title_en: str = omittable()
    description_es: str = omittable()
    description_en: str = omittable()
    target_trainees: int | None = None
    cohort_size: int | None = None
    cohort_count: int | None = None
    start_date: datetime.date | None = None
    cadence_months: int | None = None
    session_days: int | None = None
    target_agencies: list[str] | None = None
    notes: str = omittable()


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
    items: list[ProposalItemOut]

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
    version: int = omittable()
    title_es: str = omittable()
    title_en: str = omittable()
    summary_es: str = omittable()
    summary_en: str = omittable()
    submitted_on: datetime.date = omittable()


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


class ReviewDecisionIn(Schema):
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
