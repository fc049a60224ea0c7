"""Regenerating a program's sessions from what the government accepted.

The accepted items are placed on the program's business calendar (:mod:`.placement`, which
also records the decisions where a proposal is silent). The result is upserted by identity,
(program, item key, cohort) for training cohorts and (program, item key, agency) for
senior-official sessions, so that a session keeps its row, its participants and its calendar
UID across regenerations. A move or removal of a session with participants waits for a
coordinator's confirmation.
"""

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias, TypedDict

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.domain.audit import record
from nonprolif.core.models import User
from nonprolif.planning.calendar import PlannedSession
from nonprolif.program.models import Program
from nonprolif.program.queries import accepted_item_plans
from nonprolif.training.calendar.business_calendar import ProgramCalendar
from nonprolif.training.calendar.domain.placement import Desired, Identity, identity, place_plans
from nonprolif.training.models import Audience, Session

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class _Counts(TypedDict):
    participant_count: int


# A session as the regeneration reads it: with the number of its participants.
CountedSession: TypeAlias = "WithAnnotations[Session, _Counts]"


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

    def summary(self) -> dict[str, int]:
        return {
            name: len(getattr(self, name))
            for name in ("created", "updated", "unchanged", "deleted", "blocked", "unscheduled")
        }


def _session_label(session: Session) -> str:
    if session.audience == Audience.SENIOR:
        assert session.audience_agency is not None  # a senior session always has its agency
        return f"senior:{session.audience_agency.code}"
    return f"cohort {session.cohort}"


# --------------------------------------------------------------------------- the service


def _dates_of(placed: PlannedSession) -> dict[str, Any]:
    return {
        "start": placed.start.isoformat(),
        "end": placed.end.isoformat(),
        "planned": placed.planned.isoformat(),
        "days": [day.isoformat() for day in placed.days],
    }


def _apply_dates(session: Session, row: Desired) -> None:
    session.start = row.placed.start
    session.end = row.placed.end
    session.planned = row.placed.planned
    session.days = [day.isoformat() for day in row.placed.days]
    session.move = row.move


def regenerate_sessions(
    *, program: Program, actor: User | None, confirm: bool = False
) -> RegenerationReport:
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


def follow_review(*, program: Program, actor: User | None) -> RegenerationReport:
    """Regenerate after a change the calendar follows: a review change (the
    ``review_changed`` receiver) or a blackout date. Never confirms: a move or removal of a
    session with participants stays pending. No permission of its own: whoever made the
    change (a coordinator deciding, a partner revising) caused it.

    Side effects: those of :func:`regenerate_sessions` without ``confirm``.
    """
    return _regenerate(program=program, actor=actor, confirm=False)


def _regenerate(*, program: Program, actor: User | None, confirm: bool) -> RegenerationReport:
    report = RegenerationReport()
    now = clock.now()
    with transaction.atomic():
        program = Program.objects.select_for_update().get(pk=program.pk)
        plans = accepted_item_plans(program)
        existing: dict[Identity, CountedSession] = {
            identity(s.item_key, s.cohort, s.audience_agency_id): s
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
        placement = place_plans(program, plans, calendar, venues_by_item)
        report.unscheduled = [
            SessionChange(item_number=entry.item_number, label="", detail=entry.detail)
            for entry in placement.unscheduled
        ]

        for key, row in placement.desired.items():
            found = existing.pop(key, None)
            if found is None:
                _create(program, row, now, report)
            else:
                _update(found, row, now, confirm, report)

        for session in existing.values():
            if str(session.item_key) in placement.unscheduled_keys:
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


def _change(
    session: Session,
    *,
    label: str | None = None,
    detail: str = "",
    **dates: datetime.date | None,
) -> SessionChange:
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


def _plan_fields(session: Session, row: Desired) -> None:
    plan = row.plan
    session.item_id = plan.item_id
    session.item_number = plan.item_number
    session.title_es = plan.title_es
    session.title_en = plan.title_en


def _create(
    program: Program, row: Desired, now: datetime.datetime, report: RegenerationReport
) -> None:
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


def _state(session: Session) -> tuple[object, ...]:
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


def _update(
    session: CountedSession,
    row: Desired,
    now: datetime.datetime,
    confirm: bool,
    report: RegenerationReport,
) -> None:
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


def _drop(
    session: CountedSession, now: datetime.datetime, confirm: bool, report: RegenerationReport
) -> None:
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
