"""Regenerating a program's sessions from what the government accepted.

The accepted items of the latest proposal versions (``accepted_item_plans``) are turned into
calendar-engine rules and placed on the program country's business calendar, minus the
program's blackout dates and those of the venues the item's sessions use. The result is
upserted by identity, (program, item key, cohort) for training cohorts and (program, item
key, agency) for senior-official sessions, so that a session keeps its row, its participants
and its calendar UID across regenerations.

Placement decisions where the proposal is silent:

- A training item runs ``cohort_count`` sessions (1 when not given) of ``session_days``
  business days (1 when not given), one every ``cadence_months`` months from its start date
  (the program's start date when the item has none).
- A senior-official item gives each target agency its own session (every national agency of
  the program when it targets none). With a start date, the engine's per-agency rule places
  them (back to back, or following the cadence). Items without a start date are chained back
  to back, in item-number order, from the program's start date or, when the program has
  none, the earliest start date of the accepted items.
- Capacity is the cohort size; an item without one (the senior sessions of the 2009
  program) gets ``DEFAULT_CAPACITY`` seats. A capacity the coordinator edited is kept until
  the accepted cohort size itself changes.
- An item that cannot be placed (no date at all, a rule the engine refuses) is reported as
  unscheduled and its existing sessions are left as they are.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import record
from nonprolif.core.models import Agency
from nonprolif.planning.calendar import (
    PlannedSession,
    RuleError,
    SeriesRule,
    generate,
    generate_per_agency,
)
from nonprolif.program.models import Program
from nonprolif.program.queries import accepted_item_plans, national_agency_ids
from nonprolif.training.calendars import ProgramCalendar
from nonprolif.training.models import Audience, Session
from nonprolif.training.moves import move_to_json

DEFAULT_CAPACITY = 25  # seats of a session whose item gives no cohort size

TRAINING = "training"
SENIOR = "senior"


@dataclass(frozen=True)
class SessionChange:
    """One line of a regeneration report."""

    item_number: int
    label: str  # "cohort 2" / "senior:SSP"
    start: datetime.date | None = None
    end: datetime.date | None = None
    previous_start: datetime.date | None = None  # updated: the dates before
    previous_end: datetime.date | None = None
    proposed_start: datetime.date | None = None  # blocked moves: the dates waiting
    proposed_end: datetime.date | None = None
    session_id: int | None = None
    uid: str = ""
    detail: str = ""


@dataclass
class RegenerationReport:
    """What a regeneration did. ``blocked`` lists the moves and removals of sessions with
    participants that wait for a coordinator's confirmation; ``unscheduled`` the items that
    could not be placed, with why."""

    created: list[SessionChange] = field(default_factory=list)
    updated: list[SessionChange] = field(default_factory=list)
    unchanged: list[SessionChange] = field(default_factory=list)
    deleted: list[SessionChange] = field(default_factory=list)
    blocked: list[SessionChange] = field(default_factory=list)
    unscheduled: list[SessionChange] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted or self.blocked)

    def summary(self) -> dict:
        return {
            name: len(getattr(self, name))
            for name in ("created", "updated", "unchanged", "deleted", "blocked", "unscheduled")
        }


@dataclass
class _Desired:
    plan: object
    cohort: int | None
    agency_id: int | None
    agency_code: str | None
    placed: PlannedSession
    move: dict | None
    capacity: int

    @property
    def identity(self):
        return _identity(self.plan.item_key, self.cohort, self.agency_id)

    @property
    def label(self) -> str:
        return f"cohort {self.cohort}" if self.cohort is not None else f"senior:{self.agency_code}"


def _identity(item_key, cohort, agency_id):
    return (str(item_key), cohort, agency_id)


def _session_label(session: Session) -> str:
    if session.audience == Audience.SENIOR:
        return f"senior:{session.audience_agency.code}"
    return f"cohort {session.cohort}"


# --------------------------------------------------------------------------- placing plans


def _place_plans(program, plans, calendar: ProgramCalendar, venues_by_item, report):
    """The sessions the accepted plans ask for, keyed by identity; unscheduled items are
    reported and their keys returned so that their sessions are left alone."""
    desired: dict = {}
    unscheduled_keys: set[str] = set()

    def unscheduled(plan, message):
        unscheduled_keys.add(str(plan.item_key))
        report.unscheduled.append(
            SessionChange(item_number=plan.item_number, label="", detail=message)
        )

    def add(plan, placed, cohort, agency_id, agency_code, capacity):
        venue_ids = venues_by_item.get(str(plan.item_key), ())
        move = move_to_json(
            placed.move,
            holiday_names=calendar.holiday_names,
            blackout_reasons=calendar.blackout_reasons(venue_ids),
        )
        row = _Desired(plan, cohort, agency_id, agency_code, placed, move, capacity)
        desired[row.identity] = row

    dated_starts = [p.start_date for p in plans if p.start_date]
    anchor = program.start_date or (min(dated_starts) if dated_starts else None)
    chain_next: datetime.date | None = anchor
    national_codes = None

    for plan in sorted(plans, key=lambda p: p.item_number):
        if plan.kind not in (TRAINING, SENIOR):
            continue
        if calendar.base is None:
            unscheduled(plan, calendar.error)
            continue
        venue_ids = venues_by_item.get(str(plan.item_key), ())
        cal = calendar.for_venues(venue_ids)
        capacity = plan.cohort_size or DEFAULT_CAPACITY
        length = plan.session_days or 1
        try:
            if plan.kind == TRAINING:
                start = plan.start_date or program.start_date
                if start is None:
                    unscheduled(plan, _("The item and the program have no start date."))
                    continue
                rule = SeriesRule(
                    start=start,
                    count=plan.cohort_count or 1,
                    cadence_months=plan.cadence_months,
                    length_days=length,
                )
                for placed in generate(rule, cal):
                    add(plan, placed, placed.index, None, None, capacity)
                continue
            # Senior officials: one session per target agency.
            if plan.target_agency_codes:
                agencies = list(zip(plan.target_agency_codes, plan.target_agency_ids, strict=True))
            else:
                if national_codes is None:
                    national_codes = list(
                        Agency.objects.filter(pk__in=national_agency_ids(program))
                        .order_by("code")
                        .values_list("code", "pk")
                    )
                agencies = national_codes
            if not agencies:
                unscheduled(plan, _("The item has no target agency."))
                continue
            codes = [code for code, _pk in agencies]
            if plan.start_date:
                rule = SeriesRule(
                    start=plan.start_date,
                    count=plan.cohort_count if plan.cohort_count == len(codes) else 1,
                    cadence_months=plan.cadence_months,
                    length_days=length,
                )
            elif chain_next is not None:
                rule = SeriesRule(start=chain_next, length_days=length)
            else:
                unscheduled(plan, _("The item and the program have no start date."))
                continue
            placed_by_code = generate_per_agency(rule, cal, codes)
            for code, pk in agencies:
                add(plan, placed_by_code[code], None, pk, code, capacity)
            if not plan.start_date:
                chain_next = max(p.end for p in placed_by_code.values()) + datetime.timedelta(1)
        except RuleError as error:
            unscheduled(plan, f"{error.field}: {error.problem}")
    return desired, unscheduled_keys


# --------------------------------------------------------------------------- the service


def _dates_of(placed: PlannedSession) -> dict:
    return {
        "start": placed.start.isoformat(),
        "end": placed.end.isoformat(),
        "planned": placed.planned.isoformat(),
        "days": [day.isoformat() for day in placed.days],
    }


def _apply_dates(session: Session, row: _Desired) -> None:
    session.start = row.placed.start
    session.end = row.placed.end
    session.planned = row.placed.planned
    session.days = [day.isoformat() for day in row.placed.days]
    session.move = row.move


def regenerate_sessions(*, program, actor, confirm: bool = False) -> RegenerationReport:
    """Bring ``program``'s sessions in line with its accepted items.

    ``actor`` must hold ``training.regenerate_calendar`` on the program (coordinators); None
    means the system (the command line, or the review through :func:`follow_review`).
    With ``confirm`` the moves and removals of sessions that have participants are applied
    too; without it they are stored as the session's pending change and reported as blocked.

    Side effects, in one transaction: Session rows created, updated (same row and UID;
    ``sequence`` + 1 when the dates or the capacity change) and deleted (those of items no
    longer accepted, or cohorts beyond the accepted number, when they have no participants
    or with ``confirm``; their participants go with them); pending changes set or cleared;
    one AuditEntry ("calendar.regenerate") on the program when anything changed.
    PermissionDenied for an actor without the permission, writing nothing.
    """
    if actor is not None and not actor.has_perm("training.regenerate_calendar", program):
        raise PermissionDenied(_("You are not allowed to regenerate the calendar."))
    return _regenerate(program=program, actor=actor, confirm=confirm)


def follow_review(*, program, actor) -> RegenerationReport:
    """Regenerate after a change the calendar follows: a review change (the
    ``review_changed`` receiver) or a blackout date. Never confirms: a move or removal of a
    session with participants stays pending. No permission of its own: whoever made the
    change (a coordinator deciding, a partner revising) caused it.

    Side effects: those of :func:`regenerate_sessions` without ``confirm``.
    """
    return _regenerate(program=program, actor=actor, confirm=False)


def _regenerate(*, program, actor, confirm: bool) -> RegenerationReport:
    report = RegenerationReport()
    now = timezone.now()
    with transaction.atomic():
        program = Program.objects.select_for_update().get(pk=program.pk)
        plans = accepted_item_plans(program)
        existing = {
            _identity(s.item_key, s.cohort, s.audience_agency_id): s
            for s in Session.objects.filter(program=program)
            .select_related("audience_agency")
            .prefetch_related("target_agencies")
            .annotate(participant_count=Count("participants"))
        }
        venues_by_item: dict[str, set[int]] = {}
        for session in existing.values():
            if session.venue_id:
                venues_by_item.setdefault(str(session.item_key), set()).add(session.venue_id)
        calendar = ProgramCalendar(program)
        desired, unscheduled_keys = _place_plans(program, plans, calendar, venues_by_item, report)

        for identity, row in desired.items():
            session = existing.pop(identity, None)
            if session is None:
                _create(program, row, now, report)
            else:
                _update(session, row, now, confirm, report)

        for session in existing.values():
            if str(session.item_key) in unscheduled_keys:
                continue
            _drop(session, now, confirm, report)

        if report.changed:
            record(
                actor=actor,
                action="calendar.regenerate",
                obj=program,
                changes={
                    "confirm": confirm,
                    **{
                        name: [c.uid for c in getattr(report, name)]
                        for name in ("created", "updated", "deleted", "blocked")
                    },
                },
            )
    return report


def _change(session: Session, *, label=None, detail="", **dates) -> SessionChange:
    return SessionChange(
        item_number=session.item_number,
        label=label or _session_label(session),
        start=session.start,
        end=session.end,
        session_id=session.pk,
        uid=session.uid,
        detail=detail,
        **dates,
    )


def _plan_fields(session: Session, row: _Desired) -> None:
    plan = row.plan
    session.item_id = plan.item_id
    session.item_number = plan.item_number
    session.title_es = plan.title_es
    session.title_en = plan.title_en


def _create(program, row: _Desired, now, report) -> None:
    senior = row.agency_id is not None
    session = Session(
        program=program,
        item_key=row.plan.item_key,
        audience=Audience.SENIOR if senior else Audience.EVERYONE,
        cohort=row.cohort,
        audience_agency_id=row.agency_id,
        capacity=row.capacity,
        planned_capacity=row.capacity,
        created_at=now,
        updated_at=now,
    )
    _plan_fields(session, row)
    _apply_dates(session, row)
    session.full_clean(exclude=["audience_agency", "item"])
    session.save()
    if row.agency_id is None and row.plan.target_agency_ids:
        session.target_agencies.set(row.plan.target_agency_ids)
    report.created.append(_change(session, label=row.label))


def _state(session: Session) -> tuple:
    """The values of a session that _update compares before and after to tell a change."""
    return (
        session.item_id,
        session.item_number,
        session.title_es,
        session.title_en,
        session.start,
        session.end,
        session.planned,
        session.days,
        session.move,
        session.capacity,
        session.planned_capacity,
        session.pending,
    )


def _update(session: Session, row: _Desired, now, confirm: bool, report) -> None:
    before = _state(session)
    previous = (session.start, session.end)
    _plan_fields(session, row)
    revised = False
    if row.capacity != session.planned_capacity:
        revised = revised or session.capacity != row.capacity
        session.capacity = row.capacity
        session.planned_capacity = row.capacity
    new_dates = _dates_of(row.placed)
    dates_differ = (
        session.start.isoformat() != new_dates["start"]
        or session.end.isoformat() != new_dates["end"]
        or session.days != new_dates["days"]
    )
    blocked = dates_differ and session.participant_count and not confirm
    if blocked:
        session.pending = {"action": "move", **new_dates, "move": row.move}
    else:
        if dates_differ:
            revised = True
        _apply_dates(session, row)
        session.pending = None
    after = _state(session)
    targets = set(row.plan.target_agency_ids) if row.agency_id is None else set()
    if targets != {agency.pk for agency in session.target_agencies.all()}:
        session.target_agencies.set(targets)
        after = (*after, "targets changed")
    if revised:
        session.sequence += 1
    if after != before:
        session.updated_at = now
        session.save()
    if blocked:
        report.blocked.append(
            _change(
                session,
                detail="move",
                proposed_start=row.placed.start,
                proposed_end=row.placed.end,
            )
        )
    elif after != before:
        report.updated.append(
            _change(session, previous_start=previous[0], previous_end=previous[1])
        )
    else:
        report.unchanged.append(_change(session))


def _drop(session: Session, now, confirm: bool, report) -> None:
    if session.participant_count and not confirm:
        if session.pending != {"action": "drop"}:
            session.pending = {"action": "drop"}
            session.updated_at = now
            session.save(update_fields=["pending", "updated_at"])
        report.blocked.append(_change(session, detail="drop"))
        return
    change = _change(session)
    session.delete()
    report.deleted.append(change)
