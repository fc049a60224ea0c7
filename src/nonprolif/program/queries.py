"""Reads of the program app. Every selector starts from ``visible_to(user)``."""

import datetime
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core.models import Agency, Official
from nonprolif.events.models import Meeting
from nonprolif.program.models import (
    Decision,
    ItemDecision,
    ItemKind,
    ItemStatus,
    Program,
    Proposal,
    ProposalItem,
)
from nonprolif.program.models.proposal import later_versions


def programs_for(user):
    """The programs ``user`` can see, with their lead agency."""
    return Program.objects.visible_to(user).select_related("lead_agency")


def get_program_for(user, code) -> Program:
    """The program with this code, if ``user`` can see it; Http404 otherwise."""
    program = programs_for(user).filter(code=code).first()
    if program is None:
        raise Http404(_("No such program."))
    return program


def decision_history_prefetch() -> Prefetch:
    """Prefetch of every decision of the items (newest first) into ``prefetched_decisions``,
    with who decided and the amended target agencies: ``item.current_decision`` and
    ``item.status`` then cost no query."""
    return Prefetch(
        "decisions",
        queryset=ItemDecision.objects.select_related("actor", "carried_from__item__proposal")
        .prefetch_related("target_agencies")
        .order_by("-at", "-pk"),
        to_attr="prefetched_decisions",
    )


