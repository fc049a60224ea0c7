"""Reads of seats, nominations and the assignment. Every selector of scoped data starts from
``visible_to(user)``."""

import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core.i18n import localized
from nonprolif.core.models import Agency, Official, Seniority, User
from nonprolif.core.scoping import sees_everything
from nonprolif.program.models import Program
from nonprolif.program.queries import ItemPlan, accepted_item_plans, national_agency_ids
from nonprolif.training.calendar.domain.placement import DEFAULT_CAPACITY
from nonprolif.training.models import Session, SessionParticipant
from nonprolif.training.models.nomination import (
    ACTIVE_STATUSES,
    AgencySeats,
    AssignmentRun,
    ItemSettings,
    Nomination,
    NominationStatus,
)
from nonprolif.training.models.session import Audience

TRAINING = "training"
SENIOR = "senior"
NOMINATION_KINDS = (TRAINING, SENIOR)


@dataclass(frozen=True)
class NominationItem:
    """An accepted item that takes nominations (a training track or senior sessions)."""

    plan: ItemPlan

    @property
    def key(self) -> uuid.UUID:
        return self.plan.item_key

    @property
    def number(self) -> int:
        return self.plan.item_number

    @property
    def senior(self) -> bool:
        return self.plan.kind == SENIOR

    @property
    def title(self) -> str:
        return localized(self.plan, "title")

    @property
    def seats_total(self) -> int:
        """The seats the item offers: cohort size times cohort count (per target agency for
        senior sessions, which hold one agency each; the calendar's default size when the
        item gives none)."""
        per_session = self.plan.cohort_size or DEFAULT_CAPACITY
        if self.senior:
            return per_session * max(1, len(self.plan.target_agency_ids))
        return per_session * (self.plan.cohort_count or 1)


def nomination_items(program: Program) -> list[NominationItem]:
    """The accepted items of ``program`` that take nominations, in item order. NOT scoped:
    the program was fetched through ``get_program_for``; see :func:`visible_items`."""
    plans = [p for p in accepted_item_plans(program) if p.kind in NOMINATION_KINDS]
    return [NominationItem(p) for p in sorted(plans, key=lambda p: p.item_number)]


def item_concerns(user: User, item: NominationItem) -> bool:
    if sees_everything(user):
        return True
    ids = item.plan.target_agency_ids
    return bool(user.agency_id) and (not ids or user.agency_id in ids)


def visible_items(user: User, program: Program) -> list[NominationItem]:
    """The nomination items of ``program`` ``user`` can see: every one for coordinators and
    auditors; for others, the items for every agency or targeting their agency."""
    return [item for item in nomination_items(program) if item_concerns(user, item)]


def get_item_for(user: User, program: Program, item_key: object) -> NominationItem:
    """The nomination item ``item_key`` of ``program`` if ``user`` sees it; Http404 otherwise."""
    try:
        key = uuid.UUID(str(item_key))
    except ValueError:
        raise Http404(_("No such item.")) from None
    for item in visible_items(user, program):
        if item.key == key:
            return item
    raise Http404(_("No such item."))


def item_agencies(program: Program, item: NominationItem) -> list[Agency]:
    """The agencies whose officials may be nominated for the item, by code."""
    ids = item.plan.target_agency_ids or tuple(national_agency_ids(program))
    return list(Agency.objects.filter(pk__in=ids).order_by("code"))


def item_settings(program: Program, item_key: uuid.UUID) -> ItemSettings:
    """The item's settings, or the defaults (unsaved) when none were set."""
    found = ItemSettings.objects.filter(program=program, item_key=item_key).first()
    return found or ItemSettings(program=program, item_key=item_key)


def item_seats(user: User, program: Program, item_key: uuid.UUID) -> QuerySet[AgencySeats]:
    """The quotas of the item ``user`` can see (a liaison: his agency's)."""
    return (
        AgencySeats.objects.visible_to(user)
        .filter(program=program, item_key=item_key)
        .select_related("agency")
        .order_by("agency__code")
    )


def items_settings(program: Program, item_keys: list[uuid.UUID]) -> dict[uuid.UUID, ItemSettings]:
    """{item key: its settings} of the items that have any (one query)."""
    rows = ItemSettings.objects.filter(program=program, item_key__in=item_keys)
    return {row.item_key: row for row in rows}


def items_seats(
    user: User, program: Program, item_keys: list[uuid.UUID]
) -> dict[uuid.UUID, list[AgencySeats]]:
    """{item key: the quotas ``user`` can see, by agency code} (one query)."""
    found: dict[uuid.UUID, list[AgencySeats]] = {}
    rows = (
        AgencySeats.objects.visible_to(user)
        .filter(program=program, item_key__in=item_keys)
        .select_related("agency")
        .order_by("agency__code")
    )
    for row in rows:
        found.setdefault(row.item_key, []).append(row)
    return found


