"""Reads of the program app. Every selector starts from ``visible_to(user)``."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core.models import Agency, Official
from nonprolif.events.models import Meeting
from nonprolif.program.models import Program, Proposal, ProposalItem


def programs_for(user):
    """The programs ``user`` can see, with their lead agency."""
    return Program.objects.visible_to(user).select_related("lead_agency")


def get_program_for(user, code) -> Program:
    """The program with this code, if ``user`` can see it; Http404 otherwise."""
    program = programs_for(user).filter(code=code).first()
    if program is None:
        raise Http404(_("No such program."))
    return program


def proposals_for(user):
    """The proposals ``user`` can see, with their program and submitting agency."""
    return Proposal.objects.visible_to(user).select_related("program", "submitted_by")


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
        .prefetch_related("target_agencies")
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
    ).prefetch_related("target_agencies")
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
