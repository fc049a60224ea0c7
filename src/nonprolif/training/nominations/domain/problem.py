"""Building the assignment problem from the database: a program's sessions (those not held
yet), approved nominations, quotas and item settings as a planning ``Problem``, with the rows
each planning id stands for.

A session is *held* once attendance is recorded for it: its participants are fixed (they count
against their agency's quota) and it takes no one new. Participants added by hand (not through
a nomination) keep their seat: they reduce the capacity left to the solver.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.core.exceptions import FieldError
from django.db.models import Count, Q

from nonprolif.core.models import Agency
from nonprolif.planning import assignment as planning
from nonprolif.program.models import Program
from nonprolif.program.queries import national_agency_ids
from nonprolif.training.models import Audience, Session, SessionParticipant
from nonprolif.training.models.nomination import (
    AgencySeats,
    ItemSettings,
    Nomination,
    NominationStatus,
)
from nonprolif.training.nominations.domain.reasons import NOT_FOR_AGENCY
from nonprolif.training.nominations.queries import NominationItem, nomination_items


def planning_session_id(session: Session) -> str:
    return f"s{session.pk}"


def planning_nominee_id(nomination: Nomination) -> str:
    return f"n{nomination.pk}"


def held_session_ids(program: Program) -> set[int]:
    """Sessions with attendance recorded (held or under way)."""
    try:
        return set(
            Session.objects.filter(program=program, participants__attendance__isnull=False)
            .values_list("pk", flat=True)
            .distinct()
        )
    except FieldError:  # attendance is not part of this deployment
        return set()


def _completed(
    program: Program, held: set[int], percent_of: dict[str, int]
) -> dict[int, set[tuple[str, int]]]:
    """{official id: {(item key, cohort)}} completed in held sessions of sequential items."""
    if not held or not percent_of:
        return {}
    try:
        rows = (
            SessionParticipant.objects.filter(
                session__in=held, session__item_key__in=list(percent_of)
            )
            .annotate(present=Count("attendance", filter=Q(attendance__present=True)))
            .values_list(
                "official_id", "session__item_key", "session__cohort", "session__days", "present"
            )
        )
        done: dict[int, set[tuple[str, int]]] = defaultdict(set)
        for official_id, key, cohort, days, present in rows:
            needed = percent_of[str(key)] * max(1, len(days or []))
            if cohort is not None and present * 100 >= needed:
                done[official_id].add((str(key), cohort))
        return done
    except FieldError:
        return {}


class _Seat(NamedTuple):
    pk: int
    session_id: int
    official_id: int


# Nomination fields the assignment never reads (not loaded for tens of thousands of rows).
_UNUSED_FIELDS = (
    "decision_reason",
    "withdrawal_reason",
    "submitted_at",
    "decided_at",
    "withdrawn_at",
    "official__created_at",
    "official__updated_at",
)


@dataclass
class Inputs:
    """A program's assignment problem with the rows it came from."""

    program: Program
    problem: planning.Problem
    items: dict[str, NominationItem]
    sessions: list[Session]  # every session of the nomination items, in calendar order
    open_sessions: dict[str, Session]  # planning id -> session open to the solver
    nominations: dict[str, Nomination]  # planning id -> approved nomination in the problem
    current: dict[str, str]  # planning ids: the placement in force
    fixed: dict[int, list[SessionParticipant]]  # session pk -> participants the plan keeps
    held_places: dict[int, Session]  # nomination pk -> held session he sits in
    excluded: dict[int, tuple[str, dict[str, Any]]]  # nomination pk -> (code, details), outside
    others: list[Nomination]  # approved nominations outside the problem
    participant_pk: dict[tuple[int, int], int]  # (session pk, official pk) -> participant pk
    labels: dict[str, str] = field(default_factory=dict)  # planning session id -> its label