def nominations_for(user: User) -> QuerySet[Nomination]:
    """The nominations ``user`` can see, with what the lists show."""
    return Nomination.objects.visible_to(user).select_related(
        "program",
        "official",
        "agency",
        "submitted_by",
        "decided_by",
        "withdrawn_by",
        "substitute_for__official",
        "session",
    )


def program_nominations(
    user: User,
    program: Program,
    *,
    item_key: uuid.UUID | None = None,
    status: str | None = None,
    agency: str | None = None,
    query: str | None = None,
) -> QuerySet[Nomination]:
    """The visible nominations of ``program``, optionally of one item, status, agency code,
    or whose official's name or e-mail contains ``query``; in waitlist order."""
    rows = nominations_for(user).filter(program=program)
    if item_key is not None:
        rows = rows.filter(item_key=item_key)
    if status:
        rows = rows.filter(status=status)
    if agency:
        rows = rows.filter(agency__code=agency)
    if query:
        rows = rows.filter(
            Q(official__given_names__icontains=query)
            | Q(official__family_names__icontains=query)
            | Q(official__email__icontains=query)
        )
    return rows.order_by("item_key", "order_at", "pk")


def get_nomination_for(user: User, pk: int | str) -> Nomination:
    """The nomination ``pk`` if ``user`` can see it; Http404 otherwise."""
    nomination = nominations_for(user).filter(pk=pk).first()
    if nomination is None:
        raise Http404(_("No such nomination."))
    return nomination


def nominable_officials(user: User, program: Program, item: NominationItem) -> QuerySet[Official]:
    """The officials ``user`` can see and may nominate for ``item``: active, of an agency the
    item is for (seniors of the session's agency for senior items), without an active
    nomination for it."""
    officials = (
        Official.objects.visible_to(user)
        .filter(active=True, agency__in=[a.pk for a in item_agencies(program, item)])
        .select_related("agency")
    )
    if item.senior:
        officials = officials.filter(seniority=Seniority.SENIOR)
    taken = Nomination.objects.filter(
        program=program, item_key=item.key, status__in=ACTIVE_STATUSES
    ).values("official_id")
    return officials.exclude(pk__in=taken).order_by("agency__code", "family_names", "given_names")


def waitlist(
    user: User, program: Program, item_key: uuid.UUID | None = None
) -> QuerySet[Nomination]:
    """The approved nominees not placed, in waitlist order, with the reason of the last
    applied assignment."""
    return program_nominations(
        user, program, item_key=item_key, status=NominationStatus.APPROVED
    ).filter(session__isnull=True)


def latest_run(program: Program) -> AssignmentRun | None:
    """The last applied assignment of ``program`` (the program is visible to the caller)."""
    return AssignmentRun.objects.filter(program=program).order_by("-run_at", "-pk").first()


def status_counts(user: User, program: Program, item_key: uuid.UUID) -> dict[str, int]:
    """{status: count} of the visible nominations of the item."""
    rows = (
        Nomination.objects.visible_to(user)
        .filter(program=program, item_key=item_key)
        .values("status")
        .annotate(n=Count("pk"))
    )
    return {row["status"]: row["n"] for row in rows}


def placed_participants(user: User, program: Program) -> QuerySet[SessionParticipant]:
    """The participants of the program's sessions ``user`` can see, whose officials he can
    see, with their session and agency (for the assignment page)."""
    return (
        SessionParticipant.objects.filter(
            session__in=Session.objects.visible_to(user).filter(program=program).values("pk"),
            official__in=Official.objects.visible_to(user).values("pk"),
        )
        .select_related("official__agency", "session__audience_agency")
        .order_by("session__start", "official__agency__code", "official__family_names")
    )


def senior_audience(session: Session) -> bool:
    return session.audience == Audience.SENIOR


# The assignment page: its summary (aggregate queries) and its tables ---------------------------

# The waitlist filter's value for nominees the last applied assignment gave no reason (not
# planned yet).
NOT_PLANNED = "none"


def assignment_placements(
    user: User,
    program: Program,
    item_keys: list[uuid.UUID],
    *,
    session: int | None = None,
    agency: str | None = None,
) -> QuerySet[SessionParticipant]:
    """The participants ``user`` can see of the sessions of ``item_keys`` (optionally of
    one session, or of one agency's officials), by session and name."""
    rows = placed_participants(user, program).filter(session__item_key__in=item_keys)
    if session is not None:
        rows = rows.filter(session_id=session)
    if agency:
        rows = rows.filter(official__agency__code=agency)
    return rows