def _count_current(decisions: list[str]):
    """Subquery: how many items of the outer proposal have a current decision in
    ``decisions``."""
    rows = (
        ItemDecision.objects.current()
        .filter(item__proposal=OuterRef("pk"), decision__in=decisions)
        .order_by()
        .values("item__proposal")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_review_state(proposals):
    """Annotate proposals with what their derived status needs: ``item_total``,
    ``accepted_total`` (accepted as proposed or amended), ``rejected_total`` (over all items,
    whoever looks: the status is the proposal's) and ``superseded`` (a later version exists)."""
    items = (
        ProposalItem.objects.filter(proposal=OuterRef("pk"))
        .order_by()
        .values("proposal")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return proposals.annotate(
        item_total=Coalesce(Subquery(items, output_field=IntegerField()), 0),
        accepted_total=_count_current([Decision.ACCEPTED, Decision.AMENDED]),
        rejected_total=_count_current([Decision.REJECTED]),
        superseded=Exists(later_versions("")),
    )


def proposals_for(user):
    """The proposals ``user`` can see, with their program, submitting agency and review
    state (``proposal.status`` costs no query)."""
    return with_review_state(
        Proposal.objects.visible_to(user).select_related(
            "program", "submitted_by", "review_closed_by"
        )
    )


def get_proposal_for(user, pk) -> Proposal:
    """The proposal ``pk`` if ``user`` can see it; Http404 otherwise."""
    proposal = proposals_for(user).filter(pk=pk).first()
    if proposal is None:
        raise Http404(_("No such proposal."))
    return proposal


def items_for(user):
    """The proposal items ``user`` can see, with their proposal, program and targets."""
    return (
        ProposalItem.objects.visible_to(user)
        .select_related("proposal__program", "proposal__submitted_by")
        .prefetch_related("target_agencies", decision_history_prefetch())
    )


def get_item_for(user, pk) -> ProposalItem:
    """The proposal item ``pk`` if ``user`` can see it; Http404 otherwise."""
    item = items_for(user).filter(pk=pk).first()
    if item is None:
        raise Http404(_("No such item."))
    return item


def program_agencies(program):
    """Every agency taking part in the program (lead, members, partners), with its parent."""
    return (
        Agency.objects.filter(
            Q(pk=program.lead_agency_id) | Q(member_programs=program) | Q(partner_programs=program)
        )
        .select_related("parent")
        .distinct()
        .order_by("kind", "code")
    )


def national_agency_ids(program) -> set[int]:
    """The lead and member agencies of the program (where trainees come from)."""
    members = set(program.member_agencies.values_list("pk", flat=True))
    return members | {program.lead_agency_id}


def program_proposals(user, program):
    """The program's proposals visible to ``user``, each with ``visible_items`` (the items
    ``user`` can see, with their target agencies)."""
    items = ProposalItem.objects.filter(
        pk__in=ProposalItem.objects.visible_to(user).filter(proposal__program=program).values("pk")
    ).prefetch_related("target_agencies", decision_history_prefetch())
    return (
        proposals_for(user)
        .filter(program=program)
        .prefetch_related(Prefetch("items", queryset=items, to_attr="visible_items"))
    )


def proposal_items(user, proposal):
    """The items of ``proposal`` that ``user`` can see."""
    return items_for(user).filter(proposal=proposal)


@dataclass
class ProgramAgency:
    agency: Agency
    role: str  # "lead", "member" or "partner"


@dataclass
class Dashboard:
    program: Program
    agencies: list[ProgramAgency]
    proposals: list[Proposal]
    official_count: int
    meeting_count: int
    items: list[ProposalItem] = field(default_factory=list)

    @property
    def agency_count(self) -> int:
        return len(self.agencies)

    @property
    def item_count(self) -> int:
        return len(self.items)

    @property
    def planned_seats(self) -> int:
        return sum(item.total_seats or 0 for item in self.items)


def program_dashboard(user, program) -> Dashboard:
    """What the program page shows, all of it limited to what ``user`` can see.

    Counts: the program's agencies; the officials of its lead and member agencies that
    ``user`` can see; the visible items and their planned seats (cohorts times cohort size); the
    visible meetings.
    """
    partner_ids = set(program.partner_agencies.values_list("pk", flat=True))
    national_ids = national_agency_ids(program)
    agencies = []
    for agency in program_agencies(program):
        if agency.pk == program.lead_agency_id:
            role = "lead"
        elif agency.pk in partner_ids:
            role = "partner"
        else:
            role = "member"
        agencies.append(ProgramAgency(agency=agency, role=role))
    order = {"lead": 0, "member": 1, "partner": 2}
    agencies.sort(key=lambda row: (order[row.role], row.agency.code))
    proposals = list(program_proposals(user, program))
    return Dashboard(
        program=program,
        agencies=agencies,
        proposals=proposals,
        items=[item for proposal in proposals for item in proposal.visible_items],
        official_count=Official.objects.visible_to(user).filter(agency_id__in=national_ids).count(),
        meeting_count=Meeting.objects.visible_to(user).filter(program=program).count(),
    )


@dataclass
class ProgramSummary:
    program: Program
    agency_count: int
    item_count: int
    meeting_count: int


def _counts_by_program(queryset, path: str, programs) -> dict[int, int]:
    rows = (
        queryset.model.objects.filter(pk__in=queryset.values("pk"))
        .filter(**{f"{path}__in": programs})
        .values(path)
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row[path]: row["n"] for row in rows}


def home_programs(user) -> list[ProgramSummary]:
    """The programs ``user`` can see, each with its agency, item and meeting counts (items
    and meetings counted as ``user`` sees them). A fixed number of queries."""
    programs = list(
        programs_for(user).prefetch_related(
            Prefetch("member_agencies", queryset=Agency.objects.only("pk")),
            Prefetch("partner_agencies", queryset=Agency.objects.only("pk")),
        )
    )
    if not programs:
        return []
    items = _counts_by_program(ProposalItem.objects.visible_to(user), "proposal__program", programs)
    meetings = _counts_by_program(Meeting.objects.visible_to(user), "program", programs)
    summaries = []
    for program in programs:
        agency_ids = {program.lead_agency_id}
        agency_ids |= {a.pk for a in program.member_agencies.all()}
        agency_ids |= {a.pk for a in program.partner_agencies.all()}
        summaries.append(
            ProgramSummary(
                program=program,
                agency_count=len(agency_ids),
                item_count=items.get(program.pk, 0),
                meeting_count=meetings.get(program.pk, 0),
            )
        )
    return summaries


def agencies_by_codes(user, codes, *, field_name: str) -> list[Agency]:
    """The agencies with these codes; a ValidationError on ``field_name`` naming any code
    that does not exist."""
    codes = list(dict.fromkeys(codes or []))
    found = {a.code: a for a in Agency.objects.visible_to(user).filter(code__in=codes)}
    missing = [code for code in codes if code not in found]
    if missing:
        raise ValidationError(
            {field_name: _("Unknown agency: %(codes)s.") % {"codes": ", ".join(missing)}}
        )
    return [found[code] for code in codes]


def agency_by_code(user, code, *, field_name: str) -> Agency | None:
    """The agency with this code (None for an empty code); ValidationError if unknown."""
    if not code:
        return None
    return agencies_by_codes(user, [code], field_name=field_name)[0]


# Review --------------------------------------------------------------------------------------


def item_decision_state(item: ProposalItem) -> ItemStatus:
    """The item's review status: awaiting review, accepted, accepted with amendments or
    rejected (no query when the selectors prefetched its decisions)."""
    return item.status


def item_decisions(user, item: ProposalItem) -> list[ItemDecision]:
    """The decisions on ``item`` (newest first) as ``user`` sees them: the item is visible to
    ``user`` (fetched through ``get_item_for``), so its whole history is."""
    return list(
        ItemDecision.objects.visible_to(user)
        .filter(item=item)
        .select_related("item", "actor", "carried_from__item__proposal")
        .prefetch_related("target_agencies")
        .order_by("-at", "-pk")
    )


@dataclass(frozen=True)
class ItemPlan:
    """An accepted item with the coordinator's amendments applied: what the calendar plans."""

    item_id: int
    item_key: uuid.UUID
    item_number: int
    kind: str
    title_es: str
    title_en: str
    cohort_size: int | None
    cohort_count: int | None
    start_date: datetime.date | None
    cadence_months: int | None
    session_days: int | None
    target_agency_ids: tuple[int, ...]
    target_agency_codes: tuple[str, ...]


def _plan(item: ProposalItem, decision: ItemDecision) -> ItemPlan:
    if decision.decision == Decision.AMENDED and decision.amends_target_agencies:
        agencies = list(decision.target_agencies.all())
    else:
        agencies = list(item.target_agencies.all())
    agencies.sort(key=lambda agency: agency.pk)
    return ItemPlan(
        item_id=item.pk,
        item_key=item.key,
        item_number=item.number,
        kind=str(item.kind),
        title_es=item.title_es,
        title_en=item.title_en,
        cohort_size=decision.effective("cohort_size"),
        cohort_count=decision.effective("cohort_count"),
        start_date=decision.effective("start_date"),
        cadence_months=decision.effective("cadence_months"),
        session_days=decision.effective("session_days"),
        target_agency_ids=tuple(agency.pk for agency in agencies),
        target_agency_codes=tuple(agency.code for agency in agencies),
    )


def accepted_item_plans(program: Program) -> list[ItemPlan]:
    """The accepted items of ``program`` with their amendments applied: the items of the
    latest version of each of its proposals whose current decision is accepted or accepted
    with amendments, ordered by proposal then item number. NOT scoped: for the planning layer,
    called by services once the program is authorised. A fixed number of queries."""
    current = (
        ItemDecision.objects.current()
        .filter(
            item__proposal__program=program,
            decision__in=[Decision.ACCEPTED, Decision.AMENDED],
        )
        .filter(~Exists(later_versions("item__proposal__")))
        .select_related("item")
        .prefetch_related(
            Prefetch("target_agencies", queryset=Agency.objects.only("pk", "code")),
            Prefetch("item__target_agencies", queryset=Agency.objects.only("pk", "code")),
        )
        .order_by("item__proposal_id", "item__number")
    )
    return [_plan(decision.item, decision) for decision in current]


# Versions -------------------------------------------------------------------------------------

# The item values compared between versions, in the order pages show them.
COMPARED_FIELDS = (
    "number",
    "kind",
    "title_es",
    "title_en",
    "description_es",
    "description_en",
    "target_trainees",
    "cohort_size",
    "cohort_count",
    "start_date",
    "cadence_months",
    "session_days",
    "target_agencies",
    "notes",
)


def _shown(name: str, value):
    """A compared value as pages show it: the kind's label, the agencies' codes (none: every
    agency); dates and numbers as they are (the template formats them)."""
    if name == "kind" and value:
        return ItemKind(value).label
    if name == "target_agencies":
        return ", ".join(value) if value else _("All agencies")
    return value


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: object
    new: object

    @property
    def shown_old(self):
        return _shown(self.name, self.old)

    @property
    def shown_new(self):
        return _shown(self.name, self.new)


@dataclass
class ItemChange:
    old: ProposalItem
    new: ProposalItem
    fields: list[FieldChange]


@dataclass
class ProposalChanges:
    """What changed from ``previous`` (version N-1, None for a first version) to
    ``proposal``: items added, removed and changed (field by field), matched by item key."""

    proposal: Proposal
    previous: Proposal | None
    added: list[ProposalItem] = field(default_factory=list)
    removed: list[ProposalItem] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)
    unchanged: list[ProposalItem] = field(default_factory=list)
    proposal_fields: list[FieldChange] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.proposal_fields)


