"""The assignment of approved nominees to the sessions of their items: the database side of
``nonprolif.planning.assignment``.

:func:`build_inputs` turns a program's sessions (those not held yet), approved nominations,
quotas and item settings into a planning ``Problem``; :func:`run_assignment` solves it (as a
re-plan with minimal change when an assignment is in force) and, unless it is a dry run,
applies it: SessionParticipant rows added and removed, each nomination's session, reason and
waitlist position stored, one AssignmentRun. :func:`replan_program` re-plans after a
withdrawal or a substitution and tells the people concerned by e-mail.

A session is *held* once attendance is recorded for it: its participants are fixed (they count
against their agency's quota) and it takes no one new. Participants added by hand (not through
a nomination) keep their seat: they reduce the capacity left to the solver.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import FieldError, PermissionDenied
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

import nonprolif.training.rules_nominations  # noqa: F401 (registers the permissions)
from nonprolif.core.domain.audit import record
from nonprolif.planning import assignment as planning
from nonprolif.training.models import Audience, Session, SessionParticipant
from nonprolif.training.models.nomination import (
    AgencySeats,
    AssignmentRun,
    ItemSettings,
    Nomination,
    NominationStatus,
)
from nonprolif.training.queries_nominations import NominationItem, nomination_items

# Reasons found before solving (besides the solver's own codes).
NOT_FOR_AGENCY = "not_for_agency"

REASON_TEXT = {
    planning.NO_ELIGIBLE_SESSION: gettext_lazy("No session of the item is open to this nominee"),
    planning.DUPLICATE_NOMINATION: gettext_lazy(
        "The official already holds a nomination for this item"
    ),
    planning.QUOTA_FULL: gettext_lazy(
        "The agency's seats for this item are taken by nominees ahead in the waitlist"
    ),
    planning.SEATS_USED_BY_OTHERS: gettext_lazy(
        "Every session open to this nominee is full (the seats went to nominees ahead in the "
        "waitlist or placed where they fit better)"
    ),
    planning.AGENCY_SHARE_FULL: gettext_lazy(
        "The sessions with seats left already hold the maximum share of the agency"
    ),
    planning.SESSION_NOT_RUNNING: gettext_lazy(
        "The sessions with seats left do not reach their minimum size"
    ),
    planning.SCHEDULE_CONFLICT: gettext_lazy(
        "The official is placed in an overlapping session of another item"
    ),
    planning.WITHDRAWN: gettext_lazy("The nominee withdrew"),
    planning.NOT_REACHED: gettext_lazy("The solver stopped at its time limit"),
    NOT_FOR_AGENCY: gettext_lazy("The item is no longer for this agency"),
}

WHY_TEXT = {
    planning.UNAVAILABLE: gettext_lazy("unavailable on those dates"),
    planning.NOT_SENIOR: gettext_lazy("for senior officials only"),
    planning.WRONG_AGENCY: gettext_lazy("for another agency"),
    planning.MISSING_PREREQUISITE: gettext_lazy("needs the previous cohort completed"),
    planning.ALREADY_COMPLETED: gettext_lazy("already completed"),
    planning.SEATS_USED_BY_OTHERS: gettext_lazy("full"),
    planning.AGENCY_SHARE_FULL: gettext_lazy("agency share reached"),
    planning.SESSION_NOT_RUNNING: gettext_lazy("does not run"),
    planning.SCHEDULE_CONFLICT: gettext_lazy("overlaps another placement"),
    planning.NOT_REACHED: gettext_lazy("not reached"),
}


def reason_text(code: str, details: dict | None = None) -> str:
    """The reason a nominee is left out, in the active language. ``details`` as stored:
    session label → why code (or ``quota`` → seats)."""
    if not code:
        return ""
    text = str(REASON_TEXT.get(code, code))
    details = details or {}
    if code == planning.QUOTA_FULL and "quota" in details:
        return _("%(text)s (quota: %(quota)s).") % {"text": text, "quota": details["quota"]}
    parts = [
        f"{label}: {WHY_TEXT.get(why, why)}" for label, why in details.items() if label != "quota"
    ]
    if parts and code in (planning.NO_ELIGIBLE_SESSION, planning.SEATS_USED_BY_OTHERS):
        return f"{text} ({'; '.join(parts)})."
    return f"{text}."


def session_label(session: Session) -> str:
    return f"{session.item_number}·{session.audience_label}"


def _sid(session) -> str:
    return f"s{session.pk}"


def _nid(nomination) -> str:
    return f"n{nomination.pk}"


def held_session_ids(program) -> set[int]:
    """Sessions with attendance recorded (held or under way)."""
    try:
        return set(
            Session.objects.filter(program=program, participants__attendance__isnull=False)
            .values_list("pk", flat=True)
            .distinct()
        )
    except FieldError:  # attendance is not part of this deployment
        return set()


def _completed(program, held: set[int], percent_of: dict[str, int]) -> dict[int, set]:
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
        done: dict[int, set] = defaultdict(set)
        for official_id, key, cohort, days, present in rows:
            needed = percent_of[str(key)] * max(1, len(days or []))
            if cohort is not None and present * 100 >= needed:
                done[official_id].add((str(key), cohort))
        return done
    except FieldError:
        return {}


@dataclass
class Inputs:
    """A program's assignment problem with the rows it came from."""

    program: object
    problem: planning.Problem
    items: dict[str, NominationItem]
    sessions: list[Session]  # every session of the nomination items, in calendar order
    open_sessions: dict[str, Session]  # planning id -> session open to the solver
    nominations: dict[str, Nomination]  # planning id -> approved nomination in the problem
    current: dict[str, str]  # planning ids: the placement in force
    fixed: dict[int, list[SessionParticipant]]  # session pk -> participants the plan keeps
    held_places: dict[int, Session]  # nomination pk -> held session he sits in
    excluded: dict[int, tuple[str, dict]]  # nomination pk -> (code, details), outside
    others: list[Nomination]  # approved nominations outside the problem