def assignment_waitlist(
    user: User,
    program: Program,
    item_keys: list[uuid.UUID],
    *,
    agency: str | None = None,
    reason: str | None = None,
) -> QuerySet[Nomination]:
    """The waitlisted nominees ``user`` can see of ``item_keys`` (optionally of one agency,
    or left out for one reason code; :data:`NOT_PLANNED` for those without a reason)."""
    rows = waitlist(user, program).filter(item_key__in=item_keys)
    if agency:
        rows = rows.filter(agency__code=agency)
    if reason == NOT_PLANNED:
        rows = rows.filter(outcome_code="")
    elif reason:
        rows = rows.filter(outcome_code=reason)
    return rows


def session_fill(user: User, program: Program, item_keys: list[uuid.UUID]) -> QuerySet[Session]:
    """The sessions of ``item_keys`` ``user`` can see, each with ``placed``: how many of its
    participants he can see (one query per page, whatever the number of participants)."""
    seen = Official.objects.visible_to(user).values("pk")
    return (
        Session.objects.visible_to(user)
        .filter(program=program, item_key__in=item_keys)
        .select_related("audience_agency")
        .annotate(placed=Count("participants", filter=Q(participants__official__in=seen)))
        .order_by("start", "item_number", "cohort", "pk")
    )


def agency_fill(user: User, program: Program, item_keys: list[uuid.UUID]) -> list[dict[str, Any]]:
    """Per agency (by code) the visible participants placed in the sessions of
    ``item_keys`` and the seats its quotas give it there: ``{"code", "placed", "seats"}``.
    Two aggregate queries."""
    placed = {
        row["official__agency__code"]: row["n"]
        for row in assignment_placements(user, program, item_keys)
        .order_by()
        .values("official__agency__code")
        .annotate(n=Count("pk"))
    }
    seats = {
        row["agency__code"]: row["n"]
        for row in AgencySeats.objects.visible_to(user)
        .filter(program=program, item_key__in=item_keys)
        .order_by()
        .values("agency__code")
        .annotate(n=Sum("seats"))
    }
    return [
        {"code": code, "placed": placed.get(code, 0), "seats": seats.get(code)}
        for code in sorted(placed.keys() | seats.keys())
    ]


def reason_counts(user: User, program: Program, item_keys: list[uuid.UUID]) -> list[dict[str, Any]]:
    """How many waitlisted nominees ``user`` can see got each reason: ``{"code", "n"}``,
    most frequent first (code "" for nominees not planned yet). One aggregate query."""
    rows = (
        assignment_waitlist(user, program, item_keys)
        .order_by()
        .values("outcome_code")
        .annotate(n=Count("pk"))
        .order_by("-n", "outcome_code")
    )
    return [{"code": row["outcome_code"], "n": row["n"]} for row in rows]


def item_summary(
    user: User, program: Program, item_keys: list[uuid.UUID]
) -> dict[uuid.UUID, dict[str, int]]:
    """Per item of ``item_keys``, what the assignment page's summary shows of it, as ``user``
    may see it: ``sessions`` and ``seats`` (their capacity), ``placed`` (participants),
    ``waitlisted`` (approved, not placed, with a waitlist position), ``left_out`` (approved,
    not placed, without one: no session fits, or not planned yet). Three aggregate queries,
    whatever the number of rows."""
    summary = {key: dict.fromkeys(SUMMARY_FIGURES, 0) for key in item_keys}
    for sessions in (
        Session.objects.visible_to(user)
        .filter(program=program, item_key__in=item_keys)
        .order_by()
        .values("item_key")
        .annotate(n=Count("pk"), seats=Sum("capacity"))
    ):
        summary[sessions["item_key"]].update(sessions=sessions["n"], seats=sessions["seats"] or 0)
    for placed in (
        assignment_placements(user, program, item_keys)
        .order_by()
        .values("session__item_key")
        .annotate(n=Count("pk"))
    ):
        summary[placed["session__item_key"]]["placed"] = placed["n"]
    for waiting in (
        assignment_waitlist(user, program, item_keys)
        .order_by()
        .values("item_key")
        .annotate(
            waiting=Count("pk", filter=Q(waitlist_rank__isnull=False)),
            out=Count("pk", filter=Q(waitlist_rank__isnull=True)),
        )
    ):
        summary[waiting["item_key"]].update(waitlisted=waiting["waiting"], left_out=waiting["out"])
    return summary


SUMMARY_FIGURES = ("sessions", "seats", "placed", "waitlisted", "left_out")
