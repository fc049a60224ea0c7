"""The progress dashboard: nominated → approved → assigned → attended → certified, per agency,
against the targets.

Every count is of distinct officials and comes from the rows the user may see (a liaison's
dashboard holds his agency's row only; what he may not see counts for nothing).
"""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from nonprolif.core.i18n import localized_property
from nonprolif.core.models import Agency, User
from nonprolif.core.scoping import sees_everything
from nonprolif.program.models import Program
from nonprolif.program.queries import national_agency_ids
from nonprolif.training.models import AgencySeats, Attendance, Certificate, Nomination, Session
from nonprolif.training.models.attendance import roster_visible_to
from nonprolif.training.models.nomination import NominationStatus

STAGES = ("nominated", "approved", "assigned", "attended", "certified")


def stage_labels() -> dict[str, str]:
    return {
        "nominated": _("Nominated"),
        "approved": _("Approved"),
        "assigned": _("Assigned"),
        "attended": _("Attended"),
        "certified": _("Certified"),
    }


@dataclass
class ProgressRow:
    agency: Agency
    counts: dict[str, int]
    seats: int | None  # the agency's quota over the items shown (None: no quota set)

    @property
    def values(self) -> list[int]:
        return [self.counts[stage] for stage in STAGES]


@dataclass(frozen=True)
class ItemChoice:
    key: uuid.UUID
    number: int
    title_es: str
    title_en: str

    title = localized_property("title")


@dataclass
class ProgramProgress:
    program: Program
    rows: list[ProgressRow]
    target: int | None
    items: list[ItemChoice] = field(default_factory=list)
    item: ItemChoice | None = None
    agency: Agency | None = None

    @property
    def totals(self) -> dict[str, int]:
        return {stage: sum(row.counts[stage] for row in self.rows) for stage in STAGES}

    @property
    def total_values(self) -> list[int]:
        totals = self.totals
        return [totals[stage] for stage in STAGES]

    @property
    def seats_total(self) -> int | None:
        seats = [row.seats for row in self.rows if row.seats is not None]
        return sum(seats) if seats else None

    @property
    def stages(self) -> list[tuple[str, str, int]]:
        """(stage, label, total) in funnel order."""
        labels = stage_labels()
        totals = self.totals
        return [(stage, labels[stage], totals[stage]) for stage in STAGES]


def progress_agencies(user: User, program: Program) -> QuerySet[Agency]:
    """The program's national agencies whose row ``user`` may see: all of them for
    coordinators and auditors, his own agency for anyone else (when it is one of them)."""
    ids = national_agency_ids(program)
    if not sees_everything(user):
        ids = ids & {user.agency_id} if user.agency_id else set()
    return Agency.objects.filter(pk__in=ids).order_by("code")


def progress_items(user: User, program: Program) -> list[ItemChoice]:
    """The items of the program's sessions ``user`` can see (for the item filter)."""
    rows = (
        Session.objects.visible_to(user)
        .filter(program=program)
        .order_by("item_number")
        .values_list("item_key", "item_number", "title_es", "title_en")
        .distinct()
    )
    seen: dict[uuid.UUID, ItemChoice] = {}
    for key, number, title_es, title_en in rows:
        seen.setdefault(key, ItemChoice(key, number, title_es, title_en))
    return list(seen.values())


def _by_agency(queryset: QuerySet[Any], agency_path: str, official_path: str) -> dict[int, int]:
    rows = (
        queryset.order_by()
        .values(agency_path)
        .annotate(n=Count(official_path, distinct=True))
        .values_list(agency_path, "n")
    )
    return dict(rows)


def program_progress(
    user: User,
    program: Program,
    *,
    agency: Agency | None = None,
    item_key: uuid.UUID | str | None = None,
) -> ProgramProgress:
    """The dashboard of ``program`` as ``user`` sees it, optionally for one agency and one
    item. A fixed number of queries whatever the number of agencies and officials.

    Stages (distinct officials): nominated (any nomination for the program's items, whatever
    became of it), approved (an approved nomination), assigned (a participant of a session),
    attended (present on at least one day), certified (a certificate not revoked). The target
    is the program's target trainees when the rows cover every agency and every item;
    otherwise (or when the program has none) the sum of the agencies' seats (quotas) for
    the items shown.
    """
    items = progress_items(user, program)
    item = next((i for i in items if str(i.key) == str(item_key)), None) if item_key else None
    agencies = list(progress_agencies(user, program))
    if agency is not None:
        agencies = [a for a in agencies if a.pk == agency.pk]
    ids = [a.pk for a in agencies]

    # Counted for every agency of the rows the user sees and kept for the agencies shown:
    # no condition on the officials' agency, so that the databases read from the program
    # (its nominations, sessions, certificates) outwards, never from the agencies' officials
    # (SQLite would otherwise loop over every official of every agency: seconds).
    nominations = Nomination.objects.visible_to(user).filter(program=program)
    participants = roster_visible_to(user).filter(session__program=program)
    attended = Attendance.objects.visible_to(user).filter(
        present=True, participant__session__program=program
    )
    certified = Certificate.objects.visible_to(user).valid().filter(program=program)
    seats = AgencySeats.objects.visible_to(user).filter(program=program, agency__in=ids)
    if item is not None:
        nominations = nominations.filter(item_key=item.key)
        participants = participants.filter(session__item_key=item.key)
        attended = attended.filter(participant__session__item_key=item.key)
        certified = certified.filter(item_key=item.key)
        seats = seats.filter(item_key=item.key)

    nominated: dict[int, Mapping[str, Any]] = {
        row["official__agency"]: row
        for row in nominations.order_by()
        .values("official__agency")
        .annotate(
            nominated=Count("official", distinct=True),
            approved=Count("official", distinct=True, filter=Q(status=NominationStatus.APPROVED)),
        )
    }
    assigned = _by_agency(participants, "official__agency", "official")
    present = _by_agency(attended, "participant__official__agency", "participant__official")
    certificates = _by_agency(certified, "official__agency", "official")
    quotas = dict(
        seats.order_by().values("agency").annotate(n=Sum("seats")).values_list("agency", "n")
    )
    rows = [
        ProgressRow(
            agency=a,
            counts={
                "nominated": nominated.get(a.pk, {}).get("nominated", 0),
                "approved": nominated.get(a.pk, {}).get("approved", 0),
                "assigned": assigned.get(a.pk, 0),
                "attended": present.get(a.pk, 0),
                "certified": certificates.get(a.pk, 0),
            },
            seats=quotas.get(a.pk),
        )
        for a in agencies
    ]
    progress = ProgramProgress(
        program=program, rows=rows, target=None, items=items, item=item, agency=agency
    )
    whole = sees_everything(user) and agency is None and item is None
    progress.target = (program.target_trainees if whole else None) or progress.seats_total
    return progress
