"""Programs as a user sees them: the list, one program, its page and the home page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from django.db.models import Count, Model, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core.models import Agency, Official, User
from nonprolif.events.models import Meeting
from nonprolif.program.models import Program, ProposalItem
from nonprolif.program.models.program import ProgramQuerySet

from .agencies import national_agency_ids, program_agencies
from .proposals import program_proposals

if TYPE_CHECKING:
    from .proposals import ProposalWithItems

_M = TypeVar("_M", bound=Model)


def programs_for(user: User) -> ProgramQuerySet:
    """The programs ``user`` can see, with their lead agency."""
    return Program.objects.visible_to(user).select_related("lead_agency")


def get_program_for(user: User, code: str) -> Program:
    """The program with this code, if ``user`` can see it; Http404 otherwise."""
    program = programs_for(user).filter(code=code).first()
    if program is None:
        raise Http404(_("No such program."))
    return program


@dataclass
class ProgramAgency:
    agency: Agency
    role: str  # "lead", "member" or "partner"


@dataclass
class Dashboard:
    program: Program
    agencies: list[ProgramAgency]
    proposals: list[ProposalWithItems]
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


def program_dashboard(user: User, program: Program) -> Dashboard:
    """What the program page shows, all of it limited to what ``user`` can see.

    Counts: the program's agencies; the officials of its lead and member agencies that
    ``user`` can see; the visible items and their planned seats (cohorts times cohort size); the
    visible meetings.
    """
    partner_ids = set(program.partner_agencies.values_list("pk", flat=True))
    national_ids = national_agency_ids(program)
    agencies: list[ProgramAgency] = []
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


def _counts_by_program(
    queryset: QuerySet[_M], path: str, programs: list[Program]
) -> dict[int, int]:
    """{program id: how many rows of ``queryset`` reach it through ``path``}."""
    rows = (
        queryset.model._default_manager.filter(pk__in=queryset.values("pk"))
        .filter(**{f"{path}__in": programs})
        .values(path)
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row[path]: row["n"] for row in rows}


def home_programs(user: User) -> list[ProgramSummary]:
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
    summaries: list[ProgramSummary] = []
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