def _compared_value(item: ProposalItem, name: str):
    if name == "target_agencies":
        return tuple(sorted(agency.code for agency in item.target_agencies.all()))
    return getattr(item, name)


def _field_label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def proposal_versions(user, proposal: Proposal):
    """Every version of ``proposal`` (same program and submitting agency) that ``user`` can
    see, newest first."""
    return (
        Proposal.objects.visible_to(user)
        .filter(program_id=proposal.program_id, submitted_by_id=proposal.submitted_by_id)
        .only("pk", "version", "submitted_on", "program_id", "submitted_by_id")
        .order_by("-version")
    )


def previous_version(user, proposal: Proposal) -> Proposal | None:
    """The version of ``proposal`` before it that ``user`` can see (same program and
    submitting agency), or None."""
    return (
        proposals_for(user)
        .filter(
            program_id=proposal.program_id,
            submitted_by_id=proposal.submitted_by_id,
            version__lt=proposal.version,
        )
        .order_by("-version")
        .first()
    )


def proposal_changes(user, proposal: Proposal) -> ProposalChanges:
    """The field-by-field changes from the previous version of ``proposal`` to it, over the
    items ``user`` can see on each side. A fixed number of queries."""
    previous = previous_version(user, proposal)
    changes = ProposalChanges(proposal=proposal, previous=previous)
    new_items = list(proposal_items(user, proposal).order_by("number"))
    if previous is None:
        changes.added = new_items
        return changes
    old_items = {item.key: item for item in proposal_items(user, previous).order_by("number")}
    for name in ("title_es", "title_en", "summary_es", "summary_en", "submitted_on"):
        old, new = getattr(previous, name), getattr(proposal, name)
        if old != new:
            changes.proposal_fields.append(
                FieldChange(name=name, label=_field_label(Proposal, name), old=old, new=new)
            )
    for item in new_items:
        old = old_items.pop(item.key, None)
        if old is None:
            changes.added.append(item)
            continue
        fields = [
            FieldChange(
                name=name,
                label=_field_label(ProposalItem, name),
                old=_compared_value(old, name),
                new=_compared_value(item, name),
            )
            for name in COMPARED_FIELDS
            if _compared_value(old, name) != _compared_value(item, name)
        ]
        if fields:
            changes.changed.append(ItemChange(old=old, new=item, fields=fields))
        else:
            changes.unchanged.append(item)
    changes.removed = list(old_items.values())
    return changes


def current_proposals_for(user, program: Program):
    """The latest version of each of the program's proposals (one per submitting agency)
    that ``user`` can see."""
    return (
        proposals_for(user).filter(program=program).latest_versions().order_by("submitted_by__code")
    )