def build_inputs(program, *, include: Nomination | None = None) -> Inputs:
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
    participants = list(
        SessionParticipant.objects.filter(session__in=[s.pk for s in sessions]).select_related(
            "official__agency"
        )
    )
    wanted = Q(status=NominationStatus.APPROVED)
    if include is not None:
        wanted |= Q(pk=include.pk)
    nominations = list(
        Nomination.objects.filter(wanted, program=program, item_key__in=list(items))
        .select_related("official__agency", "agency", "session")
        .order_by("order_at", "pk")
    )
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
    planning_sessions = []
    for s in sessions:
        if s.pk in held:
            continue
        open_sessions[_sid(s)] = s

    linked: set[tuple[int, int]] = set()  # (session pk, official pk) placed through a nomination
    in_problem: dict[str, Nomination] = {}
    nominees = []
    current: dict[str, str] = {}
    held_places: dict[int, Session] = {}
    excluded: dict[int, tuple[str, dict]] = {}
    held_count: Counter = Counter()
    others = []
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
        nid = _nid(n)
        open_of_item = [s for s in sessions_of_item[key] if s.pk not in held]
        by_cohort = {s.cohort: _sid(s) for s in open_of_item if s.cohort is not None}
        preferences = tuple(
            by_cohort[c] for c in n.preferences if isinstance(c, int) and c in by_cohort
        )
        nominees.append(
            planning.Nominee(
                id=nid,
                agency=n.agency.code,
                item=key,
                senior=n.official.is_senior,
                unavailable=tuple(tuple(r) for r in n.unavailable_ranges),
                preferences=tuple(dict.fromkeys(preferences)),
                completed=frozenset(completed.get(n.official_id, ())),
                nominated_at=n.order_at,
                official=f"o{n.official_id}",
            )
        )
        in_problem[nid] = n
        open_seat = next((pk for pk in seats if _sid(session_by_pk[pk]) in open_sessions), None)
        if open_seat is not None:
            current[nid] = _sid(session_by_pk[open_seat])
            linked.add((open_seat, n.official_id))

    fixed: dict[int, list[SessionParticipant]] = defaultdict(list)
    for p in participants:
        if (p.session_id, p.official_id) not in linked:
            fixed[p.session_id].append(p)
    for p in participants:
        if p.session_id in held and (p.session_id, p.official_id) in linked:
            fixed[p.session_id].append(p)

    for sid, s in open_sessions.items():
        senior = s.audience == Audience.SENIOR
        planning_sessions.append(
            planning.Session(
                id=sid,
                item=str(s.item_key),
                cohort=s.cohort or 1,
                capacity=max(0, s.capacity - len(fixed.get(s.pk, ()))),
                start=s.start,
                end=s.end,
                audience=planning.senior_of(s.audience_agency.code)
                if senior
                else planning.EVERYONE,
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
    )


def _item_agency_codes(program, items: dict[str, NominationItem]) -> dict[str, set[str]]:
    from nonprolif.core.models import Agency
    from nonprolif.program.queries import national_agency_ids

    national = None
    codes = dict(
        Agency.objects.filter(
            pk__in={pk for item in items.values() for pk in item.plan.target_agency_ids}
        ).values_list("pk", "code")
    )
    result = {}
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


# --------------------------------------------------------------------------- the plan


@dataclass
class PlacedPerson:
    official: object
    agency: str
    source: str  # "assignment", "manual" (added by hand) or "held" (fixed by attendance)
    nomination: Nomination | None = None


@dataclass
class PlanSession:
    session: Session
    held: bool
    participants: list[PlacedPerson] = field(default_factory=list)

    @property
    def by_agency(self) -> dict[str, int]:
        return dict(sorted(Counter(p.agency for p in self.participants).items()))


@dataclass
class LeftOut:
    nomination: Nomination
    item: NominationItem
    code: str
    details: dict
    waitlist_rank: int | None

    @property
    def reason(self) -> str:
        return reason_text(self.code, self.details)


@dataclass
class Plan:
    """An assignment as pages, the API and the command line show it."""

    program: object
    sessions: list[PlanSession]
    objective: dict
    left_out: list[LeftOut]
    dry_run: bool
    method: str
    optimal: bool
    moved: list[Nomination] = field(default_factory=list)
    promoted: list[Nomination] = field(default_factory=list)
    run: AssignmentRun | None = None

    @property
    def assigned(self) -> int:
        return sum(1 for s in self.sessions for p in s.participants if p.source == "assignment")

    def as_json(self) -> dict:
        """The command line's and the API's contract."""
        return {
            "program": self.program.code,
            "dry_run": self.dry_run,
            "method": self.method,
            "optimal": self.optimal,
            "sessions": [
                {
                    "id": ps.session.pk,
                    "item": ps.session.item_number,
                    "item_key": str(ps.session.item_key),
                    "cohort": ps.session.cohort,
                    "audience": ps.session.audience_code,
                    "start": ps.session.start.isoformat(),
                    "end": ps.session.end.isoformat(),
                    "capacity": ps.session.capacity,
                    "held": ps.held,
                    "participants": [
                        {
                            "official": p.official.full_name,
                            "official_id": p.official.pk,
                            "agency": p.agency,
                            "source": p.source,
                        }
                        for p in ps.participants
                    ],
                    "by_agency": ps.by_agency,
                }
                for ps in self.sessions
            ],
            "objective": dict(self.objective),
            "left_out": [
                {
                    "nomination": lo.nomination.pk,
                    "official": lo.nomination.official.full_name,
                    "official_id": lo.nomination.official_id,
                    "agency": lo.nomination.agency.code,
                    "item": lo.item.number,
                    "item_key": str(lo.item.key),
                    "waitlist_position": lo.waitlist_rank,
                    "reason_code": lo.code,
                    "reason": lo.reason,
                }
                for lo in self.left_out
            ],
            "moved": [n.pk for n in self.moved],
            "promoted": [n.pk for n in self.promoted],
        }


def waitlist_ranks(inputs: Inputs, result: planning.Assignment) -> dict[str, int]:
    """Each waitlisted nominee's position in his item's waitlist (1 = next in line)."""
    seen: Counter = Counter()
    ranks = {}
    for nid in result.waitlist:
        key = str(inputs.nominations[nid].item_key)
        seen[key] += 1
        ranks[nid] = seen[key]
    return ranks


def _details(inputs: Inputs, reason: planning.Reason) -> dict:
    """The solver's details with session ids replaced by session labels."""
    out = {}
    for key, value in reason.details.items():
        session = inputs.open_sessions.get(key)
        out[session_label(session) if session else key] = value
    return out


def _plan(inputs: Inputs, result: planning.Assignment, *, dry_run: bool) -> Plan:
    placed_at: dict[int, list[PlacedPerson]] = defaultdict(list)
    for pk, people in inputs.fixed.items():
        for p in people:
            source = "held" if pk not in {s.pk for s in inputs.open_sessions.values()} else "manual"
            placed_at[pk].append(PlacedPerson(p.official, p.official.agency.code, source))
    for nid, sid in result.placements.items():
        n = inputs.nominations[nid]
        placed_at[inputs.open_sessions[sid].pk].append(
            PlacedPerson(n.official, n.agency.code, "assignment", n)
        )
    open_pks = {s.pk for s in inputs.open_sessions.values()}
    sessions = []
    for s in inputs.sessions:
        people = sorted(
            placed_at.get(s.pk, []),
            key=lambda p: (
                p.agency,
                p.official.family_names,
                p.official.given_names,
                p.official.pk,
            ),
        )
        sessions.append(PlanSession(session=s, held=s.pk not in open_pks, participants=people))
    rank = waitlist_ranks(inputs, result)
    left_out = []
    for nid, reason in result.unassigned.items():
        n = inputs.nominations.get(nid)
        if n is None:
            continue
        left_out.append(
            LeftOut(
                n,
                inputs.items[str(n.item_key)],
                reason.code,
                _details(inputs, reason),
                rank.get(nid),
            )
        )
    for n in inputs.others:
        if n.pk in inputs.excluded:
            code, details = inputs.excluded[n.pk]
            left_out.append(LeftOut(n, inputs.items[str(n.item_key)], code, details, None))
    left_out.sort(
        key=lambda lo: (
            lo.item.number,
            lo.waitlist_rank is None,
            lo.waitlist_rank or 0,
            lo.nomination.order_at,
            lo.nomination.pk,
        )
    )
    return Plan(
        program=inputs.program,
        sessions=sessions,
        objective=dict(result.objective),
        left_out=left_out,
        dry_run=dry_run,
        method=result.method,
        optimal=result.optimal,
        moved=[inputs.nominations[nid] for nid in result.moved],
        promoted=[inputs.nominations[nid] for nid in result.promoted],
    )


def _apply(inputs: Inputs, result: planning.Assignment, *, actor, trigger: str) -> AssignmentRun:
    """Write ``result``: participants added and removed, nominations' session, reason and
    waitlist position, one AssignmentRun, one audit entry."""
    now = timezone.now()
    user = actor if getattr(actor, "pk", None) else None
    rank = waitlist_ranks(inputs, result)
    removed = []
    added = []
    for nid, n in inputs.nominations.items():
        new = result.placements.get(nid)
        old = inputs.current.get(nid)
        if old != new and old is not None:
            removed.append((inputs.open_sessions[old].pk, n.official_id))
        if old != new and new is not None:
            added.append((inputs.open_sessions[new].pk, n.official_id))
        n.session = inputs.open_sessions[new] if new is not None else None
        reason = result.unassigned.get(nid)
        n.outcome_code = reason.code if reason and new is None else ""
        n.outcome_details = _details(inputs, reason) if reason and new is None else {}
        n.waitlist_rank = rank.get(nid)
    for n in inputs.others:
        n.session = inputs.held_places.get(n.pk)
        code, details = inputs.excluded.get(n.pk, ("", {}))
        n.outcome_code = code
        n.outcome_details = details
        n.waitlist_rank = None
    for session_pk, official_pk in removed:
        SessionParticipant.objects.filter(session_id=session_pk, official_id=official_pk).delete()
    SessionParticipant.objects.bulk_create(
        [
            SessionParticipant(session_id=s, official_id=o, added_by=user, added_at=now)
            for s, o in added
        ],
        ignore_conflicts=True,
    )
    Nomination.objects.bulk_update(
        [*inputs.nominations.values(), *inputs.others],
        ["session", "outcome_code", "outcome_details", "waitlist_rank"],
        batch_size=500,
    )
    run = AssignmentRun.objects.create(
        program=inputs.program,
        trigger=trigger,
        run_by=user,
        run_at=now,
        method=result.method,
        optimal=result.optimal,
        objective=dict(result.objective),
    )
    record(
        actor=actor,
        action="assignment.apply",
        obj=inputs.program,
        changes={
            "trigger": [None, trigger],
            "added": [None, sorted([list(pair) for pair in added])],
            "removed": [None, sorted([list(pair) for pair in removed])],
            "assigned": [None, result.objective.get("assigned")],
            "waitlist": [None, len(result.waitlist)],
        },
    )
    return run


def run_assignment(*, actor, program, dry_run: bool = False, method: str = "auto") -> Plan:
    """Assign the program's approved nominees to its sessions not held yet, optimally (see
    ``nonprolif.planning.assignment``). When an assignment is in force it is re-planned with
    as few changes as possible (the people placed keep precedence for a seat).

    ``actor`` must hold ``training.run_assignment`` on the program (coordinators); None means
    the command line. With ``dry_run`` nothing is written.

    Side effects unless ``dry_run``, in one transaction: SessionParticipant rows added and
    removed; each approved nomination's session, left-out reason and waitlist position; one
    AssignmentRun; one audit entry ("assignment.apply"). Infeasible or over-subscribed
    programs leave nominees out with their reasons; they never raise.
    """
    if actor is not None and not actor.has_perm("training.run_assignment", program):
        raise PermissionDenied(_("You are not allowed to run the assignment."))
    with transaction.atomic():
        inputs = build_inputs(program)
        result = planning.solve(inputs.problem, current=inputs.current, method=method)
        plan = _plan(inputs, result, dry_run=dry_run)
        if not dry_run:
            plan.run = _apply(inputs, result, actor=actor, trigger=AssignmentRun.Trigger.RUN)
    return plan


def release_seat(nomination: Nomination) -> int:
    """Remove the nominee from the item's sessions not held yet (his nomination keeps the
    session it was placed in, for the record). Returns the rows removed."""
    held = held_session_ids(nomination.program)
    deleted, _rows = (
        SessionParticipant.objects.filter(
            official_id=nomination.official_id,
            session__program_id=nomination.program_id,
            session__item_key=nomination.item_key,
        )
        .exclude(session__in=held)
        .delete()
    )
    return deleted


def replan_program(
    *,
    actor,
    program,
    withdraw: Nomination | None = None,
    reason: str = "",
    seat_for: dict | None = None,
):
    """Withdraw ``withdraw`` (if given) and re-plan the program's assignment with minimal
    change: ``seat_for`` (nomination pk → session pk) gives nominees a seat they hold by
    right (a substitute the seat of the nominee he replaces). Without an assignment in force
    (no AssignmentRun yet) nothing is re-planned: the withdrawn nominee only leaves his seat.

    Side effects, in one transaction: the withdrawn nomination's status, withdrawn_by/at and
    reason, one audit entry ("nomination.withdraw"); his SessionParticipant row removed; the
    writes of an applied assignment (trigger "withdrawal"). After it, one e-mail to the
    withdrawn participant (when he held a seat) and one to each nominee promoted from the
    waitlist, each in the official's language. Returns the withdrawn nomination, or the plan.
    """
    in_force = AssignmentRun.objects.filter(program=program).exists()
    messages = []
    with transaction.atomic():
        inputs = build_inputs(program, include=withdraw) if in_force else None
        held_seat = None
        if withdraw is not None:
            held_seat = next(
                (
                    s
                    for s in Session.objects.filter(
                        program=program,
                        item_key=withdraw.item_key,
                        participants__official=withdraw.official_id,
                    )
                ),
                None,
            )
            before = withdraw.status
            withdraw.status = NominationStatus.WITHDRAWN
            withdraw.withdrawn_by = actor if getattr(actor, "pk", None) else None
            withdraw.withdrawn_at = timezone.now()
            withdraw.withdrawal_reason = reason
            withdraw.save(
                update_fields=["status", "withdrawn_by", "withdrawn_at", "withdrawal_reason"]
            )
            record(
                actor=actor,
                action="nomination.withdraw",
                obj=withdraw,
                changes={"status": [before, withdraw.status], "reason": [None, reason]},
            )
        if inputs is None:
            if withdraw is not None:
                release_seat(withdraw)
            return withdraw
        current = dict(inputs.current)
        for nomination_pk, session_pk in (seat_for or {}).items():
            nid, sid = f"n{nomination_pk}", f"s{session_pk}"
            if nid in inputs.nominations and sid in inputs.open_sessions:
                current.setdefault(nid, sid)
        gone = _nid(withdraw) if withdraw is not None else None
        if gone in inputs.nominations:
            result = planning.replan(inputs.problem, current, withdrawn=[gone])
        else:
            if withdraw is not None:
                release_seat(withdraw)
            result = planning.solve(inputs.problem, current=current)
        plan = _plan(inputs, result, dry_run=False)
        plan.run = _apply(inputs, result, actor=actor, trigger=AssignmentRun.Trigger.WITHDRAWAL)
        if gone in inputs.nominations:
            withdrawn = inputs.nominations[gone]
            withdrawn.outcome_code = planning.WITHDRAWN
            Nomination.objects.filter(pk=withdrawn.pk).update(
                outcome_code=planning.WITHDRAWN, session=None, waitlist_rank=None
            )
        if withdraw is not None and held_seat is not None:
            messages.append(_withdrawn_message(withdraw, held_seat))
        for n in plan.promoted:
            if n.session is not None and (withdraw is None or n.pk != withdraw.pk):
                messages.append(_promoted_message(n, n.session))
    _send([m for m in messages if m is not None])
    return withdraw if withdraw is not None else plan


# --------------------------------------------------------------------------- e-mail


def _language(official) -> str:
    return official.language or "es-mx"


def _when(session: Session) -> str:
    return f"{session.start.isoformat()} / {session.end.isoformat()}"


def _seat_message(
    nomination: Nomination, session: Session, subject: str, body: str
) -> EmailMessage | None:
    """The e-mail telling the nominee about his place in ``session``, in his language;
    ``subject`` and ``body`` are source strings (gettext_noop). None without an address."""
    official = nomination.official
    if not official.email:
        return None
    with translation.override(_language(official)):
        values = {
            "name": official.full_name,
            "session": session.title,
            "audience": session.audience_label,
            "when": _when(session),
        }
        subject = _(subject) % values
        body = _(body) % values
    return EmailMessage(subject=subject, body=body, to=[official.email])


def _withdrawn_message(nomination: Nomination, session: Session) -> EmailMessage | None:
    return _seat_message(
        nomination,
        session,
        gettext_noop("Your place in %(session)s has been released"),
        gettext_noop(
            "Dear %(name)s,\n\nYour nomination for %(session)s (%(audience)s, %(when)s) has "
            "been withdrawn and your place has been given to the next person on the waitlist.\n"
        ),
    )


def _promoted_message(nomination: Nomination, session: Session) -> EmailMessage | None:
    return _seat_message(
        nomination,
        session,
        gettext_noop("You have a place in %(session)s"),
        gettext_noop(
            "Dear %(name)s,\n\nA place has become free and you have been placed in "
            "%(session)s (%(audience)s, %(when)s).\n"
        ),
    )


def _send(messages: list[EmailMessage]) -> None:
    if messages:
        get_connection().send_messages(messages)
