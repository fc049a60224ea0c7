"""The assignment of approved nominees to the sessions of their items: the database side of
``nonprolif.planning.assignment``.

:func:`run_assignment` builds the problem (:mod:`.problem`), solves it (as a re-plan with
minimal change when an assignment is in force) and, unless it is a dry run, applies it:
SessionParticipant rows added and removed, each nomination's session, reason and waitlist
position stored, one AssignmentRun. :func:`replan_program` re-plans after a withdrawal or a
substitution and tells the people concerned by e-mail (:mod:`.emails`). What comes back is a
:class:`~.plan.Plan`; the reasons people are left out are told by :mod:`.reasons`.
"""

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import nonprolif.training.nominations.rules  # noqa: F401 (registers the permissions)
from nonprolif.core.domain.audit import record
from nonprolif.core.models import User
from nonprolif.planning import assignment as planning
from nonprolif.program.models import Program
from nonprolif.training.models import Session, SessionParticipant
from nonprolif.training.models.nomination import AssignmentRun, Nomination, NominationStatus
from nonprolif.training.nominations.domain.emails import (
    promoted_message,
    send,
    withdrawn_message,
)
from nonprolif.training.nominations.domain.plan import (
    Plan,
    build_plan,
    labelled_details,
    waitlist_ranks,
)
from nonprolif.training.nominations.domain.problem import (
    Inputs,
    build_inputs,
    held_session_ids,
    planning_nominee_id,
)


def _apply(
    inputs: Inputs, result: planning.Assignment, *, actor: User | None, trigger: str
) -> AssignmentRun:
    """Write ``result``: participants added and removed, nominations' session, reason and
    waitlist position, one AssignmentRun, one audit entry."""
    now = timezone.now()
    user = actor if getattr(actor, "pk", None) else None
    rank = waitlist_ranks(inputs, result)
    removed: list[tuple[int, int]] = []
    added: list[tuple[int, int]] = []
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
        n.outcome_details = labelled_details(inputs, reason) if reason and new is None else {}
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


def run_assignment(
    *, actor: User | None, program: Program, dry_run: bool = False, method: str = "auto"
) -> Plan:
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
        plan = build_plan(inputs, result, dry_run=dry_run)
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
    actor: User | None,
    program: Program,
    withdraw: Nomination | None = None,
    reason: str = "",
    seat_for: Mapping[int, int] | None = None,
) -> Nomination | Plan | None:
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
        gone = planning_nominee_id(withdraw) if withdraw is not None else None
        if gone in inputs.nominations:
            result = planning.replan(inputs.problem, current, withdrawn=[gone])
        else:
            if withdraw is not None:
                release_seat(withdraw)
            result = planning.solve(inputs.problem, current=current)
        plan = build_plan(inputs, result, dry_run=False)
        plan.run = _apply(inputs, result, actor=actor, trigger=AssignmentRun.Trigger.WITHDRAWAL)
        if gone in inputs.nominations:
            withdrawn = inputs.nominations[gone]
            withdrawn.outcome_code = planning.WITHDRAWN
            Nomination.objects.filter(pk=withdrawn.pk).update(
                outcome_code=planning.WITHDRAWN, session=None, waitlist_rank=None
            )
        if withdraw is not None and held_seat is not None:
            messages.append(withdrawn_message(withdraw, held_seat))
        for n in plan.promoted:
            if n.session is not None and (withdraw is None or n.pk != withdraw.pk):
                messages.append(promoted_message(n, n.session))
    send([m for m in messages if m is not None])
    return withdraw if withdraw is not None else plan