def build_inputs(program: Program, *, include: Nomination | None = None) -> Inputs:
    """The assignment problem of ``program`` (not scoped: the caller authorised the program).
    ``include``: a nomination to keep in the problem whatever its status (the one being
    withdrawn, for the re-plan)."""
    items = {str(item.key): item for item in nomination_items(program)}
    sessions = list(
        Session.objects.filter(program=program, item_key__in=list(items))
        .select_related("audience_agency")
        .prefetch_related("target_agencies")
        .order_by("start", "item_number", "cohort", "audience_agency__code", "pk")
    )
    held = held_session_ids(program)
    settings = {str(s.item_key): s for s in ItemSettings.objects.filter(program=program)}
    # Who sits where, as plain ids (the rows of the few kept as they are are fetched below).
    participants = [
        _Seat(*row)
        for row in SessionParticipant.objects.filter(
            session__in=[s.pk for s in sessions]
        ).values_list("pk", "session_id", "official_id")
    ]
    wanted = Q(status=NominationStatus.APPROVED)
    if include is not None:
        wanted |= Q(pk=include.pk)
    nominations = list(
        Nomination.objects.filter(wanted, program=program, item_key__in=list(items))
        .select_related("official")
        .defer(*_UNUSED_FIELDS)
        .order_by("order_at", "pk")
    )
    # One Agency object per agency, not two per nomination.
    agencies = Agency.objects.in_bulk(
        {n.agency_id for n in nominations} | {n.official.agency_id for n in nominations}
    )
    for n in nominations:
        n.agency = agencies[n.agency_id]
        n.official.agency = agencies[n.official.agency_id]
    session_by_pk = {s.pk: s for s in sessions}
    sessions_of_item: dict[str, list[Session]] = defaultdict(list)
    for s in sessions:
        sessions_of_item[str(s.item_key)].append(s)
    # Who sits where: (official, item) -> session pk
    seat_of: dict[tuple[int, str], list[int]] = defaultdict(list)
    for p in participants:
        seat_of[p.official_id, str(session_by_pk[p.session_id].item_key)].append(p.session_id)

    item_agencies = _item_agency_codes(program, items)
    completed = _completed(
        program,
        held,
        {key: s.completion_percent for key, s in settings.items() if s.sequential},
    )

    open_sessions: dict[str, Session] = {}
    planning_sessions: list[planning.Session] = []
    for s in sessions:
        if s.pk in held:
            continue
        open_sessions[planning_session_id(s)] = s

    open_by_cohort = {
        key: {
            s.cohort: planning_session_id(s)
            for s in item_sessions
            if s.pk not in held and s.cohort is not None
        }
        for key, item_sessions in sessions_of_item.items()
    }
    open_by_cohort.update({key: {} for key in items if key not in open_by_cohort})
    linked: set[tuple[int, int]] = set()  # (session pk, official pk) placed through a nomination
    in_problem: dict[str, Nomination] = {}
    nominees: list[planning.Nominee] = []
    current: dict[str, str] = {}
    held_places: dict[int, Session] = {}
    excluded: dict[int, tuple[str, dict[str, Any]]] = {}
    held_count: Counter[tuple[str, str]] = Counter()
    others: list[Nomination] = []
    for n in nominations:
        key = str(n.item_key)
        seats = seat_of.get((n.official_id, key), [])
        held_seat = next((pk for pk in seats if pk in held), None)
        if held_seat is not None:
            held_places[n.pk] = session_by_pk[held_seat]
            linked.add((held_seat, n.official_id))
            held_count[key, n.agency.code] += 1
            others.append(n)
            continue
        if n.agency.code not in item_agencies[key]:
            excluded[n.pk] = (NOT_FOR_AGENCY, {})
            others.append(n)
            continue
        nid = planning_nominee_id(n)
        by_cohort = open_by_cohort[key]
        preferences = tuple(
            by_cohort[c] for c in n.preferences if isinstance(c, int) and c in by_cohort
        )
        nominees.append(
            planning.Nominee(
                id=nid,
                agency=n.agency.code,
                item=key,
                senior=n.official.is_senior,
                unavailable=tuple(n.unavailable_ranges),
                preferences=tuple(dict.fromkeys(preferences)),
                completed=frozenset(completed.get(n.official_id, ())),
                nominated_at=n.order_at,
                official=f"o{n.official_id}",
            )
        )
        in_problem[nid] = n
        open_seat = next(
            (pk for pk in seats if planning_session_id(session_by_pk[pk]) in open_sessions), None
        )
        if open_seat is not None:
            current[nid] = planning_session_id(session_by_pk[open_seat])
            linked.add((open_seat, n.official_id))

    # Kept as they are: those added by hand (not through a nomination) and everyone in a
    # held session.
    kept = {
        (p.session_id, p.official_id)
        for p in participants
        if (p.session_id, p.official_id) not in linked or p.session_id in held
    }
    fixed: dict[int, list[SessionParticipant]] = defaultdict(list)
    if kept:
        for row in SessionParticipant.objects.filter(
            session__in=sorted({session_pk for session_pk, _ in kept})
        ).select_related("official__agency"):
            if (row.session_id, row.official_id) in kept:
                fixed[row.session_id].append(row)

    for sid, s in open_sessions.items():
        audience = planning.EVERYONE
        if s.audience == Audience.SENIOR:
            assert s.audience_agency is not None  # a senior session always has its agency
            audience = planning.senior_of(s.audience_agency.code)
        planning_sessions.append(
            planning.Session(
                id=sid,
                item=str(s.item_key),
                cohort=s.cohort or 1,
                capacity=max(0, s.capacity - len(fixed.get(s.pk, ()))),
                start=s.start,
                end=s.end,
                audience=audience,
            )
        )
    quotas = [
        planning.Quota(
            str(row.item_key),
            row.agency.code,
            max(0, row.seats - held_count[str(row.item_key), row.agency.code]),
        )
        for row in AgencySeats.objects.filter(program=program, item_key__in=list(items))
        .select_related("agency")
        .order_by("item_key", "agency__code")
    ]
    problem = planning.Problem(
        sessions=tuple(planning_sessions),
        nominees=tuple(nominees),
        quotas=tuple(quotas),
        item_max_agency_share={
            key: s.max_agency_share / 100
            for key, s in settings.items()
            if key in items and s.max_agency_share
        },
        sequential_items=frozenset(
            key for key, s in settings.items() if key in items and s.sequential
        ),
    )
    return Inputs(
        program=program,
        problem=problem,
        items=items,
        sessions=sessions,
        open_sessions=open_sessions,
        nominations=in_problem,
        current=current,
        fixed=fixed,
        held_places=held_places,
        excluded=excluded,
        others=others,
        participant_pk={(p.session_id, p.official_id): p.pk for p in participants},
    )


def _item_agency_codes(program: Program, items: dict[str, NominationItem]) -> dict[str, set[str]]:
    national: set[str] | None = None
    codes = dict(
        Agency.objects.filter(
            pk__in={pk for item in items.values() for pk in item.plan.target_agency_ids}
        ).values_list("pk", "code")
    )
    result: dict[str, set[str]] = {}
    for key, item in items.items():
        if item.plan.target_agency_ids:
            result[key] = {codes[pk] for pk in item.plan.target_agency_ids}
        else:
            if national is None:
                national = set(
                    Agency.objects.filter(pk__in=national_agency_ids(program)).values_list(
                        "code", flat=True
                    )
                )
            result[key] = national
    return result
